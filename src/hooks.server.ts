import { type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { config } from '$lib/server/config';
import { TokenBucketLimiter } from '$lib/server/auth/rate-limit';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { seedDemo } from '$lib/server/seed/demo';
import { startScheduler } from '$lib/server/jobs';
import { seedDemoMeetings } from '$lib/server/seed/demo-meetings';
import { checkKeysAtStart, StartupCheckError } from '$lib/server/startup-check';
import { anchorAndReport } from '$lib/server/audit/anchor';
import { writePidFile } from '$lib/server/backup';
import { limitHeapGrowth } from '$lib/server/memory';

// Before the first request: keeps the process small under load (see memory.ts).
limitHeapGrowth();

export const init: ServerInit = async () => {
	const db = getDb();
	try {
		checkKeysAtStart(db);
	} catch (e) {
		if (!(e instanceof StartupCheckError)) throw e;
		// An operator problem: say what is wrong and stop, rather than run with lost names.
		console.error(e.message);
		process.exit(1);
	}
	// `npm run restore` refuses to replace the databases under a running server.
	writePidFile(config().dataDir);
	// Before anything new is written: the chain must still hold its anchor (reported, not repaired).
	anchorAndReport(db, getKeysDb());
	if (config().demoMode && (await seedDemo(db))) {
		seedDemoMeetings(db, getKeysDb());
		console.log('Demo-Daten (Kreis Soest) angelegt.');
	}
	// One scheduler for every recurring job: outbox, reminders, series extension, retention, housekeeping.
	startScheduler(db);
};

const cfg = config();
const postLimiter = new TokenBucketLimiter(cfg.postBurst, cfg.postPerMinute / 60);

function clientAddress(event: Parameters<Handle>[0]['event']): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Every POST (and other writing method) takes a token from the client address's bucket. */
const rateLimit: Handle = async ({ event, resolve }) => {
	event.locals.clientAddress = clientAddress(event);
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		const wait = postLimiter.take(event.locals.clientAddress ?? 'unknown');
		if (wait > 0) {
			return new Response(m.error_rate_limited({ seconds: wait }), {
				status: 429,
				headers: { 'Retry-After': String(wait), 'Content-Type': 'text/plain; charset=utf-8' }
			});
		}
	}
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Paths that need no session at all. */
const PUBLIC = [/^\/login$/, /^\/invite\//, /^\/accessibility$/, /^\/privacy$/, /^\/healthz$/, /^\/calendar\//, /^\/language$/];
/** Paths a session may use before its second factor is done. */
const SECOND_FACTOR = [/^\/login\/2fa(\/setup)?$/, /^\/logout$/];

function seeOther(location: string): Response {
	return new Response(null, { status: 303, headers: { location } });
}

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	const path = event.url.pathname;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = validateSessionToken(getDb(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			setSessionCookie(event.cookies, event.url, token, result.session.absoluteExpiresAt);
			if (result.session.twoFactorVerified) {
				const { id, email, name, organisationId, organisationKind, roles } = result.user;
				event.locals.actor = { id, email, name, organisationId, organisationKind, roles };
			}
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	if (PUBLIC.some((p) => p.test(path)) || path.startsWith('/_app/') || path === '/favicon.svg' || path === '/robots.txt') {
		return resolve(event);
	}
	const user = event.locals.user;
	if (user && !event.locals.actor) {
		if (SECOND_FACTOR.some((p) => p.test(path))) return resolve(event);
		return seeOther(user.hasTotp ? '/login/2fa' : '/login/2fa/setup');
	}
	if (!user) {
		if (path === '/logout' || event.request.method !== 'GET') return seeOther('/login');
		const target = path === '/' ? '' : `?redirectTo=${encodeURIComponent(path + event.url.search)}`;
		return seeOther(`/login${target}`);
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	// same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts and the CSRF check refuses them.
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Cross-Origin-Resource-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (event.url.protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	// Nothing a signed-in user sees may land in a shared cache or the browser's disk cache.
	if (event.locals.user || event.locals.session) {
		h.set('Cache-Control', 'no-store');
	} else if (!h.has('Cache-Control')) {
		h.set('Cache-Control', 'no-cache');
	}
	return response;
};

const FORM_TYPES = new Set(['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded']);

/** A form post whose body cannot be read (text/plain, broken multipart) is a 400 with a message, not a 500. */
const formBody: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'POST') {
		const type = (event.request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		if (FORM_TYPES.has(type)) {
			try {
				await event.request.clone().formData();
			} catch {
				return new Response(m.error_invalid_form_body(), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
			}
		}
	}
	return resolve(event);
};

export const handle = sequence(securityHeaders, rateLimit, i18n, session, formBody);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = crypto.randomUUID();
	if (status >= 500) console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: status === 404 ? m.error_not_found() : m.error_unexpected(), errorId };
};
