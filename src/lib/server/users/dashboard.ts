import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { organisation } from '../db/schema';
import type { Actor } from '../access';
import { countUnusedRecoveryCodes } from '../auth/totp';
import { listUserSessions } from '../auth/session';

/** What the start page shows a signed-in user about themselves. */
export function getDashboard(db: Db, actor: Actor) {
	const org = db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, actor.organisationId)).get();
	return {
		organisationName: org?.name ?? '',
		roles: actor.roles,
		recoveryCodesLeft: countUnusedRecoveryCodes(db, actor.id),
		sessions: listUserSessions(db, actor.id).length
	};
}
