// npm run backup -- TARGET_DIR
// A folder TARGET_DIR/fallkonferenz-<time>/ with consistent online copies of DATA_DIR/app.db and
// DATA_DIR/keys.db (SQLite backup API, safe while the server runs), the audit chain's head and a
// manifest (src/lib/server/backup.ts). The key files in KEY_DIR are NOT copied: back them up
// separately and store them apart from the data, otherwise the copy of keys.db is useless (or, worse, readable).
import { config } from '../src/lib/server/config';
import { getAppKey } from '../src/lib/server/keys';
import { BackupError, createBackup } from '../src/lib/server/backup';

const target = process.argv[2];
if (!target) {
	console.error('Aufruf: npm run backup -- ZIELVERZEICHNIS');
	process.exit(2);
}
let appKey: Buffer | null = null;
try {
	appKey = getAppKey({ create: false });
} catch {
	console.error('Warnung: kein Anwendungsschlüssel in KEY_DIR; die Sicherung enthält keinen Audit-Kopf.');
}
try {
	const result = await createBackup(config().dataDir, target, appKey);
	for (const f of result.files) console.log(`${f.name} → ${result.dir} (${f.bytes} Bytes, SHA-256 ${f.sha256.slice(0, 16)}…)`);
	if (result.auditHead) console.log(`Audit-Kopf: ${result.auditHead}`);
	console.log('Hinweis: Die Schlüsseldateien (KEY_DIR) getrennt sichern und getrennt aufbewahren.');
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(e.message);
	process.exit(2);
}
