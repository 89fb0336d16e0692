import { getHolidayByDate } from 'feiertagejs';
import { toBerlin } from './time';
import { getLocale } from '../../paraglide/runtime.js';

/**
 * feiertagejs recomputes the year's holidays on every call (about 1.7 ms), and lists of meetings
 * ask once per meeting: the answer per calendar date and language is kept. Holidays do not change;
 * the cap only bounds memory (a few years of dates in two languages fit easily).
 */
const cache = new Map<string, string | null>();
const CACHE_MAX = 20_000;

/**
 * Name of the public holiday in North Rhine-Westphalia on the Berlin date of this instant, if any,
 * in the reader's language (the request's locale unless given).
 */
export function nrwHoliday(instant: Date, locale: 'de' | 'en' = getLocale()): string | null {
	const w = toBerlin(instant);
	const key = `${w.year}-${w.month}-${w.day}|${locale}`;
	const known = cache.get(key);
	if (known !== undefined) return known;
	// feiertagejs compares the local calendar date of the Date it gets.
	const holiday = getHolidayByDate(new Date(w.year, w.month - 1, w.day, 12), 'NW');
	const name = holiday ? (holiday.translate(locale) ?? holiday.name) : null;
	if (cache.size >= CACHE_MAX) cache.clear();
	cache.set(key, name);
	return name;
}
