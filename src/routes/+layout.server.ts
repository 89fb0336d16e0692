import type { LayoutServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getLocale } from '$lib/paraglide/runtime';
import { can } from '$lib/server/access';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		demoMode: config().demoMode,
		locale: getLocale(),
		user: locals.user ? { name: locals.user.name, email: locals.user.email } : null,
		signedIn: !!actor,
		nav: {
			admin: can(actor, 'user.manage')
		}
	};
};
