import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { storageState } from '$lib/server/db/storage';
import { config } from '$lib/server/config';

const headers = { 'Cache-Control': 'no-store' };

/**
 * For the reverse proxy and monitoring: 200 "ok"; 503 "unavailable" when the database cannot be
 * read; 503 "storage_full" when writes are refused for lack of space (reads still work).
 */
export const GET: RequestHandler = () => {
	try {
		getDb().$client.prepare('SELECT 1').get();
	} catch {
		return json({ status: 'unavailable' }, { status: 503, headers });
	}
	const storage = storageState(config().dataDir);
	if (storage.full) return json({ status: 'storage_full', reads: 'ok', since: storage.since?.toISOString() ?? null }, { status: 503, headers });
	return json({ status: 'ok' }, { headers });
};
