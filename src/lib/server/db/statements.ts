/**
 * Prepared statements, reused. better-sqlite3 compiles a statement on every `prepare`, and drizzle
 * prepares each query anew; on the hot pages that was about an eighth of the time (bench/README.md).
 * The connection keeps the most recently used statements by their SQL text, bounded, and hands
 * one out again when it is not in use (a statement being iterated is "busy" and gets a fresh one).
 * Its modes (raw, pluck, expand) are reset, so a reused statement behaves like a new one.
 */
import type Database from 'better-sqlite3';

export const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement<unknown[], unknown>;

export function reuseStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Statement>();
	sqlite.prepare = ((source: string) => {
		const cached = cache.get(source);
		if (cached && !cached.busy) {
			// Most recently used last: Map keeps insertion order.
			cache.delete(source);
			cache.set(source, cached);
			if (cached.reader) cached.raw(false).pluck(false).expand(false);
			return cached;
		}
		const stmt = prepare(source) as Statement;
		if (!cached) {
			cache.set(source, stmt);
			if (cache.size > size) cache.delete(cache.keys().next().value!);
		}
		return stmt;
	}) as typeof sqlite.prepare;
	return sqlite;
}
