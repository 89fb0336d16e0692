import type { KeysDb } from '../keystore';
import { createSeries, listMeetings } from '../meetings';
import { reviewAgendaItem, submitAgendaItem } from '../agenda';
import { getMinutes, setMinuteTaker, startMeeting } from '../minutes';
import { META, monthlySeriesInput, type TestWorld } from './fixtures';

/** Before the first meeting (2026-02-03, 14:00 Berlin), while it is held, and two days after. */
export const BEFORE = { ...META, now: new Date('2026-01-20T09:00:00Z') };
export const DURING = { ...META, now: new Date('2026-02-03T13:05:00Z') };
export const AFTER = { ...META, now: new Date('2026-02-05T09:00:00Z') };

/**
 * The monthly series of `monthlySeriesInput`, its first meeting started with the Jugendamt member as
 * minute-taker and one accepted item ("Lagebild", TOP 1): the state in which outcomes, action items
 * and their follow-up are recorded.
 */
export function startedMinutes(w: TestWorld, keys: KeysDb) {
	const seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: new Date('2026-01-10T09:00:00Z') });
	const meetings = listMeetings(w.db, w.coordinator, { seriesId });
	const meetingId = meetings[0].id;
	const item = submitAgendaItem(w.db, keys, w.member, meetingId, { kind: 'topic', title: 'Lagebild', text: '', requestedMinutes: 20 }, BEFORE);
	reviewAgendaItem(w.db, w.coordinator, item, { decision: 'accept', version: 1 }, BEFORE);
	setMinuteTaker(w.db, w.coordinator, meetingId, w.member.id, DURING);
	startMeeting(w.db, w.member, meetingId, DURING);
	return { seriesId, meetings, meetingId, entryId: getMinutes(w.db, w.member, meetingId).entries[0].id };
}
