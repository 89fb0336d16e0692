import { eq, inArray } from 'drizzle-orm';
import { loginThrottle } from '../db/schema';
import type { Db, Tx } from '../db';

/**
 * Failed-login throttling with exponential back-off, kept in the database so a restart
 * does not reset it. An account key is kept even for e-mails that do not exist, so the
 * answer never reveals whether an account exists.
 */
export const THROTTLE = {
	account: { free: 3, baseSeconds: 2 },
	address: { free: 10, baseSeconds: 1 },
	maxSeconds: 15 * 60,
	/** Failures older than this are forgotten. */
	windowSeconds: 24 * 60 * 60
};

export function accountKey(email: string): string {
	return `account:${email.trim().toLowerCase()}`;
}

export function addressKey(ip: string): string {
	return `address:${ip}`;
}

function lockSeconds(failures: number, kind: 'account' | 'address'): number {
	const { free, baseSeconds } = THROTTLE[kind];
	if (failures < free) return 0;
	return Math.min(THROTTLE.maxSeconds, baseSeconds * 2 ** (failures - free));
}

/** Seconds the caller still has to wait (0 = may try now). */
export function throttleWait(db: Db | Tx, keys: string[], now = new Date()): number {
	if (keys.length === 0) return 0;
	const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
	let wait = 0;
	for (const row of rows) {
		if (row.lockedUntil && row.lockedUntil > now) {
			wait = Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
		}
	}
	return wait;
}

export function recordLoginFailure(db: Db | Tx, key: string, now = new Date()): void {
	const kind = key.startsWith('account:') ? 'account' : 'address';
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
	const stale = row && now.getTime() - row.updatedAt.getTime() > THROTTLE.windowSeconds * 1000;
	const failures = (row && !stale ? row.failures : 0) + 1;
	const seconds = lockSeconds(failures, kind);
	const lockedUntil = seconds ? new Date(now.getTime() + seconds * 1000) : null;
	db.insert(loginThrottle)
		.values({ key, failures, lockedUntil, updatedAt: now })
		.onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lockedUntil, updatedAt: now } })
		.run();
}

export function clearLoginFailures(db: Db | Tx, key: string): void {
	db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
