import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { caseFile, CASE_ROLES } from '../db/schema';
import { can, type Actor } from '../access';
import { DomainError } from '../errors';
import { recordAuditEvent } from '../audit';
import { sha256Hex } from '../crypto';
import type { RequestMeta } from '../auth/login';
import type { KeysDb } from '../keystore';
import { addCasePerson, scanContextFor } from '../cases';
import { createScanner, type ScanContext } from './scanner';
import { reviewText, type FindingDecision, type OpenFinding } from './review';

/** Raised when free text still holds personal data the author has not decided about (HTTP 422). */
export class PiiReviewRequired extends DomainError {
	constructor(
		public readonly findings: OpenFinding[],
		/** Cases the author may add a person to (own office, open, keys present). */
		public readonly cases: { id: number; code: string; label: string }[]
	) {
		super('pii_review_required', 422, { count: findings.length });
	}
}

/**
 * The scanner context for saving text: every case with keys. Pseudonyms repeat across cases
 * ("Kind A"), so a person of another case than the linked one is written with its case code.
 */
function contextFor(db: Db, keysDb: KeysDb, actor: Actor, linkedCaseId: number | null): ScanContext {
	const { persons, allow } = scanContextFor(db, keysDb, actor);
	const own = (p: (typeof persons)[number]) => p.caseId === linkedCaseId;
	return {
		// Persons of the linked case first: on a shared name the scanner takes the first registered person.
		persons: [...persons.filter(own), ...persons.filter((p) => !own(p))].map((p) => ({
			name: p.name,
			pseudonym: own(p) ? p.pseudonym : `${p.pseudonym} (${p.caseCode})`
		})),
		allow
	};
}

function registerableCases(db: Db, actor: Actor) {
	return db
		.select({ id: caseFile.id, code: caseFile.code, label: caseFile.label, organisationId: caseFile.organisationId })
		.from(caseFile)
		.where(and(eq(caseFile.status, 'open'), isNull(caseFile.keysDeletedAt)))
		.orderBy(asc(caseFile.code))
		.all()
		.filter((c) => can(actor, 'case.manage', { type: 'case', organisationId: c.organisationId }))
		.map(({ id, code, label }) => ({ id, code, label }));
}

/**
 * Passes free-text fields through the PII scanner before anything is stored: known case persons
 * become their pseudonyms; every other finding needs the author's decision (placeholder, not
 * personal — recorded in the audit trail —, or registration as a person of a case). Returns the
 * fields to store, or throws PiiReviewRequired with what is still open.
 */
export function protectFreeText<T extends Record<string, string>>(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	fields: T,
	decisions: Record<string, FindingDecision>,
	opts: { caseId?: number | null; meta: RequestMeta; subject?: { type: string; id?: number } }
): T {
	let scanner = createScanner(contextFor(db, keysDb, actor, opts.caseId ?? null));
	const run = () => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, reviewText(v, scanner, decisions)])) as Record<keyof T, ReturnType<typeof reviewText>>;
	let results = run();

	const toRegister = new Map<string, { caseId: number; role: string; text: string }>();
	for (const r of Object.values(results)) for (const f of r.register) toRegister.set(f.key, { caseId: f.caseId, role: f.role, text: f.text });
	if (toRegister.size) {
		for (const { caseId, role, text } of toRegister.values()) {
			if (!(CASE_ROLES as readonly string[]).includes(role)) throw new DomainError('role_invalid');
			const c = db.select({ version: caseFile.version }).from(caseFile).where(eq(caseFile.id, caseId)).get();
			if (!c) throw new DomainError('not_found', 404);
			addCasePerson(db, keysDb, actor, caseId, { role, name: text, version: c.version }, opts.meta);
		}
		scanner = createScanner(contextFor(db, keysDb, actor, opts.caseId ?? null));
		results = run();
	}

	const open = new Map<string, OpenFinding>();
	for (const r of Object.values(results)) for (const f of r.open) open.set(f.key, f);
	// A registration that did not make the name known (e.g. only a surname) stays open.
	for (const r of Object.values(results)) for (const f of r.register) open.set(f.key, f);
	if (open.size) throw new PiiReviewRequired([...open.values()], registerableCases(db, actor));

	const ignored = new Map<string, OpenFinding>();
	for (const r of Object.values(results)) for (const f of r.ignored) ignored.set(f.key, f);
	for (const f of ignored.values()) {
		recordAuditEvent(db, {
			type: 'pii.confirmed_not_personal',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: opts.subject?.type ?? null,
			subjectId: opts.subject?.id ?? null,
			ip: opts.meta.ip,
			// The hash identifies the confirmed text without copying it into the audit trail.
			details: { kind: f.kind, textSha256: sha256Hex(f.text) }
		});
	}
	return Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.text])) as T;
}
