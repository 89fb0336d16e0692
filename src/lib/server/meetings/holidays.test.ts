import { describe, expect, it } from 'vitest';
import { nrwHoliday } from './holidays';

describe('NRW holidays', () => {
	it('names the holiday on the Berlin date, in the reader’s language', () => {
		// 23:30 UTC on 24 December is already Christmas Day in Berlin.
		expect(nrwHoliday(new Date('2026-12-24T23:30:00Z'), 'de')).toBe('1. Weihnachtstag');
		expect(nrwHoliday(new Date('2026-12-24T23:30:00Z'), 'en')).toBe('Christmas Day');
		expect(nrwHoliday(new Date('2026-11-01T12:00:00Z'), 'en')).toBe("All Saints' Day");
		expect(nrwHoliday(new Date('2026-11-25T12:00:00Z'), 'de')).toBeNull();
	});
});
