/**
 * Full-text search (`/search`) over what the actor may read: agenda items (accepted ones, or any
 * for the submitter and the series' coordinators), minutes notes and outcomes (drafts only for the
 * minute-taker and coordinators), and action items of the actor's series. The index is an FTS5
 * table with the trigram tokenizer (drizzle/0009_search_fts.sql); access is filtered inside the one
 * query, so no hit, snippet or count comes from a series, draft or item the actor may not see.
 */
import { z } from 'zod';
import type { Db } from '../db';
import type { Actor } from '../access';
import { DomainError, parseInput } from '../errors';
import { visibleSeriesIds } from '../meetings';
import { fromBerlin, parseDate } from '../meetings/time';
import { isoDateSchema } from '../validation';
import { MARK_END, MARK_START } from '../../search-marks';
import { normalisePlaceholders } from '../../placeholders';

export const SEARCH_KINDS = ['agenda', 'minutes', 'outcome', 'action'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_LIMIT = 50;
export { MARK_END, MARK_START };

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
	const words = q
		.split(/\s+/)
		// No quotes (they delimit the FTS5 string) and no control characters (the snippet markers).
		.map((w) => [...w].filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20).join(''))
		.filter(Boolean);
	if (!words.length) return null;
	if (words.some((w) => [...w].length < 3)) throw new DomainError('search_word_too_short');
	return words.map((w) => `"${w}"`).join(' AND ');
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
const ACCESS = `
	s.kind = 'agenda' AND EXISTS (
		SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
		WHERE a.id = s.ref_id AND m.series_id IN (SELECT value FROM json_each(@visible))
			AND (a.status = 'accepted' OR a.submitted_by = @me OR m.series_id IN (SELECT value FROM json_each(@coordinated)))
			AND (@series IS NULL OR m.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))
	OR s.kind IN ('minutes', 'outcome') AND EXISTS (
		SELECT 1 FROM meeting m JOIN minutes mi ON mi.meeting_id = m.id
		WHERE m.id = (CASE s.kind WHEN 'minutes' THEN (SELECT meeting_id FROM minutes_entry WHERE id = s.ref_id) ELSE (SELECT meeting_id FROM minutes_outcome WHERE id = s.ref_id) END)
			AND m.series_id IN (SELECT value FROM json_each(@visible))
			AND mi.started_at IS NOT NULL
			AND (mi.status <> 'draft' OR m.series_id IN (SELECT value FROM json_each(@coordinated)) OR mi.minute_taker_id = @me)
			AND (@series IS NULL OR m.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))
	OR s.kind = 'action' AND EXISTS (
		SELECT 1 FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id
		WHERE ai.id = s.ref_id AND ai.series_id IN (SELECT value FROM json_each(@visible))
			AND (@series IS NULL OR ai.series_id = @series) AND (@fromMs IS NULL OR m.starts_at >= @fromMs) AND (@toMs IS NULL OR m.starts_at < @toMs))`;

function coordinatedSeriesIds(db: Db, actor: Actor): number[] {
	return (db.$client.prepare("SELECT series_id AS id FROM series_member WHERE user_id = ? AND role = 'coordinator'").all(actor.id) as { id: number }[]).map((r) => r.id);
}

/** Searches; returns at most SEARCH_LIMIT hits, best first, and how many there are in all. */
export function search(db: Db, actor: Actor, input: SearchInput): { hits: SearchHit[]; total: number; query: string } {
	const data = parseInput(searchSchema, input);
	// A placeholder as the user sees it ("[Telefon]", "[Phone]") finds the stored token.
	const match = ftsQuery(normalisePlaceholders(data.q));
	if (!match) return { hits: [], total: 0, query: data.q };
	const visible = visibleSeriesIds(db, actor);
	if (!visible.length) return { hits: [], total: 0, query: data.q };
	// Midnight in Berlin at the start of a day, or of the day after (the period includes `to`).
	const day = (key: string, plus = 0) => {
		const d = parseDate(key);
		const n = new Date(Date.UTC(d.year, d.month - 1, d.day + plus));
		return fromBerlin({ year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate(), hour: 0, minute: 0 }).getTime();
	};
	const params = {
		match,
		me: actor.id,
		visible: JSON.stringify(visible),
		coordinated: JSON.stringify(coordinatedSeriesIds(db, actor)),
		series: data.series,
		fromMs: data.from ? day(data.from) : null,
		toMs: data.to ? day(data.to, 1) : null,
		kind: data.kind
	};
	const where = `search_index MATCH @match AND (@kind IS NULL OR s.kind = @kind) AND (${ACCESS})`;
	const total = (db.$client.prepare(`SELECT count(*) AS n FROM search_index s WHERE ${where}`).get(params) as { n: number }).n;
	const rows = db.$client
		.prepare(
			`SELECT s.kind AS kind, s.ref_id AS id, highlight(search_index, 0, '${MARK_START}', '${MARK_END}') AS title, highlight(search_index, 1, '${MARK_START}', '${MARK_END}') AS body
			 FROM search_index s WHERE ${where} ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ${SEARCH_LIMIT}`
		)
		.all(params) as { kind: SearchKind; id: number; title: string; body: string }[];
	const withSnippets = rows.map((r) => ({ kind: r.kind, id: r.id, snippet: excerpt(r.body.includes(MARK_START) || !r.title ? r.body : r.title) }));
	return { hits: describe(db, withSnippets), total, query: data.q };
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
