import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access';
import { guard } from '$lib/server/forms';
import { listMeetings, listMeetingsPage, listSeries } from '$lib/server/meetings';
import { fromBerlin } from '$lib/server/meetings/time';
import { parsePage } from '$lib/server/pagination';

/**
 * List (upcoming or past, one page of MEETINGS_PAGE_SIZE: `?page=`) or month view, optionally for
 * one series. A malformed page is a 400; a page beyond the end shows the last one.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.actor!;
	const db = getDb();
	const q = url.searchParams;
	const seriesId = Number(q.get('series')) || undefined;
	const view = q.get('view') === 'month' ? 'month' : q.get('view') === 'past' ? 'past' : 'list';
	const now = new Date();
	let month = /^\d{4}-\d{2}$/.test(q.get('month') ?? '') ? q.get('month')! : now.toISOString().slice(0, 7);
	const [y, mo] = month.split('-').map(Number);
	if (mo < 1 || mo > 12) month = now.toISOString().slice(0, 7);
	const series = listSeries(db, actor).map((s) => ({ id: s.id, title: s.title, role: s.role }));
	if (view === 'month') {
		const monthStart = fromBerlin({ year: y, month: mo, day: 1, hour: 0, minute: 0 });
		const monthEnd = fromBerlin({ year: mo === 12 ? y + 1 : y, month: mo === 12 ? 1 : mo + 1, day: 1, hour: 0, minute: 0 });
		const meetings = listMeetings(db, actor, { seriesId, from: monthStart, to: monthEnd });
		return { meetings, pagination: null, series, seriesId: seriesId ?? null, view, month, canCreate: can(actor, 'series.create') };
	}
	const page = guard(() => parsePage(q.get('page')));
	const { meetings, ...pagination } = listMeetingsPage(db, actor, { view: view === 'past' ? 'past' : 'upcoming', seriesId, page, now });
	// The list's URL without the page: for the page links.
	const query = new URLSearchParams([...q].filter(([k, v]) => k !== 'page' && k !== 'month' && v !== '')).toString();
	return { meetings, pagination: { ...pagination, query }, series, seriesId: seriesId ?? null, view, month, canCreate: can(actor, 'series.create') };
};
