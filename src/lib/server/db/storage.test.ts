import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { dumpRows } from '../testing/dump';
import { openTestKeysDb, type KeysDb } from '../keystore';
import { registerCase } from '../cases';
import { storageState } from './storage';
import { openTestDatabase } from '.';

let w: TestWorld;
let keys: KeysDb & { cleanup(): void };
beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
});
afterEach(() => {
	w.cleanup();
	keys.cleanup();
	vi.restoreAllMocks();
});

/** A full disk, as SQLite sees it: the file may not grow beyond the pages it has. */
function fillUp(client: { pragma(s: string, o?: object): unknown }) {
	const pages = client.pragma('page_count', { simple: true }) as number;
	client.pragma(`max_page_count = ${pages}`);
}

function caught(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected a refusal');
}

describe('a full disk', () => {
	it('refuses writes with a 503 that says nothing was saved, logs once, and keeps reads working', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const before = dumpRows(w.db.$client);
		fillUp(w.db.$client);
		const input = (n: number) => ({ label: `Meldung ${n}: Verdacht auf Vernachlässigung, Hinweis der Schule`, persons: [{ role: 'child' as const, name: `Kind Nummer${n}`, birthDate: '', address: '' }] });
		for (let i = 0; i < 3; i++) {
			const e = caught(() => {
				for (let j = 0; j < 500; j++) registerCase(w.db, keys, w.member, input(i * 20 + j), META);
			});
			if (!isHttpError(e)) throw e;
			expect(e.status).toBe(503);
			expect(e.body.message).toMatch(/Speicher des Servers ist voll: Es wurde nichts gespeichert/);
		}
		expect(log).toHaveBeenCalledTimes(1);
		expect(storageState(w.db.$client.name).full).toBe(true);
		// Reads still answer; what was refused left no trace (each registration is one transaction).
		const after = dumpRows(w.db.$client);
		const registered = (after.case_file as unknown[]).length - (before.case_file as unknown[]).length;
		expect((after.case_person as unknown[]).length - (before.case_person as unknown[]).length).toBe(registered);
		expect(keys.$client.prepare('SELECT count(*) AS n FROM person_key').get()).toEqual({ n: registered });
	});

	it('recovers with the next successful write', () => {
		const db = openTestDatabase();
		try {
			const info = vi.spyOn(console, 'log').mockImplementation(() => {});
			vi.spyOn(console, 'error').mockImplementation(() => {});
			db.$client.exec('CREATE TABLE filler (x TEXT)');
			fillUp(db.$client);
			const e = caught(() => {
				for (let i = 0; i < 50; i++) db.$client.prepare('INSERT INTO filler VALUES (?)').run('y'.repeat(4000));
			});
			expect(isHttpError(e) && e.status).toBe(503);
			db.$client.pragma('max_page_count = 1000000');
			db.$client.prepare('INSERT INTO filler VALUES (?)').run('z');
			expect(info).toHaveBeenCalledWith(expect.stringMatching(/Speicher wieder verfügbar/));
		} finally {
			db.cleanup();
		}
	});
});
