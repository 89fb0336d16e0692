import { eq } from 'drizzle-orm';
import { acceptsSubmissions, isCancelled } from '../meetings/lifecycle';
import type { Db } from '../db';
import { organisation, user } from '../db/schema';
import type { Actor } from '../access';
import { countUnusedRecoveryCodes } from '../auth/totp';
import { listUserSessions } from '../auth/session';
import { listMeetings } from '../meetings';
import { myAgendaItems } from '../agenda';
import { myActionCounts } from '../actions';

/** What the start page shows a signed-in user about themselves. */
export function getDashboard(db: Db, actor: Actor, now = new Date()) {
	const upcoming = listMeetings(db, actor, { from: now, limit: 50 }).filter((mt) => !isCancelled(mt.status));
	const org = db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, actor.organisationId)).get();
	return {
		organisationName: org?.name ?? '',
		roles: actor.roles,
		recoveryCodesLeft: countUnusedRecoveryCodes(db, actor.id),
		hasTotp: db.select({ key: user.totpKey }).from(user).where(eq(user.id, actor.id)).get()?.key != null,
		sessions: listUserSessions(db, actor.id).length,
		nextMeetings: upcoming.slice(0, 5),
		deadlines: upcoming.filter((mt) => acceptsSubmissions(mt.status) && mt.deadline > now).slice(0, 5),
		myItems: myAgendaItems(db, actor, now).slice(0, 10),
		actions: myActionCounts(db, actor, now)
	};
}
