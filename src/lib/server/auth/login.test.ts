import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { setupDb, TEST_PASSWORD, META, type TestWorld } from '../testing/fixtures';
import { auditEvent, loginThrottle, outbox, user as userTable } from '../db/schema';
import { DomainError } from '../errors';
import { loginWithPassword, verifySecondFactor, type RequestMeta } from './login';
import { THROTTLE, accountKey, addressKey, recordLoginFailure, throttleWait } from './throttle';
import { newTotpKey, replaceRecoveryCodes, sealTotpKey, TOTP_PERIOD } from './totp';
import { validateSessionToken } from './session';
import { overrideConfig } from '../config';

let w: TestWorld;
beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

async function attempt(email: string, password: string, meta: RequestMeta = META) {
	try {
		return await loginWithPassword(w.db, { email, password }, meta);
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
}

function enrol(userId: number) {
	const key = newTotpKey();
	w.db.update(userTable).set({ totpKey: sealTotpKey(key) }).where(eq(userTable.id, userId)).run();
	return key;
}

function codeAt(key: Uint8Array, ms: number) {
	return generateHOTP(key, BigInt(Math.floor(ms / 1000 / TOTP_PERIOD)), 6);
}

describe('throttling (pure)', () => {
	it('lets the first failures through and then backs off exponentially, capped', () => {
		const t = new Date('2026-03-02T08:00:00Z');
		const key = accountKey('x@test.example');
		const waits: number[] = [];
		for (let i = 0; i < 14; i++) {
			recordLoginFailure(w.db, key, t);
			waits.push(throttleWait(w.db, [key], t));
		}
		expect(waits.slice(0, THROTTLE.account.free - 1)).toEqual([0, 0]);
		expect(waits.slice(2, 7)).toEqual([2, 4, 8, 16, 32]);
		expect(Math.max(...waits)).toBe(THROTTLE.maxSeconds);
		// The lock runs out with time.
		expect(throttleWait(w.db, [key], new Date(t.getTime() + THROTTLE.maxSeconds * 1000))).toBe(0);
	});

	it('keeps accounts and addresses apart and uses the longest wait', () => {
		const t = new Date();
		for (let i = 0; i < THROTTLE.address.free + 2; i++) recordLoginFailure(w.db, addressKey('198.51.100.1'), t);
		expect(throttleWait(w.db, [accountKey('a@test.example')], t)).toBe(0);
		expect(throttleWait(w.db, [accountKey('a@test.example'), addressKey('198.51.100.1')], t)).toBeGreaterThan(0);
	});
});

describe('loginWithPassword', () => {
	it('gives the same error for unknown e-mail, wrong password, inactive and not-yet-activated accounts', async () => {
		w.addUser('invited@test.example', ['member'], 'jugendamt', { password: false });
		const inactive = w.addUser('inactive@test.example', ['member']);
		w.db.update(userTable).set({ active: false }).where(eq(userTable.id, inactive.id)).run();
		const results = [
			await attempt('unknown@test.example', TEST_PASSWORD, { ip: '203.0.113.1' }),
			await attempt('asd@test.example', 'wrong-password-123', { ip: '203.0.113.2' }),
			await attempt('invited@test.example', TEST_PASSWORD, { ip: '203.0.113.3' }),
			await attempt('inactive@test.example', TEST_PASSWORD, { ip: '203.0.113.4' })
		];
		for (const r of results) {
			expect(r).toBeInstanceOf(DomainError);
			expect((r as DomainError).code).toBe('login_invalid');
			expect((r as DomainError).status).toBe(400);
		}
		const failures = w.db.select().from(auditEvent).where(eq(auditEvent.type, 'login.failure')).all();
		expect(failures).toHaveLength(4);
		// The audit trail never holds the password.
		expect(JSON.stringify(failures)).not.toContain('wrong-password-123');
	});

	it('throttles an account after repeated failures, even with the right password, with 429', async () => {
		for (let i = 0; i < THROTTLE.account.free; i++) await attempt('asd@test.example', `wrong-${i}-xxxxxxxx`);
		const blocked = await attempt('asd@test.example', TEST_PASSWORD);
		expect(blocked).toBeInstanceOf(DomainError);
		expect((blocked as DomainError).status).toBe(429);
		expect((blocked as DomainError).params.seconds).toBeGreaterThan(0);
		// A different account from another address is not affected.
		const other = await attempt('admin@test.example', TEST_PASSWORD, { ip: '203.0.113.9' });
		expect(other).not.toBeInstanceOf(DomainError);
	});

	it('throttles an unknown e-mail exactly like a real one (no account enumeration)', async () => {
		for (let i = 0; i < THROTTLE.account.free; i++) await attempt('ghost@test.example', `wrong-${i}-xxxxxxxx`, { ip: `203.0.113.${i + 20}` });
		const blocked = await attempt('ghost@test.example', 'anything-at-all', { ip: '203.0.113.99' });
		expect((blocked as DomainError).code).toBe('login_throttled');
	});

	it('throttles an address that tries many accounts', async () => {
		for (let i = 0; i < THROTTLE.address.free; i++) await attempt(`probe${i}@test.example`, 'wrong-password-x', { ip: '198.51.100.7' });
		const blocked = await attempt('asd@test.example', TEST_PASSWORD, { ip: '198.51.100.7' });
		expect((blocked as DomainError).code).toBe('login_throttled');
	});

	it('needs the second factor when TOTP is enrolled; the session is not verified before', async () => {
		const key = enrol(w.member.id);
		const result = await attempt('ASD@test.example ', TEST_PASSWORD);
		if (result instanceof DomainError) throw result;
		expect(result.next).toBe('2fa');
		expect(validateSessionToken(w.db, result.token)?.session.twoFactorVerified).toBe(false);

		const now = Date.now();
		expect(() => verifySecondFactor(w.db, result.session, w.member, '000000' === codeAt(key, now) ? '111111' : '000000', { ...META, now: new Date(now) })).toThrow(DomainError);
		const verified = verifySecondFactor(w.db, result.session, w.member, codeAt(key, now), { ...META, now: new Date(now) });
		// A new token carries the full session; the token of the password step is void (no fixation).
		expect(verified.token).not.toBe(result.token);
		expect(validateSessionToken(w.db, verified.token)?.session.twoFactorVerified).toBe(true);
		expect(validateSessionToken(w.db, result.token)).toBeNull();
	});

	it('holds the password limit under concurrent requests: the check and the count are one step', async () => {
		const results = await Promise.all(Array.from({ length: 30 }, () => attempt('asd@test.example', 'falsches-Passwort-123')));
		const checked = results.filter((r) => r instanceof DomainError && r.code === 'login_invalid').length;
		const throttled = results.filter((r) => r instanceof DomainError && r.code === 'login_throttled').length;
		expect(checked).toBe(THROTTLE.account.free);
		expect(throttled).toBe(30 - THROTTLE.account.free);
		// The right password is throttled too until the lock ends.
		expect(await attempt('asd@test.example', TEST_PASSWORD)).toMatchObject({ code: 'login_throttled' });
	});

	it('counts wrong second-factor codes across password steps, locks, and tells the account holder once', async () => {
		const key = enrol(w.member.id);
		const now = Date.now();
		const wrong = '000000' === codeAt(key, now) ? '111111' : '000000';
		const codes: string[] = [];
		for (let round = 0; round < 3; round++) {
			// A correct password does not reset the count of wrong codes.
			const s = (await attempt('asd@test.example', TEST_PASSWORD, { ...META, now: new Date(now + round) })) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
			try {
				verifySecondFactor(w.db, s.session, w.member, wrong, { ...META, now: new Date(now + round) });
			} catch (e) {
				codes.push((e as DomainError).code);
			}
		}
		expect(codes).toEqual(['code_invalid', 'code_invalid', 'code_invalid']);
		const s = (await attempt('asd@test.example', TEST_PASSWORD, { ...META, now: new Date(now + 10) })) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
		expect(() => verifySecondFactor(w.db, s.session, w.member, codeAt(key, now), { ...META, now: new Date(now + 10) })).toThrow(expect.objectContaining({ code: 'login_throttled' }));
		const mails = w.db.select().from(outbox).all().filter((o) => o.recipient === w.member.email);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toContain('falsche Codes');
		// After the lock the right code works and clears the count.
		const later = new Date(now + 5 * 60_000);
		const s2 = (await attempt('asd@test.example', TEST_PASSWORD, { ...META, now: later })) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
		expect(verifySecondFactor(w.db, s2.session, w.member, codeAt(key, later.getTime()), { ...META, now: later }).usedRecoveryCode).toBe(false);
	});

	it('tells an English-speaking holder of a locked account in English', async () => {
		const key = enrol(w.member.id);
		w.db.update(userTable).set({ locale: 'en' }).where(eq(userTable.id, w.member.id)).run();
		const now = Date.now();
		const wrong = '000000' === codeAt(key, now) ? '111111' : '000000';
		const s = (await attempt('asd@test.example', TEST_PASSWORD, { ...META, now: new Date(now) })) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
		for (let i = 0; i < 3; i++) expect(() => verifySecondFactor(w.db, s.session, w.member, wrong, { ...META, now: new Date(now + i) })).toThrow();
		const mails = w.db.select().from(outbox).all().filter((o) => o.recipient === w.member.email);
		expect(mails).toHaveLength(1);
		expect(mails[0].body).toContain('wrong second-factor codes');
	});

	it('takes as long for an unknown e-mail as for a wrong password (no enumeration by timing)', async () => {
		const time = async (email: string) => {
			const t = process.hrtime.bigint();
			const r = await attempt(email, 'wrong-password-123', { userAgent: 'vitest', ip: null });
			const ns = Number(process.hrtime.bigint() - t);
			expect(r).toMatchObject({ code: 'login_invalid' });
			// Only the hash is measured: the throttle would answer early after three failures.
			w.db.delete(loginThrottle).run();
			return ns;
		};
		await time('warm-up@test.example');
		const ratios: number[] = [];
		for (let i = 0; i < 12; i++) {
			const unknown = await time(`nobody${i}@test.example`);
			const known = await time('asd@test.example');
			ratios.push(unknown / known);
		}
		const median = ratios.sort((a, b) => a - b)[ratios.length >> 1];
		// Both verify one argon2id hash (a dummy one for unknown accounts); the bound absorbs noise.
		expect(median).toBeGreaterThan(0.6);
		expect(median).toBeLessThan(1.6);
	});

	it('refuses a replayed TOTP code', async () => {
		const key = enrol(w.member.id);
		const now = Date.now();
		const first = (await attempt('asd@test.example', TEST_PASSWORD)) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
		verifySecondFactor(w.db, first.session, w.member, codeAt(key, now), { ...META, now: new Date(now) });
		const second = (await attempt('asd@test.example', TEST_PASSWORD)) as typeof first;
		expect(() => verifySecondFactor(w.db, second.session, w.member, codeAt(key, now), { ...META, now: new Date(now + 1000) })).toThrow(DomainError);
	});

	it('accepts each recovery code once', async () => {
		enrol(w.member.id);
		const codes = replaceRecoveryCodes(w.db, w.member.id);
		expect(codes).toHaveLength(8);
		const s1 = (await attempt('asd@test.example', TEST_PASSWORD)) as Exclude<Awaited<ReturnType<typeof attempt>>, DomainError>;
		expect(verifySecondFactor(w.db, s1.session, w.member, codes[0].toUpperCase(), META).usedRecoveryCode).toBe(true);
		const s2 = (await attempt('asd@test.example', TEST_PASSWORD)) as typeof s1;
		expect(() => verifySecondFactor(w.db, s2.session, w.member, codes[0], META)).toThrow(DomainError);
	});

	it('lets a demo account skip the second factor only in demo mode', async () => {
		w.addUser('demo@test.example', ['member'], 'jugendamt', { demo: true });
		const off = (await attempt('demo@test.example', TEST_PASSWORD)) as { next: string };
		expect(off.next).toBe('enrol');
		const restore = overrideConfig({ demoMode: true });
		try {
			const on = (await attempt('demo@test.example', TEST_PASSWORD)) as { next: string; token: string };
			expect(on.next).toBe('done');
			expect(validateSessionToken(w.db, on.token)?.session.twoFactorVerified).toBe(true);
			// A normal account still needs to enrol, even in demo mode.
			expect(((await attempt('asd@test.example', TEST_PASSWORD)) as { next: string }).next).toBe('enrol');
		} finally {
			restore();
		}
	});
});
