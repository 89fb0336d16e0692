import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { inJson, placeholderFor, prepared } from '../db/prepared';
import { user as userTable, organisation } from '../db/schema';
import { calendarFeed, meeting, meetingSeries } from '../db/schema-meetings';
import { assertCan, type Actor } from '../access';
import { decrypt, encrypt, randomToken, sha256Hex } from '../crypto';
import { getAppKey } from '../keys';
import { recordAuditEvent } from '../audit';
import type { RequestMeta } from '../auth/login';
import { openDueItems } from '../actions';
import { m } from '../../paraglide/messages.js';
import { calendarFeedIcs } from './ics';
import { calendarMeeting, visibleSeriesIds } from '../meetings';
import { LruCache } from '../cache';

/** The user's secret feed token, created on first use (stored sealed, looked up by its hash). */
export function getCalendarToken(db: Db, actor: Actor): string | null {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	const row = db.select().from(calendarFeed).where(eq(calendarFeed.userId, actor.id)).get();
	return row ? decrypt(getAppKey(), row.tokenSealed).toString('utf8') : null;
}

/** A new token; the old URL stops working at once. */
export function regenerateCalendarToken(db: Db, actor: Actor, meta: RequestMeta): string {
	assertCan(actor, 'account.manage', { type: 'user', id: actor.id });
	const token = randomToken(20);
	db.transaction((tx) => {
		tx.delete(calendarFeed).where(eq(calendarFeed.userId, actor.id)).run();
		tx.insert(calendarFeed).values({ userId: actor.id, tokenHash: sha256Hex(token), tokenSealed: encrypt(getAppKey(), Buffer.from(token)) }).run();
		recordAuditEvent(tx, { type: 'calendar.token_regenerated', actorId: actor.id, actorEmail: actor.email, ip: meta.ip });
	});
	return token;
}

/**
 * Feeds already built, by owner and a digest of everything they show: building one with the ics
 * package costs about 1 ms a meeting, while the data behind it (a handful of indexed queries)
 * changes rarely. Bounded; per database connection.
 */
const builtFeeds = new WeakMap<object, LruCache<string>>();
export const FEED_CACHE_LIMITS = { maxEntries: 64, maxBytes: 8 * 1024 * 1024 };
/** How many feeds were built (not served from the cache): for tests and measurements. */
export const feedStats = { built: 0 };

function feedCache(db: Db): LruCache<string> {
	let cache = builtFeeds.get(db.$client);
	if (!cache) {
		cache = new LruCache<string>({ ...FEED_CACHE_LIMITS, sizeOf: (s) => 2 * s.length });
		builtFeeds.set(db.$client, cache);
	}
	return cache;
}

/** The feed for a token: every meeting (from 90 days back) of every series the owner belongs to, cancellations included. */
export function calendarFeedFor(db: Db, token: string, baseUrl: string, now = new Date()): string | null {
	return calendarFeedWithTag(db, token, baseUrl, now)?.ics ?? null;
}

// Calendar clients poll every few minutes: the feed's two reads are built once (db/prepared.ts),
// and of the series only what an event shows (not its recurrence, parsed from JSON per row).
const feedOwner = prepared((db) =>
	db
		.select({ user: userTable, kind: organisation.kind })
		.from(calendarFeed)
		.innerJoin(userTable, eq(calendarFeed.userId, userTable.id))
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.where(eq(calendarFeed.tokenHash, sql.placeholder('tokenHash')))
		.prepare()
);
const feedMeetings = prepared((db) =>
	db
		.select({ meeting, seriesTitle: meetingSeries.title, seriesDescription: meetingSeries.description })
		.from(meeting)
		.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
		.where(and(inJson(meeting.seriesId, 'seriesIds'), gte(meeting.startsAt, placeholderFor(meeting.startsAt, 'since'))))
		.orderBy(asc(meeting.startsAt))
		.prepare()
);

/**
 * The feed with an entity tag: a digest of its content, the same as long as no meeting, series or
 * due date in it changed (a request with that tag in If-None-Match is answered 304). The text is
 * built only when the digest is new; DTSTAMP then says when it was built, which RFC 5545 allows.
 */
export function calendarFeedWithTag(db: Db, token: string, baseUrl: string, now = new Date()): { ics: string; etag: string } | null {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = feedOwner(db).get({ tokenHash: sha256Hex(token) });
	if (!row || !row.user.active) return null;
	const actor: Actor = { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
	const ids = visibleSeriesIds(db, actor);
	const since = new Date(now.getTime() - 90 * 86_400_000);
	const rows = ids.length ? feedMeetings(db).all({ seriesIds: JSON.stringify(ids), since }) : [];
	const locale = row.user.locale;
	const dueDates = openDueItems(db, actor).map((a) => ({
		uid: `action-${a.id}@fallkonferenz`,
		dueDate: a.dueDate,
		title: m.calendar_action_due({}, { locale }),
		url: new URL(`/actions/${a.id}`, baseUrl).toString(),
		sequence: a.version
	}));
	const meetings = rows.map((r) => calendarMeeting({ title: r.seriesTitle, description: r.seriesDescription }, r.meeting, baseUrl));
	const etag = `"${sha256Hex(JSON.stringify([actor.id, meetings, dueDates])).slice(0, 32)}"`;
	const cache = feedCache(db);
	const key = `${actor.id}:${etag}`;
	let ics = cache.get(key);
	if (ics === undefined) {
		ics = calendarFeedIcs(meetings, 'Fallkonferenz', dueDates);
		feedStats.built++;
		cache.set(key, ics);
	}
	return { ics, etag };
}
