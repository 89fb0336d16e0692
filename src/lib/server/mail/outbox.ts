import { desc, eq, and, isNull, lt, lte, or } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { outbox } from '../db/schema';
import type { Db, Tx } from '../db';
import { config } from '../config';
import { assertCan, type Actor } from '../access';
import { DomainError, NotFoundError } from '../errors';
import { recordAuditEvent } from '../audit';
import type { RequestMeta } from '../auth/login';

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

/**
 * A mail server that is down for a while loses nothing: a failed mail is retried after 1, 2, 4 …
 * minutes, at most every 6 hours, for MAX_ATTEMPTS attempts (about two and a half days) before it
 * is marked failed (the admin sees it in the outbox).
 */
export const MAX_ATTEMPTS = 15;
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** Sends what is queued and due; failures wait for their back-off until MAX_ATTEMPTS, then are marked failed. */
export async function deliverOutbox(db: Db, transport: Transporter, from = config().mailFrom, now = new Date()): Promise<{ sent: number; failed: number }> {
	const queued = db
		.select()
		.from(outbox)
		.where(and(eq(outbox.status, 'queued'), lt(outbox.attempts, MAX_ATTEMPTS), or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now))))
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
				.set({ attempts, lastError: String((err as Error).message).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
				.where(eq(outbox.id, mail.id))
				.run();
			failed++;
		}
	}
	return { sent, failed };
}

/** One attachment of a queued or sent mail (e.g. the .ics of an invitation), for administrators. */
export function outboxAttachment(db: Db, actor: Actor, id: number, index: number): MailAttachment {
	assertCan(actor, 'outbox.read');
	const mail = db.select({ attachments: outbox.attachments }).from(outbox).where(eq(outbox.id, id)).get();
	const attachment = mail?.attachments[index];
	if (!attachment) throw new NotFoundError();
	return attachment;
}

/** "Send again" for a mail that failed: queued once more, attempts counted from zero. */
export function resendMail(db: Db, actor: Actor, id: number, meta: RequestMeta): void {
	assertCan(actor, 'outbox.read');
	db.transaction((tx) => {
		const mail = tx.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id)).get();
		if (!mail) throw new NotFoundError();
		if (mail.status !== 'failed') throw new DomainError('mail_not_failed', 409);
		tx.update(outbox).set({ status: 'queued', attempts: 0, nextAttemptAt: null }).where(eq(outbox.id, id)).run();
		recordAuditEvent(tx, { type: 'mail.resend', actorId: actor.id, actorEmail: actor.email, subjectType: 'outbox', subjectId: id, ip: meta.ip });
	});
}
