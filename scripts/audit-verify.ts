// npm run audit:verify [-- --head ID:HASH:MAC ...]
// Checks the security audit trail in DATA_DIR/app.db: every event's HMAC (key derived from the app
// key in KEY_DIR), the links, and that the chain still holds every recorded head: the anchor in
// DATA_DIR/keys.db, and heads given with --head (from the daily log line "Audit-Kopf …" or a
// backup's audit-head-*.txt), so that cut-off or recomputed events are found.
// Exit code 0: intact. Exit code 1: altered or removed events (listed). Exit code 2: no database,
// no key, or a malformed head.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/lib/server/db';
import { config } from '../src/lib/server/config';
import { getAppKey } from '../src/lib/server/keys';
import { auditMacKey } from '../src/lib/server/audit';
import { parseHead, verifyAnchoredChain } from '../src/lib/server/audit/anchor';
import { MissingKeyError } from '../src/lib/server/crypto';

const file = path.join(config().dataDir, 'app.db');
if (!fs.existsSync(file)) {
	console.error(`Keine Datenbank gefunden: ${file} (DATA_DIR prüfen)`);
	process.exit(2);
}
let key: Buffer;
try {
	key = auditMacKey(getAppKey({ create: false }));
} catch (e) {
	if (!(e instanceof MissingKeyError)) throw e;
	console.error(`Kein Anwendungsschlüssel (APP_KEY bzw. ${e.file}): ohne ihn lässt sich die Audit-Kette nicht prüfen (KEY_DIR prüfen).`);
	process.exit(2);
}
const heads = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
	if (args[i] !== '--head') continue;
	const head = parseHead(args[++i] ?? '', key);
	if (!head) {
		console.error(`Ungültiger oder gefälschter Kopf: ${args[i]} (erwartet ID:HASH:MAC aus der Protokollzeile „Audit-Kopf“ oder einer Sicherung)`);
		process.exit(2);
	}
	heads.push({ source: `--head ${head.eventId}`, head });
}

const db = openDatabase(file);
const keysFile = path.join(config().dataDir, 'keys.db');
const keys = fs.existsSync(keysFile) ? { $client: new Database(keysFile, { readonly: true, fileMustExist: true }) } : null;
if (!keys) console.error(`Warnung: ${keysFile} fehlt, der Anker der Audit-Kette kann nicht geprüft werden.`);
const report = verifyAnchoredChain(db, keys, heads, key);
db.$client.close();
keys?.$client.close();
if (report.ok) {
	console.log(`Audit-Kette intakt: ${report.count} Ereignisse geprüft${report.head ? `, neuestes Ereignis ${report.head.eventId}` : ''}.`);
	process.exit(keys ? 0 : 1);
}
console.error(`Audit-Kette BESCHÄDIGT (${report.count} Ereignisse geprüft):`);
for (const problem of report.problems) console.error(`- ${problem}`);
process.exit(1);
