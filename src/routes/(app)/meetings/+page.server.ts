import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access';
import { listMeetings, listSeries } from '$lib/server/meetings';
import { fromBerlin } from '$lib/server/meetings/time';

/** List (upcoming or past) or month view, optionally for one series. */
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
	const monthStart = fromBerlin({ year: y, month: mo, day: 1, hour: 0, minute: 0 });
	const monthEnd = fromBerlin({ year: mo === 12 ? y + 1 : y, month: mo === 12 ? 1 : mo + 1, day: 1, hour: 0, minute: 0 });
	const meetings =
		view === 'month'
			? listMeetings(db, actor, { seriesId, from: monthStart, to: monthEnd })
			: view === 'past'
				? listMeetings(db, actor, { seriesId, to: now, order: 'desc', limit: 100 })
				: listMeetings(db, actor, { seriesId, from: now, limit: 100 });
	return { meetings, series: listSeries(db, actor), seriesId: seriesId ?? null, view, month, canCreate: can(actor, 'series.create') };
};
