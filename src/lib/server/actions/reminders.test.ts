import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { DURING, startedMinutes } from '../testing/minutes-fixture';
import { startTestSmtp } from '../testing/smtp';
import { openTestKeysDb } from '../keystore';
import { getMinutes } from '../minutes';
import { addOutcome } from '../minutes/outcomes';
import { outbox } from '../db/schema';
import { meetingSeries } from '../db/schema-meetings';
import { changeActionStatus } from '.';
import { selectReminders, sendReminders } from './reminders';
import { runJob } from '../jobs';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let entryId: number;
let meetingId: number;
const BASE = 'https://fallkonferenz.test';
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	({ meetingId, entryId } = startedMinutes(w, keys));
	w.db.update(meetingSeries).set({ reminderDaysBefore: 3 }).run();
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

function agree(title: string, dueDate: string, assignee: { user?: number; org?: number }): number {
	addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title, assigneeUserId: assignee.user ? String(assignee.user) : '', assigneeOrganisationId: assignee.org ? String(assignee.org) : '', dueDate }, DURING);
	const outcomes = getMinutes(w.db, w.coordinator, meetingId).outcomes;
	return outcomes[outcomes.length - 1].actionItemId!;
}

const mails = () => w.db.select().from(outbox).all().filter((m) => m.subject.includes('Erinnerung') || m.subject.includes('Reminder'));

describe('reminders', () => {
	it('reminds N calendar days before (once) and when overdue (first day, then weekly), one mail per person listing all items, links only', () => {
		const soon = agree('Schutzplan mit der Schule abstimmen', '2026-02-20', { user: w.police.id });
		const later = agree('Bericht schreiben', '2026-03-20', { user: w.police.id });
		const overdue = agree('Gefährdungseinschätzung teilen', '2026-02-10', { user: w.police.id });
		// 17 Feb, 07:00 Berlin: three days before the 20th; the 10th is overdue.
		const day1 = at('2026-02-17T06:00:00Z');
		expect(selectReminders(w.db, day1)).toEqual([{ userId: w.police.id, email: w.police.email, name: w.police.name, locale: 'de', items: [{ id: overdue, kind: 'overdue', dueDate: '2026-02-10' }, { id: soon, kind: 'soon', dueDate: '2026-02-20' }] }]);
		expect(sendReminders(w.db, BASE, day1)).toEqual({ mails: 1, items: 2 });
		const [mail] = mails();
		expect(mail.recipient).toBe(w.police.email);
		expect(mail.body).toContain(`${BASE}/actions/${soon}`);
		expect(mail.body).toContain(`${BASE}/actions/${overdue}`);
		expect(mail.body).toContain('fällig am 20.02.2026');
		expect(mail.body).toContain('überfällig seit 10.02.2026');
		// No content: neither titles nor anything else of the items.
		for (const word of ['Schutzplan', 'Gefährdungseinschätzung', 'Bericht']) expect(mail.body + mail.subject).not.toContain(word);
		expect(mail.body).not.toContain(`/actions/${later}`);
		// The same day again, and the next days: nothing new until the overdue item's week is over.
		expect(sendReminders(w.db, BASE, day1)).toEqual({ mails: 0, items: 0 });
		expect(selectReminders(w.db, at('2026-02-18T06:00:00Z'))).toEqual([]);
		expect(selectReminders(w.db, at('2026-02-23T06:00:00Z')).flatMap((m) => m.items.map((i) => [i.id, i.kind]))).toEqual([[soon, 'overdue']]);
		expect(selectReminders(w.db, at('2026-02-24T06:00:00Z')).flatMap((m) => m.items.map((i) => [i.id, i.kind]))).toEqual([[overdue, 'overdue'], [soon, 'overdue']]);
		// Done items are not reminded of.
		changeActionStatus(w.db, keys, w.police, overdue, { status: 'done', version: 1 }, { ...META, now: at('2026-02-23T09:00:00Z') });
		expect(selectReminders(w.db, at('2026-02-24T06:00:00Z')).flatMap((m) => m.items.map((i) => i.id))).toEqual([soon]);
	});

	it('writes to the members of a responsible organisation, each in their language; none for series set to 0 days before', () => {
		const colleague = w.addUser('polizei2@test.example', ['member'], 'polizei');
		w.db.$client.prepare("UPDATE user SET locale = 'en' WHERE id = ?").run(colleague.id);
		agree('Liste abstimmen', '2026-02-19', { org: w.orgs.polizei });
		const plan = selectReminders(w.db, at('2026-02-17T06:00:00Z'));
		expect(plan.map((p) => [p.email, p.locale]).sort()).toEqual([[colleague.email, 'en'], [w.police.email, 'de']].sort());
		sendReminders(w.db, BASE, at('2026-02-17T06:00:00Z'));
		expect(mails().find((m) => m.recipient === colleague.email)?.body).toContain('due on 19/02/2026');
		w.db.update(meetingSeries).set({ reminderDaysBefore: 0 }).run();
		agree('Andere Liste', '2026-02-18', { org: w.orgs.polizei });
		expect(selectReminders(w.db, at('2026-02-17T06:00:00Z'))).toEqual([]);
	});
});

describe('delivery', () => {
	it('brings the reminder to a real SMTP server, and a server that is down loses nothing', async () => {
		const nodemailer = (await import('nodemailer')).default;
		const { deliverOutbox } = await import('../mail/outbox');
		// Only the reminder is in the outbox (the setup's agenda decision mailed the submitter).
		w.db.delete(outbox).run();
		agree('Bericht schreiben', '2026-02-18', { user: w.police.id });
		sendReminders(w.db, BASE, at('2026-02-17T06:00:00Z'));
		const dead = nodemailer.createTransport({ host: '127.0.0.1', port: 1, secure: false, ignoreTLS: true, connectionTimeout: 300 });
		expect(await deliverOutbox(w.db, dead, undefined, at('2026-02-17T06:00:10Z'))).toEqual({ sent: 0, failed: 1 });
		const smtp = await startTestSmtp();
		try {
			const live = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
			// After the back-off the mail goes out to the server that is up again.
			expect(await deliverOutbox(w.db, live, 'Fallkonferenz <noreply@test.example>', at('2026-02-17T06:02:00Z'))).toEqual({ sent: 1, failed: 0 });
			expect(smtp.received.map((r) => r.to)).toEqual([[w.police.email]]);
			expect(smtp.received[0].raw).toContain('Subject: Erinnerung: Aufgaben aus der Fallkonferenz (1)');
			expect(smtp.received[0].raw).not.toContain('Bericht');
		} finally {
			await smtp.close();
		}
	});
});

describe('the scheduler', () => {
	it('runs a daily job once per Berlin day, also across a restart, unless forced', async () => {
		agree('Bericht schreiben', '2026-02-18', { user: w.police.id });
		expect(await runJob(w.db, 'reminders', { now: at('2026-02-17T06:00:00Z') })).toEqual({ ran: true, result: { mails: 1, items: 1 } });
		// A restart later the same day: 22:30 UTC is 23:30 in Berlin, still the 17th.
		expect(await runJob(w.db, 'reminders', { now: at('2026-02-17T22:30:00Z') })).toEqual({ ran: false });
		expect(mails()).toHaveLength(1);
		expect((await runJob(w.db, 'reminders', { now: at('2026-02-17T22:30:00Z'), force: true })).ran).toBe(true);
		expect(mails()).toHaveLength(1);
		// 23:30 UTC is the 18th in Berlin: a new day; the overdue reminder comes the day after the due date.
		expect(await runJob(w.db, 'reminders', { now: at('2026-02-17T23:30:00Z') })).toEqual({ ran: true, result: { mails: 0, items: 0 } });
		await expect(runJob(w.db, 'nonsense')).rejects.toThrow(/unknown job/);
	});
});

describe('due dates in the calendar feed', () => {
	it('lists my open due dates as all-day entries that say nothing of the item', async () => {
		const { default: ICAL } = await import('ical.js');
		const { regenerateCalendarToken, calendarFeedFor } = await import('../calendar/feed');
		const id = agree('Schutzplan mit der Schule abstimmen', '2026-02-20', { user: w.police.id });
		const closed = agree('Bericht schreiben', '2026-02-21', { user: w.police.id });
		changeActionStatus(w.db, keys, w.police, closed, { status: 'done', version: 1 }, DURING);
		agree('Für das Jugendamt', '2026-02-22', { org: w.orgs.jugendamt });
		const token = regenerateCalendarToken(w.db, w.police, META);
		const feed = calendarFeedFor(w.db, token, BASE, at('2026-02-10T09:00:00Z'))!;
		const todos = ICAL.Component.fromString(feed)
			.getAllSubcomponents('vevent')
			.filter((e) => String(e.getFirstPropertyValue('uid')).startsWith('action-'));
		expect(todos).toHaveLength(1);
		const event = new ICAL.Event(todos[0]);
		expect(event.uid).toBe(`action-${id}@fallkonferenz`);
		expect(event.startDate.isDate).toBe(true);
		expect(event.startDate.toString()).toBe('2026-02-20');
		expect(event.endDate.toString()).toBe('2026-02-21');
		expect(event.summary).toBe('Fällige Aufgabe (Fallkonferenz)');
		expect(String(todos[0].getFirstPropertyValue('url'))).toBe(`${BASE}/actions/${id}`);
		expect(feed).not.toContain('Schutzplan');
	});
});
