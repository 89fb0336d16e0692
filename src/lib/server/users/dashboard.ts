import { eq, sql } from 'drizzle-orm';
import { acceptsSubmissions, isCancelled } from '../meetings/lifecycle';
import type { Db } from '../db';
import { organisation, recoveryCode, session, user } from '../db/schema';
import { prepared } from '../db/prepared';
import { unusedRecoveryCodesOf } from '../auth/totp';
import type { Actor } from '../access';
import { listMeetings } from '../meetings';
import { myAgendaItems } from '../agenda';
import { myActionCounts } from '../actions';

/**
 * How far ahead the start page looks: a dashboard shows the next weeks, not the whole year. Eight
 * weeks hold the next open submission deadline of every monthly series (at most five weeks between
 * meetings plus up to two weeks of deadline).
 */
export const DASHBOARD_WEEKS = 8;

// The account facts of the start page in one prepared query (it was four small ones, each built anew).
const accountFacts = prepared((db) =>
	db
		.select({
			organisationName: organisation.name,
			hasTotp: sql<number>`${user.totpKey} is not null`,
			recoveryCodesLeft: db.$count(recoveryCode, unusedRecoveryCodesOf(user.id)),
			sessions: db.$count(session, eq(session.userId, user.id))
		})
		.from(user)
		.innerJoin(organisation, eq(user.organisationId, organisation.id))
		.where(eq(user.id, sql.placeholder('userId')))
		.prepare()
);

/**
 * What the start page shows a signed-in user about themselves. Bounded whatever the history: the
 * meetings of the next DASHBOARD_WEEKS weeks (at most 50 read), the next open deadlines (among
 * the next 20 meetings), at most 10 own items of upcoming
 * meetings, and counts of the open action items.
 */
export function getDashboard(db: Db, actor: Actor, now = new Date()) {
	const until = new Date(now.getTime() + DASHBOARD_WEEKS * 7 * 86_400_000);
	// One read of the next 50 meetings through the start-time index serves both lists: the meetings
	// of the window, and the next open deadlines among the next 20 meetings however far ahead (a
	// cancelled or moved meeting can push the next one beyond the window).
	const next = listMeetings(db, actor, { from: now, limit: 50 });
	const upcoming = next.filter((mt) => mt.startsAt < until && !isCancelled(mt.status));
	const soon = next.slice(0, 20);
	const facts = accountFacts(db).get({ userId: actor.id });
	return {
		weeks: DASHBOARD_WEEKS,
		organisationName: facts?.organisationName ?? '',
		roles: actor.roles,
		recoveryCodesLeft: Number(facts?.recoveryCodesLeft ?? 0),
		hasTotp: !!facts?.hasTotp,
		sessions: Number(facts?.sessions ?? 0),
		nextMeetings: upcoming.slice(0, 5),
		deadlines: soon.filter((mt) => acceptsSubmissions(mt.status) && mt.deadline > now).slice(0, 5),
		myItems: myAgendaItems(db, actor, now, 10),
		actions: myActionCounts(db, actor, now)
	};
}
