import { lt } from 'drizzle-orm';
import type { Db } from './db';
import { loginThrottle } from './db/schema';
import { deleteExpiredSessions } from './auth/session';
import { THROTTLE } from './auth/throttle';

/** Housekeeping that needs no user: expired sessions and stale throttle entries. */
export function runMaintenance(db: Db, now = new Date()): { sessions: number; throttles: number } {
	const sessions = deleteExpiredSessions(db, now);
	const throttles = db
		.delete(loginThrottle)
		.where(lt(loginThrottle.updatedAt, new Date(now.getTime() - THROTTLE.windowSeconds * 1000)))
		.run().changes;
	return { sessions, throttles };
}

let timer: NodeJS.Timeout | null = null;

export function startMaintenance(db: Db): void {
	if (timer) return;
	runMaintenance(db);
	timer = setInterval(() => runMaintenance(db), 60 * 60 * 1000);
	timer.unref();
}
