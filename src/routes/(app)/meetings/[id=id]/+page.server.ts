import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { cancelMeeting, getMeeting, markMeetingHeld, moveMeeting, publishMeeting, respondToMeeting } from '$lib/server/meetings';
import { acceptedItems } from '$lib/server/agenda';
import { formAction, guard, idParam, requestMeta, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = locals.actor!;
	const db = getDb();
	const id = idParam(params.id);
	return guard(() => {
		const view = getMeeting(db, actor, id);
		// Only what the page shows: name, organisation and answer of each participant (no e-mail
		// addresses), and title, kind and time of the accepted items (not their texts: the agenda page has them).
		return {
			...view,
			participants: view.participants.map(({ id, name, organisationName, coordinator, answer }) => ({ id, name, organisationName, coordinator, answer })),
			// Membership checked by getMeeting.
			acceptedItems: acceptedItems(db, id),
			now: new Date()
		};
	});
};

/** A move or an extra date on a public holiday is saved, with a warning. */
const holidayOf = (_data: FormData, result?: unknown): { holiday: string | null } => ({ holiday: (result as { holiday?: string | null } | undefined)?.holiday ?? null });
const act = <R>(form: string, run: Parameters<typeof formAction<R>>[1], success: () => string) => formAction<R, { holiday: string | null }>(form, run, success, holidayOf);

export const actions: Actions = {
	respond: act('respond', (e, d) => respondToMeeting(getDb(), e.locals.actor!, idParam(e.params.id), str(d, 'answer'), requestMeta(e)), () => m.answer_saved()),
	publish: act('publish', (e) => publishMeeting(getDb(), e.locals.actor!, idParam(e.params.id), e.url.origin, requestMeta(e)), () => m.meeting_published()),
	move: act(
		'move',
		(e, d) =>
			moveMeeting(
				getDb(),
				e.locals.actor!,
				idParam(e.params.id),
				{ date: str(d, 'date'), time: str(d, 'time'), durationMinutes: str(d, 'durationMinutes'), place: str(d, 'place'), version: Number(str(d, 'version')) },
				e.url.origin,
				requestMeta(e)
			),
		() => m.meeting_moved()
	),
	cancel: act('cancel', (e, d) => cancelMeeting(getDb(), e.locals.actor!, idParam(e.params.id), { reason: str(d, 'reason'), version: Number(str(d, 'version')) }, e.url.origin, requestMeta(e)), () => m.meeting_cancelled_done()),
	held: act('held', (e) => markMeetingHeld(getDb(), e.locals.actor!, idParam(e.params.id), requestMeta(e)), () => m.meeting_held_done())
};
