import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { localisePlaceholders } from '../placeholders';
import { getLocale, type Locale } from '../paraglide/runtime.js';

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
