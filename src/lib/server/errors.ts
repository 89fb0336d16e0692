/**
 * An error a user can cause. `code` names a message in the catalogue (messages/*.json,
 * prefixed "error_"), so the route can show it in the user's language; `status` is the 4xx.
 */
export class DomainError extends Error {
	constructor(
		public readonly code: string,
		public readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 = 400,
		public readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

export class ForbiddenError extends DomainError {
	constructor() {
		super('forbidden', 403);
	}
}

export class NotFoundError extends DomainError {
	constructor() {
		super('not_found', 404);
	}
}

/** Optimistic concurrency: the record changed since the form was loaded. */
export class ConflictError extends DomainError {
	constructor() {
		super('conflict', 409);
	}
}

/** Invalid form input: `fields` maps each field name to the catalogue code of its error. */
export class ValidationError extends DomainError {
	constructor(public readonly fields: Record<string, string>) {
		super('invalid_input', 400);
	}
}

/** Runs a zod schema and turns its issues into field errors (the first issue per field). */
export function parseInput<T>(
	schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
	input: unknown
): T {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		// The innermost named field: "recurrence.startDate" → startDate, "exceptions[2]" → exceptions.
		const key = String([...issue.path].reverse().find((p) => typeof p === 'string') ?? 'form');
		fields[key] ??= issue.message;
	}
	throw new ValidationError(fields);
}
