/**
 * Queries built once per database and run many times. drizzle builds the SQL text of a query anew
 * on every call (walking the selected columns and conditions); on the hot read paths that took more
 * time than SQLite itself (about 0.6 ms of a 0.65 ms session check, bench/README.md). A prepared
 * query keeps the SQL and the row mapping; only the placeholder values change per call.
 *
 * Prepared per `Db` (tests open many databases), kept in a WeakMap so a closed test database is
 * not held. Variable-length id lists go in as one JSON array (`inJson`), so a list of any length
 * is still one prepared statement.
 */
import { Param, sql, type Column, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './index';

export function prepared<Q>(build: (db: Db | Tx) => Q): (db: Db | Tx) => Q {
	// A transaction object is a key of its own: its queries are built once per transaction.
	const byDb = new WeakMap<Db | Tx, Q>();
	return (db) => {
		let query = byDb.get(db);
		if (query === undefined) {
			query = build(db);
			byDb.set(db, query);
		}
		return query;
	};
}

/** A placeholder that is encoded like `column` (a Date for a timestamp column, a boolean for a flag). */
export function placeholderFor(column: Column, name: string): SQL {
	return sql`${new Param(sql.placeholder(name), column)}`;
}

/** `column IN (the numbers of a JSON array)`: pass `JSON.stringify(ids)` as the placeholder's value. */
export function inJson(column: Column, name: string): SQL {
	return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}
