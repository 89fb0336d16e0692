/**
 * Checks at server start that the keys fit the data, before anything is written. Each failure
 * stops the start with a message for the operator (German, then English) that says what is
 * wrong and how to recover; nothing is created or repaired silently:
 *
 * - app.db holds sealed secrets (TOTP keys, calendar tokens) → `app.key` (or APP_KEY) must exist
 *   and open them; otherwise every TOTP login would fail with a 500.
 * - app.db has an audit trail → the app key must exist too (the chain's MAC key derives from it).
 * - app.db has case persons whose keys are not deleted → `keys.db` must exist, its key
 *   (KEYSTORE_KEY / keystore.key) must exist and fit, and every such person must have a key row;
 *   otherwise the server would start with cases that have silently lost their names, and a person
 *   registered meanwhile would be lost when the original keys.db is restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isNotNull, sql } from 'drizzle-orm';
import type { Db } from './db';
import { user } from './db/schema';
import { calendarFeed } from './db/schema-meetings';
import { config } from './config';
import { decrypt, MissingKeyError } from './crypto';
import { appKeyFile, getAppKey } from './keys';
import { getKeysDb, KeyStoreError } from './keystore';

export class StartupCheckError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StartupCheckError';
	}
}

const RESTORE = 'Stellen Sie DATA_DIR und KEY_DIR aus derselben Sicherung wieder her (npm run backup legt beide an; README, "Backups"). / Restore DATA_DIR and KEY_DIR from the same backup (see README, "Backups and restore").';

export function checkKeysAtStart(db: Db): { persons: number; sealedSecrets: number } {
	const cfg = config();
	const sealed = [
		...db.select({ value: user.totpKey }).from(user).where(isNotNull(user.totpKey)).limit(1).all(),
		...db.select({ value: calendarFeed.tokenSealed }).from(calendarFeed).limit(1).all()
	];
	const sealedSecrets = db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM ${user} WHERE ${user.totpKey} IS NOT NULL) + (SELECT count(*) FROM ${calendarFeed}) AS n`).n;
	let appKey: Buffer;
	try {
		// The audit chain's MACs are keyed with it too: a new key would make every event look forged.
		const hasAuditTrail = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM audit_event LIMIT 1)`).n > 0;
		appKey = getAppKey({ create: sealed.length === 0 && !hasAuditTrail });
	} catch (e) {
		if (e instanceof MissingKeyError) {
			throw new StartupCheckError(`Start abgebrochen: Der Anwendungsschlüssel ${appKeyFile()} fehlt, app.db enthält aber damit verschlüsselte Geheimnisse (${sealedSecrets}). Es wurde kein neuer Schlüssel erzeugt. / Start refused: the application key is missing. ${RESTORE}`);
		}
		throw e;
	}
	for (const row of sealed) {
		try {
			if (row.value) decrypt(appKey, row.value);
		} catch {
			throw new StartupCheckError(`Start abgebrochen: Der Anwendungsschlüssel (APP_KEY bzw. ${appKeyFile()}) passt nicht zu app.db. / Start refused: the application key does not fit app.db. ${RESTORE}`);
		}
	}

	// Plain id lists (thousands of rows on ten years of data): the check must not delay the start.
	const persons = db.$client
		.prepare('SELECT p.id FROM case_person p JOIN case_file c ON c.id = p.case_id WHERE c.keys_deleted_at IS NULL')
		.pluck()
		.all() as number[];
	const keysFile = path.join(cfg.dataDir, 'keys.db');
	if (persons.length) {
		if (!fs.existsSync(keysFile) || fs.statSync(keysFile).size === 0) {
			throw new StartupCheckError(`Start abgebrochen: ${keysFile} fehlt oder ist leer, app.db hat aber ${persons.length} Fallpersonen mit Schlüsseldaten. Ohne keys.db wären ihre Namen verloren; es wurde keine neue, leere keys.db angelegt. / Start refused: keys.db is missing or empty. ${RESTORE}`);
		}
	}
	let keys;
	try {
		keys = getKeysDb({ create: persons.length === 0 });
	} catch (e) {
		if (e instanceof MissingKeyError) {
			throw new StartupCheckError(`Start abgebrochen: Der Schlüssel des Schlüsselspeichers (KEYSTORE_KEY bzw. ${e.file}) fehlt. Es wurde kein neuer Schlüssel erzeugt. / Start refused: the key-store key is missing. ${RESTORE}`);
		}
		if (e instanceof KeyStoreError) throw new StartupCheckError(`Start abgebrochen: ${e.message}. / Start refused. ${RESTORE}`);
		throw e;
	}
	if (persons.length) {
		const present = new Set(keys.$client.prepare('SELECT person_id FROM person_key').pluck().all() as number[]);
		const missing = persons.filter((id) => !present.has(id));
		if (missing.length) {
			throw new StartupCheckError(`Start abgebrochen: In ${keysFile} fehlen die Schlüsseldaten von ${missing.length} der ${persons.length} Fallpersonen (keys.db ist älter als app.db oder gehört zu einer anderen Installation). / Start refused: keys.db lacks the key data of ${missing.length} case persons. ${RESTORE}`);
		}
	}
	return { persons: persons.length, sealedSecrets };
}
