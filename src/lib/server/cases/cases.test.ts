import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { openTestDatabase } from '../db';
import { auditEvent, caseFile, organisation, user as userTable } from '../db/schema';
import { openTestKeysDb, readPersonKeys, writePersonKeys, type KeysDb } from '../keystore';
import type { Actor } from '../access';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DEMO_CASES, seedDemo } from '../seed/demo';
import {
	CASE_CODE_ALPHABET,
	CASE_CODE_RE,
	LEGACY_CASE_CODE_RE,
	REVEAL_MINUTES,
	addCasePerson,
	closeCase,
	endReveal,
	generateCaseCode,
	getCase,
	getRevealTarget,
	letterFor,
	listCases,
	registerCase,
	reopenCase,
	revealCase,
	runKeyRetention,
	scanContextFor
} from '.';

type Keys = KeysDb & { file: string; cleanup(): void };
let w: TestWorld;
let keys: Keys;
let otherOffice: Actor;
let otherOrg: Actor;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const REASON = { legalBasis: 'sgb8_8a', justification: 'Gefährdungseinschätzung nach Meldung der Kita' };

function twoPersons(label = 'Meldung der Kita: Verdacht auf Vernachlässigung') {
	return {
		label,
		persons: [
			{ role: 'child', name: 'Lena Krause', birthDate: '2018-03-12', address: '' },
			{ role: 'mother', name: 'Nadine Krause', birthDate: '', address: 'Ulmenweg 7, 59494 Soest' }
		]
	};
}

function errorOf(fn: () => unknown): DomainError {
	try {
		fn();
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a DomainError');
}

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const orgId = w.db.insert(organisation).values({ name: 'Jugendamt Nachbarstadt', kind: 'jugendamt' }).returning({ id: organisation.id }).get().id;
	const row = w.db.insert(userTable).values({ email: 'asd@nachbar.example', name: 'Kerstin Vogt', organisationId: orgId, roles: ['member'] }).returning().get();
	otherOffice = { id: row.id, email: row.email, name: row.name, organisationId: orgId, organisationKind: 'jugendamt', roles: ['member'] };
	otherOrg = w.addUser('schule@test.example', ['member'], 'other');
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

describe('case codes', () => {
	it('are "F-", a digit, a letter and two characters from the unambiguous alphabet', () => {
		const codes = Array.from({ length: 500 }, () => generateCaseCode());
		for (const code of codes) expect(code).toMatch(CASE_CODE_RE);
		for (const code of codes) expect(code).toMatch(LEGACY_CASE_CODE_RE);
		expect(CASE_CODE_ALPHABET).not.toMatch(/[01ILO]/);
		expect(new Set(codes).size).toBeGreaterThan(490);
	});

	it('are unique: a taken code is drawn again', () => {
		registerCase(w.db, keys, w.member, twoPersons(), META, { generateCode: () => 'F-2A22' });
		const draws = ['F-2A22', 'F-2A22', 'F-3B33'];
		const second = registerCase(w.db, keys, w.member, twoPersons(), META, { generateCode: () => draws.shift()! });
		expect(second.code).toBe('F-3B33');
		expect(errorOf(() => registerCase(w.db, keys, w.member, twoPersons(), META, { generateCode: () => 'F-2A22' })).code).toBe('case_code_exhausted');
	});

	it('do not depend on the names', () => {
		const a = registerCase(w.db, keys, w.member, twoPersons(), META);
		const b = registerCase(w.db, keys, w.member, twoPersons(), META);
		expect(a.code).not.toBe(b.code);
	});
});

describe('pseudonyms', () => {
	it('count per role within a case', () => {
		const { id, pseudonyms } = registerCase(
			w.db,
			keys,
			w.member,
			{
				label: 'Häusliche Gewalt nach Polizeieinsatz',
				persons: [
					{ role: 'child', name: 'Elif Demir' },
					{ role: 'mother', name: 'Ayşe Demir' },
					{ role: 'child', name: 'Emir Demir' },
					{ role: 'father', name: 'Murat Demir' },
					{ role: 'caregiver', name: 'Fatma Yilmaz' }
				]
			},
			META
		);
		expect(pseudonyms).toEqual(['Kind A', 'Mutter A', 'Kind B', 'Vater A', 'Bezugsperson A']);
		expect(addCasePerson(w.db, keys, w.member, id, { role: 'child', name: 'Deniz Demir', version: 1 }, META).pseudonym).toBe('Kind C');
		expect(addCasePerson(w.db, keys, w.member, id, { role: 'sibling', name: 'Can Demir', version: 2 }, META).pseudonym).toBe('Geschwister A');
		// A new case starts again at A.
		expect(registerCase(w.db, keys, w.member, twoPersons(), META).pseudonyms).toEqual(['Kind A', 'Mutter A']);
	});

	it('run on past Z', () => {
		expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(letterFor)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
	});
});

describe('registering a case', () => {
	it('skips blank person rows and reports errors per row', () => {
		const { pseudonyms } = registerCase(w.db, keys, w.member, { label: 'Schulabsentismus', persons: [{ role: '', name: '' }, { role: 'child', name: 'Tim Berg' }, { role: 'mother', name: ' ', birthDate: '', address: '' }] }, META);
		expect(pseudonyms).toEqual(['Kind A']);
		const e = errorOf(() =>
			registerCase(w.db, keys, w.member, { label: 'x', persons: [{ role: 'child', name: 'Tim Berg' }, { role: 'wizard', name: 'K', birthDate: '2099-01-01' }, { role: 'mother', name: 'Ina Berg', birthDate: '2019-02-30' }] }, META)
		) as ValidationError;
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual({ label: 'case_label_required', 'persons.1.role': 'case_role_required', 'persons.1.name': 'person_name_required', 'persons.1.birthDate': 'birth_date_invalid', 'persons.2.birthDate': 'birth_date_invalid' });
		expect((errorOf(() => registerCase(w.db, keys, w.member, { label: 'Schulabsentismus', persons: [] }, META)) as ValidationError).fields).toEqual({ persons: 'case_person_required' });
	});

	it('refuses a label that names someone (PII scanner)', () => {
		for (const label of ['Familie Krause', 'Meldung zu Lena', 'Hinweis Nachbarin Frau Özdemir', 'Kind geb. 12.03.2018']) {
			const e = errorOf(() => registerCase(w.db, keys, w.member, twoPersons(label), META)) as ValidationError;
			expect(e.fields, label).toEqual({ label: 'case_label_pii' });
		}
		expect(w.db.select().from(caseFile).all()).toEqual([]);
	});

	it('writes an audit event with code and pseudonyms, never names', () => {
		const { id, code } = registerCase(w.db, keys, w.member, twoPersons(), META);
		const event = w.db.select().from(auditEvent).where(eq(auditEvent.type, 'case.registered')).get()!;
		expect(event.subjectId).toBe(String(id));
		expect(JSON.parse(event.details)).toEqual({ code, organisationId: w.orgs.jugendamt, persons: ['Kind A', 'Mutter A'] });
		expect(event.details).not.toMatch(/Krause|Lena|Nadine|Ulmenweg|2018/);
	});

	it('rolls back the case when the key store fails', () => {
		keys.$client.close();
		expect(() => registerCase(w.db, keys, w.member, twoPersons(), META)).toThrow();
		expect(w.db.select().from(caseFile).all()).toEqual([]);
	});
});

describe('access rules', () => {
	function newCase() {
		return registerCase(w.db, keys, w.member, twoPersons(), META).id;
	}

	it('register: Jugendamt case workers only (member, coordinator, any Jugendamt for its own office)', () => {
		expect(registerCase(w.db, keys, w.member, twoPersons(), META).id).toBeGreaterThan(0);
		expect(registerCase(w.db, keys, w.coordinator, twoPersons(), META).id).toBeGreaterThan(0);
		const theirs = registerCase(w.db, keys, otherOffice, twoPersons(), META);
		expect(getCase(w.db, keys, w.admin, theirs.id).case.organisationName).toBe('Jugendamt Nachbarstadt');
		for (const actor of [w.admin, w.police, otherOrg]) {
			expect(() => registerCase(w.db, keys, actor, twoPersons(), META), actor.email).toThrow(ForbiddenError);
		}
	});

	it('view: everyone sees code, label, office and pseudonyms; nobody sees names without a grant', () => {
		const id = newCase();
		for (const actor of [w.member, w.coordinator, w.admin, w.police, otherOrg, otherOffice]) {
			const view = getCase(w.db, keys, actor, id);
			expect(view.persons.map((p) => p.pseudonym)).toEqual(['Kind A', 'Mutter A']);
			expect(view.persons.every((p) => p.key === null), actor.email).toBe(true);
			expect(view.reveal).toBeNull();
			expect(JSON.stringify(view)).not.toMatch(/Krause|Lena|Ulmenweg/);
			const list = listCases(w.db, actor).cases;
			expect(list.map((c) => c.pseudonyms)).toEqual([['Kind A', 'Mutter A']]);
			expect(JSON.stringify(list)).not.toMatch(/Krause|Lena|Ulmenweg/);
		}
		expect(listCases(w.db, w.member).cases[0].canReveal).toBe(true);
		expect(listCases(w.db, w.coordinator).cases[0].canReveal).toBe(true);
		for (const actor of [w.admin, w.police, otherOrg, otherOffice]) expect(listCases(w.db, actor).cases[0].canReveal).toBe(false);
		expect(() => getCase(w.db, keys, w.police, 9999)).toThrow(NotFoundError);
	});

	it('reveal: only case workers of the owning office; 403 for police, other organisations, other offices and admins', () => {
		const id = newCase();
		for (const actor of [w.police, otherOrg, otherOffice, w.admin]) {
			expect(() => revealCase(w.db, keys, actor, id, REASON, META), actor.email).toThrow(ForbiddenError);
			expect(() => getRevealTarget(w.db, actor, id), actor.email).toThrow(ForbiddenError);
			expect(getCase(w.db, keys, actor, id).can.reveal).toBe(false);
		}
		expect(w.db.select().from(auditEvent).where(eq(auditEvent.type, 'case.revealed')).all()).toEqual([]);
		for (const actor of [w.member, w.coordinator]) {
			revealCase(w.db, keys, actor, id, REASON, META);
			expect(getCase(w.db, keys, actor, id).persons.map((p) => p.key?.name)).toEqual(['Lena Krause', 'Nadine Krause']);
		}
		// A grant is personal: the police officer still sees pseudonyms only.
		expect(getCase(w.db, keys, w.police, id).persons.every((p) => p.key === null)).toBe(true);
	});

	it('close, reopen and add person: only case workers of the owning office', () => {
		const id = newCase();
		for (const actor of [w.police, otherOrg, otherOffice, w.admin]) {
			expect(() => closeCase(w.db, actor, id, { version: 1 }, META), actor.email).toThrow(ForbiddenError);
			expect(() => addCasePerson(w.db, keys, actor, id, { role: 'father', name: 'Sven Krause', version: 1 }, META), actor.email).toThrow(ForbiddenError);
		}
		closeCase(w.db, w.coordinator, id, { version: 1 }, META);
		for (const actor of [w.police, otherOrg, otherOffice, w.admin]) {
			expect(() => reopenCase(w.db, actor, id, { version: 2 }, META), actor.email).toThrow(ForbiddenError);
		}
		expect(errorOf(() => addCasePerson(w.db, keys, w.member, id, { role: 'father', name: 'Sven Krause', version: 2 }, META)).code).toBe('case_closed');
		expect(() => reopenCase(w.db, w.member, id, { version: 1 }, META)).toThrow(ConflictError);
		reopenCase(w.db, w.member, id, { version: 2 }, META);
		expect(addCasePerson(w.db, keys, w.member, id, { role: 'father', name: 'Sven Krause', version: 3 }, META).pseudonym).toBe('Vater A');
		expect(getCase(w.db, keys, w.member, id).case.status).toBe('open');
	});
});

describe('reveal grants', () => {
	it('show names for 15 minutes, then hide them again', () => {
		const t0 = new Date('2026-03-02T09:00:00Z');
		const { id } = registerCase(w.db, keys, w.member, twoPersons(), { ...META, now: t0 });
		expect(getCase(w.db, keys, w.member, id, t0).persons[0].key).toBeNull();
		const { expiresAt } = revealCase(w.db, keys, w.member, id, REASON, { ...META, now: t0 });
		expect(expiresAt.getTime() - t0.getTime()).toBe(REVEAL_MINUTES * MINUTE);
		const during = getCase(w.db, keys, w.member, id, new Date(t0.getTime() + 14 * MINUTE));
		expect(during.persons.map((p) => p.key)).toEqual([
			{ name: 'Lena Krause', birthDate: '2018-03-12', address: null },
			{ name: 'Nadine Krause', birthDate: null, address: 'Ulmenweg 7, 59494 Soest' }
		]);
		expect(during.reveal).toEqual({ legalBasis: 'sgb8_8a', expiresAt });
		const after = getCase(w.db, keys, w.member, id, new Date(t0.getTime() + 15 * MINUTE));
		expect(after.persons.every((p) => p.key === null)).toBe(true);
		expect(after.reveal).toBeNull();
	});

	it('end early on "hide names"', () => {
		const { id } = registerCase(w.db, keys, w.member, twoPersons(), META);
		revealCase(w.db, keys, w.member, id, REASON, META);
		endReveal(w.db, w.member, id, META);
		expect(getCase(w.db, keys, w.member, id).reveal).toBeNull();
		expect(w.db.select().from(auditEvent).where(eq(auditEvent.type, 'case.reveal_ended')).all()).toHaveLength(1);
		// Who may not reveal the case has no names to hide: a 403, as on the reveal page.
		expect(errorOf(() => endReveal(w.db, w.police, id, META))).toBeInstanceOf(ForbiddenError);
		expect(errorOf(() => endReveal(w.db, w.member, id + 1000, META))).toBeInstanceOf(NotFoundError);
	});

	it('need a legal basis and a justification of at least 10 characters', () => {
		const { id } = registerCase(w.db, keys, w.member, twoPersons(), META);
		const e = errorOf(() => revealCase(w.db, keys, w.member, id, { legalBasis: 'because', justification: 'kurz' }, META)) as ValidationError;
		expect(e.fields).toEqual({ legalBasis: 'legal_basis_required', justification: 'justification_too_short' });
	});

	it('are audited with who, which case and why, with names in the justification pseudonymised', () => {
		const { id, code } = registerCase(w.db, keys, w.member, twoPersons(), META);
		revealCase(w.db, keys, w.member, id, { legalBasis: 'sgb10_68', justification: 'Ersuchen der Polizei zu Lena Krause, Rückruf bei Frau Krause' }, META);
		const event = w.db.select().from(auditEvent).where(eq(auditEvent.type, 'case.revealed')).get()!;
		expect(event.actorId).toBe(w.member.id);
		expect(event.subjectType).toBe('case');
		expect(event.subjectId).toBe(String(id));
		const details = JSON.parse(event.details);
		expect(details).toMatchObject({ code, legalBasis: 'sgb10_68', justification: 'Ersuchen der Polizei zu Kind A, Rückruf bei Frau Mutter A' });
		expect(event.details).not.toMatch(/Krause|Lena/);
	});
});

describe('retention of key data', () => {
	it('deletes keys of cases closed longer than the period only, with an audit event each, and keeps the pseudonyms', () => {
		const now = new Date('2026-06-01T02:00:00Z');
		const ago = (days: number) => ({ ...META, now: new Date(now.getTime() - days * DAY) });
		const old = registerCase(w.db, keys, w.member, twoPersons(), ago(300));
		closeCase(w.db, w.member, old.id, { version: 1 }, ago(184));
		const recent = registerCase(w.db, keys, w.member, twoPersons(), ago(300));
		closeCase(w.db, w.member, recent.id, { version: 1 }, ago(100));
		const openOld = registerCase(w.db, keys, w.member, twoPersons(), ago(400));
		const reopened = registerCase(w.db, keys, w.member, twoPersons(), ago(400));
		closeCase(w.db, w.member, reopened.id, { version: 1 }, ago(300));
		reopenCase(w.db, w.member, reopened.id, { version: 2 }, ago(250));
		revealCase(w.db, keys, w.member, old.id, REASON, { ...META, now: new Date(now.getTime() - MINUTE) });

		const report = runKeyRetention(w.db, keys, { now, days: 183 });
		expect(report.deleted.map((d) => [d.code, d.persons])).toEqual([[old.code, 2]]);
		expect(report.retentionDays).toBe(183);

		const view = getCase(w.db, keys, w.member, old.id, now);
		expect(view.case.keysDeletedAt).toEqual(now);
		expect(view.persons.map((p) => [p.pseudonym, p.key])).toEqual([
			['Kind A', null],
			['Mutter A', null]
		]);
		expect(view.reveal).toBeNull();
		expect(view.can.reveal).toBe(false);
		for (const c of [recent, openOld, reopened]) {
			const ids = getCase(w.db, keys, w.member, c.id).persons.map((p) => p.id);
			expect(readPersonKeys(keys, ids).size).toBe(2);
		}
		const events = w.db.select().from(auditEvent).where(eq(auditEvent.type, 'case.keys_deleted')).all();
		expect(events).toHaveLength(1);
		expect(JSON.parse(events[0].details)).toMatchObject({ code: old.code, persons: 2, retentionDays: 183 });
		expect(events[0].details).not.toMatch(/Krause|Lena/);

		// Gone for good: no reveal, no reopening; a second run finds nothing.
		expect(errorOf(() => revealCase(w.db, keys, w.member, old.id, REASON, META)).status).toBe(410);
		expect(errorOf(() => reopenCase(w.db, w.member, old.id, { version: view.case.version }, META)).code).toBe('case_keys_deleted');
		expect(runKeyRetention(w.db, keys, { now, days: 183 }).deleted).toEqual([]);
		// A shorter period catches the recently closed case too.
		expect(runKeyRetention(w.db, keys, { now, days: 30 }).deleted.map((d) => d.code)).toEqual([recent.code]);
	});

	it('sweeps key rows that have no case person in app.db (after a grace period)', () => {
		writePersonKeys(keys, 4711, [{ personId: 4711, name: 'Verwaist', birthDate: null, address: null }]);
		expect(runKeyRetention(w.db, keys, { days: 183 }).orphans).toBe(0);
		expect(runKeyRetention(w.db, keys, { now: new Date(Date.now() + 2 * 60 * MINUTE), days: 183 }).orphans).toBe(1);
		expect(readPersonKeys(keys, [4711]).size).toBe(0);
	});
});

describe('the PII scanner context', () => {
	it('holds the names only of the cases the author may reveal, the names of all users and every case code', () => {
		const a = registerCase(w.db, keys, w.member, twoPersons(), META);
		const b = registerCase(w.db, keys, otherOffice, { label: 'Schulabsentismus', persons: [{ role: 'child', name: 'Jonas Albers' }] }, META);
		const own = scanContextFor(w.db, keys, w.member, undefined);
		expect(own.persons).toEqual([
			{ name: 'Lena Krause', pseudonym: 'Kind A', caseId: a.id, caseCode: a.code },
			{ name: 'Nadine Krause', pseudonym: 'Mutter A', caseId: a.id, caseCode: a.code }
		]);
		expect(own.allow).toContain('Kerstin Vogt');
		expect(own.allow).toContain(w.police.name);
		expect(own.codes.sort()).toEqual([a.code, b.code].sort());
		expect(scanContextFor(w.db, keys, otherOffice, [b.id]).persons).toEqual([{ name: 'Jonas Albers', pseudonym: 'Kind A', caseId: b.id, caseCode: b.code }]);
		expect(scanContextFor(w.db, keys, w.member, [b.id]).persons).toEqual([]);
		// Police, other organisations and the admin role alone never get a case person (no name-to-case oracle).
		for (const actor of [w.police, otherOrg, w.admin]) {
			const ctx = scanContextFor(w.db, keys, actor);
			expect(ctx.persons).toEqual([]);
			expect(ctx.codes).toHaveLength(2);
		}
		closeCase(w.db, w.member, a.id, { version: 1 }, { ...META, now: new Date(Date.now() - 200 * DAY) });
		runKeyRetention(w.db, keys, { days: 183 });
		expect(scanContextFor(w.db, keys, w.member).persons).toEqual([]);
		expect(scanContextFor(w.db, keys, otherOffice).persons.map((p) => p.name)).toEqual(['Jonas Albers']);
	});
});

describe('a copy of app.db alone', () => {
	function variants(text: string): Buffer[] {
		const forms = new Set([text, text.toLowerCase(), text.toUpperCase(), text.normalize('NFD')]);
		return [...forms].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le'), Buffer.from(t, 'utf16le').swap16()]);
	}

	it('holds no real name, birth date or address (raw bytes of app.db and its WAL, UTF-8 and UTF-16, any case)', async () => {
		const db = openTestDatabase();
		const store = openTestKeysDb();
		try {
			expect(await seedDemo(db, store)).toBe(true);
			const warstein = db.select().from(userTable).where(eq(userTable.email, 'asd.warstein@demo.example')).get()!;
			const actor: Actor = { id: warstein.id, email: warstein.email, name: warstein.name, organisationId: warstein.organisationId, organisationKind: 'jugendamt', roles: warstein.roles };
			const own = listCases(db, actor, { pageSize: 1000 }).cases.filter((c) => c.canReveal);
			expect(own.length).toBeGreaterThan(0);
			// Typing names into the justification, or trying a name as label, must not leak either.
			for (const c of own) revealCase(db, store, actor, c.id, { legalBasis: 'sgb8_8a', justification: 'Rückfrage zu Mia Schulze und Elif Demir, Lindenstraße 14' }, META);
			expect(() => registerCase(db, store, actor, { label: 'Familie Demir', persons: [{ role: 'child', name: 'Elif Demir' }] }, META)).toThrow(ValidationError);

			const secrets = DEMO_CASES.flatMap((c) => c.persons.flatMap((p) => [p.name, ...p.name.split(' ').filter((part) => part.length >= 5), p.birthDate ?? '', p.birthDate ? p.birthDate.split('-').reverse().join('.') : '', p.address ?? '']).filter(Boolean));
			expect(secrets.length).toBeGreaterThan(30);
			const file = db.$client.name;
			expect(fs.existsSync(`${file}-wal`)).toBe(true);
			const scan = () => {
				const raw = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
				// The scan itself works: a user's name and the pseudonyms are in there.
				expect(raw.some((b) => b.includes(Buffer.from('Julia Neumann')))).toBe(true);
				expect(raw.some((b) => b.includes(Buffer.from('Mutter A')))).toBe(true);
				for (const secret of secrets) {
					for (const needle of variants(secret)) {
						expect(
							raw.some((b) => b.includes(needle)),
							`${secret} (${needle.toString('hex')})`
						).toBe(false);
					}
				}
			};
			scan();
			db.$client.pragma('wal_checkpoint(TRUNCATE)');
			scan();
			// And the key store holds them only as ciphertext.
			store.$client.pragma('wal_checkpoint(TRUNCATE)');
			const sealed = fs.readFileSync(store.file);
			for (const secret of secrets) expect(sealed.includes(Buffer.from(secret)), secret).toBe(false);
		} finally {
			store.cleanup();
			db.cleanup();
		}
	});
});
