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
		// WITHOUT ROWID tables (e.g. the FTS5 shadow table search_index_config) are ordered by their key.
		const withoutRowid = /WITHOUT ROWID/i.test((client.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string | null }).sql ?? '');
		out[name] = client.prepare(`SELECT * FROM "${name}" ORDER BY ${withoutRowid ? '1' : 'rowid'}`).all();
	}
	return out;
}
