/**
 * A full disk. SQLite then refuses writes with SQLITE_FULL; the transaction is rolled back, so
 * nothing half-written remains, but without this module every write would end in a 500 while
 * /healthz said ok. Here:
 *
 * - every statement and transaction of a connection opened by the app turns SQLITE_FULL into a
 *   503 with "storage full, nothing was saved" in the user's language (an HttpError, which
 *   SvelteKit answers as it is);
 * - the first such failure is logged once, and the recovery (the next successful write) too;
 * - /healthz reports the state (and low free space found by statfs) while reads keep working.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';

let fullSince: Date | null = null;

/** Below this much free space on the data volume /healthz reports the storage as full. */
export const LOW_SPACE_BYTES = 8 * 1024 * 1024;

function isStorageFull(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

function refuse(e: unknown): never {
	if (!fullSince) {
		fullSince = new Date();
		console.error(`SPEICHER VOLL: Schreibzugriffe werden mit 503 abgelehnt, bis wieder Platz ist (${(e as Error).message}). / Storage full: writes are refused with 503.`);
	}
	error(503, m.error_storage_full());
}

function succeeded(): void {
	if (fullSince) {
		console.log(`Speicher wieder verfügbar (voll seit ${fullSince.toISOString()}). / Storage available again.`);
		fullSince = null;
	}
}

function guarded<A extends unknown[], R>(fn: (...args: A) => R, write: boolean): (...args: A) => R {
	return (...args: A) => {
		let result: R;
		try {
			result = fn(...args);
		} catch (e) {
			if (isStorageFull(e)) refuse(e);
			throw e;
		}
		if (write) succeeded();
		return result;
	};
}

type Statement = Database.Statement<unknown[], unknown>;

/** Wraps the connection's entry points in place; drizzle and raw callers both go through them. */
export function guardStorage(sqlite: Database.Database): Database.Database {
	const prepare = sqlite.prepare.bind(sqlite);
	sqlite.prepare = ((source: string) => {
		const stmt = prepare(source) as Statement;
		stmt.run = guarded(stmt.run.bind(stmt), !stmt.reader);
		stmt.get = guarded(stmt.get.bind(stmt), false);
		stmt.all = guarded(stmt.all.bind(stmt), false);
		return stmt;
	}) as typeof sqlite.prepare;
	sqlite.exec = guarded(sqlite.exec.bind(sqlite), true) as typeof sqlite.exec;
	const transaction = sqlite.transaction.bind(sqlite);
	sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
		const tx = transaction(fn);
		const wrapped = guarded(tx, true) as typeof tx;
		for (const mode of ['deferred', 'immediate', 'exclusive'] as const) wrapped[mode] = guarded(tx[mode], true);
		wrapped.default = wrapped;
		return wrapped;
	}) as typeof sqlite.transaction;
	return sqlite;
}

export interface StorageState {
	full: boolean;
	since: Date | null;
	freeBytes: number | null;
}

/** The state for /healthz: full after a refused write, or when the data volume is nearly full. */
export function storageState(dataDir: string): StorageState {
	let freeBytes: number | null = null;
	try {
		const s = fs.statfsSync(dataDir);
		freeBytes = s.bavail * s.bsize;
	} catch {
		// statfs unsupported here: rely on the failures seen
	}
	// Cleared only by a write that succeeds (session renewals and the scheduler write often).
	return { full: fullSince !== null || (freeBytes !== null && freeBytes < LOW_SPACE_BYTES), since: fullSince, freeBytes };
}
