import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { user as userTable } from '../db/schema';
import { config } from '../config';
import { DomainError } from '../errors';
import { recordAuditEvent } from '../audit';
import { getDummyHash, verifyPassword } from './password';
import { accountKey, addressKey, clearLoginFailures, recordLoginFailure, throttleWait } from './throttle';
import { createSession, generateSessionToken, markSessionTwoFactorVerified, type Session } from './session';
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

function assertNotThrottled(db: Db, keys: string[], email: string, meta: RequestMeta): void {
	const wait = throttleWait(db, keys, meta.now);
	if (wait > 0) {
		recordAuditEvent(db, { type: 'login.throttled', actorEmail: email, ip: meta.ip, details: { wait } });
		throw new DomainError('login_throttled', 429, { seconds: wait });
	}
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
	assertNotThrottled(db, keys, email, meta);

	const found = db.select().from(userTable).where(eq(userTable.email, email)).get();
	const usable = found && found.active && found.passwordHash;
	const valid = await verifyPassword(usable ? found.passwordHash! : await getDummyHash(), input.password);
	if (!usable || !valid) {
		db.transaction((tx) => {
			for (const key of keys) recordLoginFailure(tx, key, meta.now);
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

/** Second step: a TOTP code, or one of the user's one-time recovery codes. */
export function verifySecondFactor(
	db: Db,
	session: Session,
	user: { id: number; email: string },
	code: string,
	meta: RequestMeta
): { usedRecoveryCode: boolean } {
	const keys = throttleKeys(user.email, meta.ip);
	assertNotThrottled(db, keys, user.email, meta);
	const trimmed = code.trim();
	const result = db.transaction((tx) => {
		const now = meta.now ?? new Date();
		let usedRecoveryCode = false;
		let ok = verifyUserTotp(tx, user.id, trimmed, now.getTime());
		if (!ok && /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(trimmed)) {
			ok = consumeRecoveryCode(tx, user.id, trimmed, now);
			usedRecoveryCode = ok;
		}
		if (!ok) {
			for (const key of keys) recordLoginFailure(tx, key, now);
			recordAuditEvent(tx, { type: 'login.2fa_failure', actorId: user.id, actorEmail: user.email, ip: meta.ip });
			return null;
		}
		clearLoginFailures(tx, accountKey(user.email));
		markSessionTwoFactorVerified(tx, session.id);
		recordAuditEvent(tx, {
			type: usedRecoveryCode ? '2fa.recovery_used' : 'login.success',
			actorId: user.id,
			actorEmail: user.email,
			ip: meta.ip,
			details: { step: usedRecoveryCode ? 'recovery_code' : 'totp' }
		});
		return { usedRecoveryCode };
	});
	if (!result) throw new DomainError('code_invalid', 400);
	return result;
}
