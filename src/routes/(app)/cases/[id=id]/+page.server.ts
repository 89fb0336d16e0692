import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { config } from '$lib/server/config';
import { CASE_ROLES, addCasePerson, closeCase, endReveal, getCase, reopenCase } from '$lib/server/cases';
import { guard, requestMeta, requireActor, str } from '$lib/server/forms';
import { refuseOrFail } from '../forms.server';
import { m } from '$lib/paraglide/messages';

function caseId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return id;
}

// Whether names are shown is decided by getCase from the actor's reveal grant alone: no query
// parameter or form field can ask for them.
export const load: PageServerLoad = ({ locals, params, url }) => {
	const now = new Date();
	const view = guard(() => getCase(getDb(), getKeysDb(), locals.actor!, caseId(params.id), now));
	return {
		...view,
		roles: CASE_ROLES,
		retentionDays: config().keyRetentionDays,
		revealRemainingMs: view.reveal ? view.reveal.expiresAt.getTime() - now.getTime() : null,
		created: url.searchParams.has('created')
	};
};

function version(data: FormData): number {
	return Number(str(data, 'version'));
}

export const actions: Actions = {
	addPerson: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { role: str(data, 'role'), name: str(data, 'name'), birthDate: str(data, 'birthDate'), address: str(data, 'address'), version: version(data) };
		try {
			const { pseudonym } = addCasePerson(getDb(), getKeysDb(), actor, caseId(event.params.id), values, requestMeta(event));
			return { form: 'addPerson', success: m.case_person_added({ pseudonym }) };
		} catch (e) {
			const f = refuseOrFail(e, values);
			return fail(f.status, { ...f.data, form: 'addPerson' });
		}
	},
	close: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		try {
			closeCase(getDb(), actor, caseId(event.params.id), { version: version(data) }, requestMeta(event));
		} catch (e) {
			return refuseOrFail(e);
		}
		return { success: m.case_closed_done() };
	},
	reopen: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		try {
			reopenCase(getDb(), actor, caseId(event.params.id), { version: version(data) }, requestMeta(event));
		} catch (e) {
			return refuseOrFail(e);
		}
		return { success: m.case_reopened() };
	},
	hide: async (event) => {
		const actor = requireActor(event);
		try {
			endReveal(getDb(), actor, caseId(event.params.id), requestMeta(event));
		} catch (e) {
			return refuseOrFail(e);
		}
		return { success: m.case_names_hidden() };
	}
};
