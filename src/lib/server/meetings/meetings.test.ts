import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { outbox } from '../db/schema';
import { meeting } from '../db/schema-meetings';
import { NotFoundError, ForbiddenError, DomainError, ConflictError } from '../errors';
import { agendaDeadline, cancelMeeting, createExtraMeeting, createSeries, extendAllSeries, getMeeting, listMeetings, moveMeeting, participantsOf, publishMeeting, respondToMeeting, seriesParticipants, updateSeries, type SeriesInput } from '.';
import { calendarFeedFor, getCalendarToken, regenerateCalendarToken } from '../calendar/feed';
import { toBerlin } from './time';
import { dumpRows } from '../testing/dump';

let w: TestWorld;
const NOW = new Date('2026-01-10T09:00:00Z');
const BASE = 'https://fk.example';
const meta = { ...META, now: NOW };

beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

function seriesInput(over: Partial<SeriesInput> = {}): SeriesInput {
	return monthlySeriesInput(w, { title: 'Fallkonferenz Kreis Test', description: 'Monatliche Fallkonferenz', place: 'Kreishaus, Raum 2.14', durationMinutes: 120, ...over });
}

describe('series and meetings', () => {
	it('materialises the next twelve months at 14:00 Berlin time; only coordinators may create', () => {
		expect(() => createSeries(w.db, w.member, seriesInput(), meta)).toThrow(ForbiddenError);
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const meetings = listMeetings(w.db, w.coordinator, { seriesId: id });
		expect(meetings).toHaveLength(12);
		expect(meetings[0].startsAt.toISOString()).toBe('2026-02-03T13:00:00.000Z');
		expect(meetings.every((mt) => toBerlin(mt.startsAt).hour === 14)).toBe(true);
		// Idempotent: the daily job adds nothing new on the same day, and a month later one more.
		expect(extendAllSeries(w.db, NOW)).toBe(0);
		expect(extendAllSeries(w.db, new Date('2026-02-10T09:00:00Z'))).toBe(1);
	});

	it('shows a series only to its members (users and organisations); others get 404', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const [first] = listMeetings(w.db, w.coordinator, { seriesId: id });
		expect(getMeeting(w.db, w.police, first.id).role).toBe('member');
		expect(getMeeting(w.db, w.member, first.id).role).toBe('member');
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(listMeetings(w.db, outsider)).toEqual([]);
		expect(() => getMeeting(w.db, outsider, first.id)).toThrow(NotFoundError);
		expect(() => getMeeting(w.db, w.admin, first.id)).toThrow(NotFoundError);
		expect(() => publishMeeting(w.db, w.member, first.id, BASE, meta)).toThrow(ForbiddenError);
	});

	it('writes each participant’s mails in the language they chose, the cancellation with its reason', () => {
		w.db.$client.prepare("UPDATE user SET locale = 'en' WHERE id = ?").run(w.police.id);
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const [first] = listMeetings(w.db, w.coordinator, { seriesId: id });
		publishMeeting(w.db, w.coordinator, first.id, BASE, meta);
		cancelMeeting(w.db, w.coordinator, first.id, { reason: 'Raum nicht verfügbar', version: 2 }, BASE, meta);
		const mails = w.db.select().from(outbox).all();
		const english = mails.filter((o) => o.recipient === w.police.email);
		expect(english.map((o) => o.subject.split(':')[0])).toEqual(['Invitation', expect.stringMatching(/^Cancel/)]);
		expect(english[0].body).toMatch(/^Hello /);
		expect(english[1].body).toContain('Reason for the cancellation: Raum nicht verfügbar');
		const german = mails.filter((o) => o.recipient === w.member.email);
		expect(german[0].subject).toMatch(/^Einladung: .* Uhr$/);
		expect(german[1].body).toContain('Grund der Absage: Raum nicht verfügbar');
	});

	it('publishes with an .ics invitation per participant; moves raise SEQUENCE; cancellation sends CANCEL', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const [first] = listMeetings(w.db, w.coordinator, { seriesId: id });
		publishMeeting(w.db, w.coordinator, first.id, BASE, meta);
		expect(() => publishMeeting(w.db, w.coordinator, first.id, BASE, meta)).toThrow(expect.objectContaining({ code: 'meeting_already_published' }));
		const invites = w.db.select().from(outbox).all();
		expect(invites.map((o) => o.recipient).sort()).toEqual(['asd@test.example', 'koordination@test.example', 'polizei@test.example']);
		const ics = ICAL.Component.fromString(invites[0].attachments[0].content);
		expect(ics.getFirstPropertyValue('method')).toBe('REQUEST');
		const vevent = ics.getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstPropertyValue('uid')).toBe(first.uid);
		expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
		// RFC 5546: ORGANIZER in REQUEST and CANCEL (Outlook needs it), ATTENDEE per participant with RSVP.
		const organizer = vevent.getFirstProperty('organizer')!;
		expect(organizer.getFirstValue()).toMatch(/^mailto:/i);
		expect(organizer.getParameter('cn')).toBe(w.coordinator.name);
		const attendees = vevent.getAllProperties('attendee');
		expect(attendees.map((a) => String(a.getFirstValue()).replace(/^mailto:/i, '')).sort()).toEqual(['asd@test.example', 'koordination@test.example', 'polizei@test.example']);
		for (const a of attendees) {
			expect(a.getParameter('partstat')).toBe('NEEDS-ACTION');
			expect(a.getParameter('rsvp')).toBe('TRUE');
		}

		respondToMeeting(w.db, w.member, first.id, 'accepted', meta);
		const moved = moveMeeting(w.db, w.coordinator, first.id, { date: '2026-02-04', time: '10:00', durationMinutes: 90, place: 'Polizeiwache Soest', version: 2 }, BASE, meta);
		const update = w.db.select().from(outbox).all().find((o) => o.id > invites[invites.length - 1].id)!;
		const updated = ICAL.Component.fromString(update.attachments[0].content).getFirstSubcomponent('vevent')!;
		const memberLine = updated.getAllProperties('attendee').find((a) => String(a.getFirstValue()).toLowerCase() === 'mailto:asd@test.example')!;
		expect(memberLine.getParameter('partstat')).toBe('ACCEPTED');
		expect(moved.holiday).toBeNull();
		expect(() => moveMeeting(w.db, w.coordinator, first.id, { date: '2026-02-05', time: '10:00', durationMinutes: 90, version: 2 }, BASE, meta)).toThrow(ConflictError);
		const afterMove = getMeeting(w.db, w.coordinator, first.id).meeting;
		expect(afterMove.sequence).toBe(1);
		expect(afterMove.startsAt.toISOString()).toBe('2026-02-04T09:00:00.000Z');

		expect(() => cancelMeeting(w.db, w.coordinator, first.id, { reason: '', version: 3 }, BASE, meta)).toThrow(expect.objectContaining({ code: 'cancel_reason_required' }));
		cancelMeeting(w.db, w.coordinator, first.id, { reason: 'Krankheit der Moderation', version: 3 }, BASE, meta);
		const cancels = w.db.select().from(outbox).all().filter((o) => o.subject.startsWith('Abgesagt'));
		expect(cancels).toHaveLength(3);
		const cancelIcs = ICAL.Component.fromString(cancels[0].attachments[0].content);
		expect(cancelIcs.getFirstPropertyValue('method')).toBe('CANCEL');
		const cancelled = cancelIcs.getFirstSubcomponent('vevent')!;
		expect(cancelled.getFirstPropertyValue('sequence')).toBe(2);
		expect(cancelled.getFirstProperty('organizer')).toBeTruthy();
		expect(cancelled.getAllProperties('attendee')).toHaveLength(3);
		expect(() => respondToMeeting(w.db, w.member, first.id, 'accepted', meta)).toThrow(DomainError);
	});

	it('records answers and sums the expected attendance', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const [first] = listMeetings(w.db, w.coordinator, { seriesId: id });
		respondToMeeting(w.db, w.member, first.id, 'accepted', meta);
		respondToMeeting(w.db, w.police, first.id, 'tentative', meta);
		respondToMeeting(w.db, w.police, first.id, 'declined', meta);
		expect(() => respondToMeeting(w.db, w.police, first.id, 'vielleicht', meta)).toThrow(DomainError);
		expect(getMeeting(w.db, w.coordinator, first.id).attendance).toEqual({ accepted: 1, declined: 1, tentative: 0, open: 1 });
	});

	it('changing the rule removes future unpublished occurrences and keeps moved and extra meetings', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const extra = createExtraMeeting(w.db, w.coordinator, id, { date: '2026-06-04', time: '09:00', durationMinutes: 60 }, meta);
		expect(extra.holiday).toBe('Fronleichnam');
		updateSeries(w.db, w.coordinator, id, { ...seriesInput({ recurrence: { kind: 'monthly_weekday', weekday: 3, setPos: -1, startDate: '2026-01-29', time: '10:00', exceptions: [] } as SeriesInput['recurrence'] }), version: 1 }, meta);
		const meetings = listMeetings(w.db, w.coordinator, { seriesId: id });
		expect(meetings.filter((mt) => !mt.extra).every((mt) => toBerlin(mt.startsAt).hour === 10)).toBe(true);
		expect(meetings.some((mt) => mt.id === extra.id)).toBe(true);
		expect(w.db.select().from(meeting).where(eq(meeting.seriesId, id)).all().filter((mt) => mt.status === 'cancelled')).toHaveLength(0);
	});
});

describe('calendar feed', () => {
	it('lists the meetings of the owner, includes cancellations, and a new token disables the old one', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const [first] = listMeetings(w.db, w.coordinator, { seriesId: id });
		expect(getCalendarToken(w.db, w.police)).toBeNull();
		const token = regenerateCalendarToken(w.db, w.police, META);
		expect(getCalendarToken(w.db, w.police)).toBe(token);
		cancelMeeting(w.db, w.coordinator, first.id, { reason: 'Ausfall', version: 1 }, BASE, meta);
		const feed = calendarFeedFor(w.db, token, BASE, NOW)!;
		const cal = ICAL.Component.fromString(feed);
		const events = cal.getAllSubcomponents('vevent');
		expect(events).toHaveLength(12);
		const cancelled = events.find((e) => e.getFirstPropertyValue('uid') === first.uid)!;
		expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
		const next = regenerateCalendarToken(w.db, w.police, META);
		expect(calendarFeedFor(w.db, token, BASE, NOW)).toBeNull();
		expect(calendarFeedFor(w.db, next, BASE, NOW)).toContain('BEGIN:VCALENDAR');
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		const empty = calendarFeedFor(w.db, regenerateCalendarToken(w.db, outsider, META), BASE, NOW)!;
		expect(ICAL.Component.fromString(empty).getAllSubcomponents('vevent')).toHaveLength(0);
	});
});

describe('submission deadline', () => {
	const berlin = (d: Date) => d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
	it('is N calendar days before at the same Berlin time, across both changes of summer time', () => {
		// 29.03.2027 14:00 (summer time) → 22.03.2027 14:00 (winter time), not 13:00.
		expect(berlin(agendaDeadline(new Date('2027-03-29T12:00:00Z'), 7))).toBe('22.03.2027, 14:00');
		expect(berlin(agendaDeadline(new Date('2027-03-29T08:00:00Z'), 7))).toBe('22.03.2027, 10:00');
		// 03.11.2026 15:00 (winter time) → 27.10.2026 15:00 … and 20.10.2026 (summer time) for 14 days.
		expect(berlin(agendaDeadline(new Date('2026-11-03T14:00:00Z'), 7))).toBe('27.10.2026, 15:00');
		expect(berlin(agendaDeadline(new Date('2026-11-03T14:00:00Z'), 14))).toBe('20.10.2026, 15:00');
		// Across a month and a year end, and 0 days.
		expect(berlin(agendaDeadline(new Date('2027-01-05T13:00:00Z'), 7))).toBe('29.12.2026, 14:00');
		expect(berlin(agendaDeadline(new Date('2027-01-05T13:00:00Z'), 0))).toBe('05.01.2027, 14:00');
	});
});

describe('refused series saves change nothing', () => {
	it('refuses impossible dates and ids instead of storing other ones', () => {
		for (const startDate of ['2027-02-30', '2027-13-01', '0000-00-00', '2026-04-31']) {
			expect(() => createSeries(w.db, w.coordinator, seriesInput({ recurrence: { kind: 'weekly', weekday: 1, startDate, time: '14:00', exceptions: [] } as unknown as SeriesInput['recurrence'] }), meta), startDate).toThrow(
				expect.objectContaining({ code: 'invalid_input', fields: expect.objectContaining({ startDate: 'date_invalid' }) })
			);
		}
		for (const id of ['0x10', '1e3', '-1', '99999999999999999999']) {
			expect(() => createSeries(w.db, w.coordinator, seriesInput({ memberUserIds: [id] as unknown as number[] }), meta), id).toThrow(expect.objectContaining({ code: 'invalid_input' }));
		}
	});

	it('validates every member before writing: unknown ids, and no coordinator removes themselves', () => {
		const id = createSeries(w.db, w.coordinator, seriesInput(), meta);
		const before = dumpRows(w.db.$client);
		expect(() => updateSeries(w.db, w.coordinator, id, { ...seriesInput({ title: 'Neu', coordinatorIds: [w.coordinator.id, 987654] }), version: 1 }, meta)).toThrow(
			expect.objectContaining({ fields: { coordinatorIds: 'member_unknown' } })
		);
		expect(() => updateSeries(w.db, w.coordinator, id, { ...seriesInput({ title: 'Neu', memberOrganisationIds: [424242] }), version: 1 }, meta)).toThrow(
			expect.objectContaining({ fields: { memberOrganisationIds: 'member_unknown' } })
		);
		expect(() => updateSeries(w.db, w.coordinator, id, { ...seriesInput({ title: 'Neu', coordinatorIds: [w.member.id] }), version: 1 }, meta)).toThrow(
			expect.objectContaining({ fields: { coordinatorIds: 'coordinator_self_removal' } })
		);
		expect(dumpRows(w.db.$client)).toEqual(before);
	});
});

describe('participants of several series', () => {
	it('are the union of each series\' participants, once each, in one query', () => {
		const a = createSeries(w.db, w.coordinator, monthlySeriesInput(w), META);
		const b = createSeries(w.db, w.coordinator, monthlySeriesInput(w, { title: 'Leitungsrunde', memberUserIds: [w.member.id], memberOrganisationIds: [] }), META);
		const c = createSeries(w.db, w.coordinator, monthlySeriesInput(w, { title: 'Sonderrunde', coordinatorIds: [w.coordinator.id], memberUserIds: [], memberOrganisationIds: [] }), META);
		const union = new Map([a, b, c].flatMap((id) => seriesParticipants(w.db, id)).map((p) => [p.id, p.name]));
		const all = participantsOf(w.db, [a, b, c]);
		expect(all.map((p) => p.id).sort()).toEqual([...union.keys()].sort());
		expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
		expect(all.some((p) => p.id === w.police.id)).toBe(true);
		expect(participantsOf(w.db, [c]).map((p) => p.id)).toEqual([w.coordinator.id]);
		expect(participantsOf(w.db, [])).toEqual([]);
	});
});
