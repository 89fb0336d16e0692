import { createEvent, createEvents, type EventAttributes } from 'ics';

export interface CalendarMeeting {
	uid: string;
	title: string;
	description: string;
	place: string;
	startsAt: Date;
	endsAt: Date;
	sequence: number;
	cancelled: boolean;
	url?: string;
	/** RFC 5546 needs ORGANIZER in REQUEST and CANCEL; Outlook treats a message without it as a plain appointment. */
	organizer?: { name: string; email: string };
	attendees?: { name: string; email: string; answer: 'accepted' | 'declined' | 'tentative' | null }[];
}

const PARTSTAT = { accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE' } as const;

const PRODUCT_ID = '-//Fallkonferenz//DE';

function event(m: CalendarMeeting): EventAttributes {
	return {
		uid: m.uid,
		start: m.startsAt.getTime(),
		end: m.endsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		endInputType: 'utc',
		endOutputType: 'utc',
		title: m.title,
		description: m.description || undefined,
		location: m.place || undefined,
		url: m.url,
		sequence: m.sequence,
		status: m.cancelled ? 'CANCELLED' : 'CONFIRMED',
		classification: 'CONFIDENTIAL',
		productId: PRODUCT_ID,
		...(m.organizer ? { organizer: { name: m.organizer.name, email: m.organizer.email } } : {}),
		...(m.attendees?.length
			? {
					attendees: m.attendees.map((a) => ({
						name: a.name,
						email: a.email,
						rsvp: true,
						role: 'REQ-PARTICIPANT' as const,
						partstat: a.answer ? PARTSTAT[a.answer] : ('NEEDS-ACTION' as const)
					}))
				}
			: {})
	};
}

function unwrap(result: { error: Error | null; value: string | null }): string {
	if (result.error || !result.value) throw result.error ?? new Error('ics: empty calendar');
	return result.value;
}

/** One meeting as an iTIP message: REQUEST for an invitation or update, CANCEL for a cancellation. */
export function meetingInvitationIcs(m: CalendarMeeting): { method: 'REQUEST' | 'CANCEL'; content: string } {
	const method = m.cancelled ? 'CANCEL' : 'REQUEST';
	return { method, content: unwrap(createEvent({ ...event(m), method })) };
}

/**
 * A due date as an all-day entry (VEVENT with DATE values, shown as free time). Its title says only
 * that an action item is due: calendars are synchronised to phones and clouds, so no title, case
 * code or text leaves the app; the link leads to the item behind the login.
 */
export interface CalendarDueDate {
	uid: string;
	dueDate: string;
	title: string;
	url: string;
	sequence: number;
}

function dueDateEvent(d: CalendarDueDate): EventAttributes {
	const [y, m, day] = d.dueDate.split('-').map(Number);
	const next = new Date(Date.UTC(y, m - 1, day + 1));
	return {
		uid: d.uid,
		start: [y, m, day],
		end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()],
		title: d.title,
		url: d.url,
		sequence: d.sequence,
		busyStatus: 'FREE',
		transp: 'TRANSPARENT',
		classification: 'CONFIDENTIAL',
		productId: PRODUCT_ID
	};
}

/** The subscription feed: every meeting, cancellations included (STATUS:CANCELLED), and the user's due dates. */
export function calendarFeedIcs(meetings: CalendarMeeting[], calName: string, dueDates: CalendarDueDate[] = []): string {
	if (meetings.length === 0 && dueDates.length === 0) {
		// ics refuses an empty list; an empty VCALENDAR is still a valid feed.
		return ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT_ID}`, 'METHOD:PUBLISH', `X-WR-CALNAME:${calName}`, 'END:VCALENDAR', ''].join('\r\n');
	}
	return unwrap(createEvents([...meetings.map(event), ...dueDates.map(dueDateEvent)], { productId: PRODUCT_ID, method: 'PUBLISH', calName }));
}
