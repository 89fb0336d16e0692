/**
 * The audit chain at the level of raw SQLite rows: its canonical text, the MAC of an event, and
 * the verification of a range of events. Only `node:crypto` and a better-sqlite3 connection:
 * `npm run audit:verify` runs `verifyEventRange` in worker threads over parts of the chain, and
 * half a million events must be checked in seconds (drizzle's row objects and Date conversions
 * cost more than the MACs).
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainHead {
	eventId: number;
	hash: string;
}

/** The ten hashed columns in their fixed order, then the stored hash. */
export type RawEvent = [
	id: number,
	at: number,
	type: string,
	actorId: number | null,
	actorEmail: string | null,
	subjectType: string | null,
	subjectId: string | null,
	ip: string | null,
	details: string,
	prevHash: string,
	hash: string
];

const RAW_COLUMNS = 'id, at, type, actor_id, actor_email, subject_type, subject_id, ip, details, prev_hash, hash';

/** What is hashed: the ten hashed columns (`RawEvent` without its hash) as a JSON array, the one canonical form of an event. */
export function canonicalText(fields: readonly unknown[]): string {
	return JSON.stringify(fields);
}

/** HMAC-SHA-256 under the audit key: how every event is hashed since the chain was keyed. */
export function macOf(key: Buffer | Uint8Array, text: string): string {
	return crypto.createHmac('sha256', key).update(text).digest('hex');
}

/** The unkeyed SHA-256 of before the chain was keyed. */
export function legacyHashOf(text: string): string {
	return crypto.createHash('sha256').update(text).digest('hex');
}

export function newestEvent(client: Database.Database): ChainHead | null {
	const row = client.prepare('SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
	return row ? { eventId: row.id, hash: row.hash } : null;
}

/** Events in id order within [from, to], as raw arrays straight from SQLite. */
function eventRows(client: Database.Database, from: number, to: number): Iterable<RawEvent> {
	return client.prepare(`SELECT ${RAW_COLUMNS} FROM audit_event WHERE id >= ? AND id <= ? ORDER BY id`).raw(true).iterate(from, to) as Iterable<RawEvent>;
}

/** The longest prefix of the chain hashed the old, unkeyed way (set once, at the first anchoring). */
export function legacyPrefix(client: Database.Database): number {
	let until = 0;
	for (const row of eventRows(client, 1, Number.MAX_SAFE_INTEGER)) {
		const hash = row.pop();
		if (legacyHashOf(canonicalText(row)) !== hash) break;
		until = row[0];
	}
	return until;
}

export interface RangeCheck {
	count: number;
	/** The first event of the range and the hash it points at: joined with the previous range. */
	first: { id: number; prevHash: string } | null;
	last: ChainHead | null;
	problems: string[];
}

/**
 * Checks the events with ids in [from, to]: each MAC (the unkeyed hash up to `legacyUntil`), each
 * link to the previous event and that ids have no gaps. The range's first event is checked against
 * its predecessor by `joinRanges`.
 */
export function verifyEventRange(client: Database.Database, opts: { key: Buffer | Uint8Array; legacyUntil: number; from: number; to: number }): RangeCheck {
	const problems: string[] = [];
	let count = 0;
	let first: RangeCheck['first'] = null;
	let last: ChainHead | null = null;
	for (const row of eventRows(client, opts.from, opts.to)) {
		const id = row[0];
		const prevHash = row[9];
		// Taking the hash off leaves the ten hashed columns: the canonical form without a copy.
		const hash = row.pop() as string;
		count++;
		if (!last) {
			first = { id, prevHash };
		} else {
			if (id !== last.eventId + 1) problems.push(`event ${id}: ${id - last.eventId - 1} event(s) before it are missing`);
			if (prevHash !== last.hash) problems.push(`event ${id}: does not point at the hash of its predecessor`);
		}
		const text = canonicalText(row);
		if ((id <= opts.legacyUntil ? legacyHashOf(text) : macOf(opts.key, text)) !== hash) {
			problems.push(`event ${id}: content does not match its hash (altered, or hashed without the audit key)`);
		}
		last = { eventId: id, hash };
	}
	return { count, first, last, problems };
}

export interface ChainReport {
	ok: boolean;
	count: number;
	problems: string[];
	/** The newest event: what an anchor, a backup or the daily log line records. */
	head: ChainHead | null;
}

/**
 * Joins the checks of consecutive ranges into the report of the whole chain: the first event must
 * be 1 and point at the genesis hash, every range must continue its predecessor, every head
 * recorded outside app.db must still be in the chain with its hash, and no event may have been
 * removed from the end (sqlite_sequence).
 */
export function joinRanges(client: Database.Database, ranges: RangeCheck[], heads: { source: string; head: ChainHead }[], extent: ChainExtent): ChainReport {
	const problems: string[] = [];
	let count = 0;
	let last: ChainHead = { eventId: 0, hash: GENESIS_HASH };
	for (const range of ranges) {
		if (!range.first || !range.last) continue;
		const id = range.first.id;
		if (id !== last.eventId + 1) problems.push(`event ${id}: ${id - last.eventId - 1} event(s) before it are missing`);
		if (range.first.prevHash !== last.hash) problems.push(`event ${id}: does not point at the hash of its predecessor`);
		problems.push(...range.problems);
		count += range.count;
		last = range.last;
	}
	const byId = client.prepare('SELECT hash FROM audit_event WHERE id = ?').pluck();
	for (const { source, head } of heads) {
		const hash = byId.get(head.eventId) as string | undefined;
		if (hash === undefined) problems.push(`event ${head.eventId}, recorded in ${source}, is missing: the newest events were removed`);
		else if (hash !== head.hash) problems.push(`event ${head.eventId}: differs from the head recorded in ${source} (rewritten)`);
	}
	const seq = extent.sequence;
	if (seq !== null && last.eventId < seq) problems.push(`the last ${seq - last.eventId} event(s) were removed`);
	return { ok: problems.length === 0, count, problems, head: count ? last : null };
}

/**
 * Checks ranges taken one by one from a counter shared with other threads (`Atomics.add`), so that
 * a thread that started late or runs slower simply takes fewer ranges. Returns each range's check
 * with its index in `ranges`.
 */
export function verifySharedRanges(
	client: Database.Database,
	opts: { key: Buffer | Uint8Array; legacyUntil: number; ranges: { from: number; to: number }[]; next: Int32Array }
): { index: number; check: RangeCheck }[] {
	const done = [];
	for (let index = Atomics.add(opts.next, 0, 1); index < opts.ranges.length; index = Atomics.add(opts.next, 0, 1)) {
		done.push({ index, check: verifyEventRange(client, { key: opts.key, legacyUntil: opts.legacyUntil, ...opts.ranges[index] }) });
	}
	return done;
}

/**
 * The chain as it is when a verification starts: its newest id and the highest id SQLite ever
 * handed out (sqlite_sequence), read in one statement. Ranges end at `newest`, so events that a
 * running server appends meanwhile neither count nor look like removed ones.
 */
export interface ChainExtent {
	newest: number;
	sequence: number | null;
}

export function chainExtent(client: Database.Database): ChainExtent {
	const row = client
		.prepare(`SELECT (SELECT max(id) FROM audit_event) AS newest, (SELECT seq FROM sqlite_sequence WHERE name = 'audit_event') AS sequence`)
		.get() as { newest: number | null; sequence: number | null };
	return { newest: row.newest ?? 0, sequence: row.sequence };
}

/**
 * Splits the chain into ranges of `size` ids (for worker threads, or to pause between them). The
 * first range is open downwards, so rows with ids below 1 are still read and reported.
 */
export function splitChain(extent: ChainExtent, size: number): { from: number; to: number }[] {
	const ranges = [];
	for (let from = 1; from <= extent.newest; from += size) ranges.push({ from, to: Math.min(extent.newest, from + size - 1) });
	if (!ranges.length) ranges.push({ from: 1, to: 0 });
	ranges[0].from = Number.MIN_SAFE_INTEGER;
	return ranges;
}

/** The whole chain in this thread. */
export function verifyChain(client: Database.Database, opts: { key: Buffer | Uint8Array; legacyUntil: number; heads?: { source: string; head: ChainHead }[] }): ChainReport {
	const extent = chainExtent(client);
	const [whole] = splitChain(extent, Number.MAX_SAFE_INTEGER);
	return joinRanges(client, [verifyEventRange(client, { ...opts, ...whole })], opts.heads ?? [], extent);
}

/**
 * The whole chain in this thread, in slices of `size` events with a pause for the event loop after
 * each: the server stays responsive while an auditor has half a million events checked.
 */
export async function verifyChainInSlices(
	client: Database.Database,
	opts: { key: Buffer | Uint8Array; legacyUntil: number; heads?: { source: string; head: ChainHead }[] },
	size = 5000
): Promise<ChainReport> {
	const extent = chainExtent(client);
	const checks = [];
	for (const range of splitChain(extent, size)) {
		checks.push(verifyEventRange(client, { ...opts, ...range }));
		await new Promise((resolve) => setImmediate(resolve));
	}
	return joinRanges(client, checks, opts.heads ?? [], extent);
}
