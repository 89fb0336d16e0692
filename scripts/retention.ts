// npm run retention — deletes the key data (real names) of cases closed longer than
// KEY_RETENTION_DAYS (default 183) from DATA_DIR/keys.db. The server does the same once a day.
// Prints one line per case code and a summary; exit 0 (also when nothing was due),
// exit 2 when there is no database or the key store cannot be opened with its key.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { config } from '../src/lib/server/config';
import { getKeysDb } from '../src/lib/server/keystore';
import { runKeyRetention } from '../src/lib/server/cases';

const file = path.join(config().dataDir, 'app.db');
if (!fs.existsSync(file)) {
	console.error(`Keine Datenbank gefunden: ${file} (DATA_DIR prüfen)`);
	process.exit(2);
}
const db = openDatabase(file);
let keysDb;
try {
	keysDb = getKeysDb();
} catch (e) {
	console.error(`Schlüsselspeicher kann nicht geöffnet werden: ${(e as Error).message}`);
	db.$client.close();
	process.exit(2);
}
const report = runKeyRetention(db, keysDb);
for (const d of report.deleted) {
	console.log(`${d.code}: Schlüsseldaten von ${d.persons} ${d.persons === 1 ? 'Person' : 'Personen'} gelöscht (abgeschlossen am ${d.closedAt.toISOString().slice(0, 10)})`);
}
const orphans = report.orphans ? `, ${report.orphans} verwaiste Einträge entfernt` : '';
console.log(`Löschfrist ${report.retentionDays} Tage: ${report.deleted.length} ${report.deleted.length === 1 ? 'Fall' : 'Fälle'} bereinigt${orphans}.`);
keysDb.$client.close();
db.$client.close();
