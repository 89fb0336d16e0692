import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { createUser, listOrganisations } from '$lib/server/users';
import { failure, requestMeta, requireActor, str } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => ({ organisations: listOrganisations(getDb(), locals.actor!) });

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
