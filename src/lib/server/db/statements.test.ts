import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '.';
import { STATEMENT_CACHE_SIZE } from './statements';

let db: ReturnType<typeof openTestDatabase>;
beforeEach(() => {
	db = openTestDatabase();
	db.$client.exec('CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, \'x\'), (2, \'y\');');
});
afterEach(() => db.cleanup());

describe('reused prepared statements', () => {
	it('hands out the same statement for the same SQL, with its modes reset', () => {
		const first = db.$client.prepare('SELECT a, b FROM t ORDER BY a');
		expect(first.raw(true).all()).toEqual([
			[1, 'x'],
			[2, 'y']
		]);
		const again = db.$client.prepare('SELECT a, b FROM t ORDER BY a');
		expect(again).toBe(first);
		expect(again.all()).toEqual([
			{ a: 1, b: 'x' },
			{ a: 2, b: 'y' }
		]);
		expect(db.$client.prepare('SELECT a FROM t ORDER BY a').pluck().all()).toEqual([1, 2]);
		expect(db.$client.prepare('SELECT a FROM t ORDER BY a').all()).toEqual([{ a: 1 }, { a: 2 }]);
	});

	it('gives a fresh statement while the cached one is being iterated', () => {
		const outer = db.$client.prepare('SELECT a FROM t ORDER BY a');
		const seen: number[] = [];
		for (const row of outer.iterate() as Iterable<{ a: number }>) {
			// The same SQL inside the loop must not reuse the busy statement.
			const inner = db.$client.prepare('SELECT a FROM t ORDER BY a');
			expect(inner).not.toBe(outer);
			seen.push(row.a, (inner.all() as { a: number }[]).length);
		}
		expect(seen).toEqual([1, 2, 2, 2]);
	});

	it('stays bounded', () => {
		const first = db.$client.prepare('SELECT 0');
		for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) db.$client.prepare(`SELECT ${i}`);
		expect(db.$client.prepare('SELECT 0')).not.toBe(first);
	});

	it('works for writes and through drizzle', () => {
		for (let i = 0; i < 3; i++) db.$client.prepare('INSERT INTO t VALUES (?, ?)').run(10 + i, 'z');
		expect(db.$client.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 5 });
	});
});
