/**
 * IBANs, printed with or without groups of four. Only checksum-valid IBANs (ISO 13616,
 * mod 97 = 1) of the right length for their country count, so a mistyped or invented
 * number is not reported.
 */
import type { Span } from './plates';

/** IBAN length per country (SEPA area and the countries of larger communities in Germany). */
const LENGTHS: Record<string, number> = {
	AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, CH: 21, CY: 28,
	CZ: 24, DE: 22, DK: 18, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
	GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
	KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19,
	MR: 27, MT: 31, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
	SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, XK: 20
};

// Country + check digits, then alphanumerics optionally grouped by single spaces.
const CANDIDATE_RE = /(?<![\p{L}\p{N}])([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,32})/gu;

export function ibanChecksumOk(iban: string): boolean {
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let rest = 0;
	for (const ch of rearranged) {
		const code = ch.charCodeAt(0);
		const value = code >= 65 ? code - 55 : code - 48;
		rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
	}
	return rest === 1;
}

export function findIbans(text: string): Span[] {
	const out: Span[] = [];
	for (const m of text.matchAll(CANDIDATE_RE)) {
		const length = LENGTHS[m[1]];
		if (!length) continue;
		// Walk the match until `length` alphanumerics are consumed; the regex may have run on
		// into a following group of capitals or digits.
		let compact = '';
		let end = m.index;
		for (let i = m.index; i < m.index + m[0].length && compact.length < length; i++) {
			if (text[i] !== ' ') compact += text[i];
			end = i + 1;
		}
		if (compact.length !== length) continue;
		if (/[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
		if (!ibanChecksumOk(compact)) continue;
		out.push({ start: m.index, end });
	}
	return out;
}
