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

function formatWall(instant: Date): WallTime {
	const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
	return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute };
}

// Intl's formatToParts costs a few microseconds a call, and lists convert several instants per
// meeting. Berlin's offset from UTC only changes at a whole quarter of an hour in UTC (since 1981 at
// 01:00 UTC), so it is looked up once per quarter-hour and kept; the time-zone data still come from
// Intl, so summer time stays as the runtime knows it. Older instants take the slow path.
const QUARTER = 900_000;
const FAST_FROM = Date.UTC(1981, 0, 1);
const offsets = new Map<number, number>();

/** Berlin's offset from UTC in milliseconds at this instant. */
function berlinOffset(t: number): number {
	const slot = Math.floor(t / QUARTER);
	let offset = offsets.get(slot);
	if (offset === undefined) {
		const start = slot * QUARTER;
		const w = formatWall(new Date(start));
		offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - start;
		if (offsets.size >= 50_000) offsets.clear();
		offsets.set(slot, offset);
	}
	return offset;
}

export function toBerlin(instant: Date): WallTime {
	const t = instant.getTime();
	if (!(t >= FAST_FROM)) return formatWall(instant);
	const d = new Date(t + berlinOffset(t));
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
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
