import { eq, and, ne, lt, or, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { randomToken, sha256Hex } from '../crypto';
import { config } from '../config';
import { session as sessionTable, user as userTable, organisation } from '../db/schema';
import type { Db, Tx } from '../db';
import { placeholderFor, prepared } from '../db/prepared';
import type { Actor } from '../access';

export const SESSION_COOKIE = 'fk_session';
const HOUR = 60 * 60 * 1000;
/** Sliding renewal happens at most this often, so not every request writes. */
const RENEW_AFTER = 5 * 60 * 1000;

export type Session = typeof sessionTable.$inferSelect;

export interface SessionUser extends Actor {
	active: boolean;
	demo: boolean;
	hasTotp: boolean;
}

export interface SessionValidation {
	session: Session;
	user: SessionUser;
}

export function generateSessionToken(): string {
	return randomToken(20);
}

export function sessionIdFromToken(token: string): string {
	return sha256Hex(token);
}

interface SessionOptions {
	twoFactorVerified?: boolean;
	ip?: string | null;
	userAgent?: string | null;
	now?: Date;
}

export function createSession(db: Db | Tx, token: string, userId: number, opts: SessionOptions = {}): Session {
	const now = opts.now ?? new Date();
	const { sessionIdleHours, sessionAbsoluteHours } = config();
	const absolute = new Date(now.getTime() + sessionAbsoluteHours * HOUR);
	const idle = new Date(Math.min(now.getTime() + sessionIdleHours * HOUR, absolute.getTime()));
	const row: Session = {
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: idle,
		absoluteExpiresAt: absolute,
		twoFactorVerified: opts.twoFactorVerified ?? false,
		userAgent: opts.userAgent?.slice(0, 300) ?? null,
		ip: opts.ip ?? null
	};
	db.insert(sessionTable).values(row).run();
	return row;
}

// Every request checks its session: built once (prepared.ts), not on each request.
const sessionById = prepared((db) =>
	db
		.select({ session: sessionTable, user: userTable, orgKind: organisation.kind })
		.from(sessionTable)
		.innerJoin(userTable, eq(sessionTable.userId, userTable.id))
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.where(eq(sessionTable.id, sql.placeholder('id')))
		.prepare()
);
const renewSession = prepared((db) =>
	db
		.update(sessionTable)
		.set({ expiresAt: placeholderFor(sessionTable.expiresAt, 'expiresAt'), lastSeenAt: placeholderFor(sessionTable.lastSeenAt, 'lastSeenAt') })
		.where(eq(sessionTable.id, sql.placeholder('id')))
		.prepare()
);

/**
 * Looks the token up by its hash. Expired sessions (idle or absolute) are deleted; a live
 * one slides its idle expiry forward, never past the absolute limit. Inactive users have
 * no valid session.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()): SessionValidation | null {
	const id = sessionIdFromToken(token);
	const row = sessionById(db).get({ id });
	if (!row) return null;
	const { session } = row;
	if (now >= session.expiresAt || now >= session.absoluteExpiresAt || !row.user.active) {
		db.delete(sessionTable).where(eq(sessionTable.id, id)).run();
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() >= RENEW_AFTER) {
		const idle = Math.min(now.getTime() + config().sessionIdleHours * HOUR, session.absoluteExpiresAt.getTime());
		session.expiresAt = new Date(idle);
		session.lastSeenAt = now;
		renewSession(db).run({ id, expiresAt: session.expiresAt, lastSeenAt: now });
	}
	const u = row.user;
	return {
		session,
		user: {
			id: u.id,
			email: u.email,
			name: u.name,
			organisationId: u.organisationId,
			organisationKind: row.orgKind,
			roles: u.roles,
			active: u.active,
			demo: u.demo,
			hasTotp: u.totpKey !== null
		}
	};
}

export function markSessionTwoFactorVerified(db: Db | Tx, sessionId: string): void {
	db.update(sessionTable).set({ twoFactorVerified: true }).where(eq(sessionTable.id, sessionId)).run();
}

export function invalidateSession(db: Db | Tx, sessionId: string): void {
	db.delete(sessionTable).where(eq(sessionTable.id, sessionId)).run();
}

/** Ends every session of a user, optionally keeping one (the current device). */
export function invalidateUserSessions(db: Db | Tx, userId: number, keepSessionId?: string): void {
	db.delete(sessionTable)
		.where(
			keepSessionId
				? and(eq(sessionTable.userId, userId), ne(sessionTable.id, keepSessionId))
				: eq(sessionTable.userId, userId)
		)
		.run();
}

export function listUserSessions(db: Db, userId: number): Session[] {
	return db.select().from(sessionTable).where(eq(sessionTable.userId, userId)).orderBy(sessionTable.createdAt).all();
}

export function deleteExpiredSessions(db: Db, now = new Date()): number {
	return db
		.delete(sessionTable)
		.where(or(lt(sessionTable.expiresAt, now), lt(sessionTable.absoluteExpiresAt, now)))
		.run().changes;
}

function isLocalhost(url: URL): boolean {
	return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalhost(url),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: !isLocalhost(url), path: '/' });
}
