import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { acceptInvitation, getInvitation } from '$lib/server/users';
import { setSessionCookie } from '$lib/server/auth/session';
import { failure, guard, requestMeta, str } from '$lib/server/forms';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';

export const load: PageServerLoad = ({ params }) => {
	const invitation = guard(() => getInvitation(getDb(), params.token));
	return { invitation, minLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		let result;
		try {
			result = await acceptInvitation(getDb(), event.params.token, { password: str(data, 'password'), confirm: str(data, 'confirm') }, requestMeta(event));
		} catch (e) {
			const f = failure(e);
			return fail(f.status, { ...f.data, fields: f.status === 400 ? { password: f.data.message } : {} });
		}
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, '/login/2fa/setup');
	}
};
