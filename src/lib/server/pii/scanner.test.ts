import { describe, expect, it } from 'vitest';
import { firstNameList } from './first-names';
import { ibanChecksumOk } from './iban';
import { nameKey } from './normalise';
import { PLATE_CODES } from './plates';
import {
	applyReplacements,
	createScanner,
	scanText,
	type Finding,
	type PiiKind,
	type ScanContext
} from './scanner';
import { surnameList } from './surnames';

const CASE: ScanContext = {
	persons: [
		{ name: 'Lena Schulte', pseudonym: 'Kind A' },
		{ name: 'Nadine Schulte', pseudonym: 'Mutter A' },
		{ name: 'Jürgen Müller', pseudonym: 'Großvater A' },
		{ name: 'Ayşe Yılmaz', pseudonym: 'Tante A' }
	],
	allow: ['Anna Schulte', 'Jens Hoffmann', 'Lena Becker']
};
const EMPTY: ScanContext = { persons: [], allow: [] };

/** [text, kind, replacement] of every finding. */
function found(text: string, ctx: ScanContext = CASE): [string, PiiKind, string][] {
	return scanText(text, ctx).findings.map((f) => [f.text, f.kind, f.replacement]);
}
function kinds(text: string, ctx: ScanContext = EMPTY): PiiKind[] {
	return scanText(text, ctx).findings.map((f) => f.kind);
}

describe('known persons', () => {
	it('finds full name, first name and surname with the pseudonym', () => {
		expect(found('Lena Schulte kam zu spät. Lena weinte. Frau Schulte holte sie ab.')).toEqual([
			['Lena Schulte', 'person', 'Kind A'],
			['Lena', 'person', 'Kind A'],
			['Schulte', 'person', 'Mutter A']
		]);
	});

	it('marks known findings', () => {
		const [f] = scanText('Lena ist da.', CASE).findings;
		expect(f).toMatchObject({ known: true, replacement: 'Kind A', kind: 'person' });
	});

	it('matches ä/ae, ö/oe, ü/ue, ß/ss in both directions', () => {
		expect(found('Juergen Mueller rief an.')).toEqual([['Juergen Mueller', 'person', 'Großvater A']]);
		const ctx = { persons: [{ name: 'Juergen Mueller', pseudonym: 'G' }, { name: 'Klaus Strauss', pseudonym: 'S' }], allow: [] };
		expect(found('Jürgen Müller und Herr Strauß', ctx)).toEqual([
			['Jürgen Müller', 'person', 'G'],
			['Strauß', 'person', 'S']
		]);
	});

	it('matches foreign names written without diacritics', () => {
		expect(found('Ayse Yilmaz war anwesend.')).toEqual([['Ayse Yilmaz', 'person', 'Tante A']]);
	});

	it('keeps the genitive s outside the span', () => {
		const r = scanText("Lenas Zimmer und Schultes Auto und Lena's Jacke", CASE);
		expect(r.findings.map((f) => f.text)).toEqual(['Lena', 'Schulte', 'Lena']);
		expect(r.pseudonymised).toBe("Kind As Zimmer und Mutter As Auto und Kind A's Jacke");
	});

	it('handles initials', () => {
		expect(found('Nadine S. und N. Schulte sind dieselbe Person.')).toEqual([
			['Nadine S.', 'person', 'Mutter A'],
			['N. Schulte', 'person', 'Mutter A']
		]);
	});

	it('joins "Surname, First name"', () => {
		expect(found('Kind: Schulte, Lena')).toEqual([['Schulte, Lena', 'person', 'Kind A']]);
	});

	it('is case-insensitive but matches whole words only', () => {
		expect(found('LENA SCHULTE und lena')).toEqual([
			['LENA SCHULTE', 'person', 'Kind A'],
			['lena', 'person', 'Kind A']
		]);
		expect(found('Die Helena-Klinik und Lenaweg-Fest und Schultentasche')).toEqual([]);
	});

	it('does not flag lower-case words that equal a surname', () => {
		const ctx = { persons: [{ name: 'Tim Lange', pseudonym: 'Kind T' }], allow: [] };
		expect(found('Das dauerte lange. Tim Lange kam.', ctx)).toEqual([['Tim Lange', 'person', 'Kind T']]);
	});

	it('does not take a noun-like surname after an article as the person', () => {
		const ctx = { persons: [{ name: 'Finn Koch', pseudonym: 'Kind Q' }, { name: 'Melanie Koch', pseudonym: 'Mutter Q' }], allow: [] };
		expect(found('Der Koch der Kita sah Finn. Frau Koch kam später.', ctx)).toEqual([
			['Finn', 'person', 'Kind Q'],
			['Koch', 'person', 'Mutter Q']
		]);
	});

	it('maps a shared surname by title and role, and prefers a registered family entry', () => {
		const ctx: ScanContext = {
			persons: [
				{ name: 'Zofia Kowalczyk', pseudonym: 'Kind C' },
				{ name: 'Paweł Kowalczyk', pseudonym: 'Vater C' },
				{ name: 'Agnieszka Kowalczyk', pseudonym: 'Mutter C' }
			],
			allow: []
		};
		expect(found('Herr Kowalczyk und Frau Kowalczyk', ctx)).toEqual([
			['Kowalczyk', 'person', 'Vater C'],
			['Kowalczyk', 'person', 'Mutter C']
		]);
		const withFamily = { ...ctx, persons: [...ctx.persons, { name: 'Familie Kowalczyk', pseudonym: 'Familie C' }] };
		const r = scanText('Familie Kowalczyk wohnt hier. Kowalczyk ist bekannt.', withFamily);
		expect(r.pseudonymised).toBe('Familie C wohnt hier. Familie C ist bekannt.');
	});

	it('does not flag an allow-listed colleague who shares the surname', () => {
		expect(found('Anna Schulte (ASD) spricht mit Nadine Schulte.')).toEqual([
			['Nadine Schulte', 'person', 'Mutter A']
		]);
		expect(found('Schulte, Anna und A. Schulte')).toEqual([]);
	});

	it('does not let a one-word or identical allow entry hide a case person', () => {
		const ctx = { persons: [{ name: 'Anna Meyer', pseudonym: 'Mutter M' }], allow: ['Meyer', 'Anna Meyer'] };
		expect(found('Anna Meyer und Frau Meyer', ctx)).toEqual([
			['Anna Meyer', 'person', 'Mutter M'],
			['Meyer', 'person', 'Mutter M']
		]);
	});

	it('does not join "Frau Schulte, Lena …" into one person', () => {
		expect(found('Frau Schulte, Lena ist krank.').map(([t, , r]) => [t, r])).toEqual([
			['Schulte', 'Mutter A'],
			['Lena', 'Kind A']
		]);
	});

	it('does not read lower-case words as known first names', () => {
		const ctx = { persons: [{ name: 'Max Weber', pseudonym: 'Kind W' }], allow: [] };
		expect(found('Die Hilfe dauert max. 3 Monate; Max kommt mit.', ctx)).toEqual([['Max', 'person', 'Kind W']]);
	});

	it('still flags the case child whose first name a colleague shares', () => {
		expect(found('Lena Becker (ASD) besuchte Lena.')).toEqual([['Lena', 'person', 'Kind A']]);
	});

	it('never flags pseudonyms', () => {
		expect(found('Kind A und Mutter A, Großvater A; Vater B und Kind C.')).toEqual([]);
		const ctx = { persons: [{ name: 'Maximilian Berg', pseudonym: 'Max' }], allow: [] };
		expect(found('Max hat gespielt, Maximilian nicht.', ctx)).toEqual([['Maximilian', 'person', 'Max']]);
	});

	it('handles hyphenated names and compounds', () => {
		const ctx = { persons: [{ name: 'Lea-Sophie Müller-Lüdenscheid', pseudonym: 'Kind S' }, { name: 'Katrin Müller-Lüdenscheid', pseudonym: 'Mutter S' }], allow: [] };
		expect(found('Lea-Sophie und Frau Müller-Lüdenscheid und Frau Müller, die Müller-Lüdenscheid-Kinder', ctx)).toEqual([
			['Lea-Sophie', 'person', 'Kind S'],
			['Müller-Lüdenscheid', 'person', 'Mutter S'],
			['Müller', 'person', 'Mutter S'],
			['Müller-Lüdenscheid', 'person', 'Mutter S']
		]);
	});
});

describe('other persons', () => {
	it('finds names after honorifics, titles, ranks and relations', () => {
		expect(
			found(
				'Nachbarin Frau Krüger, Dr. med. Okonkwo, KHK Berger, Onkel Dragan, Herr Staatsanwalt Reuter, ein Mann namens Habtom',
				EMPTY
			).map(([t]) => t)
		).toEqual(['Krüger', 'Okonkwo', 'Berger', 'Dragan', 'Reuter', 'Habtom']);
	});

	it('finds lexicon first names with their surname', () => {
		expect(found('Gestern war Mehmet Yılmaz mit Małgorzata Wiśniewska und Kofi Mensah da.', EMPTY).map(([t]) => t)).toEqual([
			'Mehmet Yılmaz',
			'Małgorzata Wiśniewska',
			'Kofi Mensah'
		]);
	});

	it('flags a surname found with a cue again where it stands alone', () => {
		expect(found('Herr Tiemann kam. Später rief Tiemann an.', EMPTY).map(([t]) => t)).toEqual(['Tiemann', 'Tiemann']);
	});

	it('does not flag nouns, places, weekdays, months or holidays', () => {
		const text =
			'Die Mutter, der Vater und die Schule informierten Jugendamt und Polizei am Montag im August in Soest, Lippstadt, Warstein und Dortmund. Ostern war Kind B in der Kita.';
		expect(found(text, EMPTY)).toEqual([]);
	});

	it('does not read "Frau" as a title after an article', () => {
		expect(found('Eine Frau Mitte 40 und ein Nachbar Rauch aus dem Keller.', EMPTY)).toEqual([]);
	});

	it('does not flag allow-listed staff, also by surname alone', () => {
		expect(found('KHK Hoffmann und Herr Jens Hoffmann berichten.', CASE)).toEqual([]);
	});

	it('stops a name before "von der Schule"', () => {
		expect(found('Frau Grabowski von der Tagespflege rief an.', EMPTY).map(([t]) => t)).toEqual(['Grabowski']);
	});
});

describe('birth dates', () => {
	it('flags dates with a birth cue only', () => {
		expect(found('Lena (geb. 12.03.2015) und geboren am 3. Mai 2016, *14.07.2019, Geburtsdatum: 01.09.2012, Jahrgang 1987', EMPTY).filter(([, k]) => k === 'birthdate').map(([t]) => t)).toEqual([
			'12.03.2015',
			'3. Mai 2016',
			'14.07.2019',
			'01.09.2012',
			'1987'
		]);
	});

	it('does not flag meeting dates and deadlines', () => {
		expect(kinds('Termin am 12.03.2026, Frist bis 12.03.2026, seit 1. Februar 2026, vom 2026-03-12.')).toEqual([]);
	});

	it('does not take a recent date after a name as birth date', () => {
		const year = new Date().getFullYear();
		expect(kinds(`Telefonat Frau Krüger, 12.03.${year}, 10 Uhr; Herr Weber (02.01.${year - 1}).`)).toEqual(['person', 'person']);
	});

	it('takes a date right after a name as birth date', () => {
		expect(found('Kofi (22.05.2018) und Lena Schulte, 21.04.2017, besuchen die Kita.')).toEqual([
			['Kofi', 'person', '[[pii:person]]'],
			['22.05.2018', 'birthdate', '[[pii:birthdate]]'],
			['Lena Schulte', 'person', 'Kind A'],
			['21.04.2017', 'birthdate', '[[pii:birthdate]]']
		]);
	});
});

describe('addresses', () => {
	it.each([
		['Sie wohnt Hauptstraße 12, 59494 Soest.', 'Hauptstraße 12, 59494 Soest'],
		['Adresse: Am Bahnhof 3a in Lippstadt', 'Am Bahnhof 3a'],
		['in die Lange Str. 5 gezogen', 'Lange Str. 5'],
		['Ulmenweg 7', 'Ulmenweg 7'],
		['Konrad-Adenauer-Ring 7-9', 'Konrad-Adenauer-Ring 7-9'],
		['in der Overhagener Straße 45', 'Overhagener Straße 45'],
		['nach 59555 Lippstadt', '59555 Lippstadt'],
		['in 59505 Bad Sassendorf', '59505 Bad Sassendorf']
	])('%s', (text, address) => {
		expect(found(text, EMPTY)).toEqual([[address, 'address', '[[pii:address]]']]);
	});

	it('does not flag rooms, years, amounts and times', () => {
		expect(kinds('Im Jahr 2020, Raum 2.14, am Montag 3 Stunden, auf dem Spielplatz 5 Kinder, 12000 Euro, 10:30 Uhr.')).toEqual([]);
	});
});

describe('phone numbers', () => {
	it.each([
		'0171 1234567',
		'0171-1234567',
		'02921/123456',
		'+49 2921 123456',
		'(02941) 12 34 56',
		'0049 171 1234567',
		'+49 (0) 171 1234567',
		'02921 / 30 12 40',
		'0176 55 66 77 80'
	])('%s', (phone) => {
		expect(found(`Erreichbar unter ${phone}.`, EMPTY)).toEqual([[phone, 'phone', '[[pii:phone]]']]);
	});

	it('flags a short local number after "Tel."', () => {
		expect(found('Tel.: 12 34 56', EMPTY)).toEqual([['12 34 56', 'phone', '[[pii:phone]]']]);
	});

	it('does not flag case codes, dates, times, amounts, file numbers and § references', () => {
		expect(
			kinds('F-7QK3, 12.03.2026, 09:30 Uhr, 1.250,00 €, Az. 0815/2024, § 8a SGB VIII, § 68 SGB X, 0,5 Promille, KW 12, 2025/2026')
		).toEqual([]);
	});
});

describe('e-mail, IBAN and plates', () => {
	it('finds e-mail addresses', () => {
		expect(found('an nadine.schulte86@gmx.de oder info@kita-werl.de.', EMPTY)).toEqual([
			['nadine.schulte86@gmx.de', 'email', '[[pii:email]]'],
			['info@kita-werl.de', 'email', '[[pii:email]]']
		]);
	});

	it('finds valid IBANs with and without spaces, of several countries', () => {
		expect(kinds('DE89 3704 0044 0532 0130 00, DE89370400440532013000, NL91 ABNA 0417 1643 00, AT20 2011 0000 1234 5678')).toEqual([
			'iban',
			'iban',
			'iban',
			'iban'
		]);
	});

	it('ignores IBANs with a wrong checksum (and does not read them as phone numbers)', () => {
		expect(kinds('IBAN DE89 3704 0044 0532 0130 01 ist falsch.')).toEqual([]);
		expect(ibanChecksumOk('DE89370400440532013000')).toBe(true);
		expect(ibanChecksumOk('DE89370400440532013001')).toBe(false);
	});

	it.each(['SO-AB 123', 'HSK-X 42', 'LP AB 1234', 'SO AB 123E', 'DO-KO 482', 'B-MW 2020H'])('plate %s', (plate) => {
		expect(found(`Kennzeichen ${plate} notiert.`, EMPTY)).toEqual([[plate, 'plate', '[[pii:plate]]']]);
	});

	it('requires a real district code', () => {
		expect(kinds('QQ-AB 123, XY AB 12, SGB VIII 8, U8 und U9, K 11')).toEqual([]);
	});

	it('knows the common district codes', () => {
		for (const code of 'SO LP HSK DO BO E HA UN HAM MK PB GT BI K D B M HH F S'.split(' ')) {
			expect(PLATE_CODES.has(code), code).toBe(true);
		}
	});
});

describe('result shape', () => {
	it('uses UTF-16 offsets, sorted and non-overlapping', () => {
		const text = '👩‍👧 Lena Schulte 📞 0171 1234567, lena@example.de, Ulmenweg 7';
		const { findings } = scanText(text, CASE);
		for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
		for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
		expect(findings.map((f) => f.kind)).toEqual(['person', 'phone', 'email', 'address']);
	});

	it('pseudonymises every finding and rescanning finds nothing', () => {
		const text = 'Frau Schulte (geb. 01.02.1990), Hauptstraße 12, 59494 Soest, Tel. 0171 1234567, rief wegen Lena an. Nachbar Herr Krüger bestätigte.';
		const { pseudonymised } = scanText(text, CASE);
		expect(pseudonymised).toBe(
			'Frau Mutter A (geb. [[pii:birthdate]]), [[pii:address]], Tel. [[pii:phone]], rief wegen Kind A an. Nachbar Herr [[pii:person]] bestätigte.'
		);
		expect(scanText(pseudonymised, CASE).findings).toEqual([]);
	});

	it('applyReplacements accepts unsorted findings', () => {
		const findings: Finding[] = [
			{ start: 6, end: 10, kind: 'person', text: 'Lena', replacement: 'Kind A' },
			{ start: 0, end: 5, kind: 'person', text: 'Hallo', replacement: 'X' }
		];
		expect(applyReplacements('Hallo Lena!', findings)).toBe('X Kind A!');
	});

	it('handles empty input and empty context', () => {
		expect(scanText('', EMPTY)).toEqual({ findings: [], pseudonymised: '' });
	});

	it('compiles a context of 1,000 persons once and scans quickly', () => {
		const firsts = firstNameList();
		const lasts = surnameList();
		const persons = Array.from({ length: 1000 }, (_, i) => ({
			name: `${firsts[(i * 7) % firsts.length]} ${lasts[i % lasts.length]}`,
			pseudonym: `Person ${i}`
		}));
		const scanner = createScanner({ persons, allow: [] });
		const target = persons[500];
		const text = `Heute kam ${target.name} zum Termin. `.repeat(200);
		const t0 = performance.now();
		const { findings } = scanner.scan(text);
		expect(performance.now() - t0).toBeLessThan(1000);
		expect(findings).toHaveLength(200);
		expect(findings.every((f) => f.known && f.text === target.name)).toBe(true);
		expect(findings[0].replacement).toBe('Person 500');
	});
});

describe('normalisation', () => {
	it('folds umlauts and foreign diacritics', () => {
		expect(nameKey('Jürgen')).toBe(nameKey('Juergen'));
		expect(nameKey('Weiß')).toBe(nameKey('Weiss'));
		expect(nameKey('Paweł')).toBe(nameKey('Pawel'));
		expect(nameKey('Hodžić')).toBe('hodzic');
	});
});
