import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access';
import { listCases } from '$lib/server/cases';
import { guard } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor!;
	return {
		cases: guard(() => listCases(getDb(), actor)),
		canRegister: can(actor, 'case.register')
	};
};
