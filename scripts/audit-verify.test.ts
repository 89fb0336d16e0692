import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import crypto from 'node:crypto';
import { recordAuditEvent } from '../src/lib/server/audit';
import { anchorAuditHead, formatHead } from '../src/lib/server/audit/anchor';
import { openKeyStore } from '../src/lib/server/keystore';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dataDirWithEvents(n: number): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-audit-cli-'));
	dirs.push(dir);
	const db = openDatabase(path.join(dir, 'app.db'), path.resolve('drizzle'));
	for (let i = 0; i < n; i++) recordAuditEvent(db, { type: 'login.success', actorEmail: `u${i}@test.example` });
	// As the server does at start and every minute: the head is anchored in keys.db.
	const keys = openKeyStore(path.join(dir, 'keys.db'), path.resolve('drizzle-keys'), crypto.randomBytes(32));
	anchorAuditHead(db, keys);
	keys.$client.close();
	db.$client.close();
	return dir;
}

/** A data folder whose chain was then changed behind the app's back (the triggers are no obstacle to an attacker). */
function tamperedDataDir(events: number, sql: string): string {
	const dir = dataDirWithEvents(events);
	const db = openDatabase(path.join(dir, 'app.db'), path.resolve('drizzle'));
	db.$client.exec(`DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; ${sql}`);
	db.$client.close();
	return dir;
}

function run(dataDir: string, ...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
}

describe('npm run audit:verify', () => {
	it('exits 0 for an intact chain', () => {
		const result = run(dataDirWithEvents(3));
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Audit-Kette intakt: 3 Ereignisse');
	});

	it('exits 1 and names the event when a row was altered or removed', () => {
		const dir = tamperedDataDir(4, `UPDATE audit_event SET actor_email = 'x@test.example' WHERE id = 2; DELETE FROM audit_event WHERE id = 3;`);
		const result = run(dir);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('event 2: content does not match its hash');
		expect(result.stderr).toContain('event 4: 1 event(s) before it are missing');
	});

	it('exits 1 when the newest events were cut off, although the ids have no gap', () => {
		const dir = dataDirWithEvents(5);
		const db = openDatabase(path.join(dir, 'app.db'), path.resolve('drizzle'));
		const head = db.$client.prepare('SELECT id, hash FROM audit_event WHERE id = 5').get() as { id: number; hash: string };
		db.$client.exec(`DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id >= 4; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_event';`);
		db.$client.close();
		const result = run(dir);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('event 5, recorded in keys.db (audit_anchor), is missing');
		// The same with the anchor gone too, caught by the head of the daily log line.
		fs.rmSync(path.join(dir, 'keys.db'));
		const line = formatHead({ eventId: head.id, hash: head.hash });
		const withHead = run(dir, '--head', line);
		expect(withHead.status).toBe(1);
		expect(withHead.stderr).toContain('event 5, recorded in --head 5, is missing');
		// A forged MAC: the last hex digit changed (to another one, whatever it was).
		expect(run(dir, '--head', line.slice(0, -1) + (line.endsWith('0') ? '1' : '0')).status).toBe(2);
	});

	it('finds the same problems when the chain is checked in ranges by several threads', () => {
		// At range boundaries (ranges of 3: 1-3, 4-6, ...): an altered first event and a removed one.
		const dir = tamperedDataDir(12, `UPDATE audit_event SET actor_email = 'x@test.example' WHERE id = 4; DELETE FROM audit_event WHERE id = 7;`);
		const whole = run(dir);
		const split = run(dir, '--range-size', '3');
		expect(split.status).toBe(1);
		expect(split.stderr).toContain('event 4: content does not match its hash');
		expect(split.stderr).toContain('event 8: 1 event(s) before it are missing');
		expect(split.stderr).toContain('event 8: does not point at the hash of its predecessor');
		expect(split.stderr).toBe(whole.stderr);
		expect(run(dataDirWithEvents(10), '--range-size', '2')).toMatchObject({ status: 0, stdout: expect.stringContaining('10 Ereignisse') });
	});

	it('exits 2 when there is no database', () => {
		expect(run(path.join(os.tmpdir(), 'fk-does-not-exist')).status).toBe(2);
	});
});
