// npm run audit:verify — checks the hash chain of the security audit trail in DATA_DIR/app.db.
// Exit code 0: intact. Exit code 1: altered or removed events (listed). Exit code 2: no database.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { verifyAuditChain } from '../src/lib/server/audit';
import { config } from '../src/lib/server/config';

const file = path.join(config().dataDir, 'app.db');
if (!fs.existsSync(file)) {
	console.error(`Keine Datenbank gefunden: ${file} (DATA_DIR prüfen)`);
	process.exit(2);
}
const db = openDatabase(file);
const report = verifyAuditChain(db);
db.$client.close();
if (report.ok) {
	console.log(`Audit-Kette intakt: ${report.count} Ereignisse geprüft.`);
	process.exit(0);
}
console.error(`Audit-Kette BESCHÄDIGT (${report.count} Ereignisse geprüft):`);
for (const problem of report.problems) console.error(`- ${problem}`);
process.exit(1);
