import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's argon2id recommendation (19 MiB, 2 passes); argon2id is the library's default algorithm.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
export function getDummyHash(): Promise<string> {
	dummyHash ??= hashPassword('dummy-password-for-timing');
	return dummyHash;
}

/**
 * Rules for a new password: length (BSI: at least 12 characters for a single factor;
 * here a second factor comes on top), not the e-mail address, not one repeated character.
 * Throws a DomainError naming the broken rule.
 */
export function assertPasswordRules(password: string, email?: string): void {
	if (password.length < PASSWORD_MIN_LENGTH) {
		throw new DomainError('password_too_short', 400, { min: PASSWORD_MIN_LENGTH });
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		throw new DomainError('password_too_long', 400, { max: PASSWORD_MAX_LENGTH });
	}
	if (/^(.)\1*$/u.test(password)) throw new DomainError('password_too_simple');
	if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
		throw new DomainError('password_is_email');
	}
}
