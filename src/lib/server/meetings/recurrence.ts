import * as rruleModule from 'rrule';

// rrule's "main" is a UMD bundle: Node (tsx scripts such as `npm run jobs`) sees it as CommonJS with
// everything under `default`; Vite and vitest load its ES module. Take the classes from either.
const { RRule, Weekday } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;
import { z } from 'zod';
import { isoDateSchema } from '../validation';
import { fromBerlin, parseDate, parseTime, berlinDateKey, TIME_ZONE } from './time';

/**
 * Recurrence of a meeting series, as the coordinator enters it, and its RFC 5545 form.
 *
 * Expansion runs on "floating" wall-clock times (rrule without tzid) and only then converts each
 * occurrence to an instant in Europe/Berlin: a 14:00 meeting stays 14:00 local time across the
 * daylight-saving changes, which rrule's own tzid handling does not guarantee.
 */
export const RECURRENCE_KINDS = ['weekly', 'monthly_weekday', 'monthly_day', 'quarterly'] as const;
export type RecurrenceKind = (typeof RECURRENCE_KINDS)[number];

const date = isoDateSchema;

export const recurrenceSchema = z
	.object({
		kind: z.enum(RECURRENCE_KINDS, 'recurrence_invalid'),
		/** every N weeks (weekly) or months (monthly_*); quarterly is fixed to 3 months */
		interval: z.coerce.number().int().min(1, 'interval_invalid').max(12, 'interval_invalid').default(1),
		/** 0 = Monday … 6 = Sunday (rrule's numbering) */
		weekday: z.coerce.number().int().min(0).max(6).optional(),
		/** 1–4 or -1 (last) for monthly_weekday and quarterly */
		setPos: z.coerce.number().int().refine((n) => n === -1 || (n >= 1 && n <= 4), 'setpos_invalid').optional(),
		monthDay: z.coerce.number().int().min(1, 'monthday_invalid').max(31, 'monthday_invalid').optional(),
		startDate: date,
		time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid'),
		until: date.optional(),
		count: z.coerce.number().int().min(1, 'count_invalid').max(500, 'count_invalid').optional(),
		exceptions: z.array(date).default([])
	})
	.superRefine((r, ctx) => {
		if ((r.kind === 'weekly' || r.kind === 'monthly_weekday' || r.kind === 'quarterly') && r.weekday === undefined) {
			ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'weekday_required' });
		}
		if ((r.kind === 'monthly_weekday' || r.kind === 'quarterly') && r.setPos === undefined) {
			ctx.addIssue({ code: 'custom', path: ['setPos'], message: 'setpos_invalid' });
		}
		if (r.kind === 'monthly_day' && r.monthDay === undefined) {
			ctx.addIssue({ code: 'custom', path: ['monthDay'], message: 'monthday_invalid' });
		}
		if (r.until && r.until < r.startDate) ctx.addIssue({ code: 'custom', path: ['until'], message: 'until_before_start' });
	});
export type Recurrence = z.output<typeof recurrenceSchema>;

function floating(dateStr: string, time: string): Date {
	const d = parseDate(dateStr);
	const t = parseTime(time);
	return new Date(Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute));
}

function stamp(dateStr: string, time: string): string {
	return `${dateStr.replaceAll('-', '')}T${time.replace(':', '')}00`;
}

function ruleOptions(r: Recurrence) {
	const base = { dtstart: floating(r.startDate, r.time), count: r.count ?? null, until: r.until ? floating(r.until, '23:59') : null };
	switch (r.kind) {
		case 'weekly':
			return { ...base, freq: RRule.WEEKLY, interval: r.interval, byweekday: [new Weekday(r.weekday!)] };
		case 'monthly_weekday':
			return { ...base, freq: RRule.MONTHLY, interval: r.interval, byweekday: [new Weekday(r.weekday!, r.setPos!)] };
		case 'quarterly':
			return { ...base, freq: RRule.MONTHLY, interval: 3, byweekday: [new Weekday(r.weekday!, r.setPos!)] };
		case 'monthly_day':
			return { ...base, freq: RRule.MONTHLY, interval: r.interval, bymonthday: [r.monthDay!] };
	}
}

/** The RFC 5545 text stored with the series: DTSTART with TZID, RRULE, EXDATEs. */
export function toRfc5545(r: Recurrence): string {
	const rule = new RRule({ ...ruleOptions(r), dtstart: null });
	const lines = [`DTSTART;TZID=${TIME_ZONE}:${stamp(r.startDate, r.time)}`, rule.toString().replace(/^RRULE:/, 'RRULE:')];
	if (r.until) {
		// UNTIL in local time is only allowed as a DATE-TIME in UTC when DTSTART has a TZID (RFC 5545 3.3.10).
		const untilUtc = fromBerlinDateEnd(r.until);
		lines[1] = lines[1].replace(/UNTIL=[0-9TZ]+/, `UNTIL=${untilUtc}`);
	}
	for (const ex of [...r.exceptions].sort()) lines.push(`EXDATE;TZID=${TIME_ZONE}:${stamp(ex, r.time)}`);
	return lines.join('\n');
}

function fromBerlinDateEnd(dateStr: string): string {
	const d = parseDate(dateStr);
	const instant = fromBerlin({ ...d, hour: 23, minute: 59 });
	return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Occurrence start instants (UTC Dates) with from <= start < to, exceptions removed. */
export function expandRecurrence(r: Recurrence, from: Date, to: Date): Date[] {
	const rule = new RRule(ruleOptions(r));
	const skip = new Set(r.exceptions);
	// The floating window is widened by a day on each side; the exact bounds are applied to real instants.
	const floatingFrom = new Date(from.getTime() - 86_400_000);
	const floatingTo = new Date(to.getTime() + 86_400_000);
	const result: Date[] = [];
	for (const f of rule.between(floatingFrom, floatingTo, true)) {
		const key = f.toISOString().slice(0, 10);
		if (skip.has(key)) continue;
		const instant = fromBerlin({ year: f.getUTCFullYear(), month: f.getUTCMonth() + 1, day: f.getUTCDate(), hour: f.getUTCHours(), minute: f.getUTCMinutes() });
		if (instant >= from && instant < to) result.push(instant);
	}
	return result;
}

/** The Berlin calendar date of an occurrence: the key used for exceptions. */
export const occurrenceDate = berlinDateKey;
