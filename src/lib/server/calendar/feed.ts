import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db';
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

/** The feed for a token: every meeting (from 90 days back) of every series the owner belongs to, cancellations included. */
export function calendarFeedFor(db: Db, token: string, baseUrl: string, now = new Date()): string | null {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = db
		.select({ user: userTable, kind: organisation.kind })
		.from(calendarFeed)
		.innerJoin(userTable, eq(calendarFeed.userId, userTable.id))
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.where(eq(calendarFeed.tokenHash, sha256Hex(token)))
		.get();
	if (!row || !row.user.active) return null;
	const actor: Actor = { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
	const ids = visibleSeriesIds(db, actor);
	const since = new Date(now.getTime() - 90 * 86_400_000);
	const rows = ids.length
		? db
				.select({ meeting, series: meetingSeries })
				.from(meeting)
				.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
				.where(and(inArray(meeting.seriesId, ids), gte(meeting.startsAt, since)))
				.orderBy(asc(meeting.startsAt))
				.all()
		: [];
	const locale = row.user.locale;
	const dueDates = openDueItems(db, actor).map((a) => ({
		uid: `action-${a.id}@fallkonferenz`,
		dueDate: a.dueDate,
		title: m.calendar_action_due({}, { locale }),
		url: new URL(`/actions/${a.id}`, baseUrl).toString(),
		sequence: a.version
	}));
	return calendarFeedIcs(
		rows.map((r) => calendarMeeting(r.series, r.meeting, baseUrl)),
		'Fallkonferenz',
		dueDates
	);
}
