import type { OrganisationKind, Role } from './db/schema';
import { DomainError, ForbiddenError, NotFoundError } from './errors';

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
	| 'agenda.withdraw'
	| 'case.view'
	| 'case.register'
	| 'case.manage'
	| 'case.reveal'
	| 'meeting.view'
	| 'agenda.view'
	| 'minutes.view'
	| 'minutes.edit'
	| 'minutes.approve'
	| 'action.view'
	| 'action.create'
	| 'action.update';

/** The actor's role in a meeting series (computed by the meetings module from the membership). */
export type SeriesRole = 'coordinator' | 'member';

export type Resource =
	| { type: 'user'; id: number }
	| { type: 'series'; role: SeriesRole | null }
	| { type: 'agendaItem'; role: SeriesRole | null; submittedBy: number; status: string }
	| { type: 'case'; organisationId: number }
	| { type: 'meeting'; role: SeriesRole | null }
	/** Minutes of a meeting: their status, and who takes them. */
	| { type: 'minutes'; role: SeriesRole | null; status: MinutesStatus; minuteTakerId: number | null }
	/** An action item: the series role of the actor, and who is responsible for it. */
	| { type: 'action'; role: SeriesRole | null; assigneeUserId: number | null; assigneeOrganisationId: number | null }
	| undefined;

/** Draft → in review (members comment) → approved (locked; corrections make a new version). */
export type MinutesStatus = 'draft' | 'review' | 'approved';

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
		case 'agenda.withdraw':
			// Only one's own item, and only while nobody has decided on it yet.
			return resource?.type === 'agendaItem' && resource.role !== null && resource.submittedBy === actor.id && resource.status === 'proposed';
		case 'case.view':
			// Codes, labels and pseudonyms: every member organisation works with them.
			return true;
		case 'case.register':
			return isCaseWorker(actor);
		case 'case.manage':
		case 'case.reveal':
			// Only case workers of the owning Jugendamt; never police, other organisations or other offices.
			return resource?.type === 'case' && isCaseWorker(actor) && resource.organisationId === actor.organisationId;
		case 'meeting.view':
		case 'agenda.view':
			// Series members only; everyone else does not learn that the meeting exists (404).
			return (resource?.type === 'meeting' || resource?.type === 'series') && resource.role !== null;
		case 'minutes.view':
			// Drafts only for the minute-taker and coordinators; submitted and approved minutes for every member.
			if (resource?.type !== 'minutes' || resource.role === null) return false;
			return resource.status !== 'draft' || resource.role === 'coordinator' || resource.minuteTakerId === actor.id;
		case 'minutes.edit':
			// Approved minutes are locked: a correction is a new version, made by a coordinator.
			if (resource?.type !== 'minutes' || resource.role === null || resource.status === 'approved') return false;
			return resource.role === 'coordinator' || resource.minuteTakerId === actor.id;
		case 'minutes.approve':
			return resource?.type === 'minutes' && resource.role === 'coordinator';
		case 'action.view':
			return resource?.type === 'action' && resource.role !== null;
		case 'action.create':
			// Action items are agreed in the minutes: whoever may edit them records them.
			return resource?.type === 'minutes' && can(actor, 'minutes.edit', resource);
		case 'action.update':
			// Status and progress notes: the responsible person, any member of the responsible organisation, coordinators.
			if (resource?.type !== 'action' || resource.role === null) return false;
			return resource.role === 'coordinator' || resource.assigneeUserId === actor.id || (resource.assigneeOrganisationId !== null && resource.assigneeOrganisationId === actor.organisationId);
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

/** Series membership as the domain needs it: outsiders get a 404, so ids reveal nothing. */
export function requireSeriesRole(role: SeriesRole | null): SeriesRole {
	if (!role) throw new NotFoundError();
	return role;
}

/**
 * The access part of a domain call, run before its input is read: `check` loads the object and
 * checks the permission as the call's own path does; a 404 or 403 from it is thrown at once, so an
 * outsider learns nothing from a validation error about an id that is not theirs. Any other refusal
 * (a state conflict such as "not started", 409) is left to the call, which raises it again after
 * the validation, where it always came: legitimate users keep their error codes.
 */
export function accessFirst(check: () => unknown): void {
	try {
		check();
	} catch (e) {
		if (!(e instanceof DomainError) || e.status === 404 || e.status === 403) throw e;
	}
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
	return !!actor && actor.roles.includes(role);
}
