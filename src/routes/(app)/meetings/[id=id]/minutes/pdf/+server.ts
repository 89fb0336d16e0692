import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { guard, idParam } from '$lib/server/forms';
import { listVersions } from '$lib/server/minutes/approval';
import { minutesPdf } from '$lib/server/minutes/pdf';
import { m } from '$lib/paraglide/messages';

/** An approved version of the minutes as PDF/A-2b (?version=N, the newest by default); series members only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.actor) error(401, m.error_login_required());
	const actor = locals.actor;
	const id = idParam(params.id);
	const versions = guard(() => listVersions(getDb(), actor, id));
	const wanted = url.searchParams.get('version');
	const version = wanted === null ? versions[0] : versions.find((v) => String(v.number) === wanted);
	if (!version) error(404, m.error_not_found());
	const pdf = await minutesPdf(version.snapshot, { number: version.number, approvedAt: version.createdAt, approvedByName: version.approvedByName, approvedInMeetingOn: version.approvedInMeetingOn, reason: version.reason });
	const day = version.snapshot.startsAt.slice(0, 10);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${m.minutes_pdf_filename()}-${day}-v${version.number}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
