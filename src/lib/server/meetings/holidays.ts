import { getHolidayByDate } from 'feiertagejs';
import { toBerlin } from './time';

/** Name of the public holiday in North Rhine-Westphalia on the Berlin date of this instant, if any. */
export function nrwHoliday(instant: Date): string | null {
	const w = toBerlin(instant);
	// feiertagejs compares the local calendar date of the Date it gets.
	const holiday = getHolidayByDate(new Date(w.year, w.month - 1, w.day, 12), 'NW');
	return holiday ? holiday.translate('de') ?? holiday.name : null;
}
