/**
 * Backups and restore of DATA_DIR (app.db and keys.db). The key files in KEY_DIR are never part of
 * a backup: they are backed up separately and kept apart (README, "Backups and restore").
 *
 * A backup is a folder `fallkonferenz-<time>/` with consistent online copies (SQLite backup API,
 * safe while the server runs), `audit-head.txt` (the newest audit event of the copy, MACed) and
 * `manifest.json` (sizes and SHA-256 of the files). app.db is copied before keys.db: a person
 * registered during the backup then has a key row in the copy (an orphan at worst, which the
 * retention job removes), never a person without one.
 *
 * A restore checks everything before it touches DATA_DIR: no server running on it, integrity and
 * foreign keys of both copies, the manifest, that the app key and the key-store key in KEY_DIR
 * open the copies, that every case person has its key row, and the audit chain against the
 * backup's head. Existing files are moved aside, never deleted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openDatabase, schema, type Db } from './db';
import { decrypt } from './crypto';
import { auditMacKey, recordAuditEvent, verifyAuditChain } from './audit';
import { anchorAuditHead, formatHead, parseHead, readAnchor } from './audit/anchor';
import { newestEvent } from './audit/chain';
import { keyFitsStore, openKeyStore } from './keystore';

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

const DB_FILES = ['app.db', 'keys.db'] as const;
export const PID_FILE = 'server.pid';

function stampOf(now: Date): string {
	return now.toISOString().replace(/[:.]/g, '-');
}

function sha256File(file: string): string {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function readOnly(file: string): Database.Database {
	return new Database(file, { readonly: true, fileMustExist: true });
}

function asDb(client: Database.Database): Db {
	return drizzle(client, { schema }) as Db;
}

export interface BackupResult {
	dir: string;
	files: { name: string; bytes: number; sha256: string }[];
	auditHead: string | null;
}

/** `appKey` null: no head is written (a backup without KEY_DIR access still copies the data). */
export async function createBackup(dataDir: string, targetRoot: string, appKey: Buffer | null, now = new Date()): Promise<BackupResult> {
	if (!fs.existsSync(path.join(dataDir, 'app.db'))) throw new BackupError(`Keine Datenbank in ${dataDir} gefunden (DATA_DIR prüfen).`);
	fs.mkdirSync(targetRoot, { recursive: true, mode: 0o700 });
	const dir = path.join(targetRoot, `fallkonferenz-${stampOf(now)}`);
	fs.mkdirSync(dir, { mode: 0o700 });
	const files: BackupResult['files'] = [];
	for (const name of DB_FILES) {
		const source = path.join(dataDir, name);
		if (!fs.existsSync(source)) continue;
		const dest = path.join(dir, name);
		const db = readOnly(source);
		try {
			await db.backup(dest);
		} finally {
			db.close();
		}
		fs.chmodSync(dest, 0o600);
		files.push({ name, bytes: fs.statSync(dest).size, sha256: sha256File(dest) });
	}
	let auditHead: string | null = null;
	if (appKey) {
		const copy = readOnly(path.join(dir, 'app.db'));
		const head = newestEvent(copy);
		copy.close();
		if (head) {
			auditHead = formatHead(head, auditMacKey(appKey));
			fs.writeFileSync(path.join(dir, 'audit-head.txt'), auditHead + '\n', { mode: 0o600 });
		}
	}
	fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 1, createdAt: now.toISOString(), files, auditHead }, null, 2) + '\n', { mode: 0o600 });
	return { dir, files, auditHead };
}

/** The backup folder itself, or the newest `fallkonferenz-*` folder inside `dir`. */
export function findBackup(dir: string): string {
	if (fs.existsSync(path.join(dir, 'app.db'))) return dir;
	const candidates = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((n) => n.startsWith('fallkonferenz-') && fs.existsSync(path.join(dir, n, 'app.db')))
				.sort()
		: [];
	if (!candidates.length) throw new BackupError(`In ${dir} liegt keine Sicherung (app.db oder fallkonferenz-*/app.db).`);
	return path.join(dir, candidates[candidates.length - 1]);
}

/** The pid of a live server on this DATA_DIR, or null (a stale pid file after a crash is ignored). */
export function runningServer(dataDir: string): number | null {
	const file = path.join(dataDir, PID_FILE);
	if (!fs.existsSync(file)) return null;
	const pid = Number(fs.readFileSync(file, 'utf8').trim());
	if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
	try {
		process.kill(pid, 0);
		return pid;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
	}
}

/** Written by the server at start, removed at exit; restore refuses while the process lives. */
export function writePidFile(dataDir: string): void {
	const file = path.join(dataDir, PID_FILE);
	fs.writeFileSync(file, String(process.pid) + '\n', { mode: 0o600 });
	process.once('exit', () => {
		try {
			if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
		} catch {
			// already gone
		}
	});
}

function checkIntegrity(client: Database.Database, name: string, problems: string[]): void {
	const integrity = client.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') problems.push(`${name}: integrity_check meldet „${String(integrity)}“`);
	const fk = client.pragma('foreign_key_check') as unknown[];
	if (fk.length) problems.push(`${name}: ${fk.length} verletzte Fremdschlüssel`);
}

export interface BackupCheck {
	dir: string;
	events: number;
	persons: number;
	head: string | null;
}

/** Everything a restore needs to be sure of, read-only. Throws a BackupError listing every problem. */
export function checkBackup(dir: string, keys: { appKey: Buffer; keystoreKey: Buffer }): BackupCheck {
	const problems: string[] = [];
	const manifestFile = path.join(dir, 'manifest.json');
	const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: BackupResult['files']; auditHead: string | null }) : null;
	for (const f of manifest?.files ?? []) {
		const file = path.join(dir, f.name);
		if (!fs.existsSync(file)) problems.push(`${f.name} fehlt in der Sicherung`);
		else if (sha256File(file) !== f.sha256) problems.push(`${f.name}: Prüfsumme weicht vom Manifest ab (beschädigt oder verändert)`);
	}
	const appFile = path.join(dir, 'app.db');
	const keysFile = path.join(dir, 'keys.db');
	if (!fs.existsSync(keysFile)) problems.push('keys.db fehlt in der Sicherung');
	if (problems.length) throw new BackupError(problems.join('\n'));

	const app = readOnly(appFile);
	const store = readOnly(keysFile);
	try {
		checkIntegrity(app, 'app.db', problems);
		checkIntegrity(store, 'keys.db', problems);
		if (problems.length) throw new BackupError(problems.join('\n'));

		// The app key must open the secrets sealed with it (TOTP keys, calendar tokens).
		const sealed = [
			...(app.prepare('SELECT totp_key AS v FROM user WHERE totp_key IS NOT NULL LIMIT 1').all() as { v: Buffer }[]),
			...(app.prepare('SELECT token_sealed AS v FROM calendar_feed LIMIT 1').all() as { v: Buffer }[])
		];
		for (const { v } of sealed) {
			try {
				decrypt(keys.appKey, v);
			} catch {
				problems.push('Der Anwendungsschlüssel (KEY_DIR/app.key bzw. APP_KEY) passt nicht zu dieser Sicherung.');
				break;
			}
		}
		if (!keyFitsStore(store, keys.keystoreKey)) problems.push('Der Schlüssel des Schlüsselspeichers (KEYSTORE_KEY bzw. keystore.key) passt nicht zu keys.db dieser Sicherung.');

		const persons = (
			app.prepare('SELECT p.id FROM case_person p JOIN case_file c ON c.id = p.case_id WHERE c.keys_deleted_at IS NULL').all() as { id: number }[]
		).map((p) => p.id);
		const present = new Set((store.prepare('SELECT person_id FROM person_key').all() as { person_id: number }[]).map((r) => r.person_id));
		const missing = persons.filter((id) => !present.has(id));
		if (missing.length) problems.push(`keys.db der Sicherung fehlen die Schlüsseldaten von ${missing.length} Fallpersonen (nicht aus demselben Lauf).`);

		// The chain under the audit key, and the head written with the copy. The copied anchor
		// may be newer than the copied chain (keys.db is copied second), so only its legacy mark counts.
		const macKey = auditMacKey(keys.appKey);
		const headText = fs.existsSync(path.join(dir, 'audit-head.txt')) ? fs.readFileSync(path.join(dir, 'audit-head.txt'), 'utf8') : (manifest?.auditHead ?? null);
		const head = headText ? parseHead(headText, macKey) : null;
		if (headText && !head) problems.push('audit-head.txt passt nicht zum Anwendungsschlüssel (gefälscht oder andere Installation).');
		const anchor = readAnchor({ $client: store }, macKey);
		const report = verifyAuditChain(asDb(app), { key: macKey, legacyUntil: anchor?.valid ? anchor.legacyUntil : 0, heads: head ? [{ source: 'audit-head.txt', head }] : [] });
		for (const p of report.problems) problems.push(`Audit-Kette: ${p}`);
		if (problems.length) throw new BackupError(problems.join('\n'));
		return { dir, events: report.count, persons: persons.length, head: headText?.trim() ?? null };
	} finally {
		app.close();
		store.close();
	}
}

export interface RestoreResult extends BackupCheck {
	movedAside: string | null;
}

/**
 * Restores a checked backup into `dataDir`. Refuses while a server runs on it; moves existing
 * database files to `replaced-<time>/`; records the restore in the audit trail and re-anchors the
 * chain to the restored head.
 */
export function restoreBackup(
	backupDir: string,
	dataDir: string,
	opts: { appKey: Buffer; keystoreKey: Buffer; migrationsDir: string; keysMigrationsDir: string; now?: Date }
): RestoreResult {
	const now = opts.now ?? new Date();
	const pid = runningServer(dataDir);
	if (pid) throw new BackupError(`Auf ${dataDir} läuft ein Server (PID ${pid}). Erst den Server beenden, dann wiederherstellen.`);
	const check = checkBackup(backupDir, opts);

	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const existing = fs.readdirSync(dataDir).filter((n) => /^(app|keys)\.db(-wal|-shm|-journal)?$/.test(n));
	let movedAside: string | null = null;
	if (existing.length) {
		movedAside = path.join(dataDir, `replaced-${stampOf(now)}`);
		fs.mkdirSync(movedAside, { mode: 0o700 });
		for (const n of existing) fs.renameSync(path.join(dataDir, n), path.join(movedAside, n));
	}
	for (const name of DB_FILES) {
		const tmp = path.join(dataDir, `${name}.restoring`);
		fs.copyFileSync(path.join(backupDir, name), tmp);
		fs.chmodSync(tmp, 0o600);
		fs.renameSync(tmp, path.join(dataDir, name));
	}

	// Older backups get the current migrations; then the restore itself is on the record.
	const db = openDatabase(path.join(dataDir, 'app.db'), opts.migrationsDir);
	const keys = openKeyStore(path.join(dataDir, 'keys.db'), opts.keysMigrationsDir, opts.keystoreKey);
	try {
		const macKey = auditMacKey(opts.appKey);
		// The restored chain's legacy mark comes from its own anchor; keep it while re-anchoring.
		anchorAuditHead(db, keys, now, macKey, { restored: true });
		recordAuditEvent(db, { type: 'system.restored', details: { backup: path.basename(backupDir), head: check.head, movedAside: movedAside && path.basename(movedAside) }, at: now });
		anchorAuditHead(db, keys, now, macKey);
	} finally {
		db.$client.close();
		keys.$client.close();
	}
	return { ...check, movedAside };
}
