import type { Db } from '../db';
import { extendAllSeries } from '.';

let timer: NodeJS.Timeout | null = null;

/** Keeps every series materialised twelve months ahead: at start and then daily. */
export function startSeriesExtension(db: Db): void {
	if (timer) return;
	extendAllSeries(db);
	timer = setInterval(() => extendAllSeries(db), 24 * 60 * 60 * 1000);
	timer.unref();
}
