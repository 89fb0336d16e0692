import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { calendarFeedFor } from '$lib/server/calendar/feed';

/** /calendar/<token>.ics — the secret subscription feed (no session: the token is the credential). */
export const GET: RequestHandler = ({ params, url }) => {
	const token = params.token.replace(/\.ics$/, '');
	const ics = calendarFeedFor(getDb(), token, url.origin);
	if (!ics) error(404, 'Not found');
	return new Response(ics, {
		headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Disposition': 'inline; filename="fallkonferenz.ics"' }
	});
};
