import { error, fail, type RequestEvent } from '@sveltejs/kit';
import * as messages from '$lib/paraglide/messages';
import { DomainError, ValidationError } from './errors';
import type { RequestMeta } from './auth/login';
import type { Actor } from './access';
import { getDb, type Db } from './db';
import { PiiReviewRequired } from './pii/protect';

type MessageFn = (inputs?: Record<string, unknown>) => string;

/** The catalogue text for an error code (messages "error_<code>"), in the request's language. */
export function errorText(code: string, params: Record<string, string | number> = {}): string {
	const fn = (messages as unknown as Record<string, MessageFn | undefined>)[`error_${code}`];
	return fn ? fn(params) : messages.error_invalid_input();
}

export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, unknown>;
}

/** Turns a DomainError into a 4xx form failure that keeps what the user typed. */
export function failure(e: unknown, values: Record<string, unknown> = {}) {
	if (!(e instanceof DomainError)) throw e;
	const fields: Record<string, string> = {};
	if (e instanceof ValidationError) {
		for (const [field, code] of Object.entries(e.fields)) fields[field] = errorText(code);
	}
	return fail(e.status, { message: errorText(e.code, e.params), fields, values } satisfies FormFailure);
}

/** For load functions: a DomainError becomes an HTTP error page with its status. */
export function guard<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof DomainError) error(e.status, errorText(e.code, e.params));
		throw e;
	}
}

export function requestMeta(event: RequestEvent): RequestMeta {
	return { ip: event.locals.clientAddress, userAgent: event.request.headers.get('user-agent') };
}

export function requireActor(event: RequestEvent): Actor {
	if (!event.locals.actor) error(401, messages.error_login_required());
	return event.locals.actor;
}

/**
 * The text fields of a form as a plain object, to show the user's input again after an error. A
 * field named "__proto__" is left out (SvelteKit cannot serialise such a key: the answer would be
 * a 500), and so are files where text belongs; repeated fields keep their last value.
 */
export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (key === '__proto__' || typeof value !== 'string') continue;
		values[key] = value;
	}
	return values;
}

export function str(data: FormData, key: string): string {
	const v = data.get(key);
	return typeof v === 'string' ? v : '';
}

/**
 * Only same-origin paths are followed after login or a language switch, never another host: the
 * value is parsed as a URL against a placeholder origin (as a browser would resolve it), so tabs,
 * control characters, backslashes and encoded tricks ("/%09/evil.example/") cannot leave the site.
 * Anything else becomes "/".
 */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || unsafeChars(value)) return '/';
	const base = 'https://fallkonferenz.invalid';
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return '/';
	}
	const path = url.pathname + url.search + url.hash;
	// "//host" after normalisation would be protocol-relative in a Location header.
	if (url.origin !== base || !path.startsWith('/') || path.startsWith('//')) return '/';
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return '/';
	}
	if (unsafeChars(decoded) || /^\/\s*\//.test(decoded)) return '/';
	return path;
}

/** Control characters (tab, CR, LF, NUL …) and backslashes have no place in a redirect target. */
function unsafeChars(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
	}
	return false;
}

/** A positive integer route parameter or form field (decimal digits only, within the safe range), or a 404. */
export function idParam(raw: string | undefined): number {
	if (!raw || !/^[1-9]\d{0,14}$/.test(raw)) error(404, messages.error_not_found());
	return Number(raw);
}

/**
 * The one path of a form action: requires a signed-in actor, reads the form, runs the domain call
 * and maps a DomainError to a 4xx `fail` that keeps what the user typed. `form` names the form on
 * pages with several; `extra` adds fields to both answers (e.g. the item a message belongs to).
 */
export function formAction<R, X extends Record<string, unknown> = Record<never, never>>(
	form: string,
	run: (event: RequestEvent, data: FormData, actor: Actor) => R | Promise<R>,
	success: (result: R) => string,
	extra: (data: FormData, result?: R) => X = () => ({}) as X
) {
	return async (event: RequestEvent) => {
		const actor = requireActor(event);
		const data = await event.request.formData();
		try {
			const result = await run(event, data, actor);
			return { form, success: success(result), ...extra(data, result) };
		} catch (e) {
			const f = failure(e, formValues(data));
			// Personal data found in a text: the author decides per finding (see PiiReview.svelte).
			const review = e instanceof PiiReviewRequired ? { findings: e.findings, cases: e.cases, preview: e.preview } : null;
			return fail(f.status, { ...f.data, form, review, ...extra(data) });
		}
	};
}

/**
 * The load of a page about one record (a meeting and its agenda, print view, minutes): the actor,
 * the database and the id from the path, with domain errors turned into error pages.
 */
export function recordLoad<T>(event: { locals: App.Locals; params: { id?: string } }, fn: (ctx: { db: Db; actor: Actor; id: number }) => T): T {
	const id = idParam(event.params.id);
	return guard(() => fn({ db: getDb(), actor: event.locals.actor!, id }));
}
