import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { cookieName, cookieMaxAge, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/forms';
import { getDb } from '$lib/server/db';
import { user } from '$lib/server/db/schema';

/**
 * Language switch in the header: a plain form, so it works without JavaScript. A signed-in user's
 * choice is also stored with the account, so that their mails are written in it.
 */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: false });
		if (locals.actor) getDb().update(user).set({ locale }).where(eq(user.id, locals.actor.id)).run();
	}
	redirect(303, safeRedirectTarget(String(data.get('redirectTo') ?? '/')));
};
