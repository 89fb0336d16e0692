import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Markdown to HTML; marked does not sanitise, so the result always goes through sanitize-html. */
export function renderMarkdown(text: string): string {
	const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
	return sanitizeHtml(html, {
		allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'del', 'hr'],
		allowedAttributes: { a: ['href', 'rel'] },
		allowedSchemes: ['https', 'mailto'],
		transformTags: { h1: 'h3', h2: 'h3', a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) }
	});
}
