/** Every date and time a page shows: Berlin time, in the reader's language. Stored values stay codes and instants. */
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

const tz = 'Europe/Berlin';
const loc = () => (getLocale() === 'en' ? 'en-GB' : 'de-DE');

// Creating an Intl formatter costs far more than using one, and a list formats hundreds of dates:
// one formatter per kind and language, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${kind}:${loc()}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(loc(), options)));
	return f;
}
const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

export function fmtDate(d: Date | string | number): string {
	return formatter('date', { timeZone: tz, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(d));
}

export function fmtTime(d: Date | string | number): string {
	return formatter('time', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(new Date(d));
}

export function fmtDateTime(d: Date | string | number): string {
	return `${fmtDate(d)}, ${fmtTime(d)}`;
}

/** "12.03.2026" / "12 Mar 2026" (medium), or "–" for none. */
export function fmtDay(d: Date | string | number | null | undefined): string {
	if (d == null) return '–';
	return formatter('day', { timeZone: tz, dateStyle: 'medium' }).format(new Date(d));
}

/** Date and time of an event (log entries, sessions, mails), or "–" for none. */
export function fmtStamp(d: Date | string | number | null | undefined): string {
	if (d == null) return '–';
	return formatter('stamp', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
}

/** A stored calendar date (YYYY-MM-DD, e.g. a birth date) without time-zone shifts. */
export function fmtCalendarDate(value: string | null | undefined): string {
	if (!value) return '–';
	return formatter('calendar', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(`${value}T00:00:00Z`));
}

/** "in 3 Tagen" / "vor 2 Stunden", in the UI language. */
export function fmtRelative(d: Date | string | number, now = Date.now()): string {
	const diff = new Date(d).getTime() - now;
	let rtf = relativeFormatters.get(loc());
	if (!rtf) relativeFormatters.set(loc(), (rtf = new Intl.RelativeTimeFormat(loc(), { numeric: 'auto' })));
	const abs = Math.abs(diff);
	if (abs >= 86_400_000) return rtf.format(Math.round(diff / 86_400_000), 'day');
	if (abs >= 3_600_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
	return rtf.format(Math.round(diff / 60_000), 'minute');
}

const inputFormat = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** Date and time inputs in Berlin time for a form ("2026-03-03", "14:00"). */
export function berlinInputs(d: Date | string | number): { date: string; time: string } {
	const parts = Object.fromEntries(
		inputFormat
			.formatToParts(new Date(d))
			.map((p) => [p.type, p.value])
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * A stored agenda position label in the reader's language: minutes and action items keep the label
 * the item had when the minutes began ("TOP 3", written in German), shown as "Item 3" in English.
 * Any other label is shown as stored.
 */
export function fmtTop(label: string, locale: Locale = getLocale()): string {
	const n = /^TOP (\d+)$/.exec(label);
	return n ? m.agenda_top({ n: Number(n[1]) }, { locale }) : label;
}
