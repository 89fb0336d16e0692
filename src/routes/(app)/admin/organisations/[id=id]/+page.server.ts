import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getOrganisation, updateOrganisation } from '$lib/server/users';
import { failure, guard, idParam, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, params }) => ({
	organisation: guard(() => getOrganisation(getDb(), locals.actor!, idParam(params.id)))
});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { name: str(data, 'name'), kind: str(data, 'kind'), active: data.get('active') === 'on', version: Number(str(data, 'version')) };
		try {
			updateOrganisation(getDb(), actor, idParam(event.params.id), values, requestMeta(event));
		} catch (e) {
			return failure(e, values);
		}
		return { success: m.saved() };
	}
};
