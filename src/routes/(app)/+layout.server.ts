import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	// hooks.server.ts already sends anyone without a full session to /login; this is the second lock.
	if (!locals.actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	return { actor: { name: locals.actor.name, roles: locals.actor.roles, organisationKind: locals.actor.organisationKind } };
};
