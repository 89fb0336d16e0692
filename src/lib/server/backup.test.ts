import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from './testing/fixtures';
import { dumpRows } from './testing/dump';
import { openKeyStore, readPersonKeys, type KeysDb } from './keystore';
import { getAppKey } from './keys';
import { registerCase } from './cases';
import { recordAuditEvent } from './audit';
import { anchorAuditHead, verifyAnchoredChain } from './audit/anchor';
import { BackupError, checkBackup, createBackup, findBackup, restoreBackup, runningServer } from './backup';
import { openDatabase } from './db';

let w: TestWorld;
let keys: KeysDb;
let dataDir: string;
let scratch: string;
const keystoreKey = crypto.randomBytes(32);
const migrations = { migrationsDir: path.resolve('drizzle'), keysMigrationsDir: path.resolve('drizzle-keys') };

function aCase(n: number) {
	return registerCase(w.db, keys, w.member, { label: `Meldung ${n}`, persons: [{ role: 'child', name: `Kind Nummer${n}`, birthDate: '', address: '' }] }, META);
}

beforeEach(async () => {
	w = await setupDb();
	dataDir = path.dirname(w.db.$client.name);
	keys = openKeyStore(path.join(dataDir, 'keys.db'), migrations.keysMigrationsDir, keystoreKey);
	for (let i = 0; i < 3; i++) aCase(i);
	anchorAuditHead(w.db, keys);
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-backup-'));
});
afterEach(() => {
	if (keys.$client.open) keys.$client.close();
	w.cleanup();
	fs.rmSync(scratch, { recursive: true, force: true });
});

const opts = () => ({ appKey: getAppKey(), keystoreKey, ...migrations });

/** Every file of a folder with its hash: "nothing changed" for a refused restore. */
function snapshot(dir: string): Record<string, string> {
	if (!fs.existsSync(dir)) return {};
	return Object.fromEntries(
		fs
			.readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => {
				const file = path.join(e.parentPath, e.name);
				return [path.relative(dir, file), crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')];
			})
	);
}

describe('backup and restore', () => {
	it('takes a consistent backup while cases are registered, and restores it into a fresh folder', async () => {
		// Write load on the same database while the backup API copies it page by page.
		let writes = 0;
		const load = setInterval(() => {
			aCase(100 + writes++);
		}, 1);
		const result = await createBackup(dataDir, scratch, getAppKey());
		clearInterval(load);
		expect(result.files.map((f) => f.name)).toEqual(['app.db', 'keys.db']);
		expect(result.auditHead).toMatch(/^\d+:[0-9a-f]{64}:[0-9a-f]{64}$/);
		expect(fs.statSync(path.join(result.dir, 'app.db')).mode & 0o777).toBe(0o600);

		const check = checkBackup(findBackup(scratch), opts());
		expect(check.persons).toBeGreaterThanOrEqual(3);

		const target = path.join(scratch, 'restored');
		const restored = restoreBackup(result.dir, target, opts());
		expect(restored.movedAside).toBeNull();
		const db = openDatabase(path.join(target, 'app.db'), migrations.migrationsDir);
		const store = openKeyStore(path.join(target, 'keys.db'), migrations.keysMigrationsDir, keystoreKey);
		try {
			// The same rows as the backup, plus the record of the restore.
			const backupDb = openDatabase(path.join(result.dir, 'app.db'), migrations.migrationsDir);
			const before = dumpRows(backupDb.$client);
			backupDb.$client.close();
			const after = dumpRows(db.$client);
			expect(after.case_person).toEqual(before.case_person);
			expect(after.audit_event.length).toBe(before.audit_event.length + 1);
			expect(db.$client.prepare(`SELECT type FROM audit_event ORDER BY id DESC LIMIT 1`).get()).toEqual({ type: 'system.restored' });
			// Names open with the key, and the chain holds its new anchor.
			const ids = (before.case_person as { id: number }[]).map((p) => p.id);
			expect(readPersonKeys(store, ids).size).toBe(ids.length);
			expect(verifyAnchoredChain(db, store)).toMatchObject({ ok: true, problems: [] });
		} finally {
			db.$client.close();
			store.$client.close();
		}
	});

	it('moves the databases it replaces aside instead of deleting them', async () => {
		const backup = await createBackup(dataDir, scratch, getAppKey());
		const target = path.join(scratch, 'live');
		restoreBackup(backup.dir, target, opts());
		const first = snapshot(target);
		const again = restoreBackup(backup.dir, target, opts());
		expect(again.movedAside).toMatch(/replaced-/);
		const aside = snapshot(again.movedAside!);
		expect(aside['app.db']).toBe(first['app.db']);
		expect(aside['keys.db']).toBe(first['keys.db']);
	});

	describe('refuses, and changes nothing', () => {
		let backupDir: string;
		let target: string;
		beforeEach(async () => {
			backupDir = (await createBackup(dataDir, scratch, getAppKey())).dir;
			target = path.join(scratch, 'target');
			restoreBackup(backupDir, target, opts());
			recordAuditEvent(w.db, { type: 'logout' });
		});

		function refused(fn: () => unknown, message: RegExp) {
			const before = snapshot(target);
			let error: unknown;
			try {
				fn();
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(BackupError);
			expect((error as Error).message).toMatch(message);
			expect(snapshot(target)).toEqual(before);
		}

		it('while a server runs on the data folder', () => {
			fs.writeFileSync(path.join(target, 'server.pid'), String(process.ppid));
			expect(runningServer(target)).toBe(process.ppid);
			refused(() => restoreBackup(backupDir, target, opts()), /läuft ein Server/);
			// A pid file left by a killed server does not block.
			fs.writeFileSync(path.join(target, 'server.pid'), '999999999');
			expect(runningServer(target)).toBeNull();
		});

		it('a copy whose checksum does not fit the manifest', () => {
			const file = path.join(backupDir, 'keys.db');
			fs.appendFileSync(file, Buffer.alloc(16));
			refused(() => restoreBackup(backupDir, target, opts()), /Prüfsumme/);
		});

		it('with a key-store key that does not fit', () => {
			refused(() => restoreBackup(backupDir, target, { ...opts(), keystoreKey: crypto.randomBytes(32) }), /Schlüsselspeichers/);
		});

		it('a keys.db from another run that lacks persons', async () => {
			aCase(999);
			const newer = (await createBackup(dataDir, path.join(scratch, 'newer'), getAppKey())).dir;
			fs.copyFileSync(path.join(backupDir, 'keys.db'), path.join(newer, 'keys.db'));
			fs.rmSync(path.join(newer, 'manifest.json'));
			refused(() => restoreBackup(newer, target, opts()), /fehlen die Schlüsseldaten von 1 Fallpersonen/);
		});

		it('an audit chain that does not hold the backup head', () => {
			const file = path.join(backupDir, 'app.db');
			const db = openDatabase(file, migrations.migrationsDir);
			db.$client.exec(`DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)`);
			db.$client.close();
			fs.rmSync(path.join(backupDir, 'manifest.json'));
			refused(() => restoreBackup(backupDir, target, opts()), /Audit-Kette/);
		});

		it('a folder without a backup', () => {
			expect(() => findBackup(path.join(scratch, 'nothing'))).toThrow(BackupError);
		});
	});
});
