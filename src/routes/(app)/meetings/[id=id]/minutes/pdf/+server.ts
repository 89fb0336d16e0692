import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { guard, idParam } from '$lib/server/forms';
import { minutesPdfFor } from '$lib/server/minutes/rendered';
import { m } from '$lib/paraglide/messages';

/** An approved version of the minutes as PDF/A-2b (?version=N, the newest by default); series members only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.actor) error(401, m.error_login_required());
	const actor = locals.actor;
	const id = idParam(params.id);
	// listVersions (inside) refuses who may not read the versions before the PDF cache is asked.
	let found: Awaited<ReturnType<typeof minutesPdfFor>>;
	try {
		found = await minutesPdfFor(getDb(), actor, id, url.searchParams.get('version'));
	} catch (e) {
		// A refusal (404/403) becomes its error page, like every load.
		return guard(() => {
			throw e;
		});
	}
	if (!found) error(404, m.error_not_found());
	const { pdf, version } = found;
	const day = version.snapshot.startsAt.slice(0, 10);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${m.minutes_pdf_filename()}-${day}-v${version.number}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
