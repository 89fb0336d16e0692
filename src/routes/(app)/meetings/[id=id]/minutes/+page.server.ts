import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { addGuest, finishMeeting, MinutesConflict, removeGuest, saveAttendance, saveMinutesEntry, setMinuteTaker, startMeeting } from '$lib/server/minutes';
import { addOutcome, recordFollowUp, removeOutcome } from '$lib/server/minutes/outcomes';
import { approveMinutes, commentOnMinutes, startCorrection, submitMinutes } from '$lib/server/minutes/approval';
import { assignableOrganisations, todayKey } from '$lib/server/actions';
import { meetingHeader, seriesParticipants } from '$lib/server/meetings';
import { minutesWithHtml } from '$lib/server/minutes/rendered';
import { CASE_ROLES } from '$lib/server/db/schema';
import { decisionsFromForm } from '$lib/server/pii/review';
import { PiiReviewRequired } from '$lib/server/pii/protect';
import { failure, formAction, idParam, recordLoad, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		const view = meetingHeader(db, actor, id);
		// Access checked by getMinutes; the notes of approved minutes come rendered from the version's cache.
		const minutes = minutesWithHtml(db, actor, id);
		// Who can be made responsible for an action item: the series' participants and their organisations.
		const people = minutes.can.addAction ? seriesParticipants(db, view.series.id) : [];
		return {
			series: view.series,
			phase: view.phase,
			...minutes,
			// Only editors need the Markdown source and the open items to record (Wiedervorlage); readers get the HTML.
			entries: minutes.can.edit ? minutes.entries : minutes.entries.map((e) => ({ ...e, notes: '' })),
			followUps: minutes.can.edit ? minutes.followUps : [],
			assignees: people.map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })),
			organisations: assignableOrganisations(people),
			today: todayKey(),
			caseRoles: [...CASE_ROLES],
			hasVersions: minutes.approvedVersion > 0
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
	outcome: formAction(
		'outcome',
		(e, d, actor) =>
			addOutcome(
				getDb(),
				getKeysDb(),
				actor,
				idParam(str(d, 'entry')),
				{
					kind: str(d, 'kind'),
					text: str(d, 'text'),
					vote: str(d, 'vote'),
					votesFor: str(d, 'votesFor'),
					votesAgainst: str(d, 'votesAgainst'),
					votesAbstain: str(d, 'votesAbstain'),
					title: str(d, 'title'),
					description: str(d, 'description'),
					assigneeUserId: str(d, 'assigneeUserId'),
					assigneeOrganisationId: str(d, 'assigneeOrganisationId'),
					dueDate: str(d, 'dueDate'),
					decisions: decisionsFromForm(d)
				},
				requestMeta(e)
			),
		() => m.saved(),
		(d) => ({ entryId: Number(str(d, 'entry')) || null })
	),
	removeOutcome: formAction('removeOutcome', (e, d, actor) => removeOutcome(getDb(), actor, idParam(e.params.id), idParam(str(d, 'outcome')), requestMeta(e)), () => m.outcome_removed()),
	followup: formAction(
		'followup',
		(e, d, actor) =>
			recordFollowUp(getDb(), getKeysDb(), actor, idParam(e.params.id), idParam(str(d, 'action')), { status: str(d, 'status'), note: str(d, 'note'), version: str(d, 'version'), decisions: decisionsFromForm(d) }, requestMeta(e)),
		() => m.saved(),
		(d) => ({ actionId: Number(str(d, 'action')) || null })
	),
	comment: formAction(
		'comment',
		(e, d, actor) => commentOnMinutes(getDb(), getKeysDb(), actor, idParam(str(d, 'entry')), { text: str(d, 'text'), decisions: decisionsFromForm(d) }, requestMeta(e)),
		() => m.comment_saved(),
		(d) => ({ entryId: Number(str(d, 'entry')) || null })
	),
	submit: formAction('submit', (e, d, actor) => submitMinutes(getDb(), actor, idParam(e.params.id), { reviewUntil: str(d, 'reviewUntil') }, requestMeta(e)), () => m.minutes_submitted()),
	approve: formAction('approve', (e, d, actor) => approveMinutes(getDb(), actor, idParam(e.params.id), { approvedInMeetingOn: str(d, 'approvedInMeetingOn') }, e.url.origin, requestMeta(e)), (n) => m.minutes_approved_done({ version: n })),
	correct: formAction('correct', (e, d, actor) => startCorrection(getDb(), getKeysDb(), actor, idParam(e.params.id), { reason: str(d, 'reason'), decisions: decisionsFromForm(d) }, requestMeta(e)), () => m.minutes_correction_started()),
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
