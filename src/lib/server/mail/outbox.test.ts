import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { startTestSmtp } from '../testing/smtp';
import { setupDb, type TestWorld } from '../testing/fixtures';
import { deliverOutbox, listOutbox, outboxAttachment, queueMail, resendMail, MAX_ATTEMPTS, retryDelayMs } from './outbox';
import { ForbiddenError, NotFoundError } from '../errors';
import { outbox } from '../db/schema';

let w: TestWorld;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let received: { to: string[]; raw: string }[];
let port: number;

beforeEach(async () => {
	w = await setupDb();
	smtp = await startTestSmtp();
	({ received, port } = smtp);
});
afterEach(async () => {
	await smtp.close();
	w.cleanup();
});

describe('outbox', () => {
	it('delivers queued mail, with a calendar attachment, to a real SMTP server', async () => {
		queueMail(w.db, { to: 'a@test.example', subject: 'Einladung', body: 'Hallo Welt' });
		queueMail(w.db, {
			to: 'b@test.example',
			subject: 'Sitzung',
			body: 'Termin',
			attachments: [{ filename: 'sitzung.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', method: 'REQUEST' }]
		});
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
		expect(await deliverOutbox(w.db, transport, 'Fallkonferenz <noreply@test.example>')).toEqual({ sent: 2, failed: 0 });
		expect(received.map((r) => r.to)).toEqual([['a@test.example'], ['b@test.example']]);
		expect(received[0].raw).toContain('Subject: Einladung');
		expect(received[1].raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
		expect(w.db.select().from(outbox).all().every((m) => m.status === 'sent' && m.sentAt)).toBe(true);
		// Nothing is sent twice.
		expect(await deliverOutbox(w.db, transport)).toEqual({ sent: 0, failed: 0 });
	});

	it('keeps mail queued when the server is down and gives up after the maximum attempts', async () => {
		queueMail(w.db, { to: 'a@test.example', subject: 'S', body: 'B' });
		const dead = nodemailer.createTransport({ host: '127.0.0.1', port: 1, secure: false, ignoreTLS: true, connectionTimeout: 500 });
		let now = new Date('2026-03-01T08:00:00Z');
		expect((await deliverOutbox(w.db, dead, undefined, now)).failed).toBe(1);
		// Back-off: not again after 30 seconds, but after the minute.
		expect(await deliverOutbox(w.db, dead, undefined, new Date(now.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
		for (let i = 1; i < MAX_ATTEMPTS; i++) {
			now = new Date(now.getTime() + retryDelayMs(i));
			expect((await deliverOutbox(w.db, dead, undefined, now)).failed).toBe(1);
		}
		expect(retryDelayMs(1)).toBe(60_000);
		expect(retryDelayMs(30)).toBe(6 * 3_600_000);
		const mail = listOutbox(w.db, w.admin)[0];
		expect(mail.status).toBe('failed');
		expect(mail.attempts).toBe(MAX_ATTEMPTS);
		expect(mail.lastError).toBeTruthy();
	});

	it('lets an administrator download an attachment and send a failed mail again; nobody else', async () => {
		const id = queueMail(w.db, { to: 'a@test.example', subject: 'S', body: 'B', attachments: [{ filename: 'sitzung.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR', method: 'REQUEST' }] });
		expect(outboxAttachment(w.db, w.admin, id, 0)).toMatchObject({ filename: 'sitzung.ics', content: 'BEGIN:VCALENDAR' });
		expect(() => outboxAttachment(w.db, w.admin, id, 1)).toThrow(NotFoundError);
		expect(() => outboxAttachment(w.db, w.coordinator, id, 0)).toThrow(ForbiddenError);
		expect(() => resendMail(w.db, w.admin, id, { ip: null })).toThrow(expect.objectContaining({ code: 'mail_not_failed' }));
		w.db.update(outbox).set({ status: 'failed', attempts: MAX_ATTEMPTS }).run();
		expect(() => resendMail(w.db, w.coordinator, id, { ip: null })).toThrow(ForbiddenError);
		resendMail(w.db, w.admin, id, { ip: null });
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
		expect(await deliverOutbox(w.db, transport)).toEqual({ sent: 1, failed: 0 });
	});
});
