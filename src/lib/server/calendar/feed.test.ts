import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { cancelMeeting, createSeries, listMeetings } from '../meetings';
import { calendarFeedFor, calendarFeedWithTag, feedStats, regenerateCalendarToken } from './feed';

let w: TestWorld;
const NOW = new Date('2026-01-10T09:00:00Z');
const BASE = 'https://fk.example';

beforeEach(async () => (w = await setupDb()));
afterEach(() => w.cleanup());

describe('calendar feed, built once per content', () => {
	it('answers with the same text and entity tag until something in it changes', () => {
		const seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: NOW });
		const token = regenerateCalendarToken(w.db, w.police, META);
		const built = feedStats.built;
		const first = calendarFeedWithTag(w.db, token, BASE, NOW)!;
		const again = calendarFeedWithTag(w.db, token, BASE, NOW)!;
		expect(feedStats.built - built).toBe(1);
		expect(again).toEqual(first);
		expect(first.etag).toMatch(/^"[0-9a-f]{32}"$/);
		expect(ICAL.Component.fromString(first.ics).getAllSubcomponents('vevent')).toHaveLength(12);

		const [next] = listMeetings(w.db, w.coordinator, { seriesId });
		cancelMeeting(w.db, w.coordinator, next.id, { reason: 'Ausfall', version: 1 }, BASE, { ...META, now: NOW });
		const changed = calendarFeedWithTag(w.db, token, BASE, NOW)!;
		expect(feedStats.built - built).toBe(2);
		expect(changed.etag).not.toBe(first.etag);
		const cancelled = ICAL.Component.fromString(changed.ics)
			.getAllSubcomponents('vevent')
			.find((e) => e.getFirstPropertyValue('uid') === next.uid)!;
		expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(calendarFeedFor(w.db, token, BASE, NOW)).toBe(changed.ics);
	});

	it('never serves one owner the feed of another, nor a feed for an old token', () => {
		createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: NOW });
		const police = regenerateCalendarToken(w.db, w.police, META);
		const member = regenerateCalendarToken(w.db, w.member, META);
		const a = calendarFeedWithTag(w.db, police, BASE, NOW)!;
		const b = calendarFeedWithTag(w.db, member, BASE, NOW)!;
		expect(a.etag).not.toBe(b.etag);
		regenerateCalendarToken(w.db, w.police, META);
		expect(calendarFeedWithTag(w.db, police, BASE, NOW)).toBeNull();
	});
});
