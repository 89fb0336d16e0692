/**
 * Placeholders for personal data the author chose to replace (PII review, docs/pii-scanner.md).
 *
 * Stored form: a language-neutral token per kind, `[[pii:phone]]`. Why this form:
 * - nobody writes `[[pii:` in a case note by accident, so a token in stored text is always one;
 * - plain ASCII without `<`, `>`, `&`, `"`, `;`, spaces or line breaks: it passes sanitize-html,
 *   CSV cells and JSON (the approved snapshots) unchanged, and the FTS5 trigram index stores it
 *   like any other text (the migration's UPDATEs and the triggers keep the index in step);
 * - it is one word for the word diff of the versions page (no space inside);
 * - Markdown never sees it: display code localises before rendering (`renderMarkdown`), and a
 *   bracket pair without a link definition is literal text in Markdown anyway.
 *
 * The reader sees the localised form (de "[Telefon]", en "[Phone]"): `localisePlaceholders` at
 * every display site. What a user types or gets back in an edit field (the localised form of
 * either language) becomes the token again in `normalisePlaceholders`, which the PII review
 * (`reviewText`) applies to every free-text field before it is scanned and stored.
 */
import { m } from './paraglide/messages.js';
import { getLocale, locales, type Locale } from './paraglide/runtime.js';

export const PLACEHOLDER_KINDS = ['person', 'birthdate', 'address', 'phone', 'email', 'iban', 'plate'] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

/** The stored token of a kind: `[[pii:phone]]`. */
export function placeholderToken(kind: PlaceholderKind): string {
	return `[[pii:${kind}]]`;
}

/** Every token in a text; group 1 is the kind. */
export const PLACEHOLDER_TOKEN_RE = new RegExp(`\\[\\[pii:(${PLACEHOLDER_KINDS.join('|')})\\]\\]`, 'g');

const MESSAGES: Record<PlaceholderKind, (inputs: object, options: { locale: Locale }) => string> = {
	person: m.placeholder_person,
	birthdate: m.placeholder_birthdate,
	address: m.placeholder_address,
	phone: m.placeholder_phone,
	email: m.placeholder_email,
	iban: m.placeholder_iban,
	plate: m.placeholder_plate
};

/** The placeholder of a kind as the reader sees it ("[Telefon]", "[Phone]"). */
export function placeholderLabel(kind: PlaceholderKind, locale: Locale = getLocale()): string {
	return MESSAGES[kind]({}, { locale });
}

/**
 * Stored text as the reader sees it: every token in the reader's language, nothing else changed
 * (null and undefined pass through, for optional fields).
 */
export function localisePlaceholders<T extends string | null | undefined>(text: T, locale: Locale = getLocale()): T {
	if (!text || !text.includes('[[pii:')) return text;
	return text.replace(PLACEHOLDER_TOKEN_RE, (_, kind: PlaceholderKind) => placeholderLabel(kind, locale)) as T;
}

let typed: { re: RegExp; tokens: Map<string, string> } | null = null;

/** The localised forms of every language, longest first, with their tokens. */
function typedForms() {
	if (!typed) {
		const tokens = new Map<string, string>();
		for (const locale of locales) for (const kind of PLACEHOLDER_KINDS) tokens.set(placeholderLabel(kind, locale), placeholderToken(kind));
		const alternatives = [...tokens.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		typed = { re: new RegExp(alternatives.join('|'), 'g'), tokens };
	}
	return typed;
}

/**
 * Text as a user typed it (or got it back in an edit field) with tokens for the placeholders: the
 * localised forms of every language ("[Telefon]", "[Phone]", exactly as spelt in the messages)
 * become tokens; tokens stay; everything else is unchanged.
 */
export function normalisePlaceholders(text: string): string {
	if (!text || !text.includes('[')) return text;
	const { re, tokens } = typedForms();
	return text.replace(re, (form) => tokens.get(form) ?? form);
}
