import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listUserSessions, setSessionCookie, deleteSessionCookie } from '$lib/server/auth/session';
import { countUnusedRecoveryCodes } from '$lib/server/auth/totp';
import { changePassword, logoutEverywhere, regenerateRecoveryCodes, revokeSession } from '$lib/server/users/account';
import { failure, requestMeta, requireActor, str } from '$lib/server/forms';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { getCalendarToken, regenerateCalendarToken } from '$lib/server/calendar/feed';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.actor!;
	const db = getDb();
	const calendarToken = getCalendarToken(db, actor);
	return {
		calendarUrl: calendarToken ? new URL(`/calendar/${calendarToken}.ics`, url.origin).toString() : null,
		email: actor.email,
		minLength: PASSWORD_MIN_LENGTH,
		recoveryUsed: url.searchParams.has('recoveryUsed'),
		recoveryCodesLeft: countUnusedRecoveryCodes(db, actor.id),
		sessions: listUserSessions(db, actor.id).map((s) => ({
			id: s.id,
			createdAt: s.createdAt,
			lastSeenAt: s.lastSeenAt,
			userAgent: s.userAgent,
			ip: s.ip,
			current: s.id === locals.session?.id
		}))
	};
};

export const actions: Actions = {
	password: async (event) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		try {
			const result = await changePassword(getDb(), actor, { current: str(data, 'current'), password: str(data, 'password'), confirm: str(data, 'confirm') }, requestMeta(event));
			setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		} catch (e) {
			const f = failure(e);
			const field = f.data.message === m.error_current_password_wrong() ? 'current' : 'password';
			return fail(f.status, { ...f.data, form: 'password', fields: { [field]: f.data.message } as Record<string, string> });
		}
		return { form: 'password', success: m.password_changed() };
	},
	recovery: async (event) => {
		const actor = requireActor(event);
		const code = str(await event.request.formData(), 'code');
		try {
			const codes = regenerateRecoveryCodes(getDb(), actor, code, requestMeta(event));
			return { form: 'recovery', recoveryCodes: codes };
		} catch (e) {
			const f = failure(e);
			return fail(f.status, { ...f.data, form: 'recovery', fields: { code: f.data.message } as Record<string, string> });
		}
	},
	revoke: async (event) => {
		const actor = requireActor(event);
		const id = str(await event.request.formData(), 'session');
		try {
			revokeSession(getDb(), actor, id, requestMeta(event));
		} catch (e) {
			return failure(e);
		}
		return { form: 'sessions', success: m.session_revoked() };
	},
	calendar: async (event) => {
		const actor = requireActor(event);
		regenerateCalendarToken(getDb(), actor, requestMeta(event));
		return { form: 'calendar', success: m.calendar_regenerated() };
	},
	logoutAll: async (event) => {
		const actor = requireActor(event);
		logoutEverywhere(getDb(), actor, requestMeta(event));
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/login?loggedOut=1');
	}
};
