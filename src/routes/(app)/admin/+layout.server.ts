import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/access';
import { m } from '$lib/paraglide/messages';

export const load: LayoutServerLoad = ({ locals }) => {
	// The domain functions check again; this only gives a clean 403 page for every admin path.
	if (!can(locals.actor, 'user.manage')) error(403, m.error_forbidden());
	return {};
};
