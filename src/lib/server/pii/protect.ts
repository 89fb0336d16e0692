import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { caseFile, CASE_ROLES } from '../db/schema';
import { accessFirst, can, type Actor } from '../access';
import { DomainError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import { sha256Hex } from '../crypto';
import type { RequestMeta } from '../auth/login';
import type { KeysDb, PendingKeyWrites } from '../keystore';
import { assertCanAddPerson, personSchema, registerPersonInTransaction, scanContextFor, type CaseScanPerson } from '../cases';
import { createScanner, type ScanContext } from './scanner';
import { reviewText, type FindingDecision, type OpenFinding, type PreviewSegment, type ReviewedText } from './review';

/** Raised when free text still holds personal data the author has not decided about (HTTP 422). */
export class PiiReviewRequired extends DomainError {
	constructor(
		public readonly findings: OpenFinding[],
		/** Cases the author may add a person to (own office, open, keys present). */
		public readonly cases: { id: number; code: string; label: string }[],
		/** Each field as it would be stored, for the review step (see PreviewSegment). */
		public readonly preview: Record<string, PreviewSegment[]> = {}
	) {
		super('pii_review_required', 422, { count: findings.length });
	}
}

/**
 * The author's text, reviewed and ready to be stored: `commit` runs inside the save's transaction
 * (`transactionWithKeys`) and applies the decisions there: persons to register go to the case and
 * the key store, confirmations "not personal" go to the audit trail. If the save is refused
 * after the review, none of that happens.
 */
export interface FreeTextPlan<T> {
	commit(tx: Tx, keys: PendingKeyWrites): T;
}

type Options = { caseId?: number | null; meta: RequestMeta; subject?: { type: string; id?: number } };

/**
 * The scanner context of an author: the persons of the cases they may reveal (see scanContextFor).
 * Pseudonyms repeat across cases ("Kind A"), so a person of another case than the linked one is
 * written with its case code.
 */
function contextFor(persons: CaseScanPerson[], base: { allow: string[]; codes: string[] }, linkedCaseId: number | null): ScanContext {
	const own = (p: CaseScanPerson) => p.caseId === linkedCaseId;
	return {
		// Persons of the linked case first: on a shared name the scanner takes the first registered person.
		persons: [...persons.filter(own), ...persons.filter((p) => !own(p))].map((p) => ({
			name: p.name,
			pseudonym: own(p) ? p.pseudonym : `${p.pseudonym} (${p.caseCode})`
		})),
		allow: base.allow,
		codes: base.codes
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

type Results<T> = Record<keyof T, ReviewedText>;

function reviewAll<T extends Record<string, string>>(fields: T, ctx: ScanContext, decisions: Record<string, FindingDecision>): Results<T> {
	const scanner = createScanner(ctx);
	return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, reviewText(v, scanner, decisions)])) as Results<T>;
}

function collect<T>(results: Results<T>, pick: (r: ReviewedText) => OpenFinding[]): Map<string, OpenFinding> {
	const out = new Map<string, OpenFinding>();
	for (const r of Object.values(results) as ReviewedText[]) for (const f of pick(r)) out.set(f.key, f);
	return out;
}

/**
 * Reviews free-text fields with the PII scanner before anything is stored. Writes nothing.
 * Known case persons (only of cases the author may reveal) become their pseudonyms; every other
 * finding needs the author's decision: placeholder, "not personal" (audited as a hash), or
 * registration as a person of one of the author's cases. Throws PiiReviewRequired while a finding
 * is open, a DomainError for an impossible decision; otherwise returns the plan to commit.
 */
export function reviewFreeText<T extends Record<string, string>>(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	fields: T,
	decisions: Record<string, FindingDecision>,
	opts: Options
): FreeTextPlan<T> {
	const linked = opts.caseId ?? null;
	const base = scanContextFor(db, keysDb, actor);
	const results = reviewAll(fields, contextFor(base.persons, base, linked), decisions);

	// Registrations are checked completely now; they are carried out in commit().
	const registrations = [...collect(results, (r) => r.register).values()] as (OpenFinding & { caseId: number; role: string })[];
	for (const r of registrations) {
		// The case and the permission first (404/403), then the person's data.
		accessFirst(() => assertCanAddPerson(db, actor, r.caseId));
		if (!(CASE_ROLES as readonly string[]).includes(r.role)) throw new DomainError('role_invalid');
		parseInput(personSchema, { role: r.role, name: r.text });
		assertCanAddPerson(db, actor, r.caseId);
	}
	// With the registered names known (under stand-in pseudonyms), is anything still open?
	const candidate = registrations.length
		? reviewAll(fields, contextFor([...base.persons, ...registrations.map((r, i) => ({ name: r.text, pseudonym: `\u2039neu ${i + 1}\u203a`, caseId: r.caseId, caseCode: '' }))], base, linked), decisions)
		: results;
	const open = collect(candidate, (r) => r.open);
	// A registration that does not make the name known (e.g. a surname alone) stays open.
	for (const [key, f] of collect(candidate, (r) => r.register)) open.set(key, f);
	if (open.size) {
		const preview = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.preview]));
		throw new PiiReviewRequired([...open.values()], registerableCases(db, actor), preview);
	}

	return {
		commit(tx, keys) {
			const added: CaseScanPerson[] = registrations.map((r) => {
				const { pseudonym, caseCode } = registerPersonInTransaction(tx, keys, actor, r.caseId, { role: r.role, name: r.text }, opts.meta);
				return { name: r.text, pseudonym, caseId: r.caseId, caseCode };
			});
			const final = added.length ? reviewAll(fields, contextFor([...base.persons, ...added], base, linked), decisions) : results;
			const stillOpen = [...collect(final, (r) => r.open).values(), ...collect(final, (r) => r.register).values()];
			if (stillOpen.length) throw new PiiReviewRequired(stillOpen, registerableCases(db, actor));
			for (const f of collect(final, (r) => r.ignored).values()) {
				recordAuditEvent(tx, {
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
			return Object.fromEntries(Object.entries(final).map(([k, r]) => [k, (r as ReviewedText).text])) as T;
		}
	};
}

/**
 * Replaces the persons of the cases the actor may reveal by their pseudonyms and leaves every
 * other word as it is: for text that has been through the review already (an item the owning
 * office links to its case later). Writes nothing.
 */
export function pseudonymiseKnownPersons<T extends Record<string, string>>(db: Db, keysDb: KeysDb, actor: Actor, fields: T, linkedCaseId: number | null): T {
	const base = scanContextFor(db, keysDb, actor);
	const results = reviewAll(fields, contextFor(base.persons, base, linkedCaseId), {});
	return Object.fromEntries(Object.entries(results).map(([k, r]) => [k, (r as ReviewedText).text])) as T;
}
