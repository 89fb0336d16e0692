import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { openTestKeysDb } from '../keystore';
import { createSeries, listMeetings } from '../meetings';
import { getAgenda, submitAgendaItem, updateAgendaItem } from '../agenda';
import { search } from '../search';
import { renderMarkdown } from '../markdown';
import { actionsCsv } from '../actions/csv';
import type { ActionListRow } from '../actions';
import { PiiReviewRequired } from './protect';
import { localisePlaceholders } from '../../placeholders';
import { snippetParts } from '../../search-marks';
import { fmtTop } from '../../format';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
const BEFORE_DEADLINE = { ...META, now: new Date('2026-01-20T09:00:00Z') };

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: new Date('2026-01-10T09:00:00Z') });
	meetingId = listMeetings(w.db, w.coordinator, { seriesId })[0].id;
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

const TEXT = 'Rückruf unter 0171 1234567. Rufbereitschaft: [Phone], Fax [Telefon].';

describe('placeholders through the PII review', () => {
	it('stores language-neutral tokens, for chosen placeholders and typed ones, and never flags a token', () => {
		let review: PiiReviewRequired | null = null;
		try {
			submitAgendaItem(w.db, keys, w.member, meetingId, { kind: 'topic', title: 'Erreichbarkeit [Name]', text: TEXT, requestedMinutes: 15 }, BEFORE_DEADLINE);
		} catch (e) {
			review = e as PiiReviewRequired;
		}
		expect(review).toBeInstanceOf(PiiReviewRequired);
		// Only the number is a finding; its placeholder and the typed ones are tokens in the preview.
		expect(review!.findings.map((f) => [f.kind, f.text, f.replacement])).toEqual([['phone', '0171 1234567', '[[pii:phone]]']]);
		expect(review!.preview.text).toEqual([{ text: 'Rückruf unter ' }, { key: 'phone|0171 1234567', original: '0171 1234567', replacement: '[[pii:phone]]' }, { text: '. Rufbereitschaft: [[pii:phone]], Fax [[pii:phone]].' }]);

		const id = submitAgendaItem(
			w.db,
			keys,
			w.member,
			meetingId,
			{ kind: 'topic', title: 'Erreichbarkeit [Name]', text: TEXT, requestedMinutes: 15, decisions: { 'phone|0171 1234567': { action: 'placeholder' } } },
			BEFORE_DEADLINE
		);
		const stored = getAgenda(w.db, w.member, meetingId).items.find((i) => i.id === id)!;
		expect(stored.title).toBe('Erreichbarkeit [[pii:person]]');
		expect(stored.text).toBe('Rückruf unter [[pii:phone]]. Rufbereitschaft: [[pii:phone]], Fax [[pii:phone]].');

		// Edit fields get the reader's form; saving it unchanged (in either language) stores the same tokens.
		for (const locale of ['en', 'de'] as const) {
			const current = getAgenda(w.db, w.member, meetingId).items.find((i) => i.id === id)!;
			updateAgendaItem(
				w.db,
				keys,
				w.member,
				id,
				{ kind: 'topic', title: localisePlaceholders(current.title, locale), text: localisePlaceholders(current.text, locale), requestedMinutes: 15, version: current.version },
				BEFORE_DEADLINE
			);
			const again = getAgenda(w.db, w.member, meetingId).items.find((i) => i.id === id)!;
			expect(again.version).toBe(current.version + 1);
			expect([again.title, again.text]).toEqual([stored.title, stored.text]);
		}

		// Markdown in the reader's language, still sanitised.
		expect(renderMarkdown(stored.text, 'en')).toBe('<p>Rückruf unter [Phone]. Rufbereitschaft: [Phone], Fax [Phone].</p>\n');
		const de = renderMarkdown(`${stored.text}\n\n- **[[pii:person]]** <img src=x onerror=alert(1)>`, 'de');
		expect(de).toContain('<p>Rückruf unter [Telefon]. Rufbereitschaft: [Telefon], Fax [Telefon].</p>');
		expect(de).toContain('<li><strong>[Name]</strong>');
		expect(de).not.toMatch(/onerror|<img|pii:/);

		// The search finds a placeholder as the user writes it, and shows it in their language.
		const hits = search(w.db, w.member, { q: '[Telefon]' }).hits;
		expect(hits.map((h) => h.id)).toEqual([id]);
		expect(snippetParts(hits[0].snippet, 'en').join('')).toBe('Rückruf unter [Phone]. Rufbereitschaft: [Phone], Fax [Phone].');
		expect(snippetParts(hits[0].snippet, 'en').filter((_, i) => i % 2 === 1)).toEqual(['[Phone]', '[Phone]', '[Phone]']);
	});
});

describe('CSV export', () => {
	it('writes placeholders in the requester’s language', () => {
		const row = { id: 7, title: 'Rückruf bei [[pii:person]], Tel. [[pii:phone]]', status: 'open', dueDate: null, overdue: false, assigneeName: null, assigneeOrganisationName: null, caseCode: null, seriesTitle: 'Reihe', meetingStartsAt: new Date('2026-02-03T13:00:00Z'), topLabel: 'TOP 1' } as unknown as ActionListRow;
		const labels = {
			columns: { id: 'ID', title: 'Title', status: 'Status', due: 'Due', overdue: 'Overdue', person: 'Person', organisation: 'Organisation', case: 'Case', series: 'Series', meeting: 'Meeting', top: 'Item' },
			status: (s: string) => s,
			yes: 'yes'
		};
		expect(actionsCsv([row], { ...labels, locale: 'en' })).toContain('7;Rückruf bei [Name], Tel. [Phone];open;');
		expect(actionsCsv([row], { ...labels, locale: 'de' })).toContain('7;Rückruf bei [Name], Tel. [Telefon];open;');
		expect(actionsCsv([row], { ...labels, locale: 'de' })).not.toContain('pii:');
		// The stored item label ("TOP 1") is in the requester's language too.
		expect(actionsCsv([row], { ...labels, locale: 'en' }).trimEnd()).toMatch(/;Item 1$/);
		expect(actionsCsv([row], { ...labels, locale: 'de' }).trimEnd()).toMatch(/;TOP 1$/);
	});
});

describe('stored item labels', () => {
	it('reads "TOP n" in the reader’s language and leaves any other label as stored', () => {
		expect(fmtTop('TOP 3', 'en')).toBe('Item 3');
		expect(fmtTop('TOP 3', 'de')).toBe('TOP 3');
		expect(fmtTop('TOP 12', 'en')).toBe('Item 12');
		for (const other of ['', 'TOP', 'TOP 3a', 'Sonstiges', ' TOP 3']) expect(fmtTop(other, 'en')).toBe(other);
	});
});
