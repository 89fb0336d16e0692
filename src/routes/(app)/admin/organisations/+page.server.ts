import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { createOrganisation, listOrganisations } from '$lib/server/users';
import { failure, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals }) => ({ organisations: listOrganisations(getDb(), locals.actor!) });

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { name: str(data, 'name'), kind: str(data, 'kind') };
		try {
			createOrganisation(getDb(), actor, values, requestMeta(event));
		} catch (e) {
			return failure(e, values);
		}
		return { success: m.organisation_created({ name: values.name.trim() }) };
	}
};
