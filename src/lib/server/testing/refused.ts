import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { dumpRows } from './dump';

/** A refusal of the given error class, after which every given database holds the same rows. */
export function expectRefusedUnchanged(clients: Database.Database[], run: () => unknown, error: abstract new (...args: never[]) => Error): void {
	const before = clients.map(dumpRows);
	expect(run).toThrow(error);
	expect(clients.map(dumpRows)).toEqual(before);
}
