import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { getMeeting } from '$lib/server/meetings';
import { addGuest, finishMeeting, getMinutes, MinutesConflict, removeGuest, saveAttendance, saveMinutesEntry, setMinuteTaker, startMeeting } from '$lib/server/minutes';
import { renderMarkdown } from '$lib/server/markdown';
import { CASE_ROLES } from '$lib/server/db/schema';
import { decisionsFromForm } from '$lib/server/pii/review';
import { PiiReviewRequired } from '$lib/server/pii/protect';
import { failure, formAction, idParam, recordLoad, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		const view = getMeeting(db, actor, id);
		const minutes = getMinutes(db, actor, id);
		return {
			series: view.series,
			phase: view.phase,
			...minutes,
			caseRoles: [...CASE_ROLES],
			entries: minutes.entries.map((e) => ({ ...e, html: renderMarkdown(e.notes) }))
		};
	});

export const actions: Actions = {
	taker: formAction('taker', (e, d, actor) => setMinuteTaker(getDb(), actor, idParam(e.params.id), idParam(str(d, 'userId')), requestMeta(e)), () => m.saved()),
	start: formAction('start', (e, _d, actor) => startMeeting(getDb(), actor, idParam(e.params.id), requestMeta(e)), () => m.minutes_started()),
	finish: formAction('finish', (e, _d, actor) => finishMeeting(getDb(), actor, idParam(e.params.id), requestMeta(e)), () => m.minutes_finished()),
	attendance: formAction(
		'attendance',
		(e, d, actor) =>
			saveAttendance(
				getDb(),
				actor,
				idParam(e.params.id),
				d.getAll('userId').map((userId) => ({ userId: String(userId), presence: str(d, `presence_${userId}`), arrivedAt: str(d, `arrived_${userId}`), leftAt: str(d, `left_${userId}`) })),
				requestMeta(e)
			),
		() => m.saved()
	),
	guest: formAction('guest', (e, d, actor) => addGuest(getDb(), actor, idParam(e.params.id), { organisation: str(d, 'organisation'), function: str(d, 'function') }, requestMeta(e)), () => m.saved()),
	removeGuest: formAction('guest', (e, d, actor) => removeGuest(getDb(), actor, idParam(e.params.id), idParam(str(d, 'guest'))), () => m.saved()),
	save: async (event) => {
		const actor = requireActor(event);
		const d = await event.request.formData();
		const entryId = idParam(str(d, 'entry'));
		try {
			saveMinutesEntry(getDb(), getKeysDb(), actor, entryId, { notes: str(d, 'notes'), version: str(d, 'version'), decisions: decisionsFromForm(d) }, requestMeta(event));
		} catch (e) {
			const f = failure(e, { notes: str(d, 'notes') });
			// Personal data found: the author decides per finding; a conflict shows both texts.
			const review = e instanceof PiiReviewRequired ? { findings: e.findings, cases: e.cases, preview: e.preview } : null;
			const conflict = e instanceof MinutesConflict ? e.theirs : null;
			return fail(f.status, { ...f.data, form: 'save', entryId, review, conflict });
		}
		return { form: 'save', entryId, success: m.saved() };
	}
};
