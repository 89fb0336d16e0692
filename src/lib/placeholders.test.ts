import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localisePlaceholders, normalisePlaceholders, placeholderLabel, placeholderToken, PLACEHOLDER_KINDS } from './placeholders';
import { localiseSnippet, MARK_END, MARK_START, snippetParts } from './search-marks';
import { locales } from './paraglide/runtime.js';

const LABELS = locales.flatMap((l) => PLACEHOLDER_KINDS.map((k) => placeholderLabel(k, l)));
const token = fc.constantFrom(...PLACEHOLDER_KINDS).map(placeholderToken);
/** Any text, also bracket-heavy, that holds neither a token nor a localised placeholder. */
const plain = fc
	.oneof(fc.string(), fc.stringMatching(/^[[\]a-zA-Z :-]*$/), fc.array(fc.constantFrom('[', ']', '[[', 'pii:', 'Telefon', 'Phone', 'Name', ' ', 'E-', 'Mail'), { maxLength: 8 }).map((a) => a.join('')))
	.filter((s) => !s.includes('[[pii:') && !LABELS.some((l) => s.includes(l)));
/** Plain text with tokens embedded (a token between two parts keeps the parts from joining). */
const withTokens = fc.array(fc.tuple(plain, token), { maxLength: 6 }).chain((pairs) => plain.map((tail) => pairs.map(([p, t]) => p + t).join('') + tail)).filter((s) => {
	// Parts that meet at a token must not form a placeholder with it ("[" + "[[pii:…]]" + "]" is fine, see below).
	const withoutTokens = s.replace(/\[\[pii:[a-z]+\]\]/g, '\u0000');
	return !LABELS.some((l) => withoutTokens.includes(l)) && !withoutTokens.includes('[[pii:');
});

describe('placeholder tokens', () => {
	it('are shown in the reader’s language', () => {
		const stored = 'Tel. [[pii:phone]], [[pii:person]], geb. [[pii:birthdate]], [[pii:address]], [[pii:email]], [[pii:iban]], [[pii:plate]]';
		expect(localisePlaceholders(stored, 'de')).toBe('Tel. [Telefon], [Name], geb. [Geburtsdatum], [Adresse], [E-Mail], [IBAN], [Kennzeichen]');
		expect(localisePlaceholders(stored, 'en')).toBe('Tel. [Phone], [Name], geb. [Date of birth], [Address], [E-mail], [IBAN], [Number plate]');
		expect(localisePlaceholders(null, 'en')).toBeNull();
		expect(localisePlaceholders('[[pii:unknown]] [[pii:phone]', 'en')).toBe('[[pii:unknown]] [[pii:phone]');
	});

	it('come back from the localised forms of either language, whatever the reader’s language', () => {
		expect(normalisePlaceholders('Tel. [Telefon] / [Phone], [Date of birth], [Geburtsdatum], [E-mail] [E-Mail] [Number plate] [Kennzeichen] [Adresse] [Address]')).toBe(
			'Tel. [[pii:phone]] / [[pii:phone]], [[pii:birthdate]], [[pii:birthdate]], [[pii:email]] [[pii:email]] [[pii:plate]] [[pii:plate]] [[pii:address]] [[pii:address]]'
		);
		// Only the exact spelling: other brackets and near misses are the author's text.
		expect(normalisePlaceholders('[telefon] [ Phone ] [Telefonnummer] [1] [[pii:phone]] [x](https://example.org)')).toBe('[telefon] [ Phone ] [Telefonnummer] [1] [[pii:phone]] [x](https://example.org)');
	});

	it('round-trip: normalise(localise(x)) === x for stored text in both languages', () => {
		fc.assert(
			fc.property(withTokens, fc.constantFrom(...locales), (stored, locale) => {
				const shown = localisePlaceholders(stored, locale);
				expect(shown).not.toContain('[[pii:');
				expect(normalisePlaceholders(shown)).toBe(stored);
			}),
			{ numRuns: 500 }
		);
		// A token in brackets of the author's own.
		expect(normalisePlaceholders(localisePlaceholders('[[[pii:phone]]]', 'en'))).toBe('[[[pii:phone]]]');
	});

	it('leave text without placeholders unchanged', () => {
		fc.assert(
			fc.property(plain, fc.constantFrom(...locales), (text, locale) => {
				expect(normalisePlaceholders(text)).toBe(text);
				expect(localisePlaceholders(text, locale)).toBe(text);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('search snippets with placeholders', () => {
	const parts = (s: string) => snippetParts(s, 'en');

	it('show the placeholder in the reader’s language, marked as a whole when the match is inside it', () => {
		expect(parts(`Tel. [[pii:phone]] des ${MARK_START}Vaters${MARK_END}`)).toEqual(['Tel. [Phone] des ', 'Vaters', '']);
		expect(parts(`Tel. [[pii:${MARK_START}phone${MARK_END}]] da`)).toEqual(['Tel. ', '[Phone]', ' da']);
		expect(parts(`[[pii:pho${MARK_START}ne]] u${MARK_END}nd`)).toEqual(['', '[Phone] u', 'nd']);
		expect(snippetParts(`Tel. ${MARK_START}[[pii:phone]]${MARK_END}`, 'de')).toEqual(['Tel. ', '[Telefon]', '']);
	});

	it('keep the markers balanced for any marking of a token', () => {
		const tokenText = placeholderToken('birthdate');
		fc.assert(
			fc.property(fc.integer({ min: 0, max: tokenText.length }), fc.integer({ min: 0, max: tokenText.length }), (a, b) => {
				const [from, to] = a <= b ? [a, b] : [b, a];
				const snippet = `x ${tokenText.slice(0, from)}${MARK_START}${tokenText.slice(from, to)}${MARK_END}${tokenText.slice(to)} y`;
				const out = localiseSnippet(snippet, 'en');
				expect(out.replaceAll(MARK_START, '').replaceAll(MARK_END, '')).toBe('x [Date of birth] y');
				expect(out.split(MARK_START).length).toBe(out.split(MARK_END).length);
				expect(out.indexOf(MARK_START)).toBeLessThan(out.indexOf(MARK_END));
			})
		);
	});
});
