import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { guard, idParam } from '$lib/server/forms';
import { outboxAttachment } from '$lib/server/mail/outbox';
import { m } from '$lib/paraglide/messages';

/** An attachment of a mail in the outbox (e.g. the .ics of an invitation), for administrators. */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) error(401, m.error_login_required());
	const actor = locals.actor;
	if (!/^\d{1,3}$/.test(params.index)) error(404, m.error_not_found());
	const attachment = guard(() => outboxAttachment(getDb(), actor, idParam(params.id), Number(params.index)));
	const type = attachment.method ? `${attachment.contentType}; charset=utf-8; method=${attachment.method}` : attachment.contentType;
	return new Response(attachment.content, {
		headers: { 'content-type': type, 'content-disposition': `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"`, 'cache-control': 'no-store' }
	});
};
