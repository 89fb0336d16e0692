// npm run audit:verify [-- --head ID:HASH:MAC ...]
// Checks the security audit trail in DATA_DIR/app.db: every event's HMAC (key derived from the app
// key in KEY_DIR), the links, and that the chain still holds every recorded head: the anchor in
// DATA_DIR/keys.db, and heads given with --head (from the daily log line "Audit-Kopf …" or a
// backup's audit-head-*.txt), so that cut-off or recomputed events are found.
// Exit code 0: intact. Exit code 1: altered or removed events (listed). Exit code 2: no database,
// no key, or a malformed head.
// Half a million events must be checked in a few seconds, so the work is shared by one thread per
// CPU core (see below).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { config } from '../src/lib/server/config';
import { getAppKey } from '../src/lib/server/keys';
import { auditMacKey } from '../src/lib/server/audit/key';
import { anchoredExpectations, parseHead, withAnchorProblems } from '../src/lib/server/audit/anchor';
import { chainExtent, joinRanges, splitChain, verifySharedRanges, type RangeCheck } from '../src/lib/server/audit/chain';
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
// --range-size N: events per range (default 20,000); small values let tests exercise the threads.
let rangeSize = 20_000;
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--range-size') rangeSize = Math.max(1, Number(args[++i]) || rangeSize);
	if (args[i] !== '--head') continue;
	const head = parseHead(args[++i] ?? '', key);
	if (!head) {
		console.error(`Ungültiger oder gefälschter Kopf: ${args[i]} (erwartet ID:HASH:MAC aus der Protokollzeile „Audit-Kopf“ oder einer Sicherung)`);
		process.exit(2);
	}
	heads.push({ source: `--head ${head.eventId}`, head });
}

const db = { $client: new Database(file, { readonly: true, fileMustExist: true }) };
// Read through a memory map: the whole table is read once, and copying pages costs more than mapping.
db.$client.pragma('mmap_size = 1073741824');
const keysFile = path.join(config().dataDir, 'keys.db');
const keys = fs.existsSync(keysFile) ? { $client: new Database(keysFile, { readonly: true, fileMustExist: true }) } : null;
if (!keys) console.error(`Warnung: ${keysFile} fehlt, der Anker der Audit-Kette kann nicht geprüft werden.`);
const expected = anchoredExpectations(keys, heads, key);

// The chain is cut into ranges (20,000 events each); this thread and one worker per further core take
// ranges from a shared counter until none is left, then the ranges are joined at their boundaries.
const extent = chainExtent(db.$client);
const ranges = splitChain(extent, rangeSize);
const next = new Int32Array(new SharedArrayBuffer(4));
const shared = { key, legacyUntil: expected.legacyUntil, ranges, next };
const helpers = Math.min(os.availableParallelism(), ranges.length) - 1;

/** One helper thread (TypeScript, so it loads through tsx). */
function helper(): Promise<{ index: number; check: RangeCheck }[]> {
	const worker = fileURLToPath(new URL('./audit-verify-worker.ts', import.meta.url));
	const boot = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(import.meta.url)}))`;
	return new Promise((resolve, reject) => {
		const w = new Worker(boot, { eval: true, workerData: { file, ...shared } });
		w.once('message', resolve);
		w.once('error', reject);
		w.once('exit', (code) => reject(new Error(`audit-verify worker exited with ${code}`)));
	});
}

const pending = Promise.all(Array.from({ length: helpers }, helper));
const checks = verifySharedRanges(db.$client, shared);
for (const done of await pending) checks.push(...done);
const inOrder = checks.sort((a, b) => a.index - b.index).map((c) => c.check);
const report = withAnchorProblems(joinRanges(db.$client, inOrder, expected.heads, extent), keys, expected.anchor);
db.$client.close();
keys?.$client.close();
if (report.ok) {
	console.log(`Audit-Kette intakt: ${report.count} Ereignisse geprüft${report.head ? `, neuestes Ereignis ${report.head.eventId}` : ''}.`);
	process.exit(keys ? 0 : 1);
}
console.error(`Audit-Kette BESCHÄDIGT (${report.count} Ereignisse geprüft):`);
for (const problem of report.problems) console.error(`- ${problem}`);
process.exit(1);
