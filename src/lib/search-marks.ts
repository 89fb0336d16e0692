import { PLACEHOLDER_KINDS, placeholderLabel, placeholderToken, type PlaceholderKind } from './placeholders';
import { getLocale, type Locale } from './paraglide/runtime.js';

/** Markers around a search match in a snippet: the server sets them, the page turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

// A stored placeholder token (`[[pii:phone]]`) with markers anywhere inside: FTS5 highlights the
// trigrams of a query word, so a search for "phone" marks part of a token.
const MARKS = `[${MARK_START}${MARK_END}]*`;
const MARKED_TOKEN_RE = new RegExp(
	PLACEHOLDER_KINDS.map((k) => [...placeholderToken(k)].map((c) => c.replace(/[[\]]/g, '\\$&')).join(MARKS)).join('|'),
	'g'
);

/**
 * The snippet with its placeholders in the reader's language. A token that is marked in part is
 * marked as a whole, and the markers around it stay balanced.
 */
export function localiseSnippet(snippet: string, locale: Locale = getLocale()): string {
	if (!snippet.includes('[')) return snippet;
	let out = '';
	let pos = 0;
	let open = false;
	const follow = (s: string) => {
		for (const c of s) if (c === MARK_START) open = true;
		else if (c === MARK_END) open = false;
	};
	for (const match of snippet.matchAll(MARKED_TOKEN_RE)) {
		const before = snippet.slice(pos, match.index);
		follow(before);
		const wasOpen = open;
		follow(match[0]);
		const kind = /pii:([a-z]+)/.exec(match[0].replaceAll(MARK_START, '').replaceAll(MARK_END, ''))![1] as PlaceholderKind;
		const label = placeholderLabel(kind, locale);
		const marked = match[0].includes(MARK_START) || match[0].includes(MARK_END);
		out += before + (marked ? `${wasOpen ? '' : MARK_START}${label}${open ? '' : MARK_END}` : label);
		pos = match.index + match[0].length;
	}
	return out + snippet.slice(pos);
}

/**
 * The snippet in parts, placeholders in the reader's language; the odd parts are the matches. All
 * parts are plain text (Svelte escapes them).
 */
export function snippetParts(snippet: string, locale: Locale = getLocale()): string[] {
	return localiseSnippet(snippet, locale).split(new RegExp(`[${MARK_START}${MARK_END}]`));
}
