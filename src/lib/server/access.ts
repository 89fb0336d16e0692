import type { OrganisationKind, Role } from './db/schema';
import { ForbiddenError } from './errors';

/** The acting user, as the domain layer sees them. */
export interface Actor {
	id: number;
	email: string;
	name: string;
	organisationId: number;
	organisationKind: OrganisationKind;
	roles: Role[];
}

export type Action =
	| 'organisation.manage'
	| 'user.manage'
	| 'audit.read'
	| 'outbox.read'
	| 'account.manage'
	| 'series.create'
	| 'series.manage'
	| 'meeting.respond'
	| 'agenda.submit'
	| 'agenda.edit'
	| 'case.view'
	| 'case.register'
	| 'case.manage'
	| 'case.reveal';

/** The actor's role in a meeting series (computed by the meetings module from the membership). */
export type SeriesRole = 'coordinator' | 'member';

export type Resource =
	| { type: 'user'; id: number }
	| { type: 'series'; role: SeriesRole | null }
	| { type: 'agendaItem'; role: SeriesRole | null; submittedBy: number; status: string }
	| { type: 'case'; organisationId: number }
	| undefined;

const ADMIN_ONLY: ReadonlySet<Action> = new Set([
	'organisation.manage',
	'user.manage',
	'audit.read',
	'outbox.read'
]);

/** The one permission policy. Routes may hide buttons with it; the domain always enforces it. */
export function can(actor: Actor | null | undefined, action: Action, resource?: Resource): boolean {
	if (!actor) return false;
	if (ADMIN_ONLY.has(action)) return actor.roles.includes('admin');
	switch (action) {
		case 'account.manage':
			return resource?.type === 'user' ? resource.id === actor.id : true;
		case 'series.create':
			return actor.roles.includes('coordinator');
		case 'series.manage':
			// Coordinators of the series; the global coordinator role alone is not enough.
			return resource?.type === 'series' && resource.role === 'coordinator';
		case 'meeting.respond':
		case 'agenda.submit':
			return resource?.type === 'series' && resource.role !== null;
		case 'agenda.edit':
			if (resource?.type !== 'agendaItem' || resource.role === null) return false;
			return resource.role === 'coordinator' || (resource.submittedBy === actor.id && resource.status === 'proposed');
		case 'case.view':
			// Codes, labels and pseudonyms: every member organisation works with them.
			return true;
		case 'case.register':
			return isCaseWorker(actor);
		case 'case.manage':
		case 'case.reveal':
			// Only case workers of the owning Jugendamt; never police, other organisations or other offices.
			return resource?.type === 'case' && isCaseWorker(actor) && resource.organisationId === actor.organisationId;
		default:
			return false;
	}
}

/**
 * Case work belongs to Jugendamt staff with a working role (member or coordinator). The admin role
 * alone is technical administration and gives no access to case key data (separation of duties).
 */
function isCaseWorker(actor: Actor): boolean {
	return actor.organisationKind === 'jugendamt' && (actor.roles.includes('member') || actor.roles.includes('coordinator'));
}

export function assertCan(actor: Actor | null | undefined, action: Action, resource?: Resource): asserts actor is Actor {
	if (!can(actor, action, resource)) throw new ForbiddenError();
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
	return !!actor && actor.roles.includes(role);
}
