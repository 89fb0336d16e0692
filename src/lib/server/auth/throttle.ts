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
	/** Second-factor codes (TOTP and recovery codes) per account, counted across password steps. */
	factor: { free: 3, baseSeconds: 30 },
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

/** The second factor of a user: not reset by a correct password, only by a correct code. */
export function factorKey(userId: number): string {
	return `factor:${userId}`;
}

type Kind = 'account' | 'address' | 'factor';
const kindOf = (key: string): Kind => (key.startsWith('account:') ? 'account' : key.startsWith('factor:') ? 'factor' : 'address');

function lockSeconds(failures: number, kind: Kind): number {
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

/** Counts one failure; returns the failures counted now (within the window). */
export function recordLoginFailure(db: Db | Tx, key: string, now = new Date()): number {
	return setFailures(db, key, now, 1);
}

function setFailures(db: Db | Tx, key: string, now: Date, delta: number): number {
	const kind = kindOf(key);
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
	const stale = row && now.getTime() - row.updatedAt.getTime() > THROTTLE.windowSeconds * 1000;
	const failures = Math.max(0, (row && !stale ? row.failures : 0) + delta);
	const seconds = lockSeconds(failures, kind);
	const lockedUntil = seconds ? new Date(now.getTime() + seconds * 1000) : null;
	db.insert(loginThrottle)
		.values({ key, failures, lockedUntil, updatedAt: now })
		.onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lockedUntil, updatedAt: now } })
		.run();
	return failures;
}

/**
 * Check and count in one step, before the slow check of a password or code: in one synchronous
 * transaction the keys are checked and an attempt is counted as a failure in advance. Concurrent
 * requests therefore cannot all pass the check before the first failure is recorded (30 parallel
 * wrong passwords: 3 are checked, then the lock holds). A success takes the attempt back
 * (`clearLoginFailures` for the account, `releaseAttempt` for the address).
 * Returns the seconds to wait (nothing counted) or 0 and the failures now counted per key.
 */
export function reserveAttempt(db: Db, keys: string[], now = new Date()): { wait: number; failures: Record<string, number> } {
	return db.transaction((tx) => {
		const wait = throttleWait(tx, keys, now);
		if (wait > 0) return { wait, failures: {} };
		const failures: Record<string, number> = {};
		for (const key of keys) failures[key] = recordLoginFailure(tx, key, now);
		return { wait: 0, failures };
	});
}

/** Takes back an attempt counted in advance (the address of a successful login). */
export function releaseAttempt(db: Db | Tx, key: string, now = new Date()): void {
	setFailures(db, key, now, -1);
}

export function clearLoginFailures(db: Db | Tx, key: string): void {
	db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
