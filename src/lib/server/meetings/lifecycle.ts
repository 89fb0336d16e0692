/**
 * The life of a meeting, in one table: which status may follow which, by whose action. Nothing
 * else in the code compares meeting status strings; it asks the predicates below.
 *
 *   planned ──publish agenda──▶ agenda_published ──start──▶ in_progress ──finish──▶ held
 *      │  └──────────────────────start / mark held──────────────────────────────────▲  │
 *      └──cancel (also: "did not take place", with a reason)──▶ cancelled             │
 *   held ──submit minutes──▶ minutes_review ──approve──▶ minutes_approved ◀──approve──┘
 *   minutes_approved ──correct (new version, with a reason)──▶ held
 */
import { DomainError, ForbiddenError } from '../errors';
import type { MeetingStatus } from '../db/schema-meetings';

/** Who acts: the series' coordinators, the meeting's minute-taker, or the server itself. */
export type LifecycleActor = 'coordinator' | 'minute_taker' | 'system';

export type LifecycleAction = 'publish_agenda' | 'start' | 'finish' | 'mark_held' | 'submit_minutes' | 'approve_minutes' | 'reopen_minutes' | 'correct_minutes' | 'cancel';

interface Transition {
	action: LifecycleAction;
	from: readonly MeetingStatus[];
	to: MeetingStatus;
	by: readonly LifecycleActor[];
}

export const TRANSITIONS: readonly Transition[] = [
	{ action: 'publish_agenda', from: ['planned'], to: 'agenda_published', by: ['coordinator'] },
	{ action: 'start', from: ['planned', 'agenda_published'], to: 'in_progress', by: ['coordinator', 'minute_taker'] },
	{ action: 'finish', from: ['in_progress'], to: 'held', by: ['coordinator', 'minute_taker'] },
	// A meeting that took place without minutes being taken live in the app.
	{ action: 'mark_held', from: ['planned', 'agenda_published'], to: 'held', by: ['coordinator'] },
	{ action: 'submit_minutes', from: ['held'], to: 'minutes_review', by: ['coordinator', 'minute_taker'] },
	{ action: 'approve_minutes', from: ['held', 'minutes_review'], to: 'minutes_approved', by: ['coordinator'] },
	{ action: 'reopen_minutes', from: ['minutes_review'], to: 'held', by: ['coordinator'] },
	// A correction of approved minutes: back to a draft, approved again as a new version.
	{ action: 'correct_minutes', from: ['minutes_approved'], to: 'held', by: ['coordinator'] },
	{ action: 'cancel', from: ['planned', 'agenda_published'], to: 'cancelled', by: ['coordinator'] }
];

export function transition(action: LifecycleAction): Transition {
	const t = TRANSITIONS.find((x) => x.action === action);
	if (!t) throw new Error(`unknown lifecycle action ${action}`);
	return t;
}

/** Whether `who` may take `action` on a meeting in `status`. */
export function canTransition(status: MeetingStatus, action: LifecycleAction, who: readonly LifecycleActor[]): boolean {
	const t = transition(action);
	return t.from.includes(status) && t.by.some((b) => who.includes(b));
}

/**
 * The new status, or a 409 that says why not (cancelled, already held, …); a 403 when the status
 * allows the step but not for this actor.
 */
export function nextStatus(status: MeetingStatus, action: LifecycleAction, who: readonly LifecycleActor[]): MeetingStatus {
	const t = transition(action);
	if (!t.from.includes(status)) {
		if (status === 'cancelled') throw new DomainError('meeting_cancelled', 409);
		if (isOver(status)) throw new DomainError(action === 'publish_agenda' ? 'agenda_already_published' : 'meeting_already_held', 409);
		if (action === 'publish_agenda') throw new DomainError('agenda_already_published', 409);
		throw new DomainError('meeting_status_invalid', 409);
	}
	if (!t.by.some((b) => who.includes(b))) throw new ForbiddenError();
	return t.to;
}

/** Ahead of the meeting: the agenda can still change (items, order, review, amendments). */
export function isAhead(status: MeetingStatus): boolean {
	return status === 'planned' || status === 'agenda_published';
}

/** Members may still submit items (until the deadline, or later marked as late). */
export function acceptsSubmissions(status: MeetingStatus): boolean {
	return status === 'planned';
}

/** The agenda is published: later items are amendments, members no longer submit. */
export function isAgendaPublished(status: MeetingStatus): boolean {
	return status === 'agenda_published';
}

export function isCancelled(status: MeetingStatus): boolean {
	return status === 'cancelled';
}

export function isInProgress(status: MeetingStatus): boolean {
	return status === 'in_progress';
}

/** The meeting took place (minutes may be in any state). */
export function isOver(status: MeetingStatus): boolean {
	return status === 'held' || status === 'minutes_review' || status === 'minutes_approved';
}

/** The statuses of meetings that still lie ahead, for queries. */
export const AHEAD_STATUSES: MeetingStatus[] = ['planned', 'agenda_published'];

/**
 * What a page may offer for a meeting, decided here so that no page compares status strings.
 * `past`: the end lies behind `now` (a meeting that was never marked held is not "geplant" then).
 */
export function meetingPhase(mt: { status: MeetingStatus; endsAt: Date }, now = new Date()) {
	const past = mt.endsAt < now;
	return {
		ahead: isAhead(mt.status) && !past,
		acceptsSubmissions: acceptsSubmissions(mt.status) && !past,
		published: isAgendaPublished(mt.status),
		inProgress: isInProgress(mt.status),
		over: isOver(mt.status),
		cancelled: isCancelled(mt.status),
		/** Past its end but neither held nor cancelled: the coordinator should record what happened. */
		needsOutcome: past && isAhead(mt.status),
		past
	};
}

export type MeetingPhase = ReturnType<typeof meetingPhase>;
