import { and, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import { auditEvent } from '../db/schema';
import type { Db, Tx } from '../db';
import { canonicalText, GENESIS_HASH, legacyHashOf, macOf, verifyChain, type ChainHead, type ChainReport } from './chain';
import { auditMacKey } from './key';
import { assertCan, type Actor } from '../access';

export { GENESIS_HASH, type ChainHead, type ChainReport } from './chain';
export { auditMacKey } from './key';

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

type AuditRow = typeof auditEvent.$inferSelect;

/** Everything that is hashed, in a fixed order, so the chain can be recomputed (see chain.ts). */
function canonical(row: Omit<AuditRow, 'hash'>): string {
	return canonicalText([row.id, row.at.getTime(), row.type, row.actorId, row.actorEmail, row.subjectType, row.subjectId, row.ip, row.details, row.prevHash]);
}

/** HMAC-SHA-256 of the event's canonical form under the audit key. */
export function hashEvent(row: Omit<AuditRow, 'hash'>, key: Buffer = auditMacKey()): string {
	return macOf(key, canonical(row));
}

/** How events were hashed before the chain was keyed; accepted only up to the anchor's `legacyUntil`. */
export function legacyHashEvent(row: Omit<AuditRow, 'hash'>): string {
	return legacyHashOf(canonical(row));
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

export interface VerifyOptions {
	key?: Buffer;
	/** Events up to this id may carry the unkeyed hash of before the chain was keyed. */
	legacyUntil?: number;
	/** Heads the chain must still contain: the anchor in keys.db, a backup's, a log line's. */
	heads?: { source: string; head: ChainHead }[];
}

/**
 * Walks the whole chain in this thread: every row's MAC must match its content, every row must
 * point at its predecessor, ids must have no gaps (a removed row leaves one), and every head
 * recorded outside app.db must still be in the chain with the same hash (truncation and
 * recomputation). `npm run audit:verify` does the same over parts of the chain in worker threads.
 */
export function verifyAuditChain(db: Db, opts: VerifyOptions = {}): ChainReport {
	return verifyChain(db.$client, { key: opts.key ?? auditMacKey(), legacyUntil: opts.legacyUntil ?? 0, heads: opts.heads });
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
