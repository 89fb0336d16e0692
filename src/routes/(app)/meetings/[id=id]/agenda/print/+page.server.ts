import type { PageServerLoad } from './$types';
import { getMeeting } from '$lib/server/meetings';
import { getAgenda } from '$lib/server/agenda';
import { renderMarkdownCached } from '$lib/server/markdown';
import { recordLoad } from '$lib/server/forms';

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
