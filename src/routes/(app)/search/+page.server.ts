import type { PageServerLoad } from './$types';
import { asc, inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { errorText, guard } from '$lib/server/forms';
import { DomainError } from '$lib/server/errors';
import { search } from '$lib/server/search';
import { visibleSeriesIds } from '$lib/server/meetings';
import { meetingSeries } from '$lib/server/db/schema-meetings';

/** /search?q=…&series=…&kind=…&from=…&to=… — a GET form, so a search can be bookmarked and shared. */
export const load: PageServerLoad = ({ locals, url }) => {
	const db = getDb();
	const actor = locals.actor!;
	const input = Object.fromEntries(['q', 'series', 'kind', 'from', 'to'].map((k) => [k, url.searchParams.get(k) ?? ''])) as Record<'q' | 'series' | 'kind' | 'from' | 'to', string>;
	const ids = visibleSeriesIds(db, actor);
	const series = ids.length ? db.select({ id: meetingSeries.id, title: meetingSeries.title }).from(meetingSeries).where(inArray(meetingSeries.id, ids)).orderBy(asc(meetingSeries.title)).all() : [];
	let result: ReturnType<typeof search> | null = null;
	let hint: string | null = null;
	if (input.q.trim()) {
		try {
			result = search(db, actor, input);
		} catch (e) {
			// A word too short for the index is a hint to the searcher; malformed filters are a 400.
			if (e instanceof DomainError && e.code === 'search_word_too_short') hint = errorText(e.code);
			else guard(() => { throw e; });
		}
	}
	return { input, series, result, hint };
};
