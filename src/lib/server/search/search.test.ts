import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setupDb, META, monthlySeriesInput, type TestWorld } from '../testing/fixtures';
import { DURING, BEFORE, startedMinutes, AFTER } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { createSeries, listMeetings } from '../meetings';
import { submitAgendaItem, reviewAgendaItem } from '../agenda';
import { saveMinutesEntry, finishMeeting } from '../minutes';
import { addOutcome } from '../minutes/outcomes';
import { submitMinutes } from '../minutes/approval';
import { DomainError } from '../errors';
import { excerpt, fromIndexForm, ftsQuery, markMatches, search, toIndexForm, MARK_END, MARK_START } from '.';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let entryId: number;

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	({ meetingId, entryId } = startedMinutes(w, keys));
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

const titles = (actor: TestWorld['member'], q: string, extra: Record<string, string> = {}) => search(w.db, actor, { q, ...extra }).hits.map((h) => `${h.kind}:${h.title}`);

describe('full-text search', () => {
	it('finds parts of compound words with or without umlauts, ranks title hits first and marks the match', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Verdacht auf Kindeswohlgefährdung wurde geprüft.', version: 1 }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title: 'Gefährdungseinschätzung abschließen', assigneeUserId: String(w.police.id), dueDate: '2026-03-01' }, DURING);
		const result = search(w.db, w.coordinator, { q: 'gefährdung' });
		expect(result.total).toBe(2);
		expect(result.hits.map((h) => h.kind)).toEqual(['action', 'minutes']);
		expect(result.hits[1]).toMatchObject({ title: 'Lagebild', topLabel: 'TOP 1', meetingId });
		expect(result.hits[1].snippet).toContain(`${MARK_START}gefährdung${MARK_END}`);
		expect(search(w.db, w.coordinator, { q: 'GEFAHRDUNG' }).total).toBe(2);
		expect(search(w.db, w.coordinator, { q: 'gefährdung geprüft' }).hits.map((h) => h.kind)).toEqual(['minutes']);
		expect(titles(w.coordinator, 'gefährdung', { kind: 'action' })).toEqual(['action:Gefährdungseinschätzung abschließen']);
	});

	it('never shows a hit, snippet or count from a draft, a foreign series or a proposed item the actor may not see', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Vertrauliche Entwurfsnotiz zum Schulweg.', version: 1 }, DURING);
		submitAgendaItem(w.db, keys, w.police, listMeetings(w.db, w.coordinator)[1].id, { kind: 'topic', title: 'Schulweg-Konzept der Polizei', text: '', requestedMinutes: 10 }, BEFORE);
		// Another series the police do not belong to.
		const other = createSeries(w.db, w.coordinator, monthlySeriesInput(w, { title: 'Leitungsrunde', memberOrganisationIds: [], memberUserIds: [w.member.id] }), { ...META, now: new Date('2026-01-10T09:00:00Z') });
		const otherMeeting = listMeetings(w.db, w.coordinator, { seriesId: other })[0].id;
		const item = submitAgendaItem(w.db, keys, w.member, otherMeeting, { kind: 'topic', title: 'Schulweg Leitungsrunde', text: '', requestedMinutes: 10 }, BEFORE);
		reviewAgendaItem(w.db, w.coordinator, item, { decision: 'accept', version: 1 }, BEFORE);

		expect(titles(w.coordinator, 'Schulweg').sort()).toEqual(['agenda:Schulweg Leitungsrunde', 'agenda:Schulweg-Konzept der Polizei', 'minutes:Lagebild']);
		// The police: their own proposal, nothing of the draft, nothing of the Leitungsrunde.
		expect(search(w.db, w.police, { q: 'Schulweg' })).toMatchObject({ total: 1, hits: [{ kind: 'agenda', title: 'Schulweg-Konzept der Polizei' }] });
		// The Jugendamt member: the minute-taker sees the draft; not the police's unaccepted proposal.
		expect(titles(w.member, 'Schulweg').sort()).toEqual(['agenda:Schulweg Leitungsrunde', 'minutes:Lagebild']);
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(search(w.db, outsider, { q: 'Schulweg' })).toMatchObject({ total: 0, hits: [] });
		// Filtering by a series one does not belong to finds nothing either.
		expect(search(w.db, w.police, { q: 'Schulweg', series: String(other) }).total).toBe(0);

		// Submitted for review: now every member finds the notes.
		finishMeeting(w.db, w.member, meetingId, DURING);
		submitMinutes(w.db, w.member, meetingId, {}, AFTER);
		expect(titles(w.police, 'Entwurfsnotiz')).toEqual(['minutes:Lagebild']);
	});

	it('filters by period in Berlin days and keeps the index in step with edits', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Hausbesuch vereinbart.', version: 1 }, DURING);
		expect(search(w.db, w.coordinator, { q: 'Hausbesuch', from: '2026-02-03', to: '2026-02-03' }).total).toBe(1);
		expect(search(w.db, w.coordinator, { q: 'Hausbesuch', from: '2026-02-04' }).total).toBe(0);
		expect(search(w.db, w.coordinator, { q: 'Hausbesuch', to: '2026-02-02' }).total).toBe(0);
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Telefonat geführt.', version: 2 }, DURING);
		expect(search(w.db, w.coordinator, { q: 'Hausbesuch' }).total).toBe(0);
		expect(search(w.db, w.coordinator, { q: 'Telefonat' }).total).toBe(1);
	});

	it('finds a placeholder only as typed ("[Telefon]", "[Phone]"), never by a part of its stored token', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Rückruf der Mutter unter [Telefon], Adresse [Adresse] bekannt.', version: 1 }, DURING);
		for (const q of ['[Telefon]', '[Phone]', 'Rückruf [Telefon]']) {
			const r = search(w.db, w.coordinator, { q });
			expect(r.total).toBe(1);
			// The snippet carries the stored token, marked as a whole; the page shows it in the reader's language.
			expect(r.hits[0].snippet).toContain(`${MARK_START}[[pii:phone]]${MARK_END}`);
			expect(r.hits[0].snippet).toContain('[[pii:address]]');
		}
		expect(search(w.db, w.coordinator, { q: '[Adresse] Rückruf' }).total).toBe(1);
		// Words inside the token are no text of the notes.
		for (const q of ['phone', 'pii', 'address', 'pii:phone', '[[pii', 'person']) expect(search(w.db, w.coordinator, { q }).total, q).toBe(0);
		// The index follows edits in this form too.
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Ohne Platzhalter.', version: 2 }, DURING);
		expect(search(w.db, w.coordinator, { q: '[Telefon]' }).total).toBe(0);
	});

	it('turns placeholder tokens into the index form and back without changing any other text', () => {
		const token = fc.constantFrom('[[pii:person]]', '[[pii:birthdate]]', '[[pii:address]]', '[[pii:phone]]', '[[pii:email]]', '[[pii:iban]]', '[[pii:plate]]');
		const text = fc.array(fc.oneof(fc.string({ maxLength: 8 }).filter((t) => !/[\uE000-\uE006]/.test(t)), token), { maxLength: 12 }).map((parts) => parts.join(''));
		fc.assert(
			fc.property(text, (t) => {
				const indexed = toIndexForm(t);
				expect(indexed).not.toContain('[[pii:');
				expect(fromIndexForm(indexed)).toBe(t);
			}),
			{ numRuns: 500 }
		);
	});

	it('quotes every word, needs three characters a word, and answers any input with hits or a 4xx', () => {
		expect(ftsQuery('Kind AND "Haus" NEAR(abc) title:xyz')).toBe('"Kind" AND "AND" AND "Haus" AND "NEAR(abc)" AND "title:xyz"');
		expect(() => ftsQuery('ab')).toThrow(DomainError);
		const long = `${'Wort '.repeat(40)}${MARK_START}Treffer${MARK_END} ${'Rest '.repeat(60)}`;
		const cut = excerpt(long);
		expect(cut.startsWith('… ')).toBe(true);
		expect(cut.endsWith(' …')).toBe(true);
		expect(cut).toContain(`${MARK_START}Treffer${MARK_END}`);
		expect(ftsQuery('   ')).toBeNull();
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('', 'agenda', 'minutes', 'outcome', 'action', 'x'), fc.constantFrom('', '2026-02-03', '2026-02-30', 'gestern'), (q, kind, from) => {
				try {
					const r = search(w.db, w.coordinator, { q, kind, from });
					expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
				} catch (e) {
					expect(e).toBeInstanceOf(DomainError);
					expect((e as DomainError).status).toBeLessThan(500);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('bounded search (issue #12)', () => {
	it('reads at most the candidate limit, says so, and still puts title hits first', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Schutzplan besprochen, Schutzplan fortschreiben.', version: 1 }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title: 'Schutzplan abstimmen', assigneeUserId: String(w.police.id), dueDate: '2026-03-01' }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'information', text: 'Der Schutzplan gilt weiter.' }, DURING);
		const all = search(w.db, w.coordinator, { q: 'schutzplan' });
		expect(all).toMatchObject({ total: 3, capped: false });
		expect(all.hits[0]).toMatchObject({ kind: 'action', title: 'Schutzplan abstimmen' });
		const bounded = search(w.db, w.coordinator, { q: 'schutzplan' }, { candidates: 2 });
		expect(bounded).toMatchObject({ total: 2, capped: true });
		expect(bounded.hits).toHaveLength(2);
		// Access stays part of the query: an outsider gets nothing, capped or not.
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(search(w.db, outsider, { q: 'schutzplan' }, { candidates: 1 })).toMatchObject({ total: 0, capped: false, hits: [] });
	});

	it('marks every occurrence as the index compares (case and umlauts folded), merging overlaps', () => {
		expect(markMatches('Kindeswohlgefährdung und GEFÄHRDUNG', ['gefahrdung'])).toBe(`Kindeswohl${MARK_START}gefährdung${MARK_END} und ${MARK_START}GEFÄHRDUNG${MARK_END}`);
		expect(markMatches('Schutzplanung', ['schutz', 'utzpl'])).toBe(`${MARK_START}Schutzpl${MARK_END}anung`);
		expect(markMatches('ohne Treffer', ['xyz'])).toBe('ohne Treffer');
		expect(markMatches('', ['xyz'])).toBe('');
	});
});
