import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, type TestWorld } from '../testing/fixtures';
import { listAuditEvents, recordAuditEvent, verifyAuditChain } from '.';
import { ForbiddenError } from '../errors';

let w: TestWorld;
beforeEach(async () => {
	w = await setupDb();
	for (let i = 1; i <= 5; i++) {
		recordAuditEvent(w.db, { type: 'login.success', actorId: w.member.id, actorEmail: w.member.email, ip: '192.0.2.1', details: { n: i } });
	}
});
afterEach(() => w.cleanup());

/** What an attacker with the database file can do: the triggers are no obstacle to them. */
function tamper(sql: string) {
	w.db.$client.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
	w.db.$client.exec(sql);
}

describe('audit hash chain', () => {
	it('links every event to its predecessor and verifies', () => {
		const rows = w.db.$client.prepare('SELECT id, prev_hash, hash FROM audit_event ORDER BY id').all() as { id: number; prev_hash: string; hash: string }[];
		expect(rows[0].prev_hash).toBe('0'.repeat(64));
		for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
		expect(verifyAuditChain(w.db)).toMatchObject({ ok: true, count: 5, problems: [], head: { eventId: 5, hash: rows[4].hash } });
	});

	it('is append-only inside the application (triggers)', () => {
		expect(() => w.db.$client.exec(`UPDATE audit_event SET type = 'x' WHERE id = 2`)).toThrow(/append-only/);
		expect(() => w.db.$client.exec(`DELETE FROM audit_event WHERE id = 2`)).toThrow(/append-only/);
	});

	it('detects an edited row', () => {
		tamper(`UPDATE audit_event SET actor_email = 'someone@else.example' WHERE id = 3`);
		const report = verifyAuditChain(w.db);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/event 3: content does not match/);
	});

	it('detects an edited row whose hash was recomputed (the next link breaks)', () => {
		tamper(`UPDATE audit_event SET details = '{"n":99}', hash = '${'a'.repeat(64)}' WHERE id = 3`);
		const report = verifyAuditChain(w.db);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/event 4: does not point at the hash of its predecessor/);
	});

	it('detects a deleted row in the middle', () => {
		tamper(`DELETE FROM audit_event WHERE id = 2`);
		const report = verifyAuditChain(w.db);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/event 3: 1 event\(s\) before it are missing/);
	});

	it('detects removal of the newest rows', () => {
		tamper(`DELETE FROM audit_event WHERE id >= 4`);
		const report = verifyAuditChain(w.db);
		expect(report.ok).toBe(false);
		expect(report.problems.join()).toMatch(/last 2 event\(s\) were removed/);
	});

	it('lists and filters events for admins only', () => {
		recordAuditEvent(w.db, { type: 'logout', actorId: w.admin.id, actorEmail: w.admin.email });
		expect(listAuditEvents(w.db, w.admin, { type: 'logout' }).events).toHaveLength(1);
		expect(listAuditEvents(w.db, w.admin, { actor: 'ASD@' }).events).toHaveLength(5);
		expect(listAuditEvents(w.db, w.admin, {}).events[0].type).toBe('logout');
		for (const actor of [w.coordinator, w.member, w.police]) {
			expect(() => listAuditEvents(w.db, actor)).toThrow(ForbiddenError);
		}
	});
});
