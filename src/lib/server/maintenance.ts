import { lt } from 'drizzle-orm';
import type { Db } from './db';
import { loginThrottle } from './db/schema';
import { deleteExpiredSessions } from './auth/session';
import { THROTTLE } from './auth/throttle';
import type { KeysDb } from './keystore';
import { runKeyRetention, type RetentionReport } from './cases';

/** Housekeeping that needs no user: expired sessions and stale throttle entries. */
export function runMaintenance(db: Db, now = new Date()): { sessions: number; throttles: number } {
	const sessions = deleteExpiredSessions(db, now);
	const throttles = db
		.delete(loginThrottle)
		.where(lt(loginThrottle.updatedAt, new Date(now.getTime() - THROTTLE.windowSeconds * 1000)))
		.run().changes;
	return { sessions, throttles };
}

/** The daily retention run: key data of cases closed longer than KEY_RETENTION_DAYS are deleted. */
export function runDailyRetention(db: Db, keysDb: KeysDb, now = new Date()): RetentionReport | null {
	try {
		const report = runKeyRetention(db, keysDb, { now });
		if (report.deleted.length || report.orphans) {
			console.log(`Löschfrist: Schlüsseldaten von ${report.deleted.length} Fällen gelöscht (${report.deleted.map((d) => d.code).join(', ') || '–'}), ${report.orphans} verwaiste Einträge.`);
		}
		return report;
	} catch (e) {
		// A failed run is retried the next day (or by `npm run retention`); it must not stop the server.
		console.error('Löschfrist: Lauf fehlgeschlagen', e);
		return null;
	}
}
