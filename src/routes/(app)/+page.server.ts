import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getDashboard } from '$lib/server/users/dashboard';

export const load: PageServerLoad = ({ locals }) => {
	return { dashboard: getDashboard(getDb(), locals.actor!) };
};
