import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_CODE_ALPHABET, CASE_CODE_RE, generateCaseCode } from '.';
import { createScanner } from '../pii/scanner';
import { findPlates } from '../pii/plates';

// Sentences in which case codes are quoted in agenda texts and minutes.
const FRAMES = [
	(c: string) => `Fall ${c}: Sachstand`,
	(c: string) => `${c}`,
	(c: string) => `Rückmeldung zu ${c} (Kind A) bis Freitag.`,
	(c: string) => `Bezug: ${c}, ${c.toLowerCase()} und ${c}.`,
	(c: string) => `Die Kita meldet zu ${c}, Tel. folgt.`,
	(c: string) => `- ${c} – Mutter A erschienen`
];

describe('case codes and the PII scanner', () => {
	const bare = createScanner({ persons: [], allow: [] });

	it('no generated code is ever a finding, in any sentence (100,000 codes, without knowing the installation)', () => {
		const draw = fc.tuple(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: FRAMES.length - 1 }));
		fc.assert(
			fc.property(draw, ([ints, frame]) => {
				let k = 0;
				const code = generateCaseCode((max) => ints[k++] % max);
				expect(code).toMatch(CASE_CODE_RE);
				expect(bare.scan(FRAMES[frame](code)).findings).toEqual([]);
			}),
			{ numRuns: 100_000 }
		);
	});

	it('no code of the format can be read as a number plate (all of them)', () => {
		let n = 0;
		for (const a of '23456789')
			for (const b of CASE_CODE_ALPHABET.replace(/\d/g, ''))
				for (const c of CASE_CODE_ALPHABET)
					for (const d of CASE_CODE_ALPHABET) {
						const code = `F-${a}${b}${c}${d}`;
						expect(findPlates(`Fall ${code} heute`)).toEqual([]);
						n++;
					}
		expect(n).toBe(8 * 23 * 31 * 31);
	});

	it('codes of the earlier format that look like plates are never flagged when they are codes of this installation', () => {
		// "F-BU52" reads as a Frankfurt plate; as a code of the installation it is no finding.
		expect(bare.scan('Fall F-BU52 besprochen').findings.map((f) => f.kind)).toEqual(['plate']);
		const installation = createScanner({ persons: [], allow: [], codes: ['F-BU52', 'F-E585'] });
		expect(installation.scan('Fall F-BU52 besprochen, siehe auch F-E585 und f-bu52.').findings).toEqual([]);
		// A real plate next to a code is still found.
		expect(installation.scan('Fall F-BU52: Fahrzeug SO-AB 123 gesehen').findings.map((f) => f.text)).toEqual(['SO-AB 123']);
	});
});
