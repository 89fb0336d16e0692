import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { openTestKeysDb } from '../keystore';
import { registerCase } from '../cases';
import { createSeries, getMeeting, listMeetings } from '../meetings';
import { reviewAgendaItem, submitAgendaItem } from '../agenda';
import { PiiReviewRequired } from '../pii/protect';
import { ForbiddenError, NotFoundError } from '../errors';
import { dumpRows } from '../testing/dump';
import { addGuest, finishMeeting, getMinutes, minutesAccess, MinutesConflict, removeGuest, saveAttendance, saveMinutesEntry, setMinuteTaker, startMeeting } from '.';
import { respondToMeeting } from '../meetings';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
const BEFORE = { ...META, now: new Date('2026-01-20T09:00:00Z') };
const DURING = { ...META, now: new Date('2026-02-03T13:05:00Z') };

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const input = monthlySeriesInput(w);
	const seriesId = createSeries(w.db, w.coordinator, input, { ...META, now: new Date('2026-01-10T09:00:00Z') });
	meetingId = listMeetings(w.db, w.coordinator, { seriesId })[0].id;
	const item = (title: string) => ({ kind: 'topic' as const, title, text: '', requestedMinutes: 20 });
	const a = submitAgendaItem(w.db, keys, w.member, meetingId, item('Lagebild'), BEFORE);
	reviewAgendaItem(w.db, w.coordinator, a, { decision: 'accept', version: 1 }, BEFORE);
	submitAgendaItem(w.db, keys, w.coordinator, meetingId, item('Verschiedenes'), BEFORE);
	submitAgendaItem(w.db, keys, w.police, meetingId, item('Noch offen'), BEFORE);
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

describe('taking the minutes', () => {
	it('starts the meeting with one entry per accepted item and frozen TOP labels; the minute-taker writes, members wait', () => {
		expect(() => startMeeting(w.db, w.member, meetingId, DURING)).toThrow(ForbiddenError);
		setMinuteTaker(w.db, w.coordinator, meetingId, w.member.id, DURING);
		startMeeting(w.db, w.member, meetingId, DURING);
		expect(getMeeting(w.db, w.coordinator, meetingId).meeting.status).toBe('in_progress');
		const view = getMinutes(w.db, w.member, meetingId);
		expect(view.entries.map((e) => [e.topLabel, e.title])).toEqual([
			['TOP 1', 'Lagebild'],
			['TOP 2', 'Verschiedenes']
		]);
		expect(view.can).toMatchObject({ edit: true, finish: true, start: false });
		// The draft is for the minute-taker and the coordinators only; outsiders do not learn it exists.
		expect(getMinutes(w.db, w.police, meetingId)).toMatchObject({ hidden: true, minutes: null, entries: [] });
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(() => getMinutes(w.db, outsider, meetingId)).toThrow(NotFoundError);
		// The access check alone (print view, live channel) says the same.
		expect(minutesAccess(w.db, w.member, meetingId)).toMatchObject({ hidden: false, can: { edit: true }, m: { status: 'draft' } });
		expect(minutesAccess(w.db, w.police, meetingId)).toMatchObject({ hidden: true, can: { edit: false } });
		expect(() => minutesAccess(w.db, outsider, meetingId)).toThrow(NotFoundError);
		finishMeeting(w.db, w.member, meetingId, DURING);
		expect(getMeeting(w.db, w.coordinator, meetingId).meeting.status).toBe('held');
	});

	it('stores notes pseudonymised by the author’s review, and keeps both texts on a conflicting save', () => {
		registerCase(w.db, keys, w.member, { label: 'Häusliche Gewalt', persons: [{ role: 'child', name: 'Lena Schulte' }] }, BEFORE);
		setMinuteTaker(w.db, w.coordinator, meetingId, w.member.id, DURING);
		startMeeting(w.db, w.coordinator, meetingId, DURING);
		const [first] = getMinutes(w.db, w.member, meetingId).entries;
		const before = dumpRows(w.db.$client);
		expect(() => saveMinutesEntry(w.db, keys, w.member, first.id, { notes: 'Lena war mit Frau Brinkhoff beim Arzt.', version: 1 }, DURING)).toThrow(PiiReviewRequired);
		expect(dumpRows(w.db.$client)).toEqual(before);
		const saved = saveMinutesEntry(w.db, keys, w.member, first.id, { notes: 'Lena war mit Frau Brinkhoff beim Arzt.', version: 1, decisions: { 'person|Brinkhoff': { action: 'placeholder' } } }, DURING);
		expect(saved.version).toBe(2);
		expect(getMinutes(w.db, w.coordinator, meetingId).entries[0].notes).toMatch(/^Kind A \(F-[^)]+\) war mit Frau \[\[pii:person\]\] beim Arzt\.$/);
		// A second editor with the old version sees the stored text instead of overwriting it.
		try {
			saveMinutesEntry(w.db, keys, w.coordinator, first.id, { notes: 'Kurz besprochen.', version: 1 }, DURING);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(MinutesConflict);
			expect((e as MinutesConflict).theirs).toMatchObject({ version: 2, updatedBy: w.member.name });
		}
		expect(() => saveMinutesEntry(w.db, keys, w.police, first.id, { notes: 'x', version: 2 }, DURING)).toThrow(ForbiddenError);
	});
});

describe('attendance and guests', () => {
	it('starts from the answers to the invitation and records late arrival; guests only by organisation and function', () => {
		respondToMeeting(w.db, w.member, meetingId, 'accepted', BEFORE);
		respondToMeeting(w.db, w.police, meetingId, 'declined', BEFORE);
		startMeeting(w.db, w.coordinator, meetingId, DURING);
		const presence = () => Object.fromEntries(getMinutes(w.db, w.coordinator, meetingId).attendance.map((a) => [a.name, [a.presence, a.arrivedAt]]));
		expect(presence()).toEqual({ [w.member.name]: ['present', null], [w.police.name]: ['excused', null], [w.coordinator.name]: ['absent', null] });
		saveAttendance(w.db, w.coordinator, meetingId, [{ userId: w.coordinator.id, presence: 'present', arrivedAt: '14:20' }], DURING);
		expect(presence()[w.coordinator.name]).toEqual(['present', '14:20']);
		expect(() => saveAttendance(w.db, w.coordinator, meetingId, [{ userId: w.coordinator.id, presence: 'present', arrivedAt: '25:00' }], DURING)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
		expect(() => saveAttendance(w.db, w.police, meetingId, [{ userId: w.police.id, presence: 'present' }], DURING)).toThrow(ForbiddenError);

		const guest = addGuest(w.db, w.coordinator, meetingId, { organisation: 'Schulamt Kreis Soest', function: 'Schulpsychologischer Dienst' }, DURING);
		expect(() => addGuest(w.db, w.coordinator, meetingId, { organisation: 'Schulamt', function: 'Frau Brinkhoff' }, DURING)).toThrow(expect.objectContaining({ fields: { function: 'guest_no_names' } }));
		expect(getMinutes(w.db, w.coordinator, meetingId).guests.map((g) => [g.organisation, g.function])).toEqual([['Schulamt Kreis Soest', 'Schulpsychologischer Dienst']]);
		removeGuest(w.db, w.coordinator, meetingId, guest);
		expect(getMinutes(w.db, w.coordinator, meetingId).guests).toEqual([]);
	});
});
