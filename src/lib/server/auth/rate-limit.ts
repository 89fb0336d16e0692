/**
 * Token bucket per client address, in memory (one server process). Limits automated use:
 * every POST takes a token; tokens refill continuously.
 */
export class TokenBucketLimiter {
	private buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		private readonly capacity: number,
		private readonly refillPerSecond: number,
		private readonly maxKeys = 50_000
	) {}

	/** Takes one token; returns 0 if allowed, else the seconds until a token is there. */
	take(key: string, now = Date.now()): number {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			if (this.buckets.size >= this.maxKeys) this.prune(now);
			bucket = { tokens: this.capacity, at: now };
			this.buckets.set(key, bucket);
		}
		const elapsed = (now - bucket.at) / 1000;
		bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerSecond);
		bucket.at = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.ceil((1 - bucket.tokens) / this.refillPerSecond);
	}

	/** Drops buckets that have refilled completely: they carry no information. */
	private prune(now: number): void {
		for (const [key, b] of this.buckets) {
			if (b.tokens + ((now - b.at) / 1000) * this.refillPerSecond >= this.capacity) this.buckets.delete(key);
		}
	}
}
