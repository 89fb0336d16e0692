import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { createExtraMeeting, getSeries, listMeetingsPage, updateSeries } from '$lib/server/meetings';
import { parsePage } from '$lib/server/pagination';
import { seriesFormInput, seriesFormValues } from '$lib/server/meetings/forms';
import { listActiveUsers, listOrganisations } from '$lib/server/users';
import { failure, guard, idParam, requestMeta, requireActor, str } from '$lib/server/forms';
import type { Recurrence } from '$lib/server/meetings/recurrence';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, params, url, request }) => {
	const actor = locals.actor!;
	const db = getDb();
	const id = idParam(params.id);
	const view = guard(() => getSeries(db, actor, id));
	const r = view.series.recurrence as Recurrence;
	// The series' coming meetings, one page at a time (`?page=`; a malformed page is a 400).
	const { meetings: upcoming, ...pagination } = listMeetingsPage(db, actor, { view: 'upcoming', seriesId: id, page: guard(() => parsePage(url.searchParams.get('page'))) });
	// The edit form lists every active user and organisation (250 users in a large district): sent
	// only when the coordinator opens it (?edit) or has just sent one of the page's forms.
	const editing = view.canManage && (url.searchParams.has('edit') || request.method === 'POST');
	return {
		pagination,
		...view,
		created: url.searchParams.has('created'),
		upcoming,
		values: {
			title: view.series.title,
			description: view.series.description,
			place: view.series.place,
			durationMinutes: view.series.durationMinutes,
			agendaDeadlineDays: view.series.agendaDeadlineDays,
			reminderDaysBefore: view.series.reminderDaysBefore,
			kind: r.kind,
			interval: r.interval,
			weekday: r.weekday,
			setPos: r.setPos,
			monthDay: r.monthDay,
			startDate: r.startDate,
			time: r.time,
			until: r.until,
			count: r.count,
			exceptions: r.exceptions.join('\n'),
			coordinatorIds: view.coordinatorIds,
			memberUserIds: view.memberUserIds,
			memberOrganisationIds: view.memberOrganisationIds
		},
		editing,
		users: editing ? listActiveUsers(db, actor) : [],
		organisations: editing ? listOrganisations(db, actor, { activeOnly: true }) : []
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		try {
			updateSeries(getDb(), actor, idParam(event.params.id), { ...seriesFormInput(data), version: Number(str(data, 'version')) }, requestMeta(event));
		} catch (e) {
			const f = failure(e, seriesFormValues(data));
			return fail(f.status, { ...f.data, form: 'save' });
		}
		return { form: 'save', success: m.saved() };
	},
	extra: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		const values = { date: str(data, 'date'), time: str(data, 'time'), durationMinutes: str(data, 'durationMinutes'), place: str(data, 'place') };
		let id: number;
		try {
			id = createExtraMeeting(getDb(), actor, idParam(event.params.id), values, requestMeta(event)).id;
		} catch (e) {
			const f = failure(e, values);
			return fail(f.status, { ...f.data, form: 'extra' });
		}
		redirect(303, `/meetings/${id}`);
	}
};
