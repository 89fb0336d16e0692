/**
 * Pseudonymised cases. app.db holds the random case code, a neutral label and the pseudonyms of
 * the persons ("Kind A"); real names, birth dates and addresses go to the key store (keys.db) and
 * come back only to case workers of the owning Jugendamt during a reveal grant, or to the PII
 * scanner on the server. Design and threat model: docs/cases-and-keystore.md.
 */
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseFile, casePerson, organisation, revealGrant, user as userTable, CASE_ROLES, LEGAL_BASES, type CaseRole, type LegalBasis } from '../db/schema';
import type { Db, Tx } from '../db';
import { accessFirst, assertCan, can, type Actor } from '../access';
import { ConflictError, DomainError, NotFoundError, ValidationError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import { pageInfo } from '../pagination';
import type { RequestMeta } from '../auth/login';
import { scanText, type ScanContext } from '../pii/scanner';
import { compactKeyStore, deleteCaseKeys, deletePersonKeys, listKeyOwners, readPersonKeys, transactionWithKeys, type KeysDb, type PendingKeyWrites, type PersonKeyData } from '../keystore';
import { config } from '../config';

export { CASE_ROLES, LEGAL_BASES, type CaseRole, type LegalBasis };

/** Unambiguous characters only (no 0/O, 1/I/L). */
export const CASE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_DIGITS = '23456789';
const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
/**
 * "F-" + digit + letter + two characters ("F-7QK3", "F-2X9M"). The digit right after the hyphen
 * keeps every code from reading as a number plate ("F-BU 52" is Frankfurt), and the letter keeps
 * it from reading as a number.
 */
export const CASE_CODE_RE = /^F-[2-9][ABCDEFGHJKMNPQRSTUVWXYZ][23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2}$/;
/** Codes issued before the format above (any four characters of the alphabet) stay valid. */
export const LEGACY_CASE_CODE_RE = /^F-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;
export const MAX_CODE_ATTEMPTS = 50;
/** How long a reveal grant lasts. */
export const REVEAL_MINUTES = 15;
export const JUSTIFICATION_MIN = 10;
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** The German role label that starts the pseudonym; pseudonyms are the same in every UI language. */
export const ROLE_PREFIX: Record<CaseRole, string> = {
	child: 'Kind',
	mother: 'Mutter',
	father: 'Vater',
	parent: 'Elternteil',
	sibling: 'Geschwister',
	caregiver: 'Bezugsperson',
	other: 'Sonstige'
};

// ---------------------------------------------------------------- codes and pseudonyms

/** A random case code such as "F-7QK3". Never derived from anything about the case. */
export function generateCaseCode(randomInt: (max: number) => number = crypto.randomInt): string {
	const pick = (chars: string) => chars[randomInt(chars.length)];
	return `F-${pick(CODE_DIGITS)}${pick(CODE_LETTERS)}${pick(CASE_CODE_ALPHABET)}${pick(CASE_CODE_ALPHABET)}`;
}

/** 1 → A, 26 → Z, 27 → AA (bijective base 26). */
export function letterFor(index: number): string {
	let n = index;
	let out = '';
	while (n > 0) {
		n--;
		out = String.fromCharCode(65 + (n % 26)) + out;
		n = Math.floor(n / 26);
	}
	return out;
}

export function pseudonymFor(role: CaseRole, index: number): string {
	return `${ROLE_PREFIX[role]} ${letterFor(index)}`;
}

/** Draws codes until one is free (the unique index is the final guard). */
export function uniqueCaseCode(db: Db | Tx, generate: () => string = generateCaseCode): string {
	for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
		const code = generate();
		if (!db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.code, code)).get()) return code;
	}
	throw new DomainError('case_code_exhausted', 409);
}

// ---------------------------------------------------------------- input

export type PersonInput = { role: string; name: string; birthDate?: string | null; address?: string | null };
export type CaseInput = { label: string; persons: PersonInput[] };

function isRealDate(value: string): boolean {
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'too_long')
		.nullish()
		.transform((v) => v || null);

export const personSchema = z.object({
	role: z.enum(CASE_ROLES, 'case_role_required'),
	name: z.string().trim().min(2, 'person_name_required').max(120, 'too_long'),
	birthDate: optionalText(10).refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v) && v >= '1900-01-01' && v <= new Date().toISOString().slice(0, 10)), 'birth_date_invalid'),
	address: optionalText(200)
});
export type PersonData = z.infer<typeof personSchema>;

const labelSchema = z.object({ label: z.string().trim().min(3, 'case_label_required').max(80, 'too_long') });

export const revealSchema = z.object({
	legalBasis: z.enum(LEGAL_BASES, 'legal_basis_required'),
	justification: z.string().trim().min(JUSTIFICATION_MIN, 'justification_too_short').max(1000, 'too_long')
});

function isBlank(p: PersonInput): boolean {
	return !p.name?.trim() && !p.birthDate?.trim() && !p.address?.trim();
}

/**
 * Validates the person rows of the register form. Rows with neither name, birth date nor address
 * are skipped (the form has fixed rows); errors are keyed "persons.<row>.<field>".
 */
function parsePersons(rows: PersonInput[], fields: Record<string, string>): PersonData[] {
	const out: PersonData[] = [];
	rows.forEach((row, i) => {
		if (isBlank(row)) return;
		const result = personSchema.safeParse(row);
		if (result.success) out.push(result.data);
		else for (const issue of result.error.issues) fields[`persons.${i}.${String(issue.path[0] ?? 'name')}`] ??= issue.message;
	});
	if (out.length === 0 && !Object.keys(fields).some((k) => k.startsWith('persons.'))) fields.persons = 'case_person_required';
	return out;
}

/** A label must not identify anyone: the PII scanner (with the persons' names) must find nothing. */
function assertNeutralLabel(label: string, persons: { name: string; pseudonym: string }[], fields: Record<string, string>): void {
	if (scanText(label, { persons, allow: [] }).findings.length > 0) fields.label ??= 'case_label_pii';
}

// ---------------------------------------------------------------- reading

function caseRow(db: Db | Tx, id: number) {
	const row = db
		.select({ c: caseFile, organisationName: organisation.name })
		.from(caseFile)
		.innerJoin(organisation, eq(caseFile.organisationId, organisation.id))
		.where(eq(caseFile.id, id))
		.get();
	if (!row) throw new NotFoundError();
	return { ...row.c, organisationName: row.organisationName };
}

const caseResource = (c: { organisationId: number }) => ({ type: 'case' as const, organisationId: c.organisationId });

/** When the key data of a closed case fall due for deletion. */
export function keysDueAt(closedAt: Date | null, days = config().keyRetentionDays): Date | null {
	return closedAt ? new Date(closedAt.getTime() + days * DAY) : null;
}

export const CASES_PAGE_SIZE = 50;
export const CASE_STATUS_FILTERS = ['all', 'open', 'closed'] as const;

export type CaseFilter = {
	status?: (typeof CASE_STATUS_FILTERS)[number];
	/** Part of the case code or the label (case-insensitive). */
	q?: string;
	page?: number;
	pageSize?: number;
};

/** Case code or label contains the text; `%`, `_` and `\` of the text are literal. */
function caseTextCondition(q: string) {
	const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`(${caseFile.code} LIKE ${pattern} ESCAPE '\\' OR ${caseFile.label} LIKE ${pattern} ESCAPE '\\')`;
}

/**
 * One page (CASES_PAGE_SIZE) of the cases, with their pseudonyms: what all member organisations see
 * (code, label, owning office, pseudonyms, status); open cases first, newest first. Filtered by
 * status and by a text in the code or label. Pseudonyms are read for the page's cases only.
 * `canReveal` tells the page whether to offer the reveal action. A page beyond the end shows the last.
 */
export function listCases(db: Db, actor: Actor, filter: CaseFilter = {}) {
	assertCan(actor, 'case.view');
	const status = filter.status === 'open' || filter.status === 'closed' ? filter.status : undefined;
	const text = filter.q?.trim() ?? '';
	const where = and(status ? eq(caseFile.status, status) : undefined, text ? caseTextCondition(text) : undefined);
	const total = db.select({ n: sql<number>`count(*)` }).from(caseFile).where(where).get()?.n ?? 0;
	const info = pageInfo(Number(total), filter.page ?? 1, filter.pageSize ?? CASES_PAGE_SIZE);
	const rows = db
		.select({
			id: caseFile.id,
			code: caseFile.code,
			label: caseFile.label,
			status: caseFile.status,
			organisationId: caseFile.organisationId,
			organisationName: organisation.name,
			createdAt: caseFile.createdAt,
			closedAt: caseFile.closedAt,
			keysDeletedAt: caseFile.keysDeletedAt
		})
		.from(caseFile)
		.innerJoin(organisation, eq(caseFile.organisationId, organisation.id))
		.where(where)
		.orderBy(sql`${caseFile.status} = 'closed'`, desc(caseFile.createdAt), desc(caseFile.id))
		.limit(info.pageSize)
		.offset(info.offset)
		.all();
	const persons = personsOf(
		db,
		rows.map((r) => r.id)
	);
	return {
		...info,
		cases: rows.map((r) => ({
			...r,
			pseudonyms: (persons.get(r.id) ?? []).map((p) => p.pseudonym),
			canReveal: !r.keysDeletedAt && can(actor, 'case.reveal', caseResource(r))
		}))
	};
}

/**
 * The open cases as choices for linking an agenda item: code and label only (no pseudonyms), newest
 * first, and whether the actor may reveal (and so link) the case.
 */
export function listOpenCaseChoices(db: Db, actor: Actor) {
	assertCan(actor, 'case.view');
	return db
		.select({ id: caseFile.id, code: caseFile.code, label: caseFile.label, organisationId: caseFile.organisationId, keysDeletedAt: caseFile.keysDeletedAt })
		.from(caseFile)
		.where(eq(caseFile.status, 'open'))
		.orderBy(desc(caseFile.createdAt), desc(caseFile.id))
		.all()
		.map((r) => ({ id: r.id, code: r.code, label: r.label, canReveal: !r.keysDeletedAt && can(actor, 'case.reveal', caseResource(r)) }));
}

/**
 * Whether the district's open cases fit the submit form's list (at most `limit`, CASE_LIST_LIMIT,
 * 100 by default): a large district (the ten-year data set has 1,500 open cases) gets a field for
 * the case code instead of a list nobody can use. Reads at most `limit + 1` ids.
 */
export function openCasesFitList(db: Db, actor: Actor, limit = config().caseListLimit): boolean {
	assertCan(actor, 'case.view');
	return db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.status, 'open')).limit(limit + 1).all().length <= limit;
}

/**
 * Whether the actor may link an agenda item to at least one open case (one they may reveal): the
 * agenda page offers "link a case" only then, and lists the cases only for the item chosen. Asks
 * for one row instead of reading every open case.
 */
export function hasLinkableOpenCase(db: Db, actor: Actor): boolean {
	// The policy decides, as for the full list (listOpenCaseChoices): the resource of every case this
	// query can find is the actor's own organisation's.
	if (!can(actor, 'case.reveal', caseResource(actor))) return false;
	const row = db
		.select({ id: caseFile.id })
		.from(caseFile)
		.where(and(eq(caseFile.status, 'open'), eq(caseFile.organisationId, actor.organisationId), isNull(caseFile.keysDeletedAt)))
		.limit(1)
		.get();
	return !!row;
}

function personsOf(db: Db | Tx, caseIds: number[]) {
	const out = new Map<number, { id: number; role: CaseRole; roleIndex: number; pseudonym: string; createdAt: Date }[]>();
	if (caseIds.length === 0) return out;
	const rows = db
		.select({ id: casePerson.id, caseId: casePerson.caseId, role: casePerson.role, roleIndex: casePerson.roleIndex, pseudonym: casePerson.pseudonym, createdAt: casePerson.createdAt })
		.from(casePerson)
		.where(inArray(casePerson.caseId, caseIds))
		.orderBy(asc(casePerson.id))
		.all();
	for (const { caseId, ...p } of rows) {
		if (!out.has(caseId)) out.set(caseId, []);
		out.get(caseId)!.push(p);
	}
	return out;
}

/** The actor's reveal grant for a case that is valid at `now`, if any. */
function activeGrant(db: Db | Tx, caseId: number, userId: number, now: Date) {
	return (
		db
			.select()
			.from(revealGrant)
			.where(and(eq(revealGrant.caseId, caseId), eq(revealGrant.userId, userId), gt(revealGrant.expiresAt, now), isNull(revealGrant.endedAt)))
			.orderBy(desc(revealGrant.expiresAt))
			.get() ?? null
	);
}

export type CasePersonView = { id: number; role: CaseRole; pseudonym: string; createdAt: Date; key: PersonKeyData | null };

/**
 * One case as the actor may see it. Names (with birth date and address) are decrypted only when
 * the actor may reveal this case AND holds a valid grant AND the keys still exist; for everyone
 * else `key` is null and `reveal` is null, whatever the request asked for.
 */
export function getCase(db: Db, keysDb: KeysDb, actor: Actor, id: number, now = new Date()) {
	assertCan(actor, 'case.view');
	const c = caseRow(db, id);
	const canManage = can(actor, 'case.manage', caseResource(c));
	const canReveal = can(actor, 'case.reveal', caseResource(c)) && !c.keysDeletedAt;
	const grant = canReveal ? activeGrant(db, c.id, actor.id, now) : null;
	const persons = personsOf(db, [c.id]).get(c.id) ?? [];
	const keys = grant ? readPersonKeys(keysDb, persons.map((p) => p.id)) : new Map<number, PersonKeyData>();
	const view: CasePersonView[] = persons.map((p) => ({ id: p.id, role: p.role, pseudonym: p.pseudonym, createdAt: p.createdAt, key: grant ? (keys.get(p.id) ?? null) : null }));
	return {
		case: {
			id: c.id,
			code: c.code,
			label: c.label,
			status: c.status,
			organisationId: c.organisationId,
			organisationName: c.organisationName,
			createdAt: c.createdAt,
			closedAt: c.closedAt,
			keysDeletedAt: c.keysDeletedAt,
			keysDueAt: c.status === 'closed' && !c.keysDeletedAt ? keysDueAt(c.closedAt) : null,
			version: c.version
		},
		persons: view,
		reveal: grant ? { legalBasis: grant.legalBasis, expiresAt: grant.expiresAt } : null,
		can: { manage: canManage && !c.keysDeletedAt, reveal: canReveal }
	};
}

/** The case behind the reveal form: only for those who may reveal it (403 for everyone else). */
export function getRevealTarget(db: Db, actor: Actor, id: number) {
	const c = caseRow(db, id);
	assertCan(actor, 'case.reveal', caseResource(c));
	if (c.keysDeletedAt) throw new DomainError('case_keys_deleted', 410);
	return { id: c.id, code: c.code, label: c.label, organisationName: c.organisationName, status: c.status };
}

// ---------------------------------------------------------------- writing

function insertPersons(tx: Tx, caseId: number, persons: PersonData[], now: Date) {
	const next = new Map<CaseRole, number>();
	const entries: ({ personId: number; pseudonym: string } & PersonKeyData)[] = [];
	for (const p of persons) {
		if (!next.has(p.role)) {
			const max = tx
				.select({ max: sql<number | null>`max(${casePerson.roleIndex})` })
				.from(casePerson)
				.where(and(eq(casePerson.caseId, caseId), eq(casePerson.role, p.role)))
				.get();
			next.set(p.role, (max?.max ?? 0) + 1);
		}
		const roleIndex = next.get(p.role)!;
		next.set(p.role, roleIndex + 1);
		const pseudonym = pseudonymFor(p.role, roleIndex);
		const personId = tx.insert(casePerson).values({ caseId, role: p.role, roleIndex, pseudonym, createdAt: now }).returning({ id: casePerson.id }).get().id;
		entries.push({ personId, pseudonym, name: p.name, birthDate: p.birthDate, address: p.address });
	}
	return entries;
}

/** Pseudonyms the next persons would get, for checking the label before anything is stored. */
function previewPseudonyms(persons: PersonData[]): string[] {
	const counters = new Map<CaseRole, number>();
	return persons.map((p) => {
		const n = (counters.get(p.role) ?? 0) + 1;
		counters.set(p.role, n);
		return pseudonymFor(p.role, n);
	});
}

/**
 * Registers a case for the actor's own Jugendamt. app.db gets the code, label and pseudonyms; the
 * key store gets the sealed names. Both writes happen in the one app.db transaction; the key
 * store is written last, so a failure anywhere leaves neither.
 */
export function registerCase(db: Db, keysDb: KeysDb, actor: Actor, input: CaseInput, meta: RequestMeta, opts: { generateCode?: () => string } = {}): { id: number; code: string; pseudonyms: string[] } {
	assertCan(actor, 'case.register');
	const fields: Record<string, string> = {};
	let label = '';
	try {
		label = parseInput(labelSchema, { label: input.label }).label;
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		Object.assign(fields, e.fields);
	}
	const persons = parsePersons(input.persons ?? [], fields);
	const preview = previewPseudonyms(persons);
	if (label) assertNeutralLabel(label, persons.map((p, i) => ({ name: p.name, pseudonym: preview[i] })), fields);
	if (Object.keys(fields).length) throw new ValidationError(fields);
	const now = meta.now ?? new Date();
	return transactionWithKeys(db, keysDb, (tx, keys) => {
		const code = uniqueCaseCode(tx, opts.generateCode);
		const id = tx.insert(caseFile).values({ code, label, organisationId: actor.organisationId, createdBy: actor.id, createdAt: now }).returning({ id: caseFile.id }).get().id;
		const entries = insertPersons(tx, id, persons, now);
		const pseudonyms = entries.map((e) => e.pseudonym);
		recordAuditEvent(tx, {
			type: 'case.registered',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'case',
			subjectId: id,
			ip: meta.ip,
			details: { code, organisationId: actor.organisationId, persons: pseudonyms }
		});
		keys.add(id, entries);
		return { id, code, pseudonyms };
	});
}

function loadForChange(tx: Tx, actor: Actor, caseId: number, version: number) {
	const c = caseRow(tx, caseId);
	assertCan(actor, 'case.manage', caseResource(c));
	if (c.version !== version) throw new ConflictError();
	if (c.keysDeletedAt) throw new DomainError('case_keys_deleted', 410);
	return c;
}

/** Adds a person to an open case of the actor's office; returns the new pseudonym. */
export function addCasePerson(db: Db, keysDb: KeysDb, actor: Actor, caseId: number, input: PersonInput & { version: number }, meta: RequestMeta): { personId: number; pseudonym: string } {
	assertCan(actor, 'case.manage', caseResource(caseRow(db, caseId)));
	const data = parseInput(personSchema, input);
	return transactionWithKeys(db, keysDb, (tx, keys) => {
		const c = loadForChange(tx, actor, caseId, input.version);
		return addPersonInTransaction(tx, keys, actor, c, data, meta);
	});
}

/** Whether the actor may add a person to the case now (own office, open, keys present). */
export function assertCanAddPerson(db: Db | Tx, actor: Actor, caseId: number) {
	const c = caseRow(db, caseId);
	assertCan(actor, 'case.manage', caseResource(c));
	if (c.keysDeletedAt) throw new DomainError('case_keys_deleted', 410);
	if (c.status !== 'open') throw new DomainError('case_closed', 409);
	return c;
}

/**
 * Registers a person inside the caller's transaction (e.g. a name the author of a minutes or
 * agenda text chose to register from the PII review); the name goes to the key store when that
 * transaction ends (`transactionWithKeys`).
 */
export function registerPersonInTransaction(tx: Tx, keys: PendingKeyWrites, actor: Actor, caseId: number, input: PersonInput, meta: RequestMeta): { personId: number; pseudonym: string; caseCode: string } {
	// The case and the permission first (404/403), then the person's data.
	accessFirst(() => assertCanAddPerson(tx, actor, caseId));
	const data = parseInput(personSchema, input);
	const c = assertCanAddPerson(tx, actor, caseId);
	return { ...addPersonInTransaction(tx, keys, actor, c, data, meta), caseCode: c.code };
}

function addPersonInTransaction(tx: Tx, keys: PendingKeyWrites, actor: Actor, c: { id: number; code: string; version: number; status: string }, data: PersonData, meta: RequestMeta) {
	if (c.status !== 'open') throw new DomainError('case_closed', 409);
	const [entry] = insertPersons(tx, c.id, [data], meta.now ?? new Date());
	tx.update(caseFile).set({ version: c.version + 1 }).where(eq(caseFile.id, c.id)).run();
	recordAuditEvent(tx, {
		type: 'case.person_added',
		actorId: actor.id,
		actorEmail: actor.email,
		subjectType: 'case',
		subjectId: c.id,
		ip: meta.ip,
		details: { code: c.code, pseudonym: entry.pseudonym }
	});
	keys.add(c.id, [entry]);
	return { personId: entry.personId, pseudonym: entry.pseudonym };
}

/** Closes a case; its key data are deleted KEY_RETENTION_DAYS later (see runKeyRetention). */
export function closeCase(db: Db, actor: Actor, caseId: number, input: { version: number }, meta: RequestMeta): { keysDueAt: Date } {
	const now = meta.now ?? new Date();
	return db.transaction((tx) => {
		const c = loadForChange(tx, actor, caseId, input.version);
		if (c.status === 'closed') throw new DomainError('case_already_closed', 409);
		tx.update(caseFile)
			.set({ status: 'closed', closedAt: now, closedBy: actor.id, version: c.version + 1 })
			.where(eq(caseFile.id, c.id))
			.run();
		const due = keysDueAt(now)!;
		recordAuditEvent(tx, {
			type: 'case.closed',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'case',
			subjectId: c.id,
			ip: meta.ip,
			details: { code: c.code, keysDueAt: due.toISOString() }
		});
		return { keysDueAt: due };
	});
}

/** Reopens a closed case, as long as its key data still exist. */
export function reopenCase(db: Db, actor: Actor, caseId: number, input: { version: number }, meta: RequestMeta): void {
	db.transaction((tx) => {
		const c = loadForChange(tx, actor, caseId, input.version);
		if (c.status !== 'closed') throw new DomainError('case_not_closed', 409);
		tx.update(caseFile)
			.set({ status: 'open', closedAt: null, closedBy: null, version: c.version + 1 })
			.where(eq(caseFile.id, c.id))
			.run();
		recordAuditEvent(tx, { type: 'case.reopened', actorId: actor.id, actorEmail: actor.email, subjectType: 'case', subjectId: c.id, ip: meta.ip, details: { code: c.code } });
	});
}

// ---------------------------------------------------------------- reveal

export type RevealInput = { legalBasis: string; justification: string };

/**
 * Lets a case worker of the owning Jugendamt see the names of one case for REVEAL_MINUTES. The
 * justification is pseudonymised by the PII scanner (with this case's names) before it goes into
 * the audit trail, so a name typed there does not reach app.db either.
 */
export function revealCase(db: Db, keysDb: KeysDb, actor: Actor, caseId: number, input: RevealInput, meta: RequestMeta): { expiresAt: Date } {
	const target = getRevealTarget(db, actor, caseId);
	const data = parseInput(revealSchema, input);
	const now = meta.now ?? new Date();
	const ctx = scanContextFor(db, keysDb, actor, [target.id]);
	const justification = scanText(data.justification, ctx).pseudonymised;
	return db.transaction((tx) => {
		const c = caseRow(tx, caseId);
		assertCan(actor, 'case.reveal', caseResource(c));
		if (c.keysDeletedAt) throw new DomainError('case_keys_deleted', 410);
		const expiresAt = new Date(now.getTime() + REVEAL_MINUTES * MINUTE);
		tx.insert(revealGrant).values({ caseId: c.id, userId: actor.id, legalBasis: data.legalBasis, createdAt: now, expiresAt }).run();
		recordAuditEvent(tx, {
			type: 'case.revealed',
			actorId: actor.id,
			actorEmail: actor.email,
			subjectType: 'case',
			subjectId: c.id,
			ip: meta.ip,
			details: { code: c.code, legalBasis: data.legalBasis, justification, expiresAt: expiresAt.toISOString() }
		});
		return { expiresAt };
	});
}

/** "Namen verbergen": ends the actor's own grants for the case before they expire. */
export function endReveal(db: Db, actor: Actor, caseId: number, meta: RequestMeta): void {
	assertCan(actor, 'case.view');
	const now = meta.now ?? new Date();
	db.transaction((tx) => {
		const c = caseRow(tx, caseId);
		// Only who may reveal the case has names to hide: anyone else gets the 403 of the reveal page.
		assertCan(actor, 'case.reveal', caseResource(c));
		const ended = tx
			.update(revealGrant)
			.set({ endedAt: now })
			.where(and(eq(revealGrant.caseId, c.id), eq(revealGrant.userId, actor.id), gt(revealGrant.expiresAt, now), isNull(revealGrant.endedAt)))
			.run().changes;
		if (ended > 0) {
			recordAuditEvent(tx, { type: 'case.reveal_ended', actorId: actor.id, actorEmail: actor.email, subjectType: 'case', subjectId: c.id, ip: meta.ip, details: { code: c.code } });
		}
	});
}

// ---------------------------------------------------------------- PII scanner context

/** A known person with the case it belongs to (pseudonyms repeat across cases). */
export type CaseScanPerson = ScanContext['persons'][number] & { caseId: number; caseCode: string };

/**
 * The context for the PII scanner (pii/scanner.ts) when `actor` saves free text: the real names of
 * the persons of the cases the actor may reveal (case workers of the owning office; optionally
 * narrowed to `caseIds`), the names of all app users as the allow list, and every case code of
 * the installation (codes are never personal data).
 *
 * Nobody else gets case persons in the context: for a police officer or another office a case
 * person's name is an unknown name like any other, so the scanner cannot tell them that the name
 * belongs to a case (§ 64 Abs. 2a SGB VIII). Their key data are not even decrypted.
 * The result must never be sent to a page.
 */
export function scanContextFor(db: Db | Tx, keysDb: KeysDb, actor: Actor, caseIds?: number[]): { persons: CaseScanPerson[]; allow: string[]; codes: string[] } {
	assertCan(actor, 'case.view');
	const cases = db.select({ id: caseFile.id, code: caseFile.code, organisationId: caseFile.organisationId, keysDeletedAt: caseFile.keysDeletedAt }).from(caseFile).all();
	const wanted = caseIds ? new Set(caseIds) : null;
	const revealable = cases.filter((c) => !c.keysDeletedAt && (!wanted || wanted.has(c.id)) && can(actor, 'case.reveal', caseResource(c)));
	const persons = revealable.length
		? db
				.select({ id: casePerson.id, pseudonym: casePerson.pseudonym, caseId: caseFile.id, caseCode: caseFile.code })
				.from(casePerson)
				.innerJoin(caseFile, eq(casePerson.caseId, caseFile.id))
				.where(inArray(caseFile.id, revealable.map((c) => c.id)))
				.orderBy(asc(casePerson.id))
				.all()
		: [];
	const keys = readPersonKeys(
		keysDb,
		persons.map((p) => p.id)
	);
	const allow = db.select({ name: userTable.name }).from(userTable).orderBy(asc(userTable.id)).all();
	return {
		persons: persons.flatMap((p) => {
			const k = keys.get(p.id);
			return k ? [{ name: k.name, pseudonym: p.pseudonym, caseId: p.caseId, caseCode: p.caseCode }] : [];
		}),
		allow: allow.map((u) => u.name),
		codes: cases.map((c) => c.code)
	};
}

// ---------------------------------------------------------------- retention

export interface RetentionReport {
	retentionDays: number;
	deleted: { caseId: number; code: string; persons: number; closedAt: Date }[];
	/** Key rows without a case person in app.db (e.g. a crash between the two commits). */
	orphans: number;
}

/** Orphaned key rows younger than this are left alone: their app.db transaction may still be running. */
const ORPHAN_GRACE = 60 * MINUTE;

/**
 * Deletes the key data of every case closed at least `days` ago (default KEY_RETENTION_DAYS).
 * The case and its pseudonyms stay in app.db with `keysDeletedAt` set, so minutes stay readable
 * under pseudonyms only. One audit event per case (code and number of persons, no names).
 * Run daily by the server (maintenance.ts) and by `npm run retention`.
 */
export function runKeyRetention(db: Db, keysDb: KeysDb, opts: { now?: Date; days?: number } = {}): RetentionReport {
	const now = opts.now ?? new Date();
	const days = opts.days ?? config().keyRetentionDays;
	const cutoff = new Date(now.getTime() - days * DAY);
	const due = db
		.select({ id: caseFile.id })
		.from(caseFile)
		.where(and(eq(caseFile.status, 'closed'), lte(caseFile.closedAt, cutoff), isNull(caseFile.keysDeletedAt)))
		.orderBy(asc(caseFile.closedAt))
		.all();
	const report: RetentionReport = { retentionDays: days, deleted: [], orphans: 0 };
	for (const { id } of due) {
		db.transaction((tx) => {
			// Checked again: the case may have been reopened since the query above.
			const c = tx.select().from(caseFile).where(eq(caseFile.id, id)).get();
			if (!c || c.status !== 'closed' || !c.closedAt || c.closedAt > cutoff || c.keysDeletedAt) return;
			const persons = deleteCaseKeys(keysDb, [c.id]).get(c.id) ?? 0;
			tx.update(caseFile).set({ keysDeletedAt: now, version: c.version + 1 }).where(eq(caseFile.id, c.id)).run();
			tx.update(revealGrant).set({ endedAt: now }).where(and(eq(revealGrant.caseId, c.id), gt(revealGrant.expiresAt, now), isNull(revealGrant.endedAt))).run();
			recordAuditEvent(tx, {
				type: 'case.keys_deleted',
				subjectType: 'case',
				subjectId: c.id,
				details: { code: c.code, persons, retentionDays: days, closedAt: c.closedAt.toISOString() }
			});
			report.deleted.push({ caseId: c.id, code: c.code, persons, closedAt: c.closedAt });
		});
	}
	report.orphans = sweepOrphans(db, keysDb, now);
	if (report.deleted.length || report.orphans) compactKeyStore(keysDb);
	return report;
}

function sweepOrphans(db: Db, keysDb: KeysDb, now: Date): number {
	const live = new Set(
		db
			.select({ id: casePerson.id })
			.from(casePerson)
			.innerJoin(caseFile, eq(casePerson.caseId, caseFile.id))
			.where(isNull(caseFile.keysDeletedAt))
			.all()
			.map((r) => r.id)
	);
	const orphans = listKeyOwners(keysDb)
		.filter((k) => !live.has(k.personId) && k.createdAt.getTime() < now.getTime() - ORPHAN_GRACE)
		.map((k) => k.personId);
	if (orphans.length === 0) return 0;
	const n = deletePersonKeys(keysDb, orphans);
	recordAuditEvent(db, { type: 'keystore.orphans_deleted', details: { count: n } });
	return n;
}
