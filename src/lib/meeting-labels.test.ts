import { describe, expect, it } from 'vitest';
import { recurrenceLabel } from './meeting-labels';

describe('recurrence wording', () => {
	it('says "monatlich" and "wöchentlich" for an interval of one, and plural forms otherwise', () => {
		expect(recurrenceLabel({ kind: 'monthly_weekday', interval: 1, weekday: 1, setPos: 1, time: '14:00' })).toBe('monatlich am ersten Dienstag, 14:00 Uhr');
		expect(recurrenceLabel({ kind: 'weekly', interval: 1, weekday: 0, time: '09:00' })).toBe('wöchentlich am Montag, 09:00 Uhr');
		expect(recurrenceLabel({ kind: 'weekly', interval: 2, weekday: 0, time: '09:00' })).toBe('alle 2 Wochen am Montag, 09:00 Uhr');
		expect(recurrenceLabel({ kind: 'monthly_day', interval: 3, monthDay: 15, time: '10:00' })).toBe('alle 3 Monate am 15., 10:00 Uhr');
	});
});
