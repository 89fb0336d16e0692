import { describe, expect, it } from 'vitest';
import { expandRecurrence, recurrenceSchema, toRfc5545, type Recurrence } from './recurrence';
import { fromBerlin, toBerlin, berlinDateKey } from './time';
import { nrwHoliday } from './holidays';
import { rrulestr } from 'rrule';

const YEAR_FROM = new Date('2026-01-01T00:00:00Z');
const YEAR_TO = new Date('2027-01-01T00:00:00Z');

function rec(input: Record<string, unknown>): Recurrence {
	return recurrenceSchema.parse(input);
}

function local(d: Date): string {
	const w = toBerlin(d);
	return `${berlinDateKey(d)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

describe('Berlin wall time', () => {
	it('converts across both daylight-saving changes', () => {
		expect(fromBerlin({ year: 2026, month: 3, day: 28, hour: 14, minute: 0 }).toISOString()).toBe('2026-03-28T13:00:00.000Z');
		expect(fromBerlin({ year: 2026, month: 3, day: 29, hour: 14, minute: 0 }).toISOString()).toBe('2026-03-29T12:00:00.000Z');
		expect(fromBerlin({ year: 2026, month: 10, day: 25, hour: 14, minute: 0 }).toISOString()).toBe('2026-10-25T13:00:00.000Z');
	});
	it('moves a time in the skipped hour forward and reads the repeated hour as summer time', () => {
		expect(local(fromBerlin({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }))).toBe('2026-03-29 03:30');
		expect(fromBerlin({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});
});

describe('recurrence expansion', () => {
	it('monthly on the first Tuesday stays at 14:00 local time all year (DST)', () => {
		const r = rec({ kind: 'monthly_weekday', weekday: 1, setPos: 1, startDate: '2026-01-06', time: '14:00' });
		const dates = expandRecurrence(r, YEAR_FROM, YEAR_TO);
		expect(dates.map(local)).toEqual([
			'2026-01-06 14:00', '2026-02-03 14:00', '2026-03-03 14:00', '2026-04-07 14:00', '2026-05-05 14:00', '2026-06-02 14:00',
			'2026-07-07 14:00', '2026-08-04 14:00', '2026-09-01 14:00', '2026-10-06 14:00', '2026-11-03 14:00', '2026-12-01 14:00'
		]);
		// Winter 13:00 UTC, summer 12:00 UTC.
		expect(dates[2].toISOString()).toBe('2026-03-03T13:00:00.000Z');
		expect(dates[3].toISOString()).toBe('2026-04-07T12:00:00.000Z');
	});

	it('every two weeks across the change to summer time', () => {
		const r = rec({ kind: 'weekly', interval: 2, weekday: 2, startDate: '2026-03-11', time: '09:30', count: 4 });
		expect(expandRecurrence(r, YEAR_FROM, YEAR_TO).map(local)).toEqual(['2026-03-11 09:30', '2026-03-25 09:30', '2026-04-08 09:30', '2026-04-22 09:30']);
	});

	it('skips exceptions and honours the end date', () => {
		const r = rec({ kind: 'weekly', weekday: 0, startDate: '2026-10-05', time: '10:00', until: '2026-11-02', exceptions: ['2026-10-26'] });
		expect(expandRecurrence(r, YEAR_FROM, YEAR_TO).map(local)).toEqual(['2026-10-05 10:00', '2026-10-12 10:00', '2026-10-19 10:00', '2026-11-02 10:00']);
	});

	it('quarterly on the last Thursday, and monthly on a day (short months skipped by RFC 5545)', () => {
		const q = rec({ kind: 'quarterly', weekday: 3, setPos: -1, startDate: '2026-01-29', time: '10:00' });
		expect(expandRecurrence(q, YEAR_FROM, YEAR_TO).map(local)).toEqual(['2026-01-29 10:00', '2026-04-30 10:00', '2026-07-30 10:00', '2026-10-29 10:00']);
		const d = rec({ kind: 'monthly_day', monthDay: 31, startDate: '2026-01-31', time: '08:00', count: 3 });
		expect(expandRecurrence(d, YEAR_FROM, YEAR_TO).map(local)).toEqual(['2026-01-31 08:00', '2026-03-31 08:00', '2026-05-31 08:00']);
	});

	it('returns only occurrences inside the window', () => {
		const r = rec({ kind: 'weekly', weekday: 0, startDate: '2026-01-05', time: '10:00' });
		const dates = expandRecurrence(r, new Date('2026-02-02T09:00:00Z'), new Date('2026-02-16T09:00:00Z'));
		expect(dates.map(local)).toEqual(['2026-02-02 10:00', '2026-02-09 10:00']);
	});

	it('writes valid RFC 5545 text that rrule reads back to the same dates', () => {
		const r = rec({ kind: 'monthly_weekday', weekday: 1, setPos: 1, startDate: '2026-01-06', time: '14:00', until: '2026-06-30', exceptions: ['2026-04-07'] });
		const text = toRfc5545(r);
		expect(text).toBe(
			['DTSTART;TZID=Europe/Berlin:20260106T140000', 'RRULE:UNTIL=20260630T215900Z;FREQ=MONTHLY;INTERVAL=1;BYDAY=+1TU', 'EXDATE;TZID=Europe/Berlin:20260407T140000'].join('\n')
		);
		const set = rrulestr(text, { forceset: true });
		expect(set.all().length).toBe(5);
	});

	it('validates the input with field codes', () => {
		const result = recurrenceSchema.safeParse({ kind: 'monthly_weekday', startDate: '2026-13-01x', time: '25:00' });
		expect(result.success).toBe(false);
		const paths = result.success ? [] : result.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
		expect(paths).toEqual(expect.arrayContaining(['startDate:date_invalid', 'time:time_invalid']));
		const missing = recurrenceSchema.safeParse({ kind: 'monthly_weekday', startDate: '2026-01-01', time: '14:00' });
		expect(missing.success ? [] : missing.error.issues.map((i) => i.message)).toEqual(['weekday_required', 'setpos_invalid']);
	});
});

describe('NRW public holidays', () => {
	it('knows Fronleichnam and Allerheiligen (NRW) and ordinary days', () => {
		expect(nrwHoliday(fromBerlin({ year: 2026, month: 6, day: 4, hour: 14, minute: 0 }))).toBe('Fronleichnam');
		expect(nrwHoliday(fromBerlin({ year: 2026, month: 11, day: 1, hour: 0, minute: 30 }))).toBe('Allerheiligen');
		expect(nrwHoliday(fromBerlin({ year: 2026, month: 6, day: 2, hour: 14, minute: 0 }))).toBeNull();
	});
});
