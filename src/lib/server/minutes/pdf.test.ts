import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { markdownBlocks, minutesPdf } from './pdf';
import type { MinutesSnapshot } from './approval';

const snapshot: MinutesSnapshot = {
	seriesTitle: 'Fallkonferenz Kreis Soest',
	startsAt: '2026-02-03T13:00:00.000Z',
	endsAt: '2026-02-03T15:00:00.000Z',
	place: 'Kreishaus Soest, Raum 2.14',
	minuteTaker: 'Julia Neumann',
	attendance: [
		{ name: 'Julia Neumann', organisation: 'Jugendamt Warstein', presence: 'present', arrivedAt: null, leftAt: null },
		{ name: 'Frank Becker', organisation: 'Kreispolizeibehörde Soest', presence: 'present', arrivedAt: '14:15', leftAt: null }
	],
	guests: [{ organisation: 'Frauenberatungsstelle', function: 'Fachberatung' }],
	entries: Array.from({ length: 12 }, (_, i) => ({
		topLabel: `TOP ${i + 1}`,
		title: i === 0 ? 'Fall F-7QK3: Häusliche Gewalt' : `Thema ${i + 1}`,
		caseCode: i === 0 ? 'F-7QK3' : null,
		notes: i === 0 ? 'Kind A (F-7QK3) besucht die Kita; **Mutter A** nimmt die Beratung wahr.\n\n- Schutzplan liegt vor\n- Größere Übergänge: ä ö ü ß' : 'Lange Ausführungen. '.repeat(60),
		outcomes: i === 0 ? [{ kind: 'decision', text: 'Erneut beraten.', vote: 'counted', votesFor: 5, votesAgainst: 0, votesAbstain: 1, assignee: null, dueDate: null }, { kind: 'action', text: 'Schutzplan abstimmen', vote: null, votesFor: null, votesAgainst: null, votesAbstain: null, assignee: 'Jugendamt Warstein', dueDate: '2026-02-20' }] : []
	})),
	followUps: [{ topLabel: 'TOP 2', title: 'Rückmeldung der Schule', status: 'in_progress', note: 'Aufschub erbeten.' }]
};

describe('minutes as PDF/A', () => {
	it('writes a PDF/A-2b with embedded fonts, the confidentiality header, page x of y, pseudonyms, outcomes and the approval stamp', async () => {
		const pdf = await minutesPdf(snapshot, { number: 2, approvedAt: new Date('2026-03-03T15:00:00Z'), approvedByName: 'Thomas Brandt', approvedInMeetingOn: '2026-03-03', reason: 'Ankunftszeit berichtigt.' });
		const raw = pdf.toString('latin1');
		expect(raw.startsWith('%PDF-1.7')).toBe(true);
		// PDF/A identification in the XMP metadata, and an embedded (subset) TrueType font, no standard font.
		expect(raw).toMatch(/pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/);
		expect(raw).toMatch(/pdfaid:conformance>B<\/pdfaid:conformance>|pdfaid:conformance="B"/);
		expect(raw).toContain('DejaVuSans');
		expect(raw).toContain('/FontFile2');
		expect(raw).not.toContain('/Helvetica');
		const doc = await getDocumentProxy(new Uint8Array(pdf));
		const { totalPages, text } = await extractText(doc, { mergePages: false });
		expect(totalPages).toBeGreaterThan(1);
		for (let i = 0; i < totalPages; i++) {
			expect(text[i]).toContain('Vertraulich – pseudonymisiert');
			expect(text[i]).toContain(`Seite ${i + 1} von ${totalPages}`);
		}
		const all = text.join('\n');
		for (const expected of ['Protokoll: Fallkonferenz Kreis Soest', 'Fassung 2', 'genehmigt in der Sitzung vom 03.03.2026', 'Ankunftszeit berichtigt.', 'Frank Becker (Kreispolizeibehörde Soest): anwesend', 'TOP 1', 'Kind A (F-7QK3)', 'Mutter A', 'Größere Übergänge: ä ö ü ß', 'Beschluss:', '5 dafür, 0 dagegen, 1 Enthaltungen', 'Aufgabe:', 'Schutzplan abstimmen', 'fällig am 20.02.2026', 'Wiedervorlage', 'in Bearbeitung']) {
			expect(all.replace(/\s+/g, ' ')).toContain(expected);
		}
		// Markdown is not carried over as markup.
		expect(all).not.toContain('**');
	});

	it('turns Markdown into plain paragraphs and list items', () => {
		expect(markdownBlocks('Eins **fett** und [Link](https://x.example)\n\n- a\n- *b*\n\n<script>alert(1)</script>')).toEqual([
			{ kind: 'paragraph', text: 'Eins fett und Link' },
			{ kind: 'item', text: 'a' },
			{ kind: 'item', text: 'b' },
			{ kind: 'paragraph', text: '<script>alert(1)</script>' }
		]);
	});
});
