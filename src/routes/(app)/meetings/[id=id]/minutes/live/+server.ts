import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { guard, idParam, str } from '$lib/server/forms';
import { minutesAccess, readableMinutes } from '$lib/server/minutes';
import { currentItem, editingNow, setCurrentItem, setEditing, subscribe, type LiveEvent } from '$lib/server/minutes/live';
import { m } from '$lib/paraglide/messages';

/** Only who may read the minutes now (drafts: minute-taker and coordinators) gets their live events. */
function readable(locals: App.Locals, rawId: string | undefined) {
	if (!locals.actor) error(401, m.error_login_required());
	const actor = locals.actor;
	const id = idParam(rawId);
	const access = guard(() => minutesAccess(getDb(), actor, id));
	guard(() => readableMinutes(access));
	return { actor, id, canEdit: access.can.edit };
}

/** Server-sent events: "change" (reload what changed) and "presence" (who edits which item). */
export const GET: RequestHandler = ({ locals, params, request }) => {
	const { id } = readable(locals, params.id);
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream({
		start(controller) {
			const send = (e: LiveEvent) => controller.enqueue(encoder.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
			send({ type: 'presence', editing: editingNow(id), current: currentItem(id) });
			const unsubscribe = subscribe(id, send);
			// A comment every 25 s keeps proxies from closing an idle stream.
			const keepAlive = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), 25_000);
			cleanup = () => {
				clearInterval(keepAlive);
				unsubscribe();
			};
			request.signal.addEventListener('abort', () => {
				cleanup();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			});
		},
		cancel() {
			cleanup();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } });
};

/**
 * "I am editing this item" (entry=ID) or "I stopped" (entry empty), or "this item is under
 * discussion now" (current=ID); only for those who may edit.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { actor, id, canEdit } = readable(locals, params.id);
	if (!canEdit) error(403, m.error_forbidden());
	const data = await request.formData();
	if (data.has('current')) {
		const raw = str(data, 'current');
		setCurrentItem(id, raw ? idParam(raw) : null);
	} else {
		const raw = str(data, 'entry');
		setEditing(id, actor, raw ? idParam(raw) : null);
	}
	return json({ ok: true });
};
