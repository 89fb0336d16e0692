import { describe, expect, it } from 'vitest';
import { MEETING_STATUSES } from '../db/schema-meetings';
import { canTransition, meetingPhase, nextStatus, TRANSITIONS, type LifecycleAction } from './lifecycle';

describe('the meeting lifecycle', () => {
	it('knows exactly these steps', () => {
		const table = Object.fromEntries(TRANSITIONS.map((t) => [t.action, `${t.from.join('|')} → ${t.to} by ${t.by.join('|')}`]));
		expect(table).toEqual({
			publish_agenda: 'planned → agenda_published by coordinator',
			start: 'planned|agenda_published → in_progress by coordinator|minute_taker',
			finish: 'in_progress → held by coordinator|minute_taker',
			mark_held: 'planned|agenda_published → held by coordinator',
			submit_minutes: 'held → minutes_review by coordinator|minute_taker',
			approve_minutes: 'held|minutes_review → minutes_approved by coordinator',
			reopen_minutes: 'minutes_review → held by coordinator',
			correct_minutes: 'minutes_approved → held by coordinator',
			cancel: 'planned|agenda_published → cancelled by coordinator'
		});
	});

	it('allows each step only from its statuses and only for its actors', () => {
		for (const t of TRANSITIONS) {
			for (const status of MEETING_STATUSES) {
				const allowedFrom = t.from.includes(status);
				expect(canTransition(status, t.action, ['coordinator', 'minute_taker']), `${t.action} from ${status}`).toBe(allowedFrom);
				if (allowedFrom) expect(nextStatus(status, t.action, t.by)).toBe(t.to);
				else expect(() => nextStatus(status, t.action, t.by)).toThrow(expect.objectContaining({ status: 409 }));
			}
		}
		// A minute-taker neither publishes, cancels nor approves.
		for (const action of ['publish_agenda', 'cancel', 'approve_minutes', 'mark_held'] as LifecycleAction[]) {
			const from = TRANSITIONS.find((t) => t.action === action)!.from[0];
			expect(() => nextStatus(from, action, ['minute_taker'])).toThrow(expect.objectContaining({ status: 403 }));
		}
	});

	it('names the reason of a refusal', () => {
		expect(() => nextStatus('cancelled', 'start', ['coordinator'])).toThrow(expect.objectContaining({ code: 'meeting_cancelled' }));
		expect(() => nextStatus('held', 'cancel', ['coordinator'])).toThrow(expect.objectContaining({ code: 'meeting_already_held' }));
		expect(() => nextStatus('agenda_published', 'publish_agenda', ['coordinator'])).toThrow(expect.objectContaining({ code: 'agenda_already_published' }));
	});

	it('never shows a past meeting as ahead: the coordinator is asked to record what happened', () => {
		const now = new Date('2027-03-10T12:00:00Z');
		const past = meetingPhase({ status: 'planned', endsAt: new Date('2027-03-09T15:00:00Z') }, now);
		expect(past).toMatchObject({ ahead: false, acceptsSubmissions: false, needsOutcome: true, past: true });
		expect(meetingPhase({ status: 'planned', endsAt: new Date('2027-03-11T15:00:00Z') }, now)).toMatchObject({ ahead: true, acceptsSubmissions: true, needsOutcome: false });
		expect(meetingPhase({ status: 'agenda_published', endsAt: new Date('2027-03-11T15:00:00Z') }, now)).toMatchObject({ ahead: true, acceptsSubmissions: false, published: true });
		expect(meetingPhase({ status: 'held', endsAt: new Date('2027-03-09T15:00:00Z') }, now)).toMatchObject({ over: true, needsOutcome: false });
	});
});
