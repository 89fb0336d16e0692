/**
 * The key store: DATA_DIR/keys.db, a second SQLite database with its own connection, schema and
 * migrations (drizzle-keys/). It holds the real names (and optional birth date and address) of
 * case persons, each field sealed with AES-256-GCM under a key of its own (KEYSTORE_KEY or the
 * key file KEYSTORE_KEY_FILE, default KEY_DIR/keystore.key), which must differ from the app key.
 *
 * Only the cases module calls this; it decides who may see what. Design: docs/cases-and-keystore.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq, inArray } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { config, type Config } from '../config';
import { loadOrCreateKey } from '../crypto';
import { getAppKey } from '../keys';
import { guardStorage } from '../db/storage';
import { reuseStatements } from '../db/statements';
import type { Db, Tx } from '../db';

const { keystoreMeta, personKey } = schema;

/** The key-store connection. Its key travels with it but is not enumerable (never serialised). */
export type KeysDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database; readonly $key: Buffer };

/** Wrong key, altered ciphertext or a misconfigured key: an operator problem, never shown to users. */
export class KeyStoreError extends Error {
	readonly code = 'keystore_error';
	constructor(message: string) {
		super(message);
		this.name = 'KeyStoreError';
	}
}

// ---------------------------------------------------------------- sealing

const FORMAT = 1;
const IV = 12;
const TAG = 16;
/** Plaintexts are padded to this block size so ciphertext lengths say little about name lengths. */
const BLOCK = 32;

function pad(text: string): Buffer {
	const body = Buffer.from(text, 'utf8');
	if (body.length > 0xffff) throw new KeyStoreError('field too long for the key store');
	const out = Buffer.alloc(Math.ceil((body.length + 2) / BLOCK) * BLOCK);
	out.writeUInt16BE(body.length, 0);
	body.copy(out, 2);
	return out;
}

function unpad(buf: Buffer): string {
	const length = buf.readUInt16BE(0);
	if (length + 2 > buf.length) throw new KeyStoreError('malformed key-store field');
	return buf.subarray(2, 2 + length).toString('utf8');
}

/**
 * AES-256-GCM: format byte ‖ 12-byte IV ‖ 16-byte tag ‖ ciphertext. `context` is authenticated
 * data naming the row and field, so a sealed value cannot be moved to another person or field.
 */
export function sealField(key: Buffer, text: string, context: string): Buffer {
	const iv = crypto.randomBytes(IV);
	const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(pad(text)), cipher.final()]);
	return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed field; a wrong key or altered data throw a KeyStoreError, never garbage. */
export function openField(key: Buffer, sealed: Uint8Array, context: string): string {
	const buf = Buffer.from(sealed);
	if (buf.length < 1 + IV + TAG + BLOCK || buf[0] !== FORMAT) throw new KeyStoreError('malformed key-store field');
	try {
		const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(1, 1 + IV));
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(buf.subarray(1 + IV, 1 + IV + TAG));
		return unpad(Buffer.concat([decipher.update(buf.subarray(1 + IV + TAG)), decipher.final()]));
	} catch (e) {
		if (e instanceof KeyStoreError) throw e;
		throw new KeyStoreError('key-store data cannot be decrypted: wrong key (KEYSTORE_KEY / KEYSTORE_KEY_FILE) or altered data');
	}
}

// ---------------------------------------------------------------- key and connection

function isInside(file: string, dir: string): boolean {
	const rel = path.relative(dir, file);
	return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The key-store key: KEYSTORE_KEY (base64, 32 bytes) or the key file (created 0600 on first use).
 * Refused when it equals the app key or when the key file lies inside DATA_DIR (a copy of the
 * data directory must not carry the key).
 */
export function loadKeystoreKey(env: NodeJS.ProcessEnv = process.env, cfg: Pick<Config, 'keystoreKeyFile' | 'dataDir'> = config(), appKey: Buffer = getAppKey(), opts: { create?: boolean } = {}): Buffer {
	if (!env.KEYSTORE_KEY && isInside(cfg.keystoreKeyFile, cfg.dataDir)) {
		throw new KeyStoreError(`KEYSTORE_KEY_FILE (${cfg.keystoreKeyFile}) must not lie inside DATA_DIR (${cfg.dataDir})`);
	}
	const key = loadOrCreateKey(env.KEYSTORE_KEY, cfg.keystoreKeyFile, opts);
	if (key.length === appKey.length && crypto.timingSafeEqual(key, appKey)) {
		throw new KeyStoreError('the key-store key must differ from the application key (KEYSTORE_KEY / APP_KEY)');
	}
	return key;
}

const KEY_CHECK_CONTEXT = 'fallkonferenz:keystore:key-check';
const KEY_CHECK_VALUE = 'fallkonferenz keystore v1';

/** True when the key store behind `client` was sealed with `key` (read-only; for restore checks). */
export function keyFitsStore(client: Database.Database, key: Buffer): boolean {
	const row = client.prepare('SELECT key_check FROM keystore_meta WHERE id = 1').get() as { key_check: Buffer } | undefined;
	if (!row) return false;
	try {
		return openField(key, row.key_check, KEY_CHECK_CONTEXT) === KEY_CHECK_VALUE;
	} catch {
		return false;
	}
}

export function openKeyStore(file: string, migrationsDir: string, key: Buffer): KeysDb {
	if (key.length !== 32) throw new KeyStoreError('the key-store key must be 32 bytes');
	fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	// Created 0600 before SQLite opens it; WAL and SHM files inherit the mode.
	fs.closeSync(fs.openSync(file, 'a', 0o600));
	const sqlite = reuseStatements(guardStorage(new Database(file)));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Deleted key data are overwritten, not left in free pages.
	sqlite.pragma('secure_delete = ON');
	const db = drizzle(sqlite, { schema }) as unknown as KeysDb;
	Object.defineProperty(db, '$key', { value: key, enumerable: false, writable: false });
	migrate(db, { migrationsFolder: migrationsDir });
	const check = db.select().from(keystoreMeta).get();
	if (!check) {
		db.insert(keystoreMeta).values({ id: 1, keyCheck: sealField(key, KEY_CHECK_VALUE, KEY_CHECK_CONTEXT) }).run();
	} else {
		try {
			openField(key, check.keyCheck, KEY_CHECK_CONTEXT);
		} catch {
			sqlite.close();
			throw new KeyStoreError(`${file} was sealed with a different key: check KEYSTORE_KEY / KEYSTORE_KEY_FILE`);
		}
	}
	return db;
}

let keysDb: KeysDb | null = null;

/**
 * The key store, `DATA_DIR/keys.db`, opened, migrated and checked against its key on first use.
 * `create: false` (the start-up check, when app.db has case persons) refuses a missing key file.
 */
export function getKeysDb(opts: { create?: boolean } = {}): KeysDb {
	if (!keysDb) {
		const cfg = config();
		keysDb = openKeyStore(path.join(cfg.dataDir, 'keys.db'), cfg.keysMigrationsDir, loadKeystoreKey(process.env, cfg, getAppKey(), opts));
	}
	return keysDb;
}

/** For tests of the start-up check: the next getKeysDb() opens the store again. */
export function closeKeysDb(): void {
	if (keysDb?.$client.open) keysDb.$client.close();
	keysDb = null;
}

/** A fresh key store in a temporary directory with a random key: for tests, never mocked. */
export function openTestKeysDb(key: Buffer = crypto.randomBytes(32)): KeysDb & { file: string; cleanup(): void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-keys-'));
	const file = path.join(dir, 'keys.db');
	const db = openKeyStore(file, path.resolve('drizzle-keys'), key) as KeysDb & { file: string; cleanup(): void };
	db.file = file;
	db.cleanup = () => {
		if (db.$client.open) db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	return db;
}

// ---------------------------------------------------------------- person keys

export interface PersonKeyData {
	name: string;
	birthDate: string | null;
	address: string | null;
}

const context = (personId: number, field: 'name' | 'birthDate' | 'address') => `fallkonferenz:person:${personId}:${field}`;

/** Stores the key data of new persons of one case, in one key-store transaction. */
export function writePersonKeys(db: KeysDb, caseId: number, entries: ({ personId: number } & PersonKeyData)[]): void {
	const key = db.$key;
	db.transaction((tx) => {
		for (const e of entries) {
			tx.insert(personKey)
				.values({
					personId: e.personId,
					caseId,
					name: sealField(key, e.name, context(e.personId, 'name')),
					birthDate: e.birthDate ? sealField(key, e.birthDate, context(e.personId, 'birthDate')) : null,
					address: e.address ? sealField(key, e.address, context(e.personId, 'address')) : null
				})
				.run();
		}
	});
}

/**
 * Key-store writes that belong to an app.db transaction. They are collected while the transaction
 * runs and written as its last step (see `transactionWithKeys`), so a change refused or failing
 * anywhere before leaves keys.db untouched, and a key-store failure rolls back app.db too.
 */
export class PendingKeyWrites {
	private readonly batches: { caseId: number; entries: ({ personId: number } & PersonKeyData)[] }[] = [];

	add(caseId: number, entries: ({ personId: number } & PersonKeyData)[]): void {
		if (entries.length) this.batches.push({ caseId, entries });
	}

	/** Writes everything in one key-store transaction. */
	flush(db: KeysDb): void {
		if (this.batches.length === 0) return;
		db.transaction(() => {
			for (const b of this.batches) writePersonKeys(db, b.caseId, b.entries);
		});
		this.batches.length = 0;
	}
}

/**
 * One unit of work across both databases: `fn` runs in an app.db transaction and collects its
 * key-store writes, which are written last, inside that transaction. If `fn` throws, neither
 * database changes; if the key store fails, app.db is rolled back. (Only a failing app.db COMMIT
 * after the key-store commit can leave key rows without a person; the retention sweep removes
 * such orphans.)
 */
export function transactionWithKeys<T>(db: Db, keysDb: KeysDb, fn: (tx: Tx, keys: PendingKeyWrites) => T): T {
	return db.transaction((tx) => {
		const keys = new PendingKeyWrites();
		const result = fn(tx, keys);
		keys.flush(keysDb);
		return result;
	});
}

/** Decrypts the key data of the given persons; persons without key data are absent from the map. */
export function readPersonKeys(db: KeysDb, personIds: number[]): Map<number, PersonKeyData> {
	const out = new Map<number, PersonKeyData>();
	if (personIds.length === 0) return out;
	const key = db.$key;
	for (let i = 0; i < personIds.length; i += 500) {
		const rows = db.select().from(personKey).where(inArray(personKey.personId, personIds.slice(i, i + 500))).all();
		for (const r of rows) {
			out.set(r.personId, {
				name: openField(key, r.name, context(r.personId, 'name')),
				birthDate: r.birthDate ? openField(key, r.birthDate, context(r.personId, 'birthDate')) : null,
				address: r.address ? openField(key, r.address, context(r.personId, 'address')) : null
			});
		}
	}
	return out;
}

/** Deletes the key data of the given cases; returns the number of persons per case deleted. */
export function deleteCaseKeys(db: KeysDb, caseIds: number[]): Map<number, number> {
	const counts = new Map<number, number>();
	if (caseIds.length === 0) return counts;
	db.transaction((tx) => {
		for (const caseId of caseIds) {
			counts.set(caseId, tx.delete(personKey).where(eq(personKey.caseId, caseId)).run().changes);
		}
	});
	return counts;
}

/** Every (person, case) pair that has key data: for the sweep of orphans (see cases/retention). */
export function listKeyOwners(db: KeysDb): { personId: number; caseId: number; createdAt: Date }[] {
	return db.select({ personId: personKey.personId, caseId: personKey.caseId, createdAt: personKey.createdAt }).from(personKey).all();
}

export function deletePersonKeys(db: KeysDb, personIds: number[]): number {
	if (personIds.length === 0) return 0;
	return db.transaction((tx) => {
		let n = 0;
		for (let i = 0; i < personIds.length; i += 500) {
			n += tx.delete(personKey).where(inArray(personKey.personId, personIds.slice(i, i + 500))).run().changes;
		}
		return n;
	});
}

/** After deletions: folds the WAL into the database and truncates it, so old pages do not linger. */
export function compactKeyStore(db: KeysDb): void {
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
}
