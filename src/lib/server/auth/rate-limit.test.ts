import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit';

describe('token bucket', () => {
	it('allows a burst, then refuses with the wait, then refills', () => {
		const limiter = new TokenBucketLimiter(3, 0.5);
		const t = 1_000_000;
		expect([limiter.take('a', t), limiter.take('a', t), limiter.take('a', t)]).toEqual([0, 0, 0]);
		expect(limiter.take('a', t)).toBe(2);
		expect(limiter.take('b', t)).toBe(0);
		expect(limiter.take('a', t + 2000)).toBe(0);
		expect(limiter.take('a', t + 2000)).toBeGreaterThan(0);
	});
	it('forgets full buckets when it must make room', () => {
		const limiter = new TokenBucketLimiter(2, 1, 2);
		limiter.take('a', 0);
		limiter.take('b', 0);
		expect(limiter.take('c', 10_000)).toBe(0);
	});
});
