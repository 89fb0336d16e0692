import { describe, expect, it } from 'vitest';
import { LruCache } from './cache';

const strings = (maxEntries: number, maxBytes: number) => new LruCache<string>({ maxEntries, maxBytes, sizeOf: (s) => s.length });

describe('LruCache', () => {
	it('keeps at most maxEntries, dropping the least recently used', () => {
		const c = strings(2, 1000);
		c.set('a', 'x');
		c.set('b', 'y');
		expect(c.get('a')).toBe('x');
		c.set('c', 'z');
		expect([c.has('a'), c.has('b'), c.has('c')]).toEqual([true, false, true]);
		expect(c.size).toBe(2);
	});

	it('holds the byte limit: old entries go, an entry larger than the limit is not kept', () => {
		const c = strings(100, 10);
		c.set('a', '1234');
		c.set('b', '5678');
		c.set('c', '90ab');
		expect(c.bytes).toBeLessThanOrEqual(10);
		expect([c.has('a'), c.has('b'), c.has('c')]).toEqual([false, true, true]);
		c.set('big', '12345678901');
		expect(c.has('big')).toBe(false);
		expect(c.bytes).toBe(8);
		c.set('b', '1');
		expect(c.bytes).toBe(5);
		for (let i = 0; i < 1000; i++) c.set(`k${i}`, 'abc');
		expect(c.bytes).toBeLessThanOrEqual(10);
	});

	it('lets concurrent callers share one computation and does not keep a failure', async () => {
		const c = strings(4, 1000);
		let made = 0;
		const make = () =>
			new Promise<string>((resolve) => {
				made++;
				setTimeout(() => resolve('pdf'), 5);
			});
		const [a, b] = await Promise.all([c.getOrCreate('k', make), c.getOrCreate('k', make)]);
		expect([a, b, made]).toEqual(['pdf', 'pdf', 1]);
		expect(await c.getOrCreate('k', make)).toBe('pdf');
		expect(made).toBe(1);
		await expect(c.getOrCreate('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(c.has('bad')).toBe(false);
		expect(await c.getOrCreate('bad', async () => 'ok')).toBe('ok');
	});
});
