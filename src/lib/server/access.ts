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
	| 'account.manage';

export type Resource = { type: 'user'; id: number } | undefined;

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
		default:
			return false;
	}
}

export function assertCan(actor: Actor | null | undefined, action: Action, resource?: Resource): asserts actor is Actor {
	if (!can(actor, action, resource)) throw new ForbiddenError();
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
	return !!actor && actor.roles.includes(role);
}
