import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { createUser, listOrganisations } from '$lib/server/users';
import { failure, guard, requestMeta, requireActor, str } from '$lib/server/forms';
import { assertCan } from '$lib/server/access';

// The admin layout's check does not protect __data.json (SvelteKit may skip the layout load).
export const load: PageServerLoad = ({ locals }) =>
	guard(() => {
		assertCan(locals.actor, 'user.manage');
		return { organisations: listOrganisations(getDb(), locals.actor) };
	});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { name: str(data, 'name'), email: str(data, 'email'), organisationId: str(data, 'organisationId'), roles: data.getAll('roles').map(String) };
		try {
			const link = createUser(getDb(), actor, values, event.url.origin, requestMeta(event));
			return { created: { name: values.name, email: values.email.trim().toLowerCase(), url: link.url, expiresAt: link.expiresAt, userId: link.userId } };
		} catch (e) {
			return failure(e, values);
		}
	}
};
