// npm run restore -- BACKUP_DIR
// Restores DATA_DIR from a backup folder written by `npm run backup` (or the newest one inside
// BACKUP_DIR). Checks first, changes nothing if a check fails: no server running on DATA_DIR, both
// copies intact, the keys in KEY_DIR fit, every case person has its key row, the audit chain holds
// the backup's head. Existing database files are moved to DATA_DIR/replaced-<time>/.
// Exit code 0: restored. 1: the backup failed a check. 2: wrong call or a server is running.
import { config } from '../src/lib/server/config';
import { getAppKey } from '../src/lib/server/keys';
import { loadKeystoreKey } from '../src/lib/server/keystore';
import { BackupError, findBackup, restoreBackup, runningServer } from '../src/lib/server/backup';

const source = process.argv[2];
if (!source) {
	console.error('Aufruf: npm run restore -- SICHERUNGSVERZEICHNIS');
	process.exit(2);
}
const cfg = config();
const pid = runningServer(cfg.dataDir);
if (pid) {
	console.error(`Auf ${cfg.dataDir} läuft ein Server (PID ${pid}). Erst den Server beenden, dann wiederherstellen. Nichts wurde verändert.`);
	process.exit(2);
}
let keys: { appKey: Buffer; keystoreKey: Buffer };
try {
	const appKey = getAppKey({ create: false });
	keys = { appKey, keystoreKey: loadKeystoreKey(process.env, cfg, appKey, { create: false }) };
} catch (e) {
	console.error(`Schlüssel fehlen oder sind ungültig (${(e as Error).message}). Zuerst KEY_DIR aus der Schlüsselsicherung wiederherstellen. Nichts wurde verändert.`);
	process.exit(1);
}
try {
	const dir = findBackup(source);
	console.log(`Sicherung: ${dir}`);
	const result = restoreBackup(dir, cfg.dataDir, { ...keys, migrationsDir: cfg.migrationsDir, keysMigrationsDir: cfg.keysMigrationsDir });
	console.log(`Wiederhergestellt nach ${cfg.dataDir}: ${result.events} Audit-Ereignisse geprüft, ${result.persons} Fallpersonen mit Schlüsseldaten.`);
	if (result.movedAside) console.log(`Die bisherigen Dateien liegen in ${result.movedAside}.`);
	console.log('Jetzt den Server starten und danach npm run audit:verify ausführen.');
} catch (e) {
	if (!(e instanceof BackupError)) throw e;
	console.error(`Wiederherstellung abgebrochen, nichts wurde verändert:\n${e.message}`);
	process.exit(1);
}
