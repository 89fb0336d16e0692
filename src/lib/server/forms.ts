import { error, fail, type RequestEvent } from '@sveltejs/kit';
import * as messages from '$lib/paraglide/messages';
import { DomainError, ValidationError } from './errors';
import type { RequestMeta } from './auth/login';
import type { Actor } from './access';

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

export function str(data: FormData, key: string): string {
	const v = data.get(key);
	return typeof v === 'string' ? v : '';
}

/** Only same-site relative paths are followed after login, never another host. */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
	return value;
}

/** A positive integer route parameter, or a 404. */
export function idParam(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, messages.error_not_found());
	return id;
}
