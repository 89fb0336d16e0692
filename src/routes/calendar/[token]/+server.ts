import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { calendarFeedWithTag } from '$lib/server/calendar/feed';

/** /calendar/<token>.ics — the secret subscription feed (no session: the token is the credential). */
export const GET: RequestHandler = ({ params, url, request }) => {
	const token = params.token.replace(/\.ics$/, '');
	const feed = calendarFeedWithTag(getDb(), token, url.origin);
	if (!feed) error(404, 'Not found');
	// Only the token's owner fetches this URL: private, and revalidated (ETag) on every poll.
	const cache = { ETag: feed.etag, 'Cache-Control': 'private, no-cache' };
	const known = request.headers.get('if-none-match');
	if (known && known.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)) return new Response(null, { status: 304, headers: cache });
	return new Response(feed.ics, {
		headers: { 'Content-Type': 'text/calendar; charset=utf-8', ...cache, 'Content-Disposition': 'inline; filename="fallkonferenz.ics"' }
	});
};
