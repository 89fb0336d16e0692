import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getUser, listOrganisations, reissueInvitation, resetSecondFactor, updateUser } from '$lib/server/users';
import { failure, guard, idParam, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, params }) => {
	const db = getDb();
	return guard(() => ({
		user: getUser(db, locals.actor!, idParam(params.id)),
		organisations: listOrganisations(db, locals.actor!),
		self: locals.actor!.id === idParam(params.id)
	}));
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = {
			name: str(data, 'name'),
			email: str(data, 'email'),
			organisationId: str(data, 'organisationId'),
			roles: data.getAll('roles').map(String),
			active: data.get('active') === 'on',
			version: Number(str(data, 'version'))
		};
		try {
			updateUser(getDb(), actor, idParam(event.params.id), values, requestMeta(event));
		} catch (e) {
			return failure(e, values);
		}
		return { success: m.saved() };
	},
	reset2fa: async (event) => {
		const actor = requireActor(event);
		try {
			resetSecondFactor(getDb(), actor, idParam(event.params.id), requestMeta(event));
		} catch (e) {
			return failure(e);
		}
		return { success: m.twofa_reset_done() };
	},
	reinvite: async (event) => {
		const actor = requireActor(event);
		try {
			const link = reissueInvitation(getDb(), actor, idParam(event.params.id), event.url.origin, requestMeta(event));
			return { invitation: { url: link.url, expiresAt: link.expiresAt } };
		} catch (e) {
			const f = failure(e);
			return fail(f.status, f.data);
		}
	}
};
