// npm run backup -- TARGET_DIR
// Consistent online copies of DATA_DIR/app.db and DATA_DIR/keys.db (SQLite backup API, safe while
// the server runs). The key files in KEY_DIR are NOT copied: back them up separately and store
// them apart from the data, otherwise the copy of keys.db is useless (or, worse, readable).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { config } from '../src/lib/server/config';

const target = process.argv[2];
if (!target) {
	console.error('Aufruf: npm run backup -- ZIELVERZEICHNIS');
	process.exit(2);
}
fs.mkdirSync(target, { recursive: true, mode: 0o700 });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
let copied = 0;
for (const name of ['app.db', 'keys.db']) {
	const source = path.join(config().dataDir, name);
	if (!fs.existsSync(source)) continue;
	const dest = path.join(target, `${path.basename(name, '.db')}-${stamp}.db`);
	const db = new Database(source, { readonly: true, fileMustExist: true });
	await db.backup(dest);
	db.close();
	fs.chmodSync(dest, 0o600);
	console.log(`${source} → ${dest}`);
	copied++;
}
if (copied === 0) {
	console.error(`Keine Datenbank in ${config().dataDir} gefunden (DATA_DIR prüfen).`);
	process.exit(2);
}
console.log('Hinweis: Die Schlüsseldateien (KEY_DIR) getrennt sichern und getrennt aufbewahren.');
