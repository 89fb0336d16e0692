/**
 * What is expensive to make from approved minutes, made once per version: the notes rendered as
 * HTML (marked + sanitize-html; the minutes page, the print view and the versions page) and the
 * PDF/A. An approved version never changes, so its id and the reader's language are the key; a
 * correction is a new version with a new id. Drafts (and minutes in review or under correction)
 * are rendered on every request and never cached.
 *
 * The caches sit behind the access checks: every function here, and every caller of `notesHtml`,
 * has read the minutes or the versions through `getMinutes` / `listVersions` (404 / 403 for who
 * may not read them) before anything is looked up. The caches are bounded (entries and bytes) and
 * belong to one database connection.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { minutesVersion } from '../db/schema-meetings';
import type { Actor } from '../access';
import { LruCache } from '../cache';
import { renderMarkdown } from '../markdown';
import { getLocale, type Locale } from '../../paraglide/runtime.js';
import { getMinutes } from '.';
import { listVersions } from './approval';
import { minutesPdf } from './pdf';

const MB = 1024 * 1024;

/** Limits of the caches (per database): the PDFs of ~0.1–1 MB of recent versions, the notes of many versions. Together with the calendar feeds (8 MB) and the agenda texts (4 MB) at most 36 MB. */
export const CACHE_LIMITS = {
	html: { maxEntries: 64, maxBytes: 8 * MB },
	pdf: { maxEntries: 16, maxBytes: 16 * MB }
};

type NotesHtml = Map<string, string>;
interface Caches {
	html: LruCache<NotesHtml>;
	pdf: LruCache<Buffer>;
}

const perDatabase = new WeakMap<object, Caches>();

/** How often something was rendered (not served from a cache): for tests and measurements. */
export const renderCounts = { notes: 0, pdf: 0 };

/** The caches of one database (created on first use). */
export function minutesCaches(db: Db): Caches {
	let caches = perDatabase.get(db.$client);
	if (!caches) {
		caches = {
			html: new LruCache<NotesHtml>({ ...CACHE_LIMITS.html, sizeOf: (m) => [...m].reduce((sum, [k, v]) => sum + 2 * (k.length + v.length) + 64, 64) }),
			pdf: new LruCache<Buffer>({ ...CACHE_LIMITS.pdf, sizeOf: (b) => b.byteLength })
		};
		perDatabase.set(db.$client, caches);
	}
	return caches;
}

const versionByNumber = prepared((db) =>
	db
		.select({ id: minutesVersion.id })
		.from(minutesVersion)
		.where(and(eq(minutesVersion.meetingId, sql.placeholder('meetingId')), eq(minutesVersion.number, sql.placeholder('number'))))
		.prepare()
);

/** The id of an approved version of a meeting's minutes, by its number. */
export function versionId(db: Db, meetingId: number, number: number): number | null {
	return versionByNumber(db).get({ meetingId, number })?.id ?? null;
}

/**
 * The approved version the minutes as they stand now are (status "approved": locked, nothing has
 * changed since the approval), or null while they are a draft, in review or being corrected.
 */
export function currentApprovedVersionId(db: Db, meetingId: number, m: { status: string; approvedVersion: number } | null): number | null {
	if (!m || m.status !== 'approved' || m.approvedVersion < 1) return null;
	return versionId(db, meetingId, m.approvedVersion);
}

/**
 * Markdown notes as sanitised HTML, in the order given. With the id of an approved version the
 * result comes from (and goes into) the cache; `null` renders every time (drafts). The caller has
 * checked that the actor may read these notes.
 */
export function notesHtml(db: Db, approvedVersionId: number | null, notes: string[], locale: Locale = getLocale()): string[] {
	const render = (text: string) => {
		renderCounts.notes++;
		return renderMarkdown(text, locale);
	};
	if (approvedVersionId === null) return notes.map(render);
	const cache = minutesCaches(db).html;
	const key = `${approvedVersionId}:${locale}`;
	const hit = cache.get(key);
	if (hit && notes.every((n) => hit.has(n))) return notes.map((n) => hit.get(n)!);
	const map: NotesHtml = new Map(hit);
	for (const n of notes) if (!map.has(n)) map.set(n, render(n));
	cache.set(key, map);
	return notes.map((n) => map.get(n)!);
}

/** The minutes page: the minutes as the actor may read them (getMinutes checks access), each entry with its HTML. */
export function minutesWithHtml(db: Db, actor: Actor, meetingId: number, locale: Locale = getLocale()) {
	const view = getMinutes(db, actor, meetingId);
	const html = view.entries.length ? notesHtml(db, currentApprovedVersionId(db, meetingId, view.minutes), view.entries.map((e) => e.notes), locale) : [];
	return { ...view, entries: view.entries.map((e, i) => ({ ...e, html: html[i] })) };
}

/**
 * The PDF of an approved version (`wanted` its number, the newest when null), or null when there
 * is no such version. listVersions refuses who may not read the versions before the cache is asked;
 * concurrent requests for one version and language wait for one rendering.
 */
export async function minutesPdfFor(db: Db, actor: Actor, meetingId: number, wanted: string | null, locale: Locale = getLocale()) {
	const versions = listVersions(db, actor, meetingId);
	const version = wanted === null ? versions[0] : versions.find((v) => String(v.number) === wanted);
	if (!version) return null;
	const id = versionId(db, meetingId, version.number);
	const render = () => {
		renderCounts.pdf++;
		return minutesPdf(version.snapshot, { number: version.number, approvedAt: version.createdAt, approvedByName: version.approvedByName, approvedInMeetingOn: version.approvedInMeetingOn, reason: version.reason });
	};
	const pdf = id === null ? await render() : await minutesCaches(db).pdf.getOrCreate(`${id}:${locale}`, render);
	return { pdf, version };
}
