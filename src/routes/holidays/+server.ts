import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isRealIsoDate } from '$lib/server/validation';
import { nrwHoliday } from '$lib/server/meetings/holidays';
import { fromBerlin, parseDate } from '$lib/server/meetings/time';
import { m } from '$lib/paraglide/messages';

/** /holidays?date=YYYY-MM-DD — the NRW public holiday on that day, for the warning while a date is chosen. */
export const GET: RequestHandler = ({ locals, url }) => {
	if (!locals.actor) error(401, m.error_login_required());
	const date = url.searchParams.get('date') ?? '';
	if (!isRealIsoDate(date)) error(400, m.error_date_invalid());
	return json({ holiday: nrwHoliday(fromBerlin({ ...parseDate(date), hour: 12, minute: 0 })) }, { headers: { 'cache-control': 'no-store' } });
};
