import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access';
import { CASE_STATUS_FILTERS, listCases } from '$lib/server/cases';
import { guard } from '$lib/server/forms';
import { parsePage } from '$lib/server/pagination';

/**
 * /cases?status=open|closed&q=…&page=3 — one page of CASES_PAGE_SIZE cases, filtered by the URL (a
 * GET form, so it works without JavaScript and can be bookmarked). An unknown status means all; a
 * malformed page is a 400, a page beyond the end shows the last one.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.actor!;
	const q = url.searchParams;
	const status = (CASE_STATUS_FILTERS as readonly string[]).includes(q.get('status') ?? '') ? (q.get('status') as (typeof CASE_STATUS_FILTERS)[number]) : 'all';
	const text = (q.get('q') ?? '').trim().slice(0, 100);
	const { cases, ...pagination } = guard(() => listCases(getDb(), actor, { status, q: text, page: parsePage(q.get('page')) }));
	const query = new URLSearchParams([...(status !== 'all' ? [['status', status]] : []), ...(text ? [['q', text]] : [])]).toString();
	return {
		cases,
		pagination: { ...pagination, query },
		filter: { status, q: text },
		filtered: status !== 'all' || text !== '',
		canRegister: can(actor, 'case.register')
	};
};
