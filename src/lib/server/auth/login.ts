import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { user as userTable } from '../db/schema';
import { config } from '../config';
import { DomainError } from '../errors';
import { recordAuditEvent } from '../audit';
import { getDummyHash, verifyPassword } from './password';
import { accountKey, addressKey, clearLoginFailures, factorKey, releaseAttempt, reserveAttempt, THROTTLE } from './throttle';
import { queueMail } from '../mail/outbox';
import { m } from '../../paraglide/messages.js';
import { createSession, generateSessionToken, invalidateSession, type Session } from './session';
import { consumeRecoveryCode, verifyUserTotp } from './totp';

export interface RequestMeta {
	ip: string | null;
	userAgent?: string | null;
	now?: Date;
}

export type LoginNext = '2fa' | 'enrol' | 'done';

export interface LoginResult {
	token: string;
	session: Session;
	next: LoginNext;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function throttleKeys(email: string, ip: string | null): string[] {
	return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)];
}

/** Checks the throttle and counts this attempt in advance, atomically (see reserveAttempt). */
function reserveOrThrow(db: Db, keys: string[], email: string, meta: RequestMeta): Record<string, number> {
	const { wait, failures } = reserveAttempt(db, keys, meta.now);
	if (wait > 0) {
		recordAuditEvent(db, { type: 'login.throttled', actorEmail: email, ip: meta.ip, details: { wait } });
		throw new DomainError('login_throttled', 429, { seconds: wait });
	}
	return failures;
}

/**
 * First step: e-mail and password. Whatever is wrong (unknown e-mail, wrong password,
 * deactivated or not yet activated account), the answer is the same.
 */
export async function loginWithPassword(
	db: Db,
	input: { email: string; password: string },
	meta: RequestMeta
): Promise<LoginResult> {
	const email = normaliseEmail(input.email);
	const keys = throttleKeys(email, meta.ip);
	// Counted as a failure before the hash is checked, so parallel guesses cannot slip through.
	reserveOrThrow(db, keys, email, meta);

	const found = db.select().from(userTable).where(eq(userTable.email, email)).get();
	const usable = found && found.active && found.passwordHash;
	const valid = await verifyPassword(usable ? found.passwordHash! : await getDummyHash(), input.password);
	if (!usable || !valid) {
		db.transaction((tx) => {
			recordAuditEvent(tx, {
				type: 'login.failure',
				actorId: found?.id ?? null,
				actorEmail: email,
				ip: meta.ip,
				details: { reason: !found ? 'unknown_account' : !found.active ? 'inactive' : !found.passwordHash ? 'not_activated' : 'wrong_password' }
			});
		});
		throw new DomainError('login_invalid', 400);
	}

	const skipSecondFactor = config().demoMode && found.demo && !found.totpKey;
	const token = generateSessionToken();
	const session = db.transaction((tx) => {
		clearLoginFailures(tx, accountKey(email));
		if (meta.ip) releaseAttempt(tx, addressKey(meta.ip), meta.now);
		const s = createSession(tx, token, found.id, {
			twoFactorVerified: skipSecondFactor,
			ip: meta.ip,
			userAgent: meta.userAgent,
			now: meta.now
		});
		recordAuditEvent(tx, {
			type: 'login.success',
			actorId: found.id,
			actorEmail: email,
			ip: meta.ip,
			details: { step: 'password', secondFactor: skipSecondFactor ? 'demo_skipped' : found.totpKey ? 'pending' : 'enrolment' }
		});
		return s;
	});
	return { token, session, next: skipSecondFactor ? 'done' : found.totpKey ? '2fa' : 'enrol' };
}

/**
 * Second step: a TOTP code, or one of the user's one-time recovery codes. Failures are counted per
 * account across password steps (a correct password does not reset them) and per address; when
 * the account is locked for the first time the holder gets an e-mail. On success the session gets
 * a new token: the one issued after the password step is not the one that carries full access.
 */
export function verifySecondFactor(
	db: Db,
	session: Session,
	user: { id: number; email: string },
	code: string,
	meta: RequestMeta
): { usedRecoveryCode: boolean; token: string; session: Session } {
	const result = checkSecondFactor(db, user, code, meta, { allowRecovery: true });
	const token = generateSessionToken();
	const fresh = db.transaction((tx) => {
		invalidateSession(tx, session.id);
		const s = createSession(tx, token, user.id, { twoFactorVerified: true, ip: meta.ip, userAgent: meta.userAgent, now: meta.now });
		recordAuditEvent(tx, {
			type: result.usedRecoveryCode ? '2fa.recovery_used' : 'login.success',
			actorId: user.id,
			actorEmail: user.email,
			ip: meta.ip,
			details: { step: result.usedRecoveryCode ? 'recovery_code' : 'totp' }
		});
		return s;
	});
	return { usedRecoveryCode: result.usedRecoveryCode, token, session: fresh };
}

/**
 * A second-factor code of a signed-in or half-signed-in user, with the throttle of the login: used
 * by the login and by the account page (new recovery codes), so a stolen session cannot guess
 * codes faster than a login can. `onSuccess` runs in the same transaction as the check.
 */
export function checkSecondFactor<T = void>(
	db: Db,
	user: { id: number; email: string },
	code: string,
	meta: RequestMeta,
	opts: { allowRecovery: boolean; onSuccess?: (tx: Tx) => T }
): { usedRecoveryCode: boolean; value: T } {
	const keys = [factorKey(user.id), ...(meta.ip ? [addressKey(meta.ip)] : [])];
	const counted = reserveOrThrow(db, keys, user.email, meta);
	const trimmed = code.trim();
	const result = db.transaction((tx) => {
		const now = meta.now ?? new Date();
		let usedRecoveryCode = false;
		let ok = verifyUserTotp(tx, user.id, trimmed, now.getTime());
		if (!ok && opts.allowRecovery && /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(trimmed)) {
			ok = consumeRecoveryCode(tx, user.id, trimmed, now);
			usedRecoveryCode = ok;
		}
		if (!ok) {
			recordAuditEvent(tx, { type: 'login.2fa_failure', actorId: user.id, actorEmail: user.email, ip: meta.ip });
			// The first lock of the account: its holder should know that somebody is guessing.
			if (counted[factorKey(user.id)] === THROTTLE.factor.free) {
				// In the holder's language (stored when they chose it), whoever is guessing.
				const locale = tx.select({ locale: userTable.locale }).from(userTable).where(eq(userTable.id, user.id)).get()?.locale ?? 'de';
				queueMail(tx, { to: user.email, subject: m.mail_factor_locked_subject({}, { locale }), body: m.mail_factor_locked_body({}, { locale }) });
				recordAuditEvent(tx, { type: '2fa.locked', actorId: user.id, actorEmail: user.email, ip: meta.ip });
			}
			return null;
		}
		clearLoginFailures(tx, factorKey(user.id));
		if (meta.ip) releaseAttempt(tx, addressKey(meta.ip), now);
		const value = opts.onSuccess ? opts.onSuccess(tx) : (undefined as T);
		return { usedRecoveryCode, value };
	});
	if (!result) throw new DomainError('code_invalid', 400);
	return result;
}
