/**
 * Anchoring the audit chain outside app.db. The chain alone cannot show that its newest events
 * were cut off (ids stay gap-free) and, with a plain hash, not even that everything after an edit
 * was recomputed. So:
 *
 * - every event carries an HMAC under a key derived from the app key (KEY_DIR, not DATA_DIR);
 * - the newest event (id and hash) is recorded, MACed, in the key store (keys.db, table
 *   `audit_anchor`) at start and every minute; `npm run backup` writes it next to the copies and the
 *   daily maintenance job writes it to the log. Verification requires every recorded head to be
 *   in the chain with the same hash.
 *
 * The anchor only moves forward. A chain that ends before its anchor is reported, never re-anchored.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { auditMacKey } from './key';
import { legacyPrefix, newestEvent, verifyChain, verifyChainInSlices, type ChainHead, type ChainReport } from './chain';

/** Anything with an SQLite connection: the app's Db or KeysDb, or a read-only handle. */
type Client = { $client: Database.Database };
type KeysClient = Client;

export interface AuditAnchor extends ChainHead {
	legacyUntil: number;
	updatedAt: Date;
	/** False when the row's MAC does not fit (edited, or another installation's key). */
	valid: boolean;
}

function anchorMac(key: Buffer, a: { eventId: number; hash: string; legacyUntil: number }): string {
	return crypto.createHmac('sha256', key).update(`audit-anchor|${a.eventId}|${a.hash}|${a.legacyUntil}`).digest('hex');
}

/** A head as text for log lines and backups: "id:hash:mac". */
export function formatHead(head: ChainHead, key: Buffer = auditMacKey()): string {
	return `${head.eventId}:${head.hash}:${anchorMac(key, { ...head, legacyUntil: 0 })}`;
}

/** Parses "id:hash[:mac]"; with a MAC it must fit the key. Null when malformed or forged. */
export function parseHead(text: string, key: Buffer = auditMacKey()): ChainHead | null {
	const m = /^(\d{1,15}):([0-9a-f]{64})(?::([0-9a-f]{64}))?$/.exec(text.trim());
	if (!m) return null;
	const head = { eventId: Number(m[1]), hash: m[2] };
	if (m[3] && m[3] !== anchorMac(key, { ...head, legacyUntil: 0 })) return null;
	return head;
}

function hasAnchorTable(keys: KeysClient): boolean {
	return !!keys.$client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'`).get();
}

export function readAnchor(keys: KeysClient, key: Buffer = auditMacKey()): AuditAnchor | null {
	if (!hasAnchorTable(keys)) return null;
	const row = keys.$client.prepare('SELECT event_id, hash, legacy_until, mac, updated_at FROM audit_anchor WHERE id = 1').get() as
		| { event_id: number; hash: string; legacy_until: number; mac: string; updated_at: number }
		| undefined;
	if (!row) return null;
	const a = { eventId: row.event_id, hash: row.hash, legacyUntil: row.legacy_until };
	const expected = Buffer.from(anchorMac(key, a));
	const actual = Buffer.from(row.mac);
	return { ...a, updatedAt: new Date(row.updated_at), valid: expected.length === actual.length && crypto.timingSafeEqual(expected, actual) };
}

export type AnchorResult =
	| { status: 'anchored' | 'unchanged'; head: ChainHead | null }
	/** The chain no longer contains the anchored event, or the anchor itself was altered. */
	| { status: 'mismatch'; head: ChainHead | null; anchor: AuditAnchor };

/**
 * Records the chain's newest event as the anchor. Moves forward only: if the anchored event is
 * gone or differs, nothing is written and the mismatch is returned for the caller to report.
 */
export function anchorAuditHead(db: Client, keys: KeysClient, now = new Date(), key: Buffer = auditMacKey(), opts: { restored?: boolean } = {}): AnchorResult {
	const head = newestEvent(db.$client);
	const anchor = readAnchor(keys, key);
	// After a restore (npm run restore, which verified the chain first) the anchor follows the restored chain.
	if (anchor && !opts.restored) {
		const atAnchor = db.$client.prepare('SELECT hash FROM audit_event WHERE id = ?').get(anchor.eventId) as { hash: string } | undefined;
		if (!anchor.valid || atAnchor?.hash !== anchor.hash) return { status: 'mismatch', head, anchor };
		if (!head || head.eventId === anchor.eventId) return { status: 'unchanged', head };
	}
	if (!head) return { status: 'unchanged', head };
	const legacyUntil = anchor?.valid ? Math.min(anchor.legacyUntil, head.eventId) : legacyPrefix(db.$client);
	const values = { eventId: head.eventId, hash: head.hash, legacyUntil };
	keys.$client
		.prepare(
			`INSERT INTO audit_anchor (id, event_id, hash, legacy_until, mac, updated_at) VALUES (1, @eventId, @hash, @legacyUntil, @mac, @at)
			 ON CONFLICT(id) DO UPDATE SET event_id = excluded.event_id, hash = excluded.hash, legacy_until = excluded.legacy_until, mac = excluded.mac, updated_at = excluded.updated_at`
		)
		.run({ ...values, mac: anchorMac(key, values), at: now.getTime() });
	return { status: 'anchored', head };
}

/** What the chain is checked against: the anchor in keys.db (if any) and further heads. */
export function anchoredExpectations(keys: KeysClient | null, extraHeads: { source: string; head: ChainHead }[] = [], key: Buffer = auditMacKey()) {
	const anchor = keys ? readAnchor(keys, key) : null;
	const heads = [...extraHeads];
	if (anchor?.valid) heads.push({ source: 'keys.db (audit_anchor)', head: anchor });
	return { anchor, heads, legacyUntil: anchor?.valid ? anchor.legacyUntil : 0 };
}

/**
 * Adds what is wrong with the anchor itself. A chain with events but no anchor is reported too:
 * the anchor is written at every start, so its absence means it was removed.
 */
export function withAnchorProblems(report: ChainReport, keys: KeysClient | null, anchor: AuditAnchor | null): ChainReport {
	if (keys && anchor && !anchor.valid) report.problems.push('the anchor in keys.db does not fit its MAC (altered, or another installation)');
	if (keys && !anchor && report.count > 0) report.problems.push('keys.db holds no anchor of the audit chain although events exist (removed?)');
	report.ok = report.problems.length === 0;
	return report;
}

/** The full check in this thread: the chain under the audit key, the anchor in keys.db, and any further heads (from backups or log lines). */
export function verifyAnchoredChain(db: Client, keys: KeysClient | null, extraHeads: { source: string; head: ChainHead }[] = [], key: Buffer = auditMacKey()): ChainReport {
	const { anchor, heads, legacyUntil } = anchoredExpectations(keys, extraHeads, key);
	return withAnchorProblems(verifyChain(db.$client, { key, legacyUntil, heads }), keys, anchor);
}

/** The same, pausing for the event loop between slices of the chain: for the server (the admin page). */
export async function verifyAnchoredChainInSlices(db: Client, keys: KeysClient | null, key: Buffer = auditMacKey()): Promise<ChainReport> {
	const { anchor, heads, legacyUntil } = anchoredExpectations(keys, [], key);
	return withAnchorProblems(await verifyChainInSlices(db.$client, { key, legacyUntil, heads }), keys, anchor);
}

let mismatchReported = false;

/** The scheduler's step: anchor, and say loudly (once per incident) when the chain lost its anchor. */
export function anchorAndReport(db: Client, keys: KeysClient, now = new Date()): AnchorResult {
	const result = anchorAuditHead(db, keys, now);
	if (result.status === 'mismatch') {
		if (!mismatchReported) {
			console.error(
				`AUDIT: Die Audit-Kette enthält das verankerte Ereignis ${result.anchor.eventId} nicht mehr unverändert (gekürzt oder umgeschrieben?). Prüfen: npm run audit:verify / The audit chain no longer holds anchored event ${result.anchor.eventId} unchanged.`
			);
		}
		mismatchReported = true;
	} else {
		mismatchReported = false;
	}
	return result;
}

/** The daily log line: a head kept outside both databases (log archive, syslog). */
export function logAuditHead(db: Client, key: Buffer = auditMacKey()): string | null {
	const head = newestEvent(db.$client);
	if (!head) return null;
	const line = `Audit-Kopf (für npm run audit:verify -- --head): ${formatHead(head, key)}`;
	console.log(line);
	return line;
}
