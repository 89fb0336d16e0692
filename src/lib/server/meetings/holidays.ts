import { getHolidayByDate } from 'feiertagejs';
import { toBerlin } from './time';
import { getLocale } from '../../paraglide/runtime.js';

/**
 * Name of the public holiday in North Rhine-Westphalia on the Berlin date of this instant, if any,
 * in the reader's language (the request's locale unless given).
 */
export function nrwHoliday(instant: Date, locale: 'de' | 'en' = getLocale()): string | null {
	const w = toBerlin(instant);
	// feiertagejs compares the local calendar date of the Date it gets.
	const holiday = getHolidayByDate(new Date(w.year, w.month - 1, w.day, 12), 'NW');
	return holiday ? (holiday.translate(locale) ?? holiday.name) : null;
}
