/**
 * Full-text search (`/search`) over what the actor may read: agenda items (accepted ones, or any
 * for the submitter and the series' coordinators), minutes notes and outcomes (drafts only for the
 * minute-taker and coordinators), and action items of the actor's series. The index is an FTS5
 * table with the trigram tokenizer (drizzle/0009_search_fts.sql); access is filtered inside the one
 * query, so no hit, snippet or count comes from a series, draft or item the actor may not see.
 * Placeholders are kept in the index in a form of their own (`toIndexForm`), so only a typed
 * placeholder ("[Telefon]") finds them, not a part of the stored token ("phone", "person").
 */
import { z } from 'zod';
import type { Db } from '../db';
import type { Actor } from '../access';
import { DomainError, parseInput } from '../errors';
import { visibleSeriesIds } from '../meetings';
import { fromBerlin, parseDate } from '../meetings/time';
import { isoDateSchema } from '../validation';
import { MARK_END, MARK_START } from '../../search-marks';
import { normalisePlaceholders, PLACEHOLDER_KINDS, PLACEHOLDER_TOKEN_RE, placeholderToken } from '../../placeholders';

export const SEARCH_KINDS = ['agenda', 'minutes', 'outcome', 'action'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_LIMIT = 50;
export { MARK_END, MARK_START };

// A placeholder token as the index stores it (drizzle/0012_search_placeholder_forms.sql): three
// private-use characters, U+E000 plus the kind's position in PLACEHOLDER_KINDS. No word a user
// searches for contains them, and three characters are one trigram, so the typed placeholder
// ("[Telefon]" → "[[pii:phone]]" → this form) is still found as a whole.
const INDEX_FORM_RE = /([\uE000-\uE006])\1\1/g;

/** Text with its placeholder tokens in the index's form (as the triggers write it). */
export function toIndexForm(text: string): string {
	return text.includes('[[pii:') ? text.replace(PLACEHOLDER_TOKEN_RE, (_, kind: string) => String.fromCharCode(0xe000 + PLACEHOLDER_KINDS.indexOf(kind as never)).repeat(3)) : text;
}

/** Text from the index with its placeholders as tokens again (for the snippet). */
export function fromIndexForm(text: string): string {
	return /[\uE000-\uE006]/.test(text) ? text.replace(INDEX_FORM_RE, (_, c: string) => placeholderToken(PLACEHOLDER_KINDS[c.charCodeAt(0) - 0xe000])) : text;
}

const optionalDate = z
	.union([z.literal(''), isoDateSchema])
	.optional()
	.transform((v) => v || null);

export const searchSchema = z.object({
	q: z.string().trim().max(200, 'too_long'),
	series: z
		.union([z.literal(''), z.string().regex(/^[1-9]\d{0,14}$/, 'id_invalid')])
		.optional()
		.transform((v) => (v ? Number(v) : null)),
	kind: z
		.union([z.literal(''), z.enum(SEARCH_KINDS)])
		.optional()
		.transform((v) => v || null),
	from: optionalDate,
	to: optionalDate
});
/** Raw query parameters; anything else than the known kinds and dates is refused with a 400. */
export type SearchInput = { q: string; series?: string; kind?: string; from?: string; to?: string };

/**
 * The words of the query as an FTS5 expression: every word quoted (so no operator or column filter
 * of the user reaches FTS5), all words required. The trigram index needs three characters a word.
 */
export function ftsQuery(q: string): string | null {
	const words = ftsWords(q);
	return words.length ? words.map((w) => `"${w}"`).join(' AND ') : null;
}

/** The words of the query as `ftsQuery` quotes them. */
function ftsWords(q: string): string[] {
	const words = q
		.split(/\s+/)
		// No quotes (they delimit the FTS5 string) and no control characters (the snippet markers).
		.map((w) => [...w].filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20).join(''))
		.filter(Boolean);
	if (words.some((w) => [...w].length < 3)) throw new DomainError('search_word_too_short');
	return words;
}

export interface SearchHit {
	kind: SearchKind;
	id: number;
	snippet: string;
	title: string;
	seriesTitle: string;
	meetingId: number;
	meetingStartsAt: Date;
	topLabel: string | null;
}

// One query: the match, then per kind an EXISTS that is the policy (series membership, agenda
// status or authorship, minutes status or role) plus the filters. Parameters come as JSON arrays.
// Kind and source id come from the rowid (id * 4 + kind, drizzle/0009_search_fts.sql): reading the
// UNINDEXED columns would load each matching row with its whole text from the content table.
const KIND_NUMBER: Record<SearchKind, number> = { agenda: 0, minutes: 1, outcome: 2, action: 3 };
const ACCESS = `
	s.rowid % 4 = 0 AND EXISTS (
		SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
		WHERE a.id = s.rowid / 4 AND m.series_id IN (SELECT value FROM json_each(@visible))
			AND (a.status = 'accepted' OR a.submitted_by = @me OR m.series_id IN (SELECT value FROM json_each(@coordinated)))
			AND (@series IS NULL OR m.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))
	OR s.rowid % 4 IN (1, 2) AND EXISTS (
		SELECT 1 FROM meeting m JOIN minutes mi ON mi.meeting_id = m.id
		WHERE m.id = (CASE s.rowid % 4 WHEN 1 THEN (SELECT meeting_id FROM minutes_entry WHERE id = s.rowid / 4) ELSE (SELECT meeting_id FROM minutes_outcome WHERE id = s.rowid / 4) END)
			AND m.series_id IN (SELECT value FROM json_each(@visible))
			AND mi.started_at IS NOT NULL
			AND (mi.status <> 'draft' OR m.series_id IN (SELECT value FROM json_each(@coordinated)) OR mi.minute_taker_id = @me)
			AND (@series IS NULL OR m.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))
	OR s.rowid % 4 = 3 AND EXISTS (
		SELECT 1 FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id
		WHERE ai.id = s.rowid / 4 AND ai.series_id IN (SELECT value FROM json_each(@visible))
			AND (@series IS NULL OR ai.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))`;

function coordinatedSeriesIds(db: Db, actor: Actor): number[] {
	return (db.$client.prepare("SELECT series_id AS id FROM series_member WHERE user_id = ? AND role = 'coordinator'").all(actor.id) as { id: number }[]).map((r) => r.id);
}

/**
 * At most this many matches the actor may see are read and ordered (the latest in the index, which
 * within a kind is the order of creation); with more, `capped` says so and the page asks to narrow
 * the search. This bounds the work of a common word on ten years of notes.
 */
export const SEARCH_CANDIDATES = 1000;

/** The meeting date of a hit, from its rowid (for the order: latest meeting first). */
const STARTS_AT = `CASE s.rowid % 4
	WHEN 0 THEN (SELECT m.starts_at FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = s.rowid / 4)
	WHEN 1 THEN (SELECT m.starts_at FROM minutes_entry e JOIN meeting m ON m.id = e.meeting_id WHERE e.id = s.rowid / 4)
	WHEN 2 THEN (SELECT m.starts_at FROM minutes_outcome o JOIN meeting m ON m.id = o.meeting_id WHERE o.id = s.rowid / 4)
	ELSE (SELECT m.starts_at FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id WHERE ai.id = s.rowid / 4) END`;

/**
 * Searches; returns at most SEARCH_LIMIT hits and how many there are in all, counted up to
 * SEARCH_CANDIDATES (`capped`: more than that). Order: hits with every word in the title first,
 * then by meeting, latest first. (FTS5's bm25 would first count every document of every word in
 * the whole index, tens of milliseconds for a common word, whatever the limit.)
 */
export function search(db: Db, actor: Actor, input: SearchInput, opts: { candidates?: number } = {}): { hits: SearchHit[]; total: number; capped: boolean; query: string } {
	const data = parseInput(searchSchema, input);
	// A placeholder as the user sees it ("[Telefon]", "[Phone]") finds the stored token, in the
	// index's form of it.
	const words = ftsWords(toIndexForm(normalisePlaceholders(data.q)));
	if (!words.length) return { hits: [], total: 0, capped: false, query: data.q };
	const visible = visibleSeriesIds(db, actor);
	if (!visible.length) return { hits: [], total: 0, capped: false, query: data.q };
	// Midnight in Berlin at the start of a day, or of the day after (the period includes `to`).
	const day = (key: string, plus = 0) => {
		const d = parseDate(key);
		const n = new Date(Date.UTC(d.year, d.month - 1, d.day + plus));
		return fromBerlin({ year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate(), hour: 0, minute: 0 }).getTime();
	};
	const phrases = words.map((w) => `"${w}"`).join(' AND ');
	const cap = Math.max(1, Math.floor(opts.candidates ?? SEARCH_CANDIDATES));
	const params = {
		match: phrases,
		me: actor.id,
		visible: JSON.stringify(visible),
		coordinated: JSON.stringify(coordinatedSeriesIds(db, actor)),
		series: data.series,
		fromMs: data.from ? day(data.from) : null,
		toMs: data.to ? day(data.to, 1) : null,
		kind: data.kind ? KIND_NUMBER[data.kind] : null
	};
	// One pass over the index: match, access and filters in SQL, in rowid order (FTS5 reads it
	// without sorting), stopping after SEARCH_CANDIDATES + 1 visible matches.
	const candidates = db.$client
		.prepare(
			`SELECT s.rowid AS rowid, ${STARTS_AT} AS startsAt,
				CASE s.rowid % 4 WHEN 0 THEN (SELECT title FROM agenda_item WHERE id = s.rowid / 4) WHEN 3 THEN (SELECT title FROM action_item WHERE id = s.rowid / 4) END AS title
			 FROM search_index s
			 WHERE search_index MATCH @match AND (@kind IS NULL OR s.rowid % 4 = @kind) AND (${ACCESS})
			 ORDER BY s.rowid DESC LIMIT ${cap + 1}`
		)
		.all(params) as { rowid: number; startsAt: number; title: string | null }[];
	const capped = candidates.length > cap;
	const ranked = candidates.slice(0, cap);
	// Every word in the title (agenda and action items have one): compared as the index compares.
	// (The whole title at once: positions do not matter here, and the native calls are fast.)
	const foldFast = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const needles = words.map(foldFast);
	const inTitle = (r: { title: string | null }) => {
		if (r.title === null) return false;
		const title = foldFast(toIndexForm(r.title));
		return needles.every((n) => title.includes(n));
	};
	const best = ranked
		.map((r) => ({ ...r, titleHit: inTitle(r) }))
		.sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || b.startsAt - a.startsAt || (a.rowid % 4) - (b.rowid % 4) || b.rowid - a.rowid)
		.slice(0, SEARCH_LIMIT);
	// Texts of the shown hits only, by rowid; the match is marked here (see markMatches).
	const texts = new Map(
		(
			db.$client.prepare('SELECT rowid, title, body FROM search_index WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(best.map((r) => r.rowid))) as {
				rowid: number;
				title: string;
				body: string;
			}[]
		).map((r) => [r.rowid, r])
	);
	const withSnippets = best.map((r) => {
		const text = texts.get(r.rowid);
		const title = markMatches(text?.title ?? '', words);
		const body = markMatches(text?.body ?? '', words);
		return { kind: SEARCH_KINDS[r.rowid % 4], id: Math.floor(r.rowid / 4), snippet: fromIndexForm(excerpt(body.includes(MARK_START) || !title ? body : title)) };
	});
	return { hits: describe(db, withSnippets), total: ranked.length, capped, query: data.q };
}

const folds = new Map<string, string>();

/** A character as the index compares it: lower case, without diacritics ("Ä" → "a"). */
function fold(c: string): string {
	const code = c.charCodeAt(0);
	if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
	let f = folds.get(c);
	if (f === undefined) {
		f = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
		if (f.length !== 1) f = c.toLowerCase().length === 1 ? c.toLowerCase() : c;
		if (folds.size < 10_000) folds.set(c, f);
	}
	return f;
}

/** A whole text folded as `fold` does it. */
function foldText(text: string): string {
	let out = '';
	for (const c of text) out += fold(c);
	return out;
}

/**
 * The text with every occurrence of a query word between MARK_START and MARK_END, compared as the
 * trigram index with remove_diacritics compares (case and diacritics folded), so "gefahrdung"
 * marks "Gefährdung". Overlapping occurrences become one mark.
 */
export function markMatches(text: string, words: string[]): string {
	if (!text) return text;
	// Usually folding keeps every code unit in place ("ä" → "a"): then the native calls do it.
	const quick = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	if (quick.length === text.length && !/\p{M}/u.test(text)) {
		return markRanges(findRanges(quick, words, (i) => i), (a, b) => text.slice(a, b), text.length);
	}
	// Otherwise character by character, and positions in the folded text are mapped back.
	const units = [...text];
	const starts: number[] = [];
	let folded = '';
	for (const u of units) {
		starts.push(folded.length);
		folded += fold(u);
	}
	const charAt = (offset: number) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	};
	return markRanges(findRanges(folded, words, charAt), (a, b) => units.slice(a, b).join(''), units.length);
}

/** Where the folded words occur in the folded text, as [start, end) in the original's positions. */
function findRanges(folded: string, words: string[], position: (offset: number) => number): [number, number][] {
	const ranges: [number, number][] = [];
	for (const w of words) {
		const needle = foldText(w);
		if (!needle) continue;
		for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) ranges.push([position(at), position(at + needle.length - 1) + 1]);
	}
	return ranges.sort((a, b) => a[0] - b[0]);
}

function markRanges(ranges: [number, number][], slice: (a: number, b: number) => string, length: number): string {
	let out = '';
	let last = 0;
	let open: [number, number] | null = null;
	const flush = () => {
		if (!open) return;
		out += slice(last, open[0]) + MARK_START + slice(open[0], open[1]) + MARK_END;
		last = open[1];
	};
	for (const r of ranges) {
		if (open && r[0] <= open[1]) open[1] = Math.max(open[1], r[1]);
		else {
			flush();
			open = [r[0], r[1]];
		}
	}
	flush();
	return out + slice(last, length);
}

/**
 * A window of the marked text around its first match, cut at spaces (FTS5's own snippet() counts
 * trigrams, not words). Query words contain no spaces, so a cut never splits a marked match.
 */
export function excerpt(marked: string, radius = 90): string {
	const text = marked.replace(/\s+/g, ' ').trim();
	const at = Math.max(0, text.indexOf(MARK_START));
	let start = Math.max(0, at - radius);
	let end = Math.min(text.length, at + 2 * radius);
	if (start > 0) start = text.indexOf(' ', start) + 1 || start;
	if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
	return `${start > 0 ? '… ' : ''}${text.slice(start, end)}${end < text.length ? ' …' : ''}`;
}

/** Titles, meetings and TOP labels of the hits, looked up per kind in one query each. */
function describe(db: Db, rows: { kind: SearchKind; id: number; snippet: string }[]): SearchHit[] {
	const ids = (kind: SearchKind) => JSON.stringify(rows.filter((r) => r.kind === kind).map((r) => r.id));
	const info = new Map<string, Omit<SearchHit, 'kind' | 'id' | 'snippet'>>();
	const queries: [SearchKind, string][] = [
		['agenda', `SELECT a.id, a.title, NULL AS top, m.id AS meetingId, m.starts_at AS startsAt, ms.title AS seriesTitle FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN meeting_series ms ON ms.id = m.series_id WHERE a.id IN (SELECT value FROM json_each(?))`],
		['minutes', `SELECT e.id, a.title, e.top_label AS top, m.id AS meetingId, m.starts_at AS startsAt, ms.title AS seriesTitle FROM minutes_entry e JOIN agenda_item a ON a.id = e.agenda_item_id JOIN meeting m ON m.id = e.meeting_id JOIN meeting_series ms ON ms.id = m.series_id WHERE e.id IN (SELECT value FROM json_each(?))`],
		['outcome', `SELECT o.id, a.title, e.top_label AS top, m.id AS meetingId, m.starts_at AS startsAt, ms.title AS seriesTitle FROM minutes_outcome o JOIN minutes_entry e ON e.id = o.entry_id JOIN agenda_item a ON a.id = e.agenda_item_id JOIN meeting m ON m.id = o.meeting_id JOIN meeting_series ms ON ms.id = m.series_id WHERE o.id IN (SELECT value FROM json_each(?))`],
		['action', `SELECT ai.id, ai.title, ai.top_label AS top, m.id AS meetingId, m.starts_at AS startsAt, ms.title AS seriesTitle FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id JOIN meeting_series ms ON ms.id = ai.series_id WHERE ai.id IN (SELECT value FROM json_each(?))`]
	];
	for (const [kind, sql] of queries) {
		if (!rows.some((r) => r.kind === kind)) continue;
		for (const r of db.$client.prepare(sql).all(ids(kind)) as { id: number; title: string; top: string | null; meetingId: number; startsAt: number; seriesTitle: string }[]) {
			info.set(`${kind}:${r.id}`, { title: r.title, topLabel: r.top, meetingId: r.meetingId, meetingStartsAt: new Date(r.startsAt), seriesTitle: r.seriesTitle });
		}
	}
	return rows.filter((r) => info.has(`${r.kind}:${r.id}`)).map((r) => ({ kind: r.kind, id: r.id, snippet: r.snippet, ...info.get(`${r.kind}:${r.id}`)! }));
}
