import { describe, expect, it } from 'vitest';
import { assertPasswordRules, hashPassword, verifyPassword } from './password';
import { DomainError } from '../errors';

function code(fn: () => void): string | null {
	try {
		fn();
		return null;
	} catch (e) {
		return e instanceof DomainError ? e.code : 'other';
	}
}

describe('password rules', () => {
	it('requires at least 12 characters', () => {
		expect(code(() => assertPasswordRules('kurz-11-chr'))).toBe('password_too_short');
		expect(code(() => assertPasswordRules('genau-12-chr'))).toBeNull();
	});
	it('refuses overly long, repeated-character and e-mail passwords', () => {
		expect(code(() => assertPasswordRules('x'.repeat(257)))).toBe('password_too_long');
		expect(code(() => assertPasswordRules('aaaaaaaaaaaaaaaa'))).toBe('password_too_simple');
		expect(code(() => assertPasswordRules('Petra@Test.example', 'petra@test.example'))).toBe('password_is_email');
	});
	it('accepts a passphrase with spaces and umlauts', () => {
		expect(code(() => assertPasswordRules('Grüne Äpfel über Straßen'))).toBeNull();
	});
});

describe('password hashing', () => {
	it('uses salted argon2id and verifies', async () => {
		const a = await hashPassword('Ein sicheres Passwort');
		const b = await hashPassword('Ein sicheres Passwort');
		expect(a).toMatch(/^\$argon2id\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword(a, 'Ein sicheres Passwort')).toBe(true);
		expect(await verifyPassword(a, 'ein sicheres Passwort')).toBe(false);
		expect(await verifyPassword('kein-hash', 'x')).toBe(false);
	});
});
