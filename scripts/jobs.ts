// npm run jobs -- NAME [--force] — runs one scheduled job now, for an external cron or by hand:
// reminders, proposal-digest, series-extension, retention, maintenance, outbox. A daily job that already ran today
// (in the server or here) is skipped unless --force. Prints the result; exit 0, 1 on failure,
// 2 on a wrong name or a missing database.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { config } from '../src/lib/server/config';
import { JOBS, runJob } from '../src/lib/server/jobs';

const [name, ...flags] = process.argv.slice(2);
if (!name || !(name in JOBS)) {
	console.error(`Aufruf: npm run jobs -- <${Object.keys(JOBS).join('|')}> [--force]`);
	process.exit(2);
}
const file = path.join(config().dataDir, 'app.db');
if (!fs.existsSync(file)) {
	console.error(`Keine Datenbank gefunden: ${file} (DATA_DIR prüfen)`);
	process.exit(2);
}
const db = openDatabase(file);
try {
	const outcome = await runJob(db, name, { force: flags.includes('--force') });
	console.log(outcome.ran ? `${name}: ausgeführt ${JSON.stringify(outcome.result ?? null)}` : `${name}: heute bereits ausgeführt (mit --force erneut ausführen)`);
	process.exitCode = 0;
} catch (e) {
	console.error(`${name}: fehlgeschlagen: ${(e as Error).message}`);
	process.exitCode = 1;
} finally {
	db.$client.close();
}
