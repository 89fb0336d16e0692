import { eq, and } from 'drizzle-orm';
import { user as userTable, session as sessionTable } from '../db/schema';
import type { Db } from '../db';
import { assertCan, type Actor } from '../access';
import { DomainError, NotFoundError } from '../errors';
import { recordAuditEvent } from '../audit';
import { assertPasswordRules, hashPassword, verifyPassword } from '../auth/password';
import { checkSecondFactor, type RequestMeta } from '../auth/login';
import { accountKey, addressKey, clearLoginFailures, releaseAttempt, reserveAttempt } from '../auth/throttle';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	markSessionTwoFactorVerified
} from '../auth/session';
import { decodeTotpKey, matchTotp, replaceRecoveryCodes, sealTotpKey } from '../auth/totp';

/**
 * Changes the password after checking the current one. Every session of the user ends;
 * the current device gets a fresh session so the user stays signed in there.
 */
export async function changePassword(
	db: Db,
	actor: Actor,
	input: { current: string; password: string; confirm: string },
	meta: RequestMeta
): Promise<{ token: string; expiresAt: Date }> {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	const row = db.select().from(userTable).where(eq(userTable.id, actor.id)).get();
	if (!row?.passwordHash) throw new NotFoundError();
	// The current password is guessed no faster here than at the login.
	const keys = [accountKey(row.email), ...(meta.ip ? [addressKey(meta.ip)] : [])];
	const { wait } = reserveAttempt(db, keys, meta.now);
	if (wait > 0) throw new DomainError('login_throttled', 429, { seconds: wait });
	if (!(await verifyPassword(row.passwordHash, input.current))) {
		recordAuditEvent(db, { type: 'password.change_failure', actorId: actor.id, actorEmail: actor.email, ip: meta.ip });
		throw new DomainError('current_password_wrong');
	}
	clearLoginFailures(db, accountKey(row.email));
	if (meta.ip) releaseAttempt(db, addressKey(meta.ip), meta.now);
	assertPasswordRules(input.password, row.email);
	if (input.password !== input.confirm) throw new DomainError('password_mismatch');
	if (input.password === input.current) throw new DomainError('password_unchanged');
	const passwordHash = await hashPassword(input.password);
	const token = generateSessionToken();
	const session = db.transaction((tx) => {
		tx.update(userTable).set({ passwordHash, version: row.version + 1 }).where(eq(userTable.id, actor.id)).run();
		invalidateUserSessions(tx, actor.id);
		recordAuditEvent(tx, { type: 'password.changed', actorId: actor.id, actorEmail: actor.email, subjectType: 'user', subjectId: actor.id, ip: meta.ip });
		return createSession(tx, token, actor.id, { twoFactorVerified: true, ip: meta.ip, userAgent: meta.userAgent, now: meta.now });
	});
	return { token, expiresAt: session.absoluteExpiresAt };
}

/**
 * Enrols (or replaces) the TOTP key after the user proved it with a code. The session that
 * did it counts as verified. Returns fresh recovery codes, shown once.
 */
export function enrolTotp(
	db: Db,
	who: { id: number; email: string },
	sessionId: string,
	input: { key: string; code: string },
	meta: RequestMeta
): string[] {
	const key = decodeTotpKey(input.key);
	if (!key) throw new DomainError('totp_key_invalid');
	const counter = matchTotp(key, input.code, (meta.now ?? new Date()).getTime());
	if (counter === null) throw new DomainError('code_invalid');
	return db.transaction((tx) => {
		tx.update(userTable).set({ totpKey: sealTotpKey(key), totpLastCounter: Number(counter) }).where(eq(userTable.id, who.id)).run();
		invalidateUserSessions(tx, who.id, sessionId);
		markSessionTwoFactorVerified(tx, sessionId);
		const codes = replaceRecoveryCodes(tx, who.id);
		recordAuditEvent(tx, { type: '2fa.enrolled', actorId: who.id, actorEmail: who.email, subjectType: 'user', subjectId: who.id, ip: meta.ip });
		return codes;
	});
}

/** New recovery codes; the old ones stop working. Requires a current TOTP code. */
export function regenerateRecoveryCodes(db: Db, actor: Actor, code: string, meta: RequestMeta): string[] {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	// Same throttle as the login: a stolen session cannot guess codes to mint recovery codes.
	return checkSecondFactor(db, actor, code, meta, {
		allowRecovery: false,
		onSuccess: (tx) => {
			const codes = replaceRecoveryCodes(tx, actor.id);
			recordAuditEvent(tx, { type: '2fa.recovery_regenerated', actorId: actor.id, actorEmail: actor.email, subjectType: 'user', subjectId: actor.id, ip: meta.ip });
			return codes;
		}
	}).value;
}

export function logout(db: Db, actor: { id: number; email: string }, sessionId: string, meta: RequestMeta): void {
	db.transaction((tx) => {
		invalidateSession(tx, sessionId);
		recordAuditEvent(tx, { type: 'logout', actorId: actor.id, actorEmail: actor.email, ip: meta.ip });
	});
}

/** "Auf allen Geräten abmelden": ends every session of the user, this one included. */
export function logoutEverywhere(db: Db, actor: Actor, meta: RequestMeta): void {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	db.transaction((tx) => {
		invalidateUserSessions(tx, actor.id);
		recordAuditEvent(tx, { type: 'logout.all', actorId: actor.id, actorEmail: actor.email, ip: meta.ip });
	});
}

/** Ends one of the user's own other sessions (the list on the account page). */
export function revokeSession(db: Db, actor: Actor, sessionId: string, meta: RequestMeta): void {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	db.transaction((tx) => {
		const result = tx.delete(sessionTable).where(and(eq(sessionTable.id, sessionId), eq(sessionTable.userId, actor.id))).run();
		if (result.changes !== 1) throw new NotFoundError();
		recordAuditEvent(tx, { type: 'session.revoked', actorId: actor.id, actorEmail: actor.email, ip: meta.ip });
	});
}
