import { z } from 'zod';

/** A calendar date "YYYY-MM-DD" that exists (no 2027-02-30, no month 13, no year 0000). */
export function isRealIsoDate(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Form dates: only real dates, never silently moved to another day. */
export const isoDateSchema = z.string().refine(isRealIsoDate, 'date_invalid');

/** Ids from forms: decimal digits within the safe integer range ("0x10", "1e3", "-1" are refused). */
export const idSchema = z.union([
	z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
	z
		.string()
		.regex(/^[1-9]\d{0,14}$/, 'id_invalid')
		.transform(Number)
]);
