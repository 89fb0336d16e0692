import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import { limitHeapGrowth } from './memory';

describe('limitHeapGrowth', () => {
	it('sets the growing factor unless node was given one explicitly', () => {
		const calls: string[] = [];
		const original = v8.setFlagsFromString;
		v8.setFlagsFromString = (flags: string) => void calls.push(flags);
		try {
			expect(limitHeapGrowth([], '')).toBe(true);
			expect(calls).toEqual(['--heap-growing-percent=50']);
			expect(limitHeapGrowth(['--heap-growing-percent=80'], '')).toBe(false);
			expect(limitHeapGrowth([], '--max-old-space-size=512 --heap-growing-percent=20')).toBe(false);
			expect(calls).toHaveLength(1);
		} finally {
			v8.setFlagsFromString = original;
		}
	});
});
