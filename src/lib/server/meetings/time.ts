/** Wall-clock time in Europe/Berlin, the time zone of every meeting. */
export const TIME_ZONE = 'Europe/Berlin';

export interface WallTime {
	year: number;
	month: number; // 1–12
	day: number;
	hour: number;
	minute: number;
}

const parts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

export function toBerlin(instant: Date): WallTime {
	const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
	return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute };
}

function sameWall(a: WallTime, b: WallTime): boolean {
	return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant at which Berlin clocks show this wall time. Berlin is UTC+1 or UTC+2, so only two
 * instants are candidates. An ambiguous time (the repeated hour in October) takes the first,
 * summer-time reading; a time that does not exist (the hour skipped in March) moves forward by
 * that hour.
 */
export function fromBerlin(w: WallTime): Date {
	const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	const matching = [naive - 7_200_000, naive - 3_600_000].filter((t) => sameWall(toBerlin(new Date(t)), w));
	return new Date(matching.length ? matching[0] : naive - 3_600_000);
}

/** "2026-03-03" → parts; throws on malformed input (callers validate first). */
export function parseDate(value: string): { year: number; month: number; day: number } {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) throw new Error(`invalid date ${value}`);
	return { year: +m[1], month: +m[2], day: +m[3] };
}

export function parseTime(value: string): { hour: number; minute: number } {
	const m = /^(\d{2}):(\d{2})$/.exec(value);
	if (!m) throw new Error(`invalid time ${value}`);
	return { hour: +m[1], minute: +m[2] };
}

export function berlinDateKey(instant: Date): string {
	const w = toBerlin(instant);
	return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
