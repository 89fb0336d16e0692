import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setupDb, type TestWorld } from '../testing/fixtures';
import { auditMacKey, recordAuditEvent, verifyAuditChain } from '.';
import { chainExtent, joinRanges, splitChain, verifyChainInSlices, verifySharedRanges } from './chain';

let w: TestWorld;
const EVENTS = 30;
beforeEach(async () => {
	w = await setupDb();
	for (let i = 1; i <= EVENTS; i++) recordAuditEvent(w.db, { type: 'login.success', actorEmail: `u${i}@test.example`, details: { n: i, text: 'a"b\\c\n' } });
	w.db.$client.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
});
afterEach(() => w.cleanup());

/** What someone with the database file can do to the chain. */
const tampering = fc.oneof(
	fc.record({ kind: fc.constant('alter' as const), id: fc.integer({ min: 1, max: EVENTS }), value: fc.string() }),
	fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: EVENTS }) }),
	fc.record({ kind: fc.constant('relink' as const), id: fc.integer({ min: 1, max: EVENTS }) }),
	fc.record({ kind: fc.constant('rehash' as const), id: fc.integer({ min: 1, max: EVENTS }) }),
	fc.record({ kind: fc.constant('outside' as const), id: fc.constantFrom(0, -5, EVENTS + 3) })
);

describe('audit chain checked in ranges', () => {
	it('reports exactly what the check of the whole chain reports, for any tampering and any range size, in threads or slices', async () => {
		const snapshot = w.db.$client.prepare('SELECT * FROM audit_event ORDER BY id').all() as Record<string, unknown>[];
		await fc.assert(
			fc.asyncProperty(fc.array(tampering, { maxLength: 3 }), fc.integer({ min: 1, max: EVENTS + 2 }), async (changes, size) => {
				w.db.$client.exec('DELETE FROM audit_event');
				const insert = w.db.$client.prepare('INSERT INTO audit_event VALUES (@id, @at, @type, @actor_id, @actor_email, @subject_type, @subject_id, @ip, @details, @prev_hash, @hash)');
				for (const row of snapshot) insert.run(row);
				w.db.$client.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_event'`).run(EVENTS);
				for (const c of changes) {
					if (c.kind === 'alter') w.db.$client.prepare('UPDATE audit_event SET actor_email = ? WHERE id = ?').run(c.value, c.id);
					if (c.kind === 'delete') w.db.$client.prepare('DELETE FROM audit_event WHERE id = ?').run(c.id);
					if (c.kind === 'relink') w.db.$client.prepare(`UPDATE audit_event SET prev_hash = ? WHERE id = ?`).run('b'.repeat(64), c.id);
					if (c.kind === 'rehash') w.db.$client.prepare(`UPDATE audit_event SET hash = ? WHERE id = ?`).run('c'.repeat(64), c.id);
					if (c.kind === 'outside') w.db.$client.prepare('INSERT OR IGNORE INTO audit_event SELECT ?, at, type, actor_id, actor_email, subject_type, subject_id, ip, details, prev_hash, hash FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)').run(c.id);
				}
				const whole = verifyAuditChain(w.db);
				const extent = chainExtent(w.db.$client);
				const ranges = splitChain(extent, size);
				const next = new Int32Array(new SharedArrayBuffer(4));
				const checks = verifySharedRanges(w.db.$client, { key: auditMacKey(), legacyUntil: 0, ranges, next });
				const joined = joinRanges(w.db.$client, checks.sort((a, b) => a.index - b.index).map((c) => c.check), [], extent);
				expect(joined).toEqual(whole);
				expect(await verifyChainInSlices(w.db.$client, { key: auditMacKey(), legacyUntil: 0 }, size)).toEqual(whole);
				expect(whole.ok).toBe(changes.length === 0);
			}),
			{ numRuns: 150 }
		);
	});

	it('does not take events appended during the check for removed ones', async () => {
		const extent = chainExtent(w.db.$client);
		const checks = splitChain(extent, 7).map((r) => verifySharedRanges(w.db.$client, { key: auditMacKey(), legacyUntil: 0, ranges: [r], next: new Int32Array(new SharedArrayBuffer(4)) })[0].check);
		recordAuditEvent(w.db, { type: 'login.success', actorEmail: 'late@test.example' });
		expect(joinRanges(w.db.$client, checks, [], extent)).toMatchObject({ ok: true, count: EVENTS });
	});

	it('hands every range to exactly one thread through the shared counter', () => {
		const ranges = splitChain(chainExtent(w.db.$client), 4);
		expect(ranges).toHaveLength(Math.ceil(EVENTS / 4));
		const next = new Int32Array(new SharedArrayBuffer(4));
		const opts = { key: auditMacKey(), legacyUntil: 0, ranges, next };
		const first = verifySharedRanges(w.db.$client, opts);
		expect(first.map((c) => c.index)).toEqual(ranges.map((_, i) => i));
		expect(verifySharedRanges(w.db.$client, opts)).toEqual([]);
		expect(first.reduce((n, c) => n + c.check.count, 0)).toBe(EVENTS);
	});
});
