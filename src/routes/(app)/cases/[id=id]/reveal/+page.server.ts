import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { JUSTIFICATION_MIN, LEGAL_BASES, REVEAL_MINUTES, getRevealTarget, revealCase } from '$lib/server/cases';
import { guard, requestMeta, requireActor, str } from '$lib/server/forms';
import { refuseOrFail } from '../../forms.server';
import { m } from '$lib/paraglide/messages';

function caseId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return id;
}

// The one way to key data: 403 on GET and POST for everyone but case workers of the owning office.
export const load: PageServerLoad = ({ locals, params }) => ({
	case: guard(() => getRevealTarget(getDb(), locals.actor!, caseId(params.id))),
	legalBases: LEGAL_BASES,
	minutes: REVEAL_MINUTES,
	justificationMin: JUSTIFICATION_MIN
});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { legalBasis: str(data, 'legalBasis'), justification: str(data, 'justification') };
		const id = caseId(event.params.id);
		try {
			revealCase(getDb(), getKeysDb(), actor, id, values, requestMeta(event));
		} catch (e) {
			return refuseOrFail(e, values);
		}
		redirect(303, `/cases/${id}`);
	}
};
