import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as coreSchema from './schema';
import * as meetingsSchema from './schema-meetings';

const schema = { ...coreSchema, ...meetingsSchema };
import { config } from '../config';
import { guardStorage } from './storage';
import { reuseStatements } from './statements';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A drizzle transaction has the same query API as the database itself. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export function openDatabase(file: string, migrationsDir = config().migrationsDir): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	// SQLITE_FULL becomes a 503 "nothing was saved" instead of a 500 (storage.ts).
	const sqlite = reuseStatements(guardStorage(new Database(file)));
	// Owner-only, like the data directory; SQLite gives -wal and -shm the same mode.
	if (file !== ':memory:') fs.chmodSync(file, 0o600);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = drizzle(sqlite, { schema }) as Db;
	migrate(db, { migrationsFolder: migrationsDir });
	return db;
}

let appDb: Db | null = null;

/** The application database, `DATA_DIR/app.db`, opened and migrated on first use. */
export function getDb(): Db {
	appDb ??= openDatabase(path.join(config().dataDir, 'app.db'));
	return appDb;
}

/** A fresh, migrated database in a temporary directory: for tests, never mocked. */
export function openTestDatabase(): Db & { cleanup(): void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-test-'));
	const db = openDatabase(path.join(dir, 'app.db'), path.resolve('drizzle')) as Db & {
		cleanup(): void;
	};
	db.cleanup = () => {
		db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	return db;
}

export { schema };
