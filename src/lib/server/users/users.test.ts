import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { setupDb, META, TEST_PASSWORD, type TestWorld } from '../testing/fixtures';
import { auditEvent, invitation, outbox, user as userTable } from '../db/schema';
import { ConflictError, DomainError, ValidationError } from '../errors';
import { acceptInvitation, createOrganisation, createUser, getInvitation, getUser, listUsers, reissueInvitation, updateOrganisation, updateUser } from '.';
import { changePassword, enrolTotp } from './account';
import { createSession, generateSessionToken, validateSessionToken, sessionIdFromToken } from '../auth/session';
import { decodeTotpKey, encodeTotpKey, newTotpKey, TOTP_PERIOD } from '../auth/totp';
import { loginWithPassword } from '../auth/login';

let w: TestWorld;
beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

const BASE = 'https://fallkonferenz.kreis.example';
const NEW_PASSWORD = 'Ein ganz neues Passwort 2026';

function invite(email = 'neu@test.example') {
	return createUser(w.db, w.admin, { email: ` ${email.toUpperCase()} `, name: 'Petra Sommer', organisationId: w.orgs.jugendamt, roles: ['member'] }, BASE, META);
}

function tokenOf(url: string) {
	return url.split('/invite/')[1];
}

describe('creating users and invitations', () => {
	it('creates an invited user, stores only the token hash, queues the mail and audits', () => {
		const link = invite();
		expect(link.url).toMatch(/^https:\/\/fallkonferenz\.kreis\.example\/invite\/[a-z2-7]{32}$/);
		const token = tokenOf(link.url);
		const stored = w.db.select().from(invitation).get()!;
		expect(stored.tokenHash).not.toContain(token);
		expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
		const user = getUser(w.db, w.admin, link.userId);
		expect(user.email).toBe('neu@test.example');
		expect(user.status).toBe('invited');
		const mail = w.db.select().from(outbox).get()!;
		expect(mail.recipient).toBe('neu@test.example');
		expect(mail.subject).toBe('Einladung zur Fallkonferenz');
		expect(mail.body).toContain(link.url);
		const types = w.db.select({ type: auditEvent.type }).from(auditEvent).orderBy(auditEvent.id).all().map((r) => r.type);
		expect(types).toEqual(['user.created', 'invitation.created']);
	});

	it('reports field errors and duplicate e-mails', () => {
		try {
			createUser(w.db, w.admin, { email: 'kein-mail', name: 'X', organisationId: '', roles: [] }, BASE, META);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).fields).toEqual({ email: 'email_invalid', name: 'name_required', organisationId: 'organisation_required', roles: 'roles_required' });
		}
		expect(() => createUser(w.db, w.admin, { email: 'ASD@test.example', name: 'Doppelt', organisationId: w.orgs.jugendamt, roles: ['member'] }, BASE, META)).toThrow(
			expect.objectContaining({ code: 'email_taken', status: 409 })
		);
		expect(listUsers(w.db, w.admin)).toHaveLength(4);
	});

	it('accepts an invitation once: password set, session without second factor, then TOTP enrolment', async () => {
		const link = invite();
		const token = tokenOf(link.url);
		expect(getInvitation(w.db, token)).toEqual({ email: 'neu@test.example', name: 'Petra Sommer' });
		await expect(acceptInvitation(w.db, token, { password: 'kurz', confirm: 'kurz' }, META)).rejects.toMatchObject({ code: 'password_too_short' });
		await expect(acceptInvitation(w.db, token, { password: NEW_PASSWORD, confirm: 'anders' }, META)).rejects.toMatchObject({ code: 'password_mismatch' });
		const { token: sessionToken } = await acceptInvitation(w.db, token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, META);
		const session = validateSessionToken(w.db, sessionToken)!;
		expect(session.session.twoFactorVerified).toBe(false);
		expect(session.user.hasTotp).toBe(false);
		// Single use.
		expect(() => getInvitation(w.db, token)).toThrow(expect.objectContaining({ code: 'invitation_invalid', status: 410 }));
		await expect(acceptInvitation(w.db, token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, META)).rejects.toMatchObject({ status: 410 });

		const key = newTotpKey();
		const encoded = encodeTotpKey(key);
		expect(decodeTotpKey(encoded)).toEqual(key);
		expect(() => enrolTotp(w.db, session.user, session.session.id, { key: encoded, code: '12345' }, META)).toThrow(DomainError);
		const code = generateHOTP(key, BigInt(Math.floor(Date.now() / 1000 / TOTP_PERIOD)), 6);
		const recovery = enrolTotp(w.db, session.user, session.session.id, { key: encoded, code }, META);
		expect(recovery).toHaveLength(8);
		const after = validateSessionToken(w.db, sessionToken)!;
		expect(after.session.twoFactorVerified).toBe(true);
		expect(after.user.hasTotp).toBe(true);
		// The TOTP key is stored encrypted, never in the clear.
		const row = w.db.select().from(userTable).where(eq(userTable.id, link.userId)).get()!;
		expect(row.totpKey!.includes(Buffer.from(key))).toBe(false);
		expect(getUser(w.db, w.admin, link.userId).status).toBe('active');
	});

	it('refuses an expired invitation, and a new link replaces the old one', async () => {
		const link = invite();
		const token = tokenOf(link.url);
		const eightDays = new Date(Date.now() + 8 * 24 * 3600_000);
		expect(() => getInvitation(w.db, token, eightDays)).toThrow(expect.objectContaining({ code: 'invitation_invalid' }));
		const again = reissueInvitation(w.db, w.admin, link.userId, BASE, META);
		expect(() => getInvitation(w.db, token)).toThrow(DomainError);
		expect(getInvitation(w.db, tokenOf(again.url)).email).toBe('neu@test.example');
		expect(() => reissueInvitation(w.db, w.admin, w.member.id, BASE, META)).toThrow(expect.objectContaining({ code: 'invitation_already_accepted' }));
	});
});

describe('changing users', () => {
	it('deactivation ends every session of the user and is audited; stale versions conflict', () => {
		const token = generateSessionToken();
		createSession(w.db, token, w.member.id, { twoFactorVerified: true });
		const input = { email: 'asd@test.example', name: 'asd', organisationId: w.orgs.jugendamt, roles: ['member', 'coordinator'], active: false, version: 1 };
		updateUser(w.db, w.admin, w.member.id, input, META);
		expect(validateSessionToken(w.db, token)).toBeNull();
		const types = w.db.select({ type: auditEvent.type }).from(auditEvent).orderBy(auditEvent.id).all().map((r) => r.type);
		expect(types).toEqual(['user.roles_changed', 'user.deactivated']);
		expect(() => updateUser(w.db, w.admin, w.member.id, { ...input, active: true }, META)).toThrow(ConflictError);
		updateUser(w.db, w.admin, w.member.id, { ...input, active: true, version: 2 }, META);
		expect(getUser(w.db, w.admin, w.member.id)).toMatchObject({ active: true, roles: ['member', 'coordinator'], version: 3 });
	});

	it('does not let an admin lock themselves out', () => {
		const self = { email: w.admin.email, name: 'admin', organisationId: w.orgs.jugendamt, version: 1 };
		expect(() => updateUser(w.db, w.admin, w.admin.id, { ...self, roles: ['member'], active: true }, META)).toThrow(expect.objectContaining({ code: 'cannot_lock_out_self' }));
		expect(() => updateUser(w.db, w.admin, w.admin.id, { ...self, roles: ['admin'], active: false }, META)).toThrow(expect.objectContaining({ code: 'cannot_lock_out_self' }));
	});

	it('keeps organisation names unique and versions honest', () => {
		const id = createOrganisation(w.db, w.admin, { name: '  Schulamt Soest ', kind: 'other' }, META);
		expect(() => createOrganisation(w.db, w.admin, { name: 'Schulamt Soest', kind: 'other' }, META)).toThrow(expect.objectContaining({ code: 'organisation_name_taken' }));
		expect(() => createOrganisation(w.db, w.admin, { name: 'X', kind: 'feuerwehr' }, META)).toThrow(ValidationError);
		updateOrganisation(w.db, w.admin, id, { name: 'Schulamt Kreis Soest', kind: 'other', active: false, version: 1 }, META);
		expect(() => updateOrganisation(w.db, w.admin, id, { name: 'Alt', kind: 'other', version: 1 }, META)).toThrow(ConflictError);
	});
});

describe('changing the password', () => {
	it('checks the current password, ends all sessions and starts a fresh one for this device', async () => {
		const here = generateSessionToken();
		const elsewhere = generateSessionToken();
		createSession(w.db, here, w.member.id, { twoFactorVerified: true });
		createSession(w.db, elsewhere, w.member.id, { twoFactorVerified: true });
		await expect(changePassword(w.db, w.member, { current: 'falsch-falsch-falsch', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, META)).rejects.toMatchObject({ code: 'current_password_wrong' });
		await expect(changePassword(w.db, w.member, { current: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD }, META)).rejects.toMatchObject({ code: 'password_unchanged' });
		const fresh = await changePassword(w.db, w.member, { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, META);
		expect(validateSessionToken(w.db, here)).toBeNull();
		expect(validateSessionToken(w.db, elsewhere)).toBeNull();
		expect(validateSessionToken(w.db, fresh.token)?.session.twoFactorVerified).toBe(true);
		await expect(loginWithPassword(w.db, { email: w.member.email, password: TEST_PASSWORD }, { ip: '203.0.113.50' })).rejects.toMatchObject({ code: 'login_invalid' });
		const ok = await loginWithPassword(w.db, { email: w.member.email, password: NEW_PASSWORD }, { ip: '203.0.113.51' });
		expect(ok.session.id).toBe(sessionIdFromToken(ok.token));
	});
});
