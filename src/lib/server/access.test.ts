import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { can, type Action } from './access';
import { setupDb, META, type TestWorld } from './testing/fixtures';
import { ForbiddenError } from './errors';
import { createOrganisation, createUser, getUser, listUsers, resetSecondFactor, updateOrganisation, updateUser, reissueInvitation, getOrganisation } from './users';
import { listOutbox } from './mail/outbox';
import { listAuditEvents } from './audit';
import { logoutEverywhere, revokeSession } from './users/account';

let w: TestWorld;
beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

const ADMIN_ACTIONS: Action[] = ['organisation.manage', 'user.manage', 'audit.read', 'outbox.read'];

describe('the permission policy', () => {
	it('gives the admin actions to admins only', () => {
		for (const action of ADMIN_ACTIONS) {
			expect(can(w.admin, action), action).toBe(true);
			expect(can(w.coordinator, action), action).toBe(false);
			expect(can(w.member, action), action).toBe(false);
			expect(can(w.police, action), action).toBe(false);
			expect(can(null, action), action).toBe(false);
		}
	});

	it('lets every user manage only their own account', () => {
		for (const actor of [w.admin, w.coordinator, w.member, w.police]) {
			expect(can(actor, 'account.manage', { type: 'user', id: actor.id })).toBe(true);
			expect(can(actor, 'account.manage', { type: 'user', id: actor.id + 1000 })).toBe(false);
		}
	});

	it('is enforced by every admin domain function, not only by the pages', () => {
		const base = 'http://localhost';
		const calls: [string, (a: typeof w.admin) => unknown][] = [
			['listUsers', (a) => listUsers(w.db, a)],
			['getUser', (a) => getUser(w.db, a, w.member.id)],
			['createUser', (a) => createUser(w.db, a, { email: 'x@test.example', name: 'X Y', organisationId: w.orgs.jugendamt, roles: ['member'] }, base, META)],
			['updateUser', (a) => updateUser(w.db, a, w.member.id, { email: 'asd@test.example', name: 'asd', organisationId: w.orgs.jugendamt, roles: ['admin'], active: true, version: 1 }, META)],
			['resetSecondFactor', (a) => resetSecondFactor(w.db, a, w.member.id, META)],
			['reissueInvitation', (a) => reissueInvitation(w.db, a, w.member.id, base, META)],
			['getOrganisation', (a) => getOrganisation(w.db, a, w.orgs.polizei)],
			['createOrganisation', (a) => createOrganisation(w.db, a, { name: 'Neu', kind: 'other' }, META)],
			['updateOrganisation', (a) => updateOrganisation(w.db, a, w.orgs.polizei, { name: 'X', kind: 'other', version: 1 }, META)],
			['listOutbox', (a) => listOutbox(w.db, a)],
			['listAuditEvents', (a) => listAuditEvents(w.db, a)]
		];
		for (const actor of [w.coordinator, w.member, w.police]) {
			for (const [name, call] of calls) {
				expect(() => call(actor), `${name} as ${actor.email}`).toThrow(ForbiddenError);
			}
		}
		// And a member's escalation attempt changed nothing.
		expect(getUser(w.db, w.admin, w.member.id).roles).toEqual(['member']);
	});

	it('does not let one user end another user’s session', () => {
		expect(() => revokeSession(w.db, w.member, 'some-other-session-id', META)).toThrow();
		expect(() => logoutEverywhere(w.db, w.member, META)).not.toThrow();
	});
});

describe('the policy for meetings, minutes and action items', () => {
	const minutes = (role: 'coordinator' | 'member' | null, status: 'draft' | 'review' | 'approved', minuteTakerId: number | null = null) => ({ type: 'minutes' as const, role, status, minuteTakerId });

	it('shows meetings and agendas to series members only', () => {
		expect(can(w.member, 'meeting.view', { type: 'meeting', role: 'member' })).toBe(true);
		expect(can(w.member, 'agenda.view', { type: 'meeting', role: 'coordinator' })).toBe(true);
		expect(can(w.police, 'meeting.view', { type: 'meeting', role: null })).toBe(false);
		expect(can(null, 'meeting.view', { type: 'meeting', role: 'member' })).toBe(false);
	});

	it('shows drafts to the minute-taker and coordinators, submitted and approved minutes to members, nothing to outsiders', () => {
		expect(can(w.member, 'minutes.view', minutes('member', 'draft'))).toBe(false);
		expect(can(w.member, 'minutes.view', minutes('member', 'draft', w.member.id))).toBe(true);
		expect(can(w.coordinator, 'minutes.view', minutes('coordinator', 'draft'))).toBe(true);
		expect(can(w.police, 'minutes.view', minutes('member', 'review'))).toBe(true);
		expect(can(w.police, 'minutes.view', minutes('member', 'approved'))).toBe(true);
		expect(can(w.police, 'minutes.view', minutes(null, 'approved'))).toBe(false);
	});

	it('lets the minute-taker and coordinators edit until approval; only coordinators approve', () => {
		expect(can(w.member, 'minutes.edit', minutes('member', 'draft', w.member.id))).toBe(true);
		expect(can(w.member, 'minutes.edit', minutes('member', 'review', w.member.id))).toBe(true);
		expect(can(w.member, 'minutes.edit', minutes('member', 'approved', w.member.id))).toBe(false);
		expect(can(w.police, 'minutes.edit', minutes('member', 'draft'))).toBe(false);
		expect(can(w.coordinator, 'minutes.approve', minutes('coordinator', 'review'))).toBe(true);
		expect(can(w.member, 'minutes.approve', minutes('member', 'review', w.member.id))).toBe(false);
		expect(can(w.member, 'action.create', minutes('member', 'draft', w.member.id))).toBe(true);
		expect(can(w.police, 'action.create', minutes('member', 'draft'))).toBe(false);
	});

	it('lets the responsible person, their organisation and coordinators update an action item; members read it', () => {
		const action = (role: 'coordinator' | 'member' | null, assigneeUserId: number | null, assigneeOrganisationId: number | null) => ({ type: 'action' as const, role, assigneeUserId, assigneeOrganisationId });
		expect(can(w.member, 'action.update', action('member', w.member.id, null))).toBe(true);
		expect(can(w.police, 'action.update', action('member', null, w.police.organisationId))).toBe(true);
		expect(can(w.police, 'action.update', action('member', w.member.id, w.member.organisationId))).toBe(false);
		expect(can(w.police, 'action.view', action('member', w.member.id, null))).toBe(true);
		expect(can(w.coordinator, 'action.update', action('coordinator', w.member.id, null))).toBe(true);
		expect(can(w.member, 'action.view', action(null, w.member.id, null))).toBe(false);
		expect(can(w.member, 'action.update', action(null, w.member.id, null))).toBe(false);
	});
});
