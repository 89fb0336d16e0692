import crypto from 'node:crypto';
import { eq, and, isNull, type SQLWrapper } from 'drizzle-orm';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import QRCode from 'qrcode';
import { decrypt, encrypt, randomToken, sha256Hex, timingSafeEqualString } from '../crypto';
import { getAppKey } from '../keys';
import { user as userTable, recoveryCode } from '../db/schema';
import type { Db, Tx } from '../db';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const ISSUER = 'Fallkonferenz';
export const RECOVERY_CODE_COUNT = 8;

export function newTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(20));
}

export function encodeTotpKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

export function decodeTotpKey(encoded: string): Uint8Array | null {
	try {
		const key = decodeBase32IgnorePadding(encoded.replace(/\s+/g, '').toUpperCase());
		return key.length === 20 ? key : null;
	} catch {
		return null;
	}
}

export function totpUri(email: string, key: Uint8Array): string {
	return createTOTPKeyURI(ISSUER, email, key, TOTP_PERIOD, TOTP_DIGITS);
}

export function totpQrSvg(uri: string): Promise<string> {
	return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

export function normaliseCode(code: string): string {
	return code.replace(/[\s-]/g, '');
}

/**
 * Checks a code against the current time step and one step either side (clock drift).
 * Returns the matching counter, so the caller can refuse a replay of the same code.
 */
export function matchTotp(key: Uint8Array, code: string, now = Date.now()): bigint | null {
	const otp = normaliseCode(code);
	if (!/^\d{6}$/.test(otp)) return null;
	const current = BigInt(Math.floor(now / 1000 / TOTP_PERIOD));
	for (const offset of [0n, -1n, 1n]) {
		const counter = current + offset;
		if (timingSafeEqualString(generateHOTP(key, counter, TOTP_DIGITS), otp)) return counter;
	}
	return null;
}

export function sealTotpKey(key: Uint8Array): Buffer {
	return encrypt(getAppKey(), key);
}

export function openTotpKey(sealed: Uint8Array): Uint8Array {
	return new Uint8Array(decrypt(getAppKey(), sealed));
}

/** Verifies a user's TOTP code and records its time step (no replay). */
export function verifyUserTotp(db: Db | Tx, userId: number, code: string, now = Date.now()): boolean {
	const row = db
		.select({ totpKey: userTable.totpKey, last: userTable.totpLastCounter })
		.from(userTable)
		.where(eq(userTable.id, userId))
		.get();
	if (!row?.totpKey) return false;
	const counter = matchTotp(openTotpKey(row.totpKey), code, now);
	if (counter === null) return false;
	if (row.last !== null && counter <= BigInt(row.last)) return false;
	db.update(userTable).set({ totpLastCounter: Number(counter) }).where(eq(userTable.id, userId)).run();
	return true;
}

function formatRecoveryCode(raw: string): string {
	return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

function recoveryHash(code: string): string {
	return sha256Hex(normaliseCode(code).toLowerCase());
}

/** Replaces all recovery codes of a user; returns the new plain codes (shown once). */
export function replaceRecoveryCodes(db: Db | Tx, userId: number): string[] {
	db.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
	const codes: string[] = [];
	for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
		const code = formatRecoveryCode(randomToken(10).slice(0, 12));
		codes.push(code);
		db.insert(recoveryCode).values({ userId, codeHash: recoveryHash(code) }).run();
	}
	return codes;
}

/** Uses up one recovery code; true if it was valid and unused. */
export function consumeRecoveryCode(db: Db | Tx, userId: number, code: string, now = new Date()): boolean {
	const result = db
		.update(recoveryCode)
		.set({ usedAt: now })
		.where(
			and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, recoveryHash(code)), isNull(recoveryCode.usedAt))
		)
		.run();
	return result.changes === 1;
}

/** The recovery codes of a user (an id, or a user id column in a larger query) not used yet. */
export function unusedRecoveryCodesOf(userId: number | SQLWrapper) {
	return and(eq(recoveryCode.userId, userId), isNull(recoveryCode.usedAt));
}

export function countUnusedRecoveryCodes(db: Db, userId: number): number {
	return db.select({ id: recoveryCode.id }).from(recoveryCode).where(unusedRecoveryCodesOf(userId)).all().length;
}
