import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cookieName, cookieMaxAge, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/forms';

/** Language switch in the header: a plain form, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: false });
	}
	redirect(303, safeRedirectTarget(String(data.get('redirectTo') ?? '/')));
};
