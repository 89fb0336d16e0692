import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { assertCan } from '$lib/server/access';
import { CASE_ROLES, registerCase } from '$lib/server/cases';
import { guard, requestMeta, requireActor, str } from '$lib/server/forms';
import { refuseOrFail } from '../forms.server';

/** Fixed person rows, so the form works without JavaScript; more persons are added on the case page. */
const ROWS = 4;

export const load: PageServerLoad = ({ locals }) => {
	guard(() => assertCan(locals.actor, 'case.register'));
	return { rows: ROWS, roles: CASE_ROLES };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = {
			label: str(data, 'label'),
			persons: Array.from({ length: ROWS }, (_, i) => ({
				role: str(data, `persons.${i}.role`),
				name: str(data, `persons.${i}.name`),
				birthDate: str(data, `persons.${i}.birthDate`),
				address: str(data, `persons.${i}.address`)
			}))
		};
		let id: number;
		try {
			id = registerCase(getDb(), getKeysDb(), actor, values, requestMeta(event)).id;
		} catch (e) {
			return refuseOrFail(e, values);
		}
		redirect(303, `/cases/${id}?created=1`);
	}
};
