import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { localisePlaceholders } from '../placeholders';
import { getLocale, type Locale } from '../paraglide/runtime.js';
import { LruCache } from './cache';

/**
 * Stored Markdown to HTML; marked does not sanitise, so the result always goes through sanitize-html.
 * Placeholder tokens are put into the reader's language first, so the localised text is rendered
 * and sanitised like any other.
 */
export function renderMarkdown(text: string, locale: Locale = getLocale()): string {
	const html = marked.parse(localisePlaceholders(text, locale), { async: false, gfm: true, breaks: true }) as string;
	return sanitizeHtml(html, {
		allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'del', 'hr'],
		allowedAttributes: { a: ['href', 'rel'] },
		allowedSchemes: ['https', 'mailto'],
		transformTags: { h1: 'h3', h2: 'h3', a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) }
	});
}

/**
 * The same, remembered by the text itself (and the language): for agenda items, rendered on every
 * agenda and print view. The key is the content, so a changed text is simply another entry and
 * nothing can be served to a reader who did not already have the text. Bounded (entries and bytes,
 * the text of the key included).
 */
const rendered = new LruCache<{ html: string; keyLength: number }>({ maxEntries: 2000, maxBytes: 4 * 1024 * 1024, sizeOf: (v) => 2 * (v.html.length + v.keyLength) + 64 });
export function renderMarkdownCached(text: string, locale: Locale = getLocale()): string {
	const key = `${locale}\u0000${text}`;
	let hit = rendered.get(key);
	if (!hit) {
		hit = { html: renderMarkdown(text, locale), keyLength: key.length };
		rendered.set(key, hit);
	}
	return hit.html;
}
