import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access';
import { createSeries } from '$lib/server/meetings';
import { seriesFormInput, seriesFormValues as formValues } from '$lib/server/meetings/forms';
import { listActiveUsers, listOrganisations } from '$lib/server/users';
import { failure, requestMeta, requireActor } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor!;
	if (!can(actor, 'series.create')) error(403, m.error_forbidden());
	const db = getDb();
	return { users: listActiveUsers(db, actor), organisations: listOrganisations(db, actor, { activeOnly: true }), me: actor.id };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		let id: number;
		try {
			id = createSeries(getDb(), actor, seriesFormInput(data), requestMeta(event));
		} catch (e) {
			return failure(e, formValues(data));
		}
		redirect(303, `/series/${id}?created=1`);
	}
};
