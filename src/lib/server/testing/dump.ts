import type Database from 'better-sqlite3';

/**
 * Every row of every table, in a stable order: for tests that check that a refused request
 * changed nothing in a database (app.db or keys.db).
 */
export function dumpRows(client: Database.Database): Record<string, unknown[]> {
	const tables = client
		.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")
		.all() as { name: string }[];
	const out: Record<string, unknown[]> = {};
	for (const { name } of tables) {
		out[name] = client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
	}
	return out;
}
