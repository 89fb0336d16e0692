import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { verifySecondFactor } from '$lib/server/auth/login';
import { failure, requestMeta, safeRedirectTarget, str } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/auth/session';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user || !locals.session) redirect(303, '/login');
	if (locals.actor) redirect(303, '/');
	if (!locals.user.hasTotp) redirect(303, '/login/2fa/setup');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		if (!locals.user || !locals.session) redirect(303, '/login');
		const code = str(await event.request.formData(), 'code');
		if (!code.trim()) return fail(400, { message: m.error_code_required(), fields: { code: m.error_code_required() }, values: {} });
		let usedRecoveryCode: boolean;
		try {
			const result = verifySecondFactor(getDb(), locals.session, locals.user, code, requestMeta(event));
			usedRecoveryCode = result.usedRecoveryCode;
			// A new token for the full session; the one from the password step is gone.
			setSessionCookie(event.cookies, event.url, result.token, result.session.absoluteExpiresAt);
		} catch (e) {
			const f = failure(e);
			return fail(f.status, { ...f.data, fields: { code: f.data.message } });
		}
		const target = safeRedirectTarget(event.url.searchParams.get('redirectTo'));
		redirect(303, usedRecoveryCode ? '/account?recoveryUsed=1' : target);
	}
};
