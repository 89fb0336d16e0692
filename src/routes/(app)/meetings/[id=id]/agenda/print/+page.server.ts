import type { PageServerLoad } from './$types';
import { getMeeting } from '$lib/server/meetings';
import { getAgenda } from '$lib/server/agenda';
import { renderMarkdownCached } from '$lib/server/markdown';
import { recordLoad } from '$lib/server/forms';

/**
 * A document to print, nothing to interact with: no client (no scripts, no hydration). The page is
 * sent once as HTML instead of also as serialised data; the long minutes' print view of the
 * benchmark answers about 1.7 times as many requests (bench/README.md). Links to it load it in full
 * (data-sveltekit-reload).
 */
export const csr = false;

export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		const view = getMeeting(db, actor, id);
		const agenda = getAgenda(db, actor, id);
		return {
			meeting: view.meeting,
			series: view.series,
			participants: view.participants,
			items: agenda.items.filter((i) => i.status === 'accepted').map((i) => ({ ...i, html: renderMarkdownCached(i.text) })),
			totalMinutes: agenda.totalMinutes
		};
	});
