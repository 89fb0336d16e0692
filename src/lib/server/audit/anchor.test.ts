import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setupDb, type TestWorld } from '../testing/fixtures';
import { openTestKeysDb, type KeysDb } from '../keystore';
import { GENESIS_HASH, auditMacKey, legacyHashEvent, recordAuditEvent } from '.';
import { anchorAuditHead, formatHead, parseHead, readAnchor, verifyAnchoredChain } from './anchor';

let w: TestWorld;
let keys: KeysDb & { cleanup(): void };
beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	for (let i = 1; i <= 6; i++) recordAuditEvent(w.db, { type: 'login.success', actorId: w.member.id, actorEmail: w.member.email, details: { n: i } });
	expect(anchorAuditHead(w.db, keys).status).toBe('anchored');
});
afterEach(() => {
	w.cleanup();
	keys.cleanup();
});

/** What an attacker with write access to app.db can do; the triggers are no obstacle to them. */
function tamper(sql: string) {
	w.db.$client.exec('DROP TRIGGER IF EXISTS audit_event_no_update; DROP TRIGGER IF EXISTS audit_event_no_delete;');
	w.db.$client.exec(sql);
}

type Row = { id: number; at: number; type: string; actor_id: number | null; actor_email: string | null; subject_type: string | null; subject_id: string | null; ip: string | null; details: string; prev_hash: string; hash: string };

/** Rewrites the chain from `fromId` on with a hash function of the attacker's choice. */
function rechain(fromId: number, hash: (row: Parameters<typeof legacyHashEvent>[0]) => string) {
	tamper('');
	const rows = w.db.$client.prepare('SELECT * FROM audit_event ORDER BY id').all() as Row[];
	let prev = GENESIS_HASH;
	const update = w.db.$client.prepare('UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?');
	for (const r of rows) {
		if (r.id >= fromId) {
			const row = { id: r.id, at: new Date(r.at), type: r.type, actorId: r.actor_id, actorEmail: r.actor_email, subjectType: r.subject_type, subjectId: r.subject_id, ip: r.ip, details: r.details, prevHash: prev };
			const h = hash(row);
			update.run(prev, h, r.id);
			prev = h;
		} else {
			prev = r.hash;
		}
	}
}

describe('the anchored audit chain', () => {
	it('verifies an intact chain against its anchor', () => {
		const report = verifyAnchoredChain(w.db, keys);
		expect(report).toMatchObject({ ok: true, count: 6, problems: [] });
		expect(readAnchor(keys)).toMatchObject({ eventId: 6, valid: true, legacyUntil: 0 });
	});

	it('detects the newest events cut off, even with sqlite_sequence lowered', () => {
		tamper(`DELETE FROM audit_event WHERE id >= 5; UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_event';`);
		const report = verifyAnchoredChain(w.db, keys);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/event 6, recorded in keys\.db \(audit_anchor\), is missing/);
		// The anchor does not follow the shortened chain.
		expect(anchorAuditHead(w.db, keys).status).toBe('mismatch');
		expect(readAnchor(keys)?.eventId).toBe(6);
	});

	it('detects an edit with every later hash recomputed without the key (plain SHA-256)', () => {
		tamper(`UPDATE audit_event SET actor_email = 'someone@else.example' WHERE id = 3`);
		rechain(3, legacyHashEvent);
		const report = verifyAnchoredChain(w.db, keys);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/event 3: content does not match its hash/);
		expect(report.problems.join()).toMatch(/event 6: differs from the head recorded in keys\.db/);
	});

	it('detects a chain recomputed with another key, and events appended after it', () => {
		const other = crypto.randomBytes(32);
		rechain(1, (row) => crypto.createHmac('sha256', other).update(JSON.stringify(row)).digest('hex'));
		expect(verifyAnchoredChain(w.db, keys).ok).toBe(false);
	});

	it('detects reordered rows', () => {
		tamper(`UPDATE audit_event SET details = CASE id WHEN 2 THEN '{"n":3}' WHEN 3 THEN '{"n":2}' END WHERE id IN (2, 3)`);
		expect(verifyAnchoredChain(w.db, keys).problems.join()).toMatch(/event 2: content does not match/);
	});

	it('reports a removed or altered anchor', () => {
		keys.$client.exec(`UPDATE audit_anchor SET event_id = 4`);
		expect(verifyAnchoredChain(w.db, keys).problems.join()).toMatch(/anchor in keys\.db does not fit its MAC/);
		keys.$client.exec(`DELETE FROM audit_anchor`);
		expect(verifyAnchoredChain(w.db, keys).problems.join()).toMatch(/holds no anchor/);
	});

	it('moves the anchor forward with new events', () => {
		recordAuditEvent(w.db, { type: 'logout', actorId: w.member.id });
		expect(anchorAuditHead(w.db, keys).status).toBe('anchored');
		expect(readAnchor(keys)?.eventId).toBe(7);
		expect(anchorAuditHead(w.db, keys).status).toBe('unchanged');
		expect(verifyAnchoredChain(w.db, keys).ok).toBe(true);
	});

	it('checks heads from the daily log line or a backup, and refuses forged ones', () => {
		const line = formatHead({ eventId: 6, hash: readAnchor(keys)!.hash });
		const head = parseHead(line)!;
		expect(head.eventId).toBe(6);
		expect(parseHead(line.replace(/:(\w+)$/, ':' + 'f'.repeat(64)))).toBeNull();
		expect(parseHead('6:abc')).toBeNull();
		keys.$client.exec(`DELETE FROM audit_anchor`);
		tamper(`DELETE FROM audit_event WHERE id = 6; UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit_event';`);
		expect(verifyAnchoredChain(w.db, null, [{ source: 'log', head }]).problems.join()).toMatch(/event 6, recorded in log, is missing/);
	});

	it('never accepts malformed heads (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const head = parseHead(text);
				// Only the exact shape with a fitting MAC passes; random text never does.
				expect(head).toBeNull();
			}),
			{ numRuns: 300, seed: 11 }
		);
	});
});

describe('a chain from before the key (upgrade)', () => {
	it('accepts the unkeyed prefix recorded at the first anchor, and nothing unkeyed after it', () => {
		keys.$client.exec(`DELETE FROM audit_anchor`);
		rechain(1, legacyHashEvent);
		expect(verifyAnchoredChain(w.db, null).ok).toBe(false);
		expect(anchorAuditHead(w.db, keys).status).toBe('anchored');
		expect(readAnchor(keys)?.legacyUntil).toBe(6);
		recordAuditEvent(w.db, { type: 'logout' });
		anchorAuditHead(w.db, keys);
		expect(verifyAnchoredChain(w.db, keys)).toMatchObject({ ok: true, count: 7 });
		// An unkeyed rewrite of an event after the prefix is refused.
		tamper(`UPDATE audit_event SET type = 'login.failure' WHERE id = 7`);
		rechain(7, legacyHashEvent);
		expect(verifyAnchoredChain(w.db, keys).ok).toBe(false);
	});

	it('derives the chain key from the app key, not from anything in DATA_DIR', () => {
		const a = auditMacKey(Buffer.alloc(32, 1));
		expect(a).toHaveLength(32);
		expect(auditMacKey(Buffer.alloc(32, 2)).equals(a)).toBe(false);
	});
});
