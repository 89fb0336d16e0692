import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from './db';
import { organisation, user as userTable } from './db/schema';
import { overrideConfig } from './config';
import { forgetAppKey } from './keys';
import { closeKeysDb, getKeysDb } from './keystore';
import { registerCase } from './cases';
import { newTotpKey, sealTotpKey } from './auth/totp';
import { checkKeysAtStart, StartupCheckError } from './startup-check';
import { recordAuditEvent } from './audit';
import { META } from './testing/fixtures';
import type { Actor } from './access';

let root: string;
let restore: () => void;
let db: Db;
let actor: Actor;

function start() {
	closeKeysDb();
	forgetAppKey();
	return checkKeysAtStart(db);
}

const files = () => ({ keysDb: path.join(root, 'data', 'keys.db'), appKey: path.join(root, 'keys', 'app.key'), storeKey: path.join(root, 'keys', 'keystore.key') });

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-start-'));
	restore = overrideConfig({ dataDir: path.join(root, 'data'), keyDir: path.join(root, 'keys'), keystoreKeyFile: path.join(root, 'keys', 'keystore.key'), keysMigrationsDir: path.resolve('drizzle-keys') });
	db = openDatabase(path.join(root, 'data', 'app.db'), path.resolve('drizzle'));
	const orgId = db.insert(organisation).values({ name: 'Jugendamt', kind: 'jugendamt' }).returning().get().id;
	const row = db.insert(userTable).values({ email: 'asd@x.example', name: 'Asd', organisationId: orgId, roles: ['member'] }).returning().get();
	actor = { id: row.id, email: row.email, name: row.name, organisationId: orgId, organisationKind: 'jugendamt', roles: ['member'] };
});
afterEach(() => {
	closeKeysDb();
	forgetAppKey();
	db.$client.close();
	restore();
	fs.rmSync(root, { recursive: true, force: true });
});

function withCaseAndTotp() {
	expect(start()).toEqual({ persons: 0, sealedSecrets: 0 });
	registerCase(db, getKeysDb(), actor, { label: 'Schulabsentismus', persons: [{ role: 'child', name: 'Lena Krause' }] }, META);
	db.update(userTable).set({ totpKey: sealTotpKey(newTotpKey()) }).where(eq(userTable.id, actor.id)).run();
	expect(start()).toEqual({ persons: 1, sealedSecrets: 1 });
}

describe('the start-up check of the keys', () => {
	it('creates keys on a fresh installation and accepts keys that fit', () => {
		withCaseAndTotp();
		expect(fs.existsSync(files().appKey)).toBe(true);
		expect(fs.existsSync(files().storeKey)).toBe(true);
	});

	it('refuses to start when keys.db is missing, and does not create an empty one', () => {
		withCaseAndTotp();
		closeKeysDb();
		for (const f of [files().keysDb, `${files().keysDb}-wal`, `${files().keysDb}-shm`]) fs.rmSync(f, { force: true });
		expect(() => start()).toThrow(StartupCheckError);
		expect(() => start()).toThrow(/keys\.db fehlt oder ist leer/);
		expect(fs.existsSync(files().keysDb)).toBe(false);
	});

	it('refuses a keys.db that lacks persons (an older or foreign copy)', () => {
		withCaseAndTotp();
		closeKeysDb();
		const copy = `${files().keysDb}.old`;
		fs.copyFileSync(files().keysDb, copy);
		start();
		registerCase(db, getKeysDb(), actor, { label: 'Vernachlässigung', persons: [{ role: 'child', name: 'Mia Schulz' }] }, META);
		closeKeysDb();
		for (const f of [`${files().keysDb}-wal`, `${files().keysDb}-shm`]) fs.rmSync(f, { force: true });
		fs.copyFileSync(copy, files().keysDb);
		expect(() => start()).toThrow(/fehlen die Schlüsseldaten von 1 der 2 Fallpersonen/);
	});

	it('refuses a missing key-store key without writing a new one', () => {
		withCaseAndTotp();
		fs.rmSync(files().storeKey);
		expect(() => start()).toThrow(/Schlüsselspeichers .* fehlt/);
		expect(fs.existsSync(files().storeKey)).toBe(false);
	});

	it('refuses a missing or wrong app key when app.db holds secrets sealed with it', () => {
		withCaseAndTotp();
		fs.rmSync(files().appKey);
		expect(() => start()).toThrow(/Anwendungsschlüssel .* fehlt/);
		expect(fs.existsSync(files().appKey)).toBe(false);
		fs.writeFileSync(files().appKey, Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 });
		expect(() => start()).toThrow(/passt nicht zu app\.db/);
	});

	it('refuses a missing app key when app.db has an audit trail keyed with it', () => {
		expect(start()).toEqual({ persons: 0, sealedSecrets: 0 });
		recordAuditEvent(db, { type: 'login.success', actorId: actor.id });
		fs.rmSync(files().appKey);
		expect(() => start()).toThrow(/Anwendungsschlüssel .* fehlt/);
		expect(fs.existsSync(files().appKey)).toBe(false);
	});
});
