/** Markers around a search match in a snippet: the server sets them, the page turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** The snippet in parts; the odd ones are the matches. All parts are plain text (Svelte escapes them). */
export function snippetParts(snippet: string): string[] {
	return snippet.split(new RegExp(`[${MARK_START}${MARK_END}]`));
}
