import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { createOrganisation, listOrganisations } from '$lib/server/users';
import { failure, guard, requestMeta, requireActor, str } from '$lib/server/forms';
import { assertCan } from '$lib/server/access';
import { m } from '$lib/paraglide/messages';

// The admin layout's check does not protect __data.json (SvelteKit may skip the layout load).
export const load: PageServerLoad = ({ locals }) =>
	guard(() => {
		assertCan(locals.actor, 'organisation.manage');
		return { organisations: listOrganisations(getDb(), locals.actor) };
	});

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
