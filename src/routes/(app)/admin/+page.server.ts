import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { assertCan } from '$lib/server/access';
import { guard } from '$lib/server/forms';

// The permission first, also when the page's load runs alone (__data.json without the layout): 403, not the redirect.
export const load: PageServerLoad = ({ locals }) => {
	guard(() => assertCan(locals.actor, 'user.manage'));
	redirect(303, '/admin/users');
};
