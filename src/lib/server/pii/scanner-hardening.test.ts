/**
 * The classes of the pseudonymisation hardening (relatives who share a surname, wider recall,
 * fewer false alarms), with made-up names that appear in no corpus passage.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstNameList } from './first-names';
import { scanText, type PiiKind, type ScanContext } from './scanner';

const FAMILY: ScanContext = {
	persons: [
		{ name: 'Timo Brockhoff', pseudonym: 'Kind A' },
		{ name: 'Sabrina Brockhoff', pseudonym: 'Mutter A' },
		{ name: 'Ralf Brockhoff', pseudonym: 'Vater A' },
		{ name: 'Yasin Abu Khalil', pseudonym: 'Kind B' },
		{ name: 'Nour Abu Khalil', pseudonym: 'Mutter B' },
		{ name: 'Matteo De Santis', pseudonym: 'Kind C' },
		{ name: 'Julia-Marie Pohlmann-Öztürk', pseudonym: 'Mutter D' },
		{ name: 'Jonas Kaiser', pseudonym: 'Kind E' },
		{ name: 'Kerstin Kaiser', pseudonym: 'Mutter E' },
		{ name: 'Leonie Engel', pseudonym: 'Kind F' }
	],
	allow: ['Petra Schürmann', 'Dirk Albers']
};
const EMPTY: ScanContext = { persons: [], allow: [] };

const found = (text: string, ctx: ScanContext = FAMILY) => scanText(text, ctx).findings.map((f) => [f.text, f.kind, f.replacement] as [string, PiiKind, string]);
const known = (text: string, ctx: ScanContext = FAMILY) => scanText(text, ctx).findings.filter((f) => f.known).map((f) => [f.text, f.replacement]);
const texts = (text: string, ctx: ScanContext = EMPTY) => scanText(text, ctx).findings.map((f) => f.text);

describe('relatives who share a surname are not the case person', () => {
	it('takes a full name with another first name as one unknown person', () => {
		expect(found('Die Oma Hildegard Brockhoff holt Timo ab.')).toEqual([
			['Hildegard Brockhoff', 'person', '[[pii:person]]'],
			['Timo', 'person', 'Kind A']
		]);
		expect(found('OMA HILDEGARD BROCKHOFF IST INFORMIERT')).toEqual([['HILDEGARD BROCKHOFF', 'person', '[[pii:person]]']]);
		expect(found('Onkel Zeljko Brockhoff wohnt mit im Haushalt.')).toEqual([['Zeljko Brockhoff', 'person', '[[pii:person]]']]);
		expect(found('ihr Cousin, Benedikt Brockhoff, war dabei')).toEqual([['Benedikt Brockhoff', 'person', '[[pii:person]]']]);
	});

	it('takes a registered first name with another surname as somebody else', () => {
		expect(found('Timo Lindemann aus der Nachbarklasse war dabei, Timo nicht.')).toEqual([
			['Timo Lindemann', 'person', '[[pii:person]]'],
			['Timo', 'person', 'Kind A']
		]);
	});

	it('checks an initial against the first name', () => {
		expect(known('S. Brockhoff kam pünktlich.')).toEqual([['S. Brockhoff', 'Mutter A']]);
		expect(found('H. Brockhoff kam pünktlich.')).toEqual([['H. Brockhoff', 'person', '[[pii:person]]']]);
	});

	it('follows the gender and role of the cue, and never gives an adult a child’s pseudonym', () => {
		expect(known('Hr. Brockhoff und Fr. Brockhoff, KM Brockhoff, KV Brockhoff')).toEqual([
			['Brockhoff', 'Vater A'],
			['Brockhoff', 'Mutter A'],
			['Brockhoff', 'Mutter A'],
			['Brockhoff', 'Vater A']
		]);
		// Only the child Leonie Engel is registered: "Frau Engel" and "Vater Engel" are somebody else.
		expect(found('Frau Engel rief an, Vater Engel nicht.')).toEqual([
			['Engel', 'person', '[[pii:person]]'],
			['Engel', 'person', '[[pii:person]]']
		]);
		// Only women named De Santis? No: Matteo is a boy; "Herr De Santis" is an unregistered man.
		expect(found('Herr De Santis holt Matteo ab.')).toEqual([
			['De Santis', 'person', '[[pii:person]]'],
			['Matteo', 'person', 'Kind C']
		]);
	});

	it('keeps double surnames and names with particles in one span', () => {
		expect(found('Tante Gisela Brockhoff-Lenz hat angerufen.')).toEqual([['Gisela Brockhoff-Lenz', 'person', '[[pii:person]]']]);
		expect(found('Frau Pohlmann-Öztürk und Frau Pohlmann')).toEqual([
			['Pohlmann-Öztürk', 'person', 'Mutter D'],
			['Pohlmann', 'person', 'Mutter D']
		]);
		expect(found('Yasin Abu Khalil und Nour Abu Khalil; Frau Abu Khalil stimmt zu.')).toEqual([
			['Yasin Abu Khalil', 'person', 'Kind B'],
			['Nour Abu Khalil', 'person', 'Mutter B'],
			['Abu Khalil', 'person', 'Mutter B']
		]);
		expect(found('Der Cousin Samir Abu Khalil ist volljährig.')).toEqual([['Samir Abu Khalil', 'person', '[[pii:person]]']]);
		expect(found('Die Nonna Graziella De Santis kocht.')).toEqual([['Graziella De Santis', 'person', '[[pii:person]]']]);
		expect(texts('Vater ist Joost van der Meulen aus Enschede, Berater Karim Ben Youssef.')).toEqual(['Joost van der Meulen', 'Karim Ben Youssef']);
	});

	it('never ties an unregistered relative to a case person (property over first names)', () => {
		const registered = new Set(['timo', 'sabrina', 'ralf']);
		const names = firstNameList().filter((n) => /^\p{Lu}[\p{Ll}]+$/u.test(n) && !registered.has(n.toLowerCase()));
		const cue = fc.constantFrom('Oma', 'Opa', 'Tante', 'Onkel', 'der Cousin', 'die Nachbarin', 'Zeugin', '');
		fc.assert(
			fc.property(fc.constantFrom(...names), cue, (first, before) => {
				const text = `${before} ${first} Brockhoff war am Abend in der Wohnung.`.trim();
				const findings = scanText(text, FAMILY).findings;
				expect(findings.filter((f) => f.known)).toEqual([]);
				expect(findings.map((f) => f.text)).toContain(`${first} Brockhoff`);
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('after blind batch 3', () => {
	const ctx: ScanContext = {
		persons: [
			{ name: 'Karim Abu Hamdan', pseudonym: 'Jugendlicher G' },
			{ name: 'Lea-Sophie Hartwig', pseudonym: 'Kind L' },
			{ name: 'Goran Stojanović', pseudonym: 'Vater S' },
			{ name: 'Driss El Amrani', pseudonym: 'Vater H' },
			{ name: 'Mandy Fuchs', pseudonym: 'Mutter K' }
		],
		allow: []
	};
	it('finds a registered person’s initials written out in full, only when they fit exactly one person', () => {
		expect(known('Frau Meyer meldet K. A. H. an; L.-S. H. fehlte; u. a. m.; S. M. kam.', ctx)).toEqual([
			['K. A. H.', 'Jugendlicher G'],
			['L.-S. H.', 'Kind L']
		]);
	});
	it('reads a name hyphenated at a line end, and OCR’s "rn" for "m"', () => {
		expect(known('Anzeige gegen Goran Stoja-\nnović erstattet.', ctx)).toEqual([['Goran Stoja-\nnović', 'Vater S']]);
		expect(known('gez. Driss El Arnrani', ctx)).toEqual([['Driss El Arnrani', 'Vater H']]);
		// A word with "rn" that is no registered name stays as it is.
		expect(known('Die Kinder lernen gern.', ctx)).toEqual([]);
	});
	it('takes an ordinary-word surname as the name when a registered first name of that family follows', () => {
		expect(known('Ja, hier Fuchs, die Mandy. Der Fuchs im Wald.', ctx)).toEqual([
			['Fuchs', 'Mutter K'],
			['Mandy', 'Mutter K']
		]);
	});
});

describe('wider recall', () => {
	it('abbreviated honorifics, female ranks and titles', () => {
		expect(texts('Fr. Wiesehöfer und Hr. Tenbrink kamen; hr. lütkemeier nicht.')).toEqual(['Wiesehöfer', 'Tenbrink', 'lütkemeier']);
		expect(texts('Vermerk KHKin Stallmeister, POKin Bruns, Dr.in Ogunleye, PHKin Sauerwald.')).toEqual(['Stallmeister', 'Bruns', 'Ogunleye', 'Sauerwald']);
	});

	it('birth cues before and after the date', () => {
		expect(texts('Geb.-Dat.: 14.02.2016; geb. am 3.4.2012; GEB. 01.12.1988; 12.3.2015 (Geburtsdatum); 7.7.2019 (geb.)')).toEqual([
			'14.02.2016',
			'3.4.2012',
			'01.12.1988',
			'12.3.2015',
			'7.7.2019'
		]);
		expect(texts('Sitzung am 12.03.2026 (Raum 2), Frist 14.02.2016 laut Bescheid.')).toEqual([]);
	});

	it('birth dates in a table after the name', () => {
		expect(scanText('Brockhoff, Timo | 04.09.2016 | Schule', FAMILY).findings.map((f) => [f.text, f.kind])).toEqual([
			['Brockhoff, Timo', 'person'],
			['04.09.2016', 'birthdate']
		]);
	});

	it('phone numbers with spaces in the area code', () => {
		expect(texts('Rückruf unter 0 29 21 / 34 56 78 oder 0 23 81 / 45 67 89.')).toEqual(['0 29 21 / 34 56 78', '0 23 81 / 45 67 89']);
		expect(texts('0 Kinder, 10 20 30 Teilnehmende, 0 Uhr')).toEqual([]);
	});

	it('hyphenated first names, groups and nicknames', () => {
		expect(texts('Anrufer war Hans-Peter Drewes, dann Jan-Luca Overbeck.')).toEqual(['Hans-Peter Drewes', 'Jan-Luca Overbeck']);
		expect(texts('Die Eheleute Wiesmann und das Ehepaar Kötter wurden befragt.')).toEqual(['Wiesmann', 'Kötter']);
		expect(texts('ein Mann, genannt „Jojo“, und ein Bekannter namens "Kalle".')).toEqual(['Jojo', 'Kalle']);
	});

	it('addresses in lower case, without a street word, with flat and floor', () => {
		expect(texts('wohnt jetzt rosenweg 4, soest bei der oma')).toEqual(['rosenweg 4, soest']);
		expect(texts('Neue Anschrift: Kötterbrink 12, 59494 Soest.')).toEqual(['Kötterbrink 12, 59494 Soest']);
		expect(texts('Einsatzort Ulmenkamp 7, 2. OG links; zweiter Einsatz Lindenweg 3, Whg. 5.')).toEqual(['Ulmenkamp 7, 2. OG links', 'Lindenweg 3, Whg. 5']);
		expect(texts('Unterm Hagen 5, Rüthen')).toEqual(['Unterm Hagen 5, Rüthen']);
	});
});

describe('fewer false alarms', () => {
	it('a registered surname that is an ordinary word is the name only where it is used as one', () => {
		expect(found('Die Regelung tritt am 1. Mai in Kraft. Unser Koch kocht, der Kaiser-Wilhelm-Ring ist gesperrt.', { persons: [{ name: 'Sven Kraft', pseudonym: 'Vater G' }, { name: 'Olaf Koch', pseudonym: 'Vater H' }], allow: [] })).toEqual([]);
		expect(found('Leonie malte einen Engel, das Kleid war bläulich-braun. SCHUTZPLAN BLEIBT IN KRAFT.')).toEqual([['Leonie', 'person', 'Kind F']]);
		expect(known('Kaiser sagte, sie komme. Frau Kaiser kam. Jonas Kaiser fehlte. Die Kaiser-Kinder spielen.')).toEqual([
			['Kaiser', 'Mutter E'],
			['Kaiser', 'Mutter E'],
			['Jonas Kaiser', 'Kind E'],
			['Kaiser', 'Mutter E']
		]);
	});

	it('institution names are not persons', () => {
		expect(texts('Kita Arche Noah, Grundschule am Lindenhof, Wohngruppe Sonnenhof, Kinderklinik St. Elisabeth')).toEqual([]);
		expect(found('Kita Arche Noah meldet: Timo fehlt.')).toEqual([['Timo', 'person', 'Kind A']]);
	});

	it('languages are not names', () => {
		expect(texts('Sie spricht Kurmancî, Tigrinya und etwas Deutsch.')).toEqual([]);
	});
});
