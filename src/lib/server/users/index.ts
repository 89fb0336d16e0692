import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { invitation, organisation, user as userTable, ORGANISATION_KINDS, ROLES } from '../db/schema';
import type { Db, Tx } from '../db';
import { assertCan, type Actor } from '../access';
import { ConflictError, DomainError, NotFoundError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import { randomToken, sha256Hex } from '../crypto';
import { queueMail } from '../mail/outbox';
import { invalidateUserSessions, createSession, generateSessionToken } from '../auth/session';
import { assertPasswordRules, hashPassword } from '../auth/password';
import type { RequestMeta } from '../auth/login';
import { m } from '../../paraglide/messages.js';

export const INVITATION_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------- organisations

export const organisationSchema = z.object({
	name: z.string().trim().min(2, 'name_required').max(120, 'too_long'),
	kind: z.enum(ORGANISATION_KINDS, 'kind_invalid'),
	active: z.boolean().default(true)
});
/** Form input as it arrives; the schema decides what is valid. */
export type OrganisationInput = { name: string; kind: string; active?: boolean };

export function listOrganisations(db: Db, actor: Actor, opts: { activeOnly?: boolean } = {}) {
	void actor; // every signed-in user may see the member organisations
	return db
		.select()
		.from(organisation)
		.where(opts.activeOnly ? eq(organisation.active, true) : undefined)
		.orderBy(asc(organisation.name))
		.all();
}

export function getOrganisation(db: Db, actor: Actor, id: number) {
	assertCan(actor, 'organisation.manage');
	const row = db.select().from(organisation).where(eq(organisation.id, id)).get();
	if (!row) throw new NotFoundError();
	return row;
}

function assertUniqueOrganisationName(db: Db | Tx, name: string, exceptId?: number) {
	const clash = db
		.select({ id: organisation.id })
		.from(organisation)
		.where(exceptId ? and(eq(organisation.name, name), ne(organisation.id, exceptId)) : eq(organisation.name, name))
		.get();
	if (clash) throw new DomainError('organisation_name_taken', 409);
}

export function createOrganisation(db: Db, actor: Actor, input: OrganisationInput, meta: RequestMeta): number {
	assertCan(actor, 'organisation.manage');
	const data = parseInput(organisationSchema, input);
	return db.transaction((tx) => {
		assertUniqueOrganisationName(tx, data.name);
		const id = tx.insert(organisation).values(data).returning({ id: organisation.id }).get().id;
		recordAuditEvent(tx, {
			type: 'organisation.created',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'organisation',
			subjectId: id,
			ip: meta.ip,
			details: { name: data.name, kind: data.kind }
		});
		return id;
	});
}

export function updateOrganisation(
	db: Db,
	actor: Actor,
	id: number,
	input: OrganisationInput & { version: number },
	meta: RequestMeta
): void {
	assertCan(actor, 'organisation.manage');
	// The object before the input: an unknown id is a 404 whatever the form says.
	if (!db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id)).get()) throw new NotFoundError();
	const data = parseInput(organisationSchema, input);
	db.transaction((tx) => {
		const before = tx.select().from(organisation).where(eq(organisation.id, id)).get();
		if (!before) throw new NotFoundError();
		if (before.version !== input.version) throw new ConflictError();
		assertUniqueOrganisationName(tx, data.name, id);
		tx.update(organisation)
			.set({ ...data, version: before.version + 1 })
			.where(eq(organisation.id, id))
			.run();
		recordAuditEvent(tx, {
			type: 'organisation.updated',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'organisation',
			subjectId: id,
			ip: meta.ip,
			details: changes(before, data)
		});
	});
}

function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, unknown> {
	const diff: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(after)) {
		if (JSON.stringify(before[key]) !== JSON.stringify(value)) diff[key] = { from: before[key], to: value };
	}
	return diff;
}

// ---------------------------------------------------------------- users

export const userSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.email('email_invalid').max(200, 'too_long')),
	name: z.string().trim().min(2, 'name_required').max(120, 'too_long'),
	organisationId: z.coerce.number().int().positive('organisation_required'),
	roles: z.array(z.enum(ROLES, 'roles_required')).min(1, 'roles_required')
});
export type UserInput = { email: string; name: string; organisationId: string | number; roles: string[] };

export type UserStatus = 'invited' | 'active' | 'inactive';

export function listUsers(db: Db, actor: Actor) {
	assertCan(actor, 'user.manage');
	const rows = db
		.select({
			id: userTable.id,
			email: userTable.email,
			name: userTable.name,
			roles: userTable.roles,
			active: userTable.active,
			passwordHash: userTable.passwordHash,
			totpKey: userTable.totpKey,
			demo: userTable.demo,
			organisationId: userTable.organisationId,
			organisationName: organisation.name
		})
		.from(userTable)
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.orderBy(asc(organisation.name), asc(userTable.name))
		.all();
	return rows.map(({ passwordHash, totpKey, ...r }) => ({
		...r,
		status: statusOf(r.active, passwordHash),
		hasTotp: totpKey !== null
	}));
}

function statusOf(active: boolean, passwordHash: string | null): UserStatus {
	if (!active) return 'inactive';
	return passwordHash ? 'active' : 'invited';
}

export function getUser(db: Db, actor: Actor, id: number) {
	assertCan(actor, 'user.manage');
	const row = db.select().from(userTable).where(eq(userTable.id, id)).get();
	if (!row) throw new NotFoundError();
	const { passwordHash, totpKey, ...rest } = row;
	const pending = db
		.select({ expiresAt: invitation.expiresAt })
		.from(invitation)
		.where(and(eq(invitation.userId, id), isNull(invitation.usedAt), gt(invitation.expiresAt, new Date())))
		.get();
	return { ...rest, status: statusOf(row.active, passwordHash), hasTotp: totpKey !== null, invitationExpiresAt: pending?.expiresAt ?? null };
}

function assertOrganisationExists(db: Db | Tx, id: number) {
	const org = db.select({ id: organisation.id, active: organisation.active }).from(organisation).where(eq(organisation.id, id)).get();
	if (!org) throw new DomainError('organisation_required', 400);
}

function assertEmailFree(db: Db | Tx, email: string, exceptId?: number) {
	const clash = db
		.select({ id: userTable.id })
		.from(userTable)
		.where(exceptId ? and(eq(userTable.email, email), ne(userTable.id, exceptId)) : eq(userTable.email, email))
		.get();
	if (clash) throw new DomainError('email_taken', 409);
}

export interface InvitationLink {
	userId: number;
	url: string;
	expiresAt: Date;
}

/** A new one-time invitation: stored as a hash, valid INVITATION_DAYS, queued as an e-mail. */
function issueInvitation(tx: Tx, actor: Actor, target: { id: number; email: string; name: string }, baseUrl: string, meta: RequestMeta): InvitationLink {
	const now = meta.now ?? new Date();
	const token = randomToken(20);
	const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
	// Only the newest link is valid.
	tx.update(invitation).set({ usedAt: now }).where(and(eq(invitation.userId, target.id), isNull(invitation.usedAt))).run();
	tx.insert(invitation).values({ userId: target.id, tokenHash: sha256Hex(token), expiresAt, createdBy: actor.id }).run();
	const url = new URL(`/invite/${token}`, baseUrl).toString();
	const expires = expiresAt.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'long', timeStyle: 'short' });
	queueMail(tx, {
		to: target.email,
		subject: m.mail_invitation_subject({}, { locale: 'de' }),
		body: m.mail_invitation_body({ name: target.name, inviter: actor.name, url, expires }, { locale: 'de' })
	});
	recordAuditEvent(tx, {
		type: 'invitation.created',
		actorId: actor.id,
		actorEmail: actor.email,
		subjectType: 'user',
		subjectId: target.id,
		ip: meta.ip,
		details: { email: target.email, expiresAt: expiresAt.toISOString() }
	});
	return { userId: target.id, url, expiresAt };
}

export function createUser(db: Db, actor: Actor, input: UserInput, baseUrl: string, meta: RequestMeta): InvitationLink {
	assertCan(actor, 'user.manage');
	const data = parseInput(userSchema, input);
	return db.transaction((tx) => {
		assertEmailFree(tx, data.email);
		assertOrganisationExists(tx, data.organisationId);
		const id = tx.insert(userTable).values({ ...data, active: true }).returning({ id: userTable.id }).get().id;
		recordAuditEvent(tx, {
			type: 'user.created',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'user',
			subjectId: id,
			ip: meta.ip,
			details: { email: data.email, organisationId: data.organisationId, roles: data.roles }
		});
		return issueInvitation(tx, actor, { id, email: data.email, name: data.name }, baseUrl, meta);
	});
}

export function reissueInvitation(db: Db, actor: Actor, id: number, baseUrl: string, meta: RequestMeta): InvitationLink {
	assertCan(actor, 'user.manage');
	return db.transaction((tx) => {
		const target = tx.select().from(userTable).where(eq(userTable.id, id)).get();
		if (!target) throw new NotFoundError();
		if (target.passwordHash) throw new DomainError('invitation_already_accepted', 409);
		if (!target.active) throw new DomainError('user_inactive', 409);
		return issueInvitation(tx, actor, target, baseUrl, meta);
	});
}

export function updateUser(
	db: Db,
	actor: Actor,
	id: number,
	input: UserInput & { active: boolean; version: number },
	meta: RequestMeta
): void {
	assertCan(actor, 'user.manage');
	// The object before the input: an unknown id is a 404 whatever the form says.
	if (!db.select({ id: userTable.id }).from(userTable).where(eq(userTable.id, id)).get()) throw new NotFoundError();
	const data = parseInput(userSchema, input);
	const active = input.active;
	db.transaction((tx) => {
		const before = tx.select().from(userTable).where(eq(userTable.id, id)).get();
		if (!before) throw new NotFoundError();
		if (before.version !== input.version) throw new ConflictError();
		if (id === actor.id && (!active || !data.roles.includes('admin'))) {
			throw new DomainError('cannot_lock_out_self', 409);
		}
		assertEmailFree(tx, data.email, id);
		assertOrganisationExists(tx, data.organisationId);
		tx.update(userTable)
			.set({ ...data, active, version: before.version + 1 })
			.where(eq(userTable.id, id))
			.run();
		const base = { actorId: actor.id, actorEmail: actor.email, subjectType: 'user', subjectId: id, ip: meta.ip };
		const { roles: _r, active: _a, ...rest } = changes(before, { ...data, active });
		if (Object.keys(rest).length) recordAuditEvent(tx, { ...base, type: 'user.updated', details: rest });
		if (JSON.stringify([...before.roles].sort()) !== JSON.stringify([...data.roles].sort())) {
			recordAuditEvent(tx, { ...base, type: 'user.roles_changed', details: { from: before.roles, to: data.roles } });
		}
		if (before.active && !active) {
			invalidateUserSessions(tx, id);
			recordAuditEvent(tx, { ...base, type: 'user.deactivated' });
		} else if (!before.active && active) {
			recordAuditEvent(tx, { ...base, type: 'user.reactivated' });
		}
	});
}

/** Removes the user's TOTP key: they enrol again at their next login. */
export function resetSecondFactor(db: Db, actor: Actor, id: number, meta: RequestMeta): void {
	assertCan(actor, 'user.manage');
	db.transaction((tx) => {
		const result = tx.update(userTable).set({ totpKey: null, totpLastCounter: null }).where(eq(userTable.id, id)).run();
		if (result.changes !== 1) throw new NotFoundError();
		invalidateUserSessions(tx, id);
		recordAuditEvent(tx, { type: '2fa.reset', actorId: actor.id, actorEmail: actor.email, subjectType: 'user', subjectId: id, ip: meta.ip });
	});
}

// ---------------------------------------------------------------- invitations (no actor: the token is the credential)

function findValidInvitation(db: Db | Tx, token: string, now: Date) {
	const row = db
		.select({ invitation, user: userTable })
		.from(invitation)
		.innerJoin(userTable, eq(invitation.userId, userTable.id))
		.where(eq(invitation.tokenHash, sha256Hex(token)))
		.get();
	if (!row || row.invitation.usedAt || row.invitation.expiresAt <= now || !row.user.active || row.user.passwordHash) {
		throw new DomainError('invitation_invalid', 410);
	}
	return row;
}

export function getInvitation(db: Db, token: string, now = new Date()) {
	const { user } = findValidInvitation(db, token, now);
	return { email: user.email, name: user.name };
}

/**
 * Sets the password and starts a session that still lacks the second factor: the new user
 * is sent straight on to enrol TOTP.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	input: { password: string; confirm: string },
	meta: RequestMeta
): Promise<{ token: string; expiresAt: Date }> {
	const now = meta.now ?? new Date();
	const { user } = findValidInvitation(db, token, now);
	assertPasswordRules(input.password, user.email);
	if (input.password !== input.confirm) throw new DomainError('password_mismatch');
	const passwordHash = await hashPassword(input.password);
	const sessionToken = generateSessionToken();
	const session = db.transaction((tx) => {
		// Checked again inside the transaction: the link is single-use even under concurrent posts.
		const again = findValidInvitation(tx, token, now);
		tx.update(invitation).set({ usedAt: now }).where(eq(invitation.id, again.invitation.id)).run();
		tx.update(userTable)
			.set({ passwordHash, totpKey: null, totpLastCounter: null, version: again.user.version + 1 })
			.where(eq(userTable.id, user.id))
			.run();
		recordAuditEvent(tx, {
			type: 'invitation.accepted',
			actorId: user.id,
			actorEmail: user.email,
			subjectType: 'user',
			subjectId: user.id,
			ip: meta.ip
		});
		return createSession(tx, sessionToken, user.id, { ip: meta.ip, userAgent: meta.userAgent, now });
	});
	return { token: sessionToken, expiresAt: session.absoluteExpiresAt };
}

/** Active users with their organisation, for choosing members and coordinators (any signed-in user). */
export function listActiveUsers(db: Db, actor: Actor) {
	void actor;
	return db
		.select({ id: userTable.id, name: userTable.name, email: userTable.email, roles: userTable.roles, organisationId: userTable.organisationId, organisationName: organisation.name })
		.from(userTable)
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.where(eq(userTable.active, true))
		.orderBy(asc(organisation.name), asc(userTable.name))
		.all();
}
