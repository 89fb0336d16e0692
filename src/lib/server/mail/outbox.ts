import { desc, eq, and, lt } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { outbox } from '../db/schema';
import type { Db, Tx } from '../db';
import { config } from '../config';
import { assertCan, type Actor } from '../access';

export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
	/** iTIP method for calendar attachments (REQUEST, CANCEL). */
	method?: string;
}

export interface MailInput {
	to: string;
	subject: string;
	body: string;
	attachments?: MailAttachment[];
}

/** Mail goes into the outbox inside the caller's transaction; a worker delivers it. */
export function queueMail(db: Db | Tx, mail: MailInput): number {
	return db
		.insert(outbox)
		.values({ recipient: mail.to, subject: mail.subject, body: mail.body, attachments: mail.attachments ?? [] })
		.returning({ id: outbox.id })
		.get().id;
}

export function listOutbox(db: Db, actor: Actor, limit = 100) {
	assertCan(actor, 'outbox.read');
	return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit).all();
}

export const MAX_ATTEMPTS = 5;

/** Sends what is queued; failures stay queued until MAX_ATTEMPTS, then are marked failed. */
export async function deliverOutbox(db: Db, transport: Transporter, from = config().mailFrom): Promise<{ sent: number; failed: number }> {
	const queued = db
		.select()
		.from(outbox)
		.where(and(eq(outbox.status, 'queued'), lt(outbox.attempts, MAX_ATTEMPTS)))
		.orderBy(outbox.id)
		.limit(50)
		.all();
	let sent = 0;
	let failed = 0;
	for (const mail of queued) {
		try {
			const calendar = mail.attachments.find((a) => a.method);
			await transport.sendMail({
				from,
				to: mail.recipient,
				subject: mail.subject,
				text: mail.body,
				attachments: mail.attachments.filter((a) => a !== calendar).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
				icalEvent: calendar ? { method: calendar.method, content: calendar.content } : undefined
			});
			db.update(outbox).set({ status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(outbox.id, mail.id)).run();
			sent++;
		} catch (err) {
			const attempts = mail.attempts + 1;
			db.update(outbox)
				.set({ attempts, lastError: String((err as Error).message).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued' })
				.where(eq(outbox.id, mail.id))
				.run();
			failed++;
		}
	}
	return { sent, failed };
}

let timer: NodeJS.Timeout | null = null;

/** Starts the delivery loop when SMTP_URL is set; without it mail stays in the outbox (admin page). */
export function startMailer(db: Db): void {
	const url = config().smtpUrl;
	if (!url || timer) return;
	const transport = nodemailer.createTransport(url);
	let running = false;
	timer = setInterval(() => {
		if (running) return;
		running = true;
		deliverOutbox(db, transport)
			.catch((err) => console.error('mail delivery failed', err))
			.finally(() => (running = false));
	}, 10_000);
	timer.unref();
}
