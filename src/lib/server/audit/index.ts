import { and, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import { auditEvent } from '../db/schema';
import type { Db, Tx } from '../db';
import crypto from 'node:crypto';
import { sha256Hex } from '../crypto';
import { getAppKey } from '../keys';
import { assertCan, type Actor } from '../access';

export const AUDIT_TYPES = [
	'login.success',
	'login.failure',
	'login.throttled',
	'login.2fa_failure',
	'2fa.locked',
	'password.change_failure',
	'logout',
	'logout.all',
	'session.revoked',
	'password.changed',
	'2fa.enrolled',
	'2fa.reset',
	'2fa.recovery_used',
	'2fa.recovery_regenerated',
	'user.created',
	'user.updated',
	'user.deactivated',
	'user.reactivated',
	'user.roles_changed',
	'organisation.created',
	'organisation.updated',
	'invitation.created',
	'invitation.accepted',
	'calendar.token_regenerated',
	'series.created',
	'series.updated',
	'meeting.created',
	'meeting.published',
	'meeting.moved',
	'meeting.cancelled',
	'meeting.held',
	'case.registered',
	'case.person_added',
	'case.closed',
	'case.reopened',
	'case.revealed',
	'case.reveal_ended',
	'case.keys_deleted',
	'pii.confirmed_not_personal',
	'agenda.case_linked',
	'minutes.taker_set',
	'meeting.started',
	'meeting.finished',
	'minutes.attendance',
	'system.restored'
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number] | (string & {});

export interface AuditInput {
	type: AuditType;
	actorId?: number | null;
	actorEmail?: string | null;
	subjectType?: string | null;
	subjectId?: string | number | null;
	ip?: string | null;
	/** Never passwords, codes or tokens. */
	details?: Record<string, unknown>;
	at?: Date;
}

export const GENESIS_HASH = '0'.repeat(64);

type AuditRow = typeof auditEvent.$inferSelect;

/** Everything that is hashed, in a fixed order, so the chain can be recomputed. */
function canonical(row: Omit<AuditRow, 'hash'>): string {
	return JSON.stringify([
		row.id,
		row.at.getTime(),
		row.type,
		row.actorId,
		row.actorEmail,
		row.subjectType,
		row.subjectId,
		row.ip,
		row.details,
		row.prevHash
	]);
}

const macKeys = new WeakMap<Buffer, Buffer>();

/**
 * The key of the chain's MACs, derived from the app key (KEY_DIR, outside DATA_DIR). Whoever can
 * write app.db but does not hold the key cannot recompute the hashes after an edit.
 */
export function auditMacKey(appKey: Buffer = getAppKey()): Buffer {
	let key = macKeys.get(appKey);
	if (!key) {
		key = Buffer.from(crypto.hkdfSync('sha256', appKey, Buffer.alloc(0), 'fallkonferenz:audit-chain:v1', 32));
		macKeys.set(appKey, key);
	}
	return key;
}

/** HMAC-SHA-256 of the event's canonical form under the audit key. */
export function hashEvent(row: Omit<AuditRow, 'hash'>, key: Buffer = auditMacKey()): string {
	return crypto.createHmac('sha256', key).update(canonical(row)).digest('hex');
}

/** How events were hashed before the chain was keyed; accepted only up to the anchor's `legacyUntil`. */
export function legacyHashEvent(row: Omit<AuditRow, 'hash'>): string {
	return sha256Hex(canonical(row));
}

/** Append one event. Call inside the transaction of the change it records. */
export function recordAuditEvent(db: Db | Tx, input: AuditInput): void {
	const last = db
		.select({ id: auditEvent.id, hash: auditEvent.hash })
		.from(auditEvent)
		.orderBy(desc(auditEvent.id))
		.limit(1)
		.get();
	const row = {
		id: (last?.id ?? 0) + 1,
		at: input.at ?? new Date(),
		type: input.type,
		actorId: input.actorId ?? null,
		actorEmail: input.actorEmail ?? null,
		subjectType: input.subjectType ?? null,
		subjectId: input.subjectId == null ? null : String(input.subjectId),
		ip: input.ip ?? null,
		details: JSON.stringify(input.details ?? {}),
		prevHash: last?.hash ?? GENESIS_HASH
	};
	db.insert(auditEvent)
		.values({ ...row, hash: hashEvent(row) })
		.run();
}

type RawEvent = [id: number, at: number, type: string, actorId: number | null, actorEmail: string | null, subjectType: string | null, subjectId: string | null, ip: string | null, details: string, prevHash: string, hash: string];

/**
 * Every event in id order, as raw arrays straight from SQLite: verification of half a million
 * events must take seconds, and drizzle's row objects and Date conversions cost more than the MACs.
 * The first ten columns are exactly the canonical form (see `canonical`).
 */
function* allEventsRaw(db: Db, size = 5000): Generator<RawEvent> {
	const stmt = db.$client
		.prepare('SELECT id, at, type, actor_id, actor_email, subject_type, subject_id, ip, details, prev_hash, hash FROM audit_event WHERE id > ? ORDER BY id LIMIT ?')
		.raw(true);
	let after = 0;
	for (;;) {
		const batch = stmt.all(after, size) as RawEvent[];
		yield* batch;
		if (batch.length < size) return;
		after = batch[batch.length - 1][0];
	}
}

export interface ChainReport {
	ok: boolean;
	count: number;
	problems: string[];
	/** The newest event: what an anchor, a backup or the daily log line records. */
	head: ChainHead | null;
}

export interface ChainHead {
	eventId: number;
	hash: string;
}

export interface VerifyOptions {
	key?: Buffer;
	/** Events up to this id may carry the unkeyed hash of before the chain was keyed. */
	legacyUntil?: number;
	/** Heads the chain must still contain: the anchor in keys.db, a backup's, a log line's. */
	heads?: { source: string; head: ChainHead }[];
}

/**
 * Walks the whole chain: every row's MAC must match its content, every row must point at its
 * predecessor, ids must have no gaps (a removed row leaves one), and every head recorded outside
 * app.db must still be in the chain with the same hash (truncation and recomputation).
 */
export function verifyAuditChain(db: Db, opts: VerifyOptions = {}): ChainReport {
	const key = opts.key ?? auditMacKey();
	const legacyUntil = opts.legacyUntil ?? 0;
	const problems: string[] = [];
	const wanted = new Map<number, { source: string; head: ChainHead }[]>();
	for (const h of opts.heads ?? []) wanted.set(h.head.eventId, [...(wanted.get(h.head.eventId) ?? []), h]);
	let prevHash = GENESIS_HASH;
	let expectedId = 1;
	let count = 0;
	let head: ChainHead | null = null;
	const plain = (fields: string) => sha256Hex(fields);
	const mac = (fields: string) => crypto.createHmac('sha256', key).update(fields).digest('hex');
	for (const row of allEventsRaw(db)) {
		const id = row[0];
		const hash = row[10];
		count++;
		if (id !== expectedId) {
			problems.push(`event ${id}: ${id - expectedId} event(s) before it are missing`);
		}
		if (row[9] !== prevHash) {
			problems.push(`event ${id}: does not point at the hash of its predecessor`);
		}
		// Same text as canonical(): the ten columns before the hash, in order, as JSON.
		const fields = JSON.stringify(row.slice(0, 10));
		if ((id <= legacyUntil ? plain(fields) : mac(fields)) !== hash) {
			problems.push(`event ${id}: content does not match its hash (altered, or hashed without the audit key)`);
		}
		for (const h of wanted.get(id) ?? []) {
			if (h.head.hash !== hash) problems.push(`event ${id}: differs from the head recorded in ${h.source} (rewritten)`);
		}
		wanted.delete(id);
		prevHash = hash;
		expectedId = id + 1;
		head = { eventId: id, hash };
	}
	for (const [id, hs] of wanted) {
		for (const h of hs) problems.push(`event ${id}, recorded in ${h.source}, is missing: the newest events were removed`);
	}
	const max = head?.eventId ?? 0;
	const seq = db.$client
		.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'`)
		.get() as { seq: number } | undefined;
	if (seq && max < seq.seq) {
		problems.push(`the last ${seq.seq - max} event(s) were removed`);
	}
	return { ok: problems.length === 0, count, problems, head };
}

export interface AuditFilter {
	type?: string;
	actor?: string;
	from?: Date;
	to?: Date;
	page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export function listAuditEvents(db: Db, actor: Actor, filter: AuditFilter = {}) {
	assertCan(actor, 'audit.read');
	const where: SQL[] = [];
	if (filter.type) where.push(eq(auditEvent.type, filter.type));
	if (filter.actor) where.push(like(auditEvent.actorEmail, `%${filter.actor.toLowerCase()}%`));
	if (filter.from) where.push(gte(auditEvent.at, filter.from));
	if (filter.to) where.push(lte(auditEvent.at, filter.to));
	const page = Math.max(1, filter.page ?? 1);
	const cond = where.length ? and(...where) : undefined;
	const rows = db
		.select()
		.from(auditEvent)
		.where(cond)
		.orderBy(desc(auditEvent.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all();
	return {
		events: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
		hasMore: rows.length > AUDIT_PAGE_SIZE,
		page
	};
}
