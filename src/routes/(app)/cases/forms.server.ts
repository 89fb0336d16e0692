import { error } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { errorText, failure } from '$lib/server/forms';

/**
 * For case actions: a refusal (403), an unknown case (404) or deleted keys (410) answer with that
 * HTTP status, also to an enhanced (JSON) post; input errors stay form failures that keep the values.
 */
export function refuseOrFail(e: unknown, values: Record<string, unknown> = {}) {
	if (e instanceof DomainError && (e.status === 403 || e.status === 404 || e.status === 410)) error(e.status, errorText(e.code, e.params));
	return failure(e, values);
}
