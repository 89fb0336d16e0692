import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { decodeTotpKey, encodeTotpKey, newTotpKey, totpQrSvg, totpUri } from '$lib/server/auth/totp';
import { enrolTotp } from '$lib/server/users/account';
import { failure, requestMeta, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

async function enrolment(email: string, key: Uint8Array) {
	const uri = totpUri(email, key);
	return { key: encodeTotpKey(key), uri, qr: await totpQrSvg(uri) };
}

/**
 * Enrolment of the authenticator app: for a new or reset account right after the password
 * (session without second factor), and for a signed-in user who replaces their device.
 */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user || !locals.session) redirect(303, '/login');
	if (!locals.actor && locals.user.hasTotp) redirect(303, '/login/2fa');
	return { enrolment: await enrolment(locals.user.email, newTotpKey()), replacing: locals.user.hasTotp };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		if (!locals.user || !locals.session) redirect(303, '/login');
		if (!locals.actor && locals.user.hasTotp) redirect(303, '/login/2fa');
		const data = await event.request.formData();
		const keyText = str(data, 'key');
		const code = str(data, 'code');
		const key = decodeTotpKey(keyText) ?? newTotpKey();
		if (!code.trim()) {
			return fail(400, { message: m.error_code_required(), fields: { code: m.error_code_required() }, enrolment: await enrolment(locals.user.email, key) });
		}
		try {
			const codes = enrolTotp(getDb(), locals.user, locals.session.id, { key: keyText, code }, requestMeta(event));
			return { recoveryCodes: codes };
		} catch (e) {
			const f = failure(e);
			return fail(f.status, { ...f.data, fields: { code: f.data.message }, enrolment: await enrolment(locals.user.email, key) });
		}
	}
};
