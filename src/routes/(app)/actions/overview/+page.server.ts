import type { PageServerLoad } from './$types';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { guard } from '$lib/server/forms';
import { listActions, parseOverviewFilter, PAGE_SIZE } from '$lib/server/actions';
import { participantsOf, visibleSeriesIds } from '$lib/server/meetings';
import { meetingSeries } from '$lib/server/db/schema-meetings';

/** The overview of every action item in the actor's series, filtered by the URL (shareable). */
export const load: PageServerLoad = ({ locals, url }) =>
	guard(() => {
		const db = getDb();
		const actor = locals.actor!;
		const filter = parseOverviewFilter(url.searchParams);
		const ids = visibleSeriesIds(db, actor);
		const series = ids.length ? db.select({ id: meetingSeries.id, title: meetingSeries.title }).from(meetingSeries).where(and(inArray(meetingSeries.id, ids), eq(meetingSeries.active, true))).orderBy(asc(meetingSeries.title)).all() : [];
		// People and organisations to filter by: those of the series shown.
		const shown = filter.series !== null ? series.filter((x) => x.id === filter.series) : series;
		const people = new Map(participantsOf(db, shown.map((s) => s.id)).map((p) => [p.id, p]));
		const organisations = new Map([...people.values()].map((p) => [p.organisationId, p.organisationName]));
		const result = listActions(db, actor, filter);
		return {
			filter,
			...result,
			pageSize: PAGE_SIZE,
			series,
			people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((p) => ({ id: p.id, name: p.name })),
			organisations: [...organisations].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de')),
			// The filter without the page: for the page links and the export of all matching rows.
			baseQuery: new URLSearchParams([...url.searchParams].filter(([k, v]) => k !== 'page' && v !== '')).toString()
		};
	});
