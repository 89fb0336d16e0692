/**
 * A small least-recently-used cache with a fixed number of entries and a byte limit, for results
 * that never change once made (the PDF and the rendered notes of an approved minutes version).
 * The server's memory stays bounded: an entry larger than the byte limit is not kept at all.
 * `getOrCreate` lets concurrent requests for one key wait for one computation.
 */
export interface LruOptions<V> {
	maxEntries: number;
	maxBytes: number;
	/** Approximate size of a value in bytes. */
	sizeOf: (value: V) => number;
}

export class LruCache<V> {
	readonly #entries = new Map<string, { value: V; bytes: number }>();
	readonly #pending = new Map<string, Promise<V>>();
	#bytes = 0;
	private readonly options: LruOptions<V>;

	constructor(options: LruOptions<V>) {
		this.options = options;
	}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}

	get(key: string): V | undefined {
		const hit = this.#entries.get(key);
		if (!hit) return undefined;
		// Most recently used last: Map keeps insertion order.
		this.#entries.delete(key);
		this.#entries.set(key, hit);
		return hit.value;
	}

	has(key: string): boolean {
		return this.#entries.has(key);
	}

	set(key: string, value: V): void {
		this.delete(key);
		const bytes = this.options.sizeOf(value);
		if (bytes > this.options.maxBytes || this.options.maxEntries < 1) return;
		this.#entries.set(key, { value, bytes });
		this.#bytes += bytes;
		for (const [oldest, entry] of this.#entries) {
			if (this.#entries.size <= this.options.maxEntries && this.#bytes <= this.options.maxBytes) break;
			this.#entries.delete(oldest);
			this.#bytes -= entry.bytes;
		}
	}

	delete(key: string): void {
		const old = this.#entries.get(key);
		if (!old) return;
		this.#entries.delete(key);
		this.#bytes -= old.bytes;
	}

	clear(): void {
		this.#entries.clear();
		this.#bytes = 0;
	}

	/**
	 * The cached value, or the one `create` makes (kept for the next caller). Callers that ask for a
	 * key while it is being made share that promise; a failure is not cached.
	 */
	getOrCreate(key: string, create: () => Promise<V>): Promise<V> {
		const hit = this.get(key);
		if (hit !== undefined) return Promise.resolve(hit);
		const pending = this.#pending.get(key);
		if (pending) return pending;
		const made = (async () => create())().then(
			(value) => {
				this.#pending.delete(key);
				this.set(key, value);
				return value;
			},
			(e: unknown) => {
				this.#pending.delete(key);
				throw e;
			}
		);
		this.#pending.set(key, made);
		return made;
	}
}
