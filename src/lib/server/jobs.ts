/**
 * The one scheduler of the server process (croner, Europe/Berlin): every recurring job is listed
 * here with its schedule, instead of separate setInterval loops. Daily jobs claim their Berlin
 * calendar day in `job_run` before they run, so a restart, a second process or `npm run jobs`
 * never runs them twice on one day; a daily job missed while the server was down runs at start.
 *
 * The Wiedervorlage needs no job: open items are listed on every later agenda as they are.
 */
import { Cron } from 'croner';
import nodemailer from 'nodemailer';
import { and, eq } from 'drizzle-orm';
import type { Db } from './db';
import { jobRun } from './db/schema';
import { getKeysDb } from './keystore';
import { appBaseUrl, config } from './config';
import { runDailyRetention, runMaintenance } from './maintenance';
import { anchorAndReport, logAuditHead } from './audit/anchor';
import { extendAllSeries } from './meetings';
import { berlinDateKey } from './meetings/time';
import { sendReminders } from './actions/reminders';
import { sendProposalDigest } from './agenda/notifications';
import { deliverOutbox } from './mail/outbox';

export interface JobContext {
	db: Db;
	now: Date;
}

interface Job {
	/** croner pattern (seconds optional), in Europe/Berlin. */
	schedule: string;
	/** Daily jobs run at most once per Berlin calendar day. */
	daily: boolean;
	run(ctx: JobContext): unknown | Promise<unknown>;
}


let transport: ReturnType<typeof nodemailer.createTransport> | null = null;

export const JOBS: Record<string, Job> = {
	reminders: { schedule: '0 7 * * *', daily: true, run: ({ db, now }) => sendReminders(db, appBaseUrl(), now) },
	'proposal-digest': { schedule: '0 8 * * *', daily: true, run: ({ db, now }) => sendProposalDigest(db, appBaseUrl(), now) },
	'series-extension': { schedule: '0 2 * * *', daily: true, run: ({ db, now }) => ({ meetings: extendAllSeries(db, now) }) },
	retention: { schedule: '30 3 * * *', daily: true, run: ({ db, now }) => runDailyRetention(db, getKeysDb(), now) },
	maintenance: { schedule: '15 * * * *', daily: false, run: ({ db, now }) => runMaintenance(db, now) },
	// The audit chain's newest event, recorded in keys.db every minute and in the log once a day.
	'audit-anchor': { schedule: '0 * * * * *', daily: false, run: ({ db, now }) => anchorAndReport(db, getKeysDb(), now).status },
	'audit-head': { schedule: '5 0 * * *', daily: true, run: ({ db }) => logAuditHead(db) },
	// Every 10 seconds; without SMTP_URL mail stays in the outbox (admin page). Retries: see outbox.ts.
	outbox: {
		schedule: '*/10 * * * * *',
		daily: false,
		run: ({ db }) => {
			const url = config().smtpUrl;
			if (!url) return { sent: 0, failed: 0, skipped: 'SMTP_URL not set' };
			transport ??= nodemailer.createTransport(url);
			return deliverOutbox(db, transport);
		}
	}
};

export type JobName = keyof typeof JOBS;

/** Claims today's run of a daily job; false when it ran (or is running) already today. */
function claim(db: Db, name: string, now: Date): string | null {
	const runKey = berlinDateKey(now);
	const inserted = db.insert(jobRun).values({ name, runKey, startedAt: now }).onConflictDoNothing().run().changes;
	return inserted ? runKey : null;
}

/**
 * Runs one job now. A daily job that already ran today is skipped (`ran: false`) unless `force`;
 * the outcome is recorded. Errors are recorded and re-thrown for the caller (the CLI exits 1).
 */
export async function runJob(db: Db, name: string, opts: { now?: Date; force?: boolean } = {}): Promise<{ ran: boolean; result?: unknown }> {
	const job = JOBS[name];
	if (!job) throw new Error(`unknown job "${name}" (known: ${Object.keys(JOBS).join(', ')})`);
	const now = opts.now ?? new Date();
	let runKey: string | null = null;
	if (job.daily) {
		runKey = claim(db, name, now);
		if (!runKey && !opts.force) return { ran: false };
	}
	try {
		const result = await job.run({ db, now });
		if (runKey) db.update(jobRun).set({ finishedAt: new Date(), result: result ?? null }).where(and(eq(jobRun.name, name), eq(jobRun.runKey, runKey))).run();
		return { ran: true, result };
	} catch (e) {
		if (runKey) db.update(jobRun).set({ finishedAt: new Date(), error: String((e as Error).message).slice(0, 500) }).where(and(eq(jobRun.name, name), eq(jobRun.runKey, runKey))).run();
		throw e;
	}
}

const crons: Cron[] = [];

/** After start, before the catch-up of missed daily jobs: the server answers first. */
export const CATCH_UP_DELAY_MS = 3000;

/** Starts every job on its schedule; daily jobs not yet run today run shortly after start. */
export function startScheduler(db: Db, opts: { catchUpDelayMs?: number } = {}): void {
	if (crons.length) return;
	const catchUp: (() => Promise<void>)[] = [];
	for (const [name, job] of Object.entries(JOBS)) {
		const fire = async (): Promise<void> => {
			try {
				await runJob(db, name);
			} catch (e) {
				console.error(`Job ${name} fehlgeschlagen:`, e);
			}
		};
		// protect: a slow run is not started again while the previous one is still running.
		crons.push(new Cron(job.schedule, { timezone: 'Europe/Berlin', protect: true, unref: true }, fire));
		if (job.daily || name === 'maintenance') catchUp.push(fire);
	}
	// On ten years of data the catch-up takes a few hundred milliseconds; it must not delay the
	// first answer (the reverse proxy's health check waits for it), so it runs once the server listens.
	setTimeout(() => {
		void (async () => {
			for (const fire of catchUp) await fire();
		})();
	}, opts.catchUpDelayMs ?? CATCH_UP_DELAY_MS).unref();
}

export function stopScheduler(): void {
	for (const c of crons.splice(0)) c.stop();
}
