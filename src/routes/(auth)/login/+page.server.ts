import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { loginWithPassword } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/session';
import { failure, requestMeta, safeRedirectTarget, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return { loggedOut: url.searchParams.has('loggedOut') };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const email = str(data, 'email');
		const password = str(data, 'password');
		const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'));
		if (!email.trim() || !password) {
			return fail(400, {
				message: m.error_invalid_input(),
				fields: { ...(email.trim() ? {} : { email: m.error_email_required() }), ...(password ? {} : { password: m.error_password_required() }) },
				values: { email }
			});
		}
		let next;
		try {
			const result = await loginWithPassword(getDb(), { email, password }, requestMeta(event));
			setSessionCookie(event.cookies, event.url, result.token, result.session.absoluteExpiresAt);
			next = result.next;
		} catch (e) {
			return failure(e, { email });
		}
		const suffix = redirectTo !== '/' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : '';
		if (next === '2fa') redirect(303, `/login/2fa${suffix}`);
		if (next === 'enrol') redirect(303, '/login/2fa/setup');
		redirect(303, redirectTo);
	}
};
