import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupDb, type TestWorld } from '../testing/fixtures';
import { session as sessionTable, user as userTable } from '../db/schema';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from './session';

const HOUR = 3600_000;
let w: TestWorld;
beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

describe('sessions', () => {
	it('stores only the hash of the token and validates the token', () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		createSession(w.db, token, w.member.id, { twoFactorVerified: true });
		const rows = w.db.select().from(sessionTable).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(sessionIdFromToken(token));
		expect(rows[0].id).not.toContain(token);
		const result = validateSessionToken(w.db, token);
		expect(result?.user.email).toBe('asd@test.example');
		expect(result?.user.organisationKind).toBe('jugendamt');
		expect(validateSessionToken(w.db, generateSessionToken())).toBeNull();
	});

	it('expires after 8 idle hours and deletes the row', () => {
		const t0 = new Date('2026-03-02T08:00:00Z');
		const used = generateSessionToken();
		const idle = generateSessionToken();
		createSession(w.db, used, w.member.id, { now: t0 });
		createSession(w.db, idle, w.member.id, { now: t0 });
		expect(validateSessionToken(w.db, used, new Date(t0.getTime() + 7 * HOUR))).not.toBeNull();
		// The unused one is gone after 8 hours, the used one slid forward.
		expect(validateSessionToken(w.db, idle, new Date(t0.getTime() + 8 * HOUR + 1000))).toBeNull();
		expect(validateSessionToken(w.db, used, new Date(t0.getTime() + 8 * HOUR + 1000))).not.toBeNull();
		expect(w.db.select().from(sessionTable).all()).toHaveLength(1);
	});

	it('renews the idle expiry on use, but never beyond the absolute limit of 12 hours', () => {
		const t0 = new Date('2026-03-02T08:00:00Z');
		const token = generateSessionToken();
		const created = createSession(w.db, token, w.member.id, { now: t0 });
		expect(created.expiresAt.getTime()).toBe(t0.getTime() + 8 * HOUR);
		expect(created.absoluteExpiresAt.getTime()).toBe(t0.getTime() + 12 * HOUR);
		const at6 = new Date(t0.getTime() + 6 * HOUR);
		const renewed = validateSessionToken(w.db, token, at6)!;
		expect(renewed.session.expiresAt.getTime()).toBe(t0.getTime() + 12 * HOUR);
		const stored = w.db.select().from(sessionTable).get()!;
		expect(stored.expiresAt.getTime()).toBe(t0.getTime() + 12 * HOUR);
		expect(validateSessionToken(w.db, token, new Date(t0.getTime() + 11.9 * HOUR))).not.toBeNull();
		expect(validateSessionToken(w.db, token, new Date(t0.getTime() + 12 * HOUR))).toBeNull();
	});

	it('does not write on every request (renewal at most every few minutes)', () => {
		const t0 = new Date('2026-03-02T08:00:00Z');
		const token = generateSessionToken();
		createSession(w.db, token, w.member.id, { now: t0 });
		validateSessionToken(w.db, token, new Date(t0.getTime() + 60_000));
		expect(w.db.select().from(sessionTable).get()!.lastSeenAt.getTime()).toBe(t0.getTime());
	});

	it('has no valid session for a deactivated user', () => {
		const token = generateSessionToken();
		createSession(w.db, token, w.member.id);
		w.db.update(userTable).set({ active: false }).where(eq(userTable.id, w.member.id)).run();
		expect(validateSessionToken(w.db, token)).toBeNull();
	});

	it('invalidates one session, or all of a user, optionally keeping one', () => {
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		createSession(w.db, a, w.member.id);
		createSession(w.db, b, w.member.id);
		createSession(w.db, c, w.admin.id);
		invalidateSession(w.db, sessionIdFromToken(a));
		expect(validateSessionToken(w.db, a)).toBeNull();
		expect(validateSessionToken(w.db, b)).not.toBeNull();
		const d = generateSessionToken();
		createSession(w.db, d, w.member.id);
		invalidateUserSessions(w.db, w.member.id, sessionIdFromToken(d));
		expect(validateSessionToken(w.db, b)).toBeNull();
		expect(validateSessionToken(w.db, d)).not.toBeNull();
		expect(validateSessionToken(w.db, c)).not.toBeNull();
	});
});
