import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { logout } from '$lib/server/users/account';
import { requestMeta } from '$lib/server/forms';

export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	if (locals.session && locals.user) logout(getDb(), locals.user, locals.session.id, requestMeta(event));
	deleteSessionCookie(cookies, url);
	redirect(303, '/login?loggedOut=1');
};
