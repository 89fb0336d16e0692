/**
 * Reminder mails for action items. Once a day (the scheduler's "reminders" job), every open item
 * with a due date is looked at in Berlin calendar days:
 *  - "soon": the due date is at most the series' `reminderDaysBefore` days away (once per item);
 *  - "overdue": the due date has passed (on the first day, then every 7 days while it stays open).
 * Each person gets at most one mail per run, listing all their items as links with the due date;
 * the mail carries no title, no case code and no text (links only). Recipients are the responsible
 * person, or when only an organisation is responsible, its members in the series. The sent
 * reminders are recorded in the same transaction as the queued mails, so nothing is sent twice;
 * delivery, retries and back-off are the outbox's.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { actionItem, actionReminder, meetingSeries } from '../db/schema-meetings';
import { queueMail } from '../mail/outbox';
import { seriesParticipants } from '../meetings';
import { recordAuditEvent } from '../audit';
import { m as msg } from '../../paraglide/messages.js';
import { OPEN_STATUSES, todayKey } from '.';

export const OVERDUE_REPEAT_DAYS = 7;

function dayNumber(key: string): number {
	return Math.round(Date.parse(`${key}T00:00:00Z`) / 86_400_000);
}

function germanOrEnglishDate(key: string, locale: 'de' | 'en'): string {
	const [y, mo, d] = key.split('-');
	return locale === 'en' ? `${d}/${mo}/${y}` : `${d}.${mo}.${y}`;
}

export interface ReminderItem {
	id: number;
	kind: 'soon' | 'overdue';
	dueDate: string;
}

export interface ReminderMail {
	userId: number;
	email: string;
	name: string;
	locale: 'de' | 'en';
	items: ReminderItem[];
}

/** Which reminders are due today, per recipient. Reads only. */
export function selectReminders(db: Db | Tx, now = new Date()): ReminderMail[] {
	const today = todayKey(now);
	const todayN = dayNumber(today);
	const rows = db
		.select({ id: actionItem.id, dueDate: actionItem.dueDate, seriesId: actionItem.seriesId, userId: actionItem.assigneeUserId, organisationId: actionItem.assigneeOrganisationId, daysBefore: meetingSeries.reminderDaysBefore })
		.from(actionItem)
		.innerJoin(meetingSeries, eq(actionItem.seriesId, meetingSeries.id))
		.where(and(inArray(actionItem.status, OPEN_STATUSES), isNotNull(actionItem.dueDate), eq(meetingSeries.active, true)))
		.all();
	if (!rows.length) return [];
	const recentFrom = new Date((todayN - OVERDUE_REPEAT_DAYS) * 86_400_000).toISOString().slice(0, 10);
	const sent = db
		.select()
		.from(actionReminder)
		.where(inArray(actionReminder.actionItemId, rows.map((r) => r.id)))
		.all();
	const soonSent = new Set(sent.filter((s) => s.kind === 'soon').map((s) => s.actionItemId));
	const overdueRecently = new Set(sent.filter((s) => s.kind === 'overdue' && s.day > recentFrom).map((s) => s.actionItemId));

	const participants = new Map<number, ReturnType<typeof seriesParticipants>>();
	const mails = new Map<number, ReminderMail>();
	for (const r of rows) {
		const due = dayNumber(r.dueDate!);
		let kind: ReminderItem['kind'] | null = null;
		if (due < todayN) kind = overdueRecently.has(r.id) ? null : 'overdue';
		else if (r.daysBefore > 0 && due - todayN <= r.daysBefore && !soonSent.has(r.id)) kind = 'soon';
		if (!kind) continue;
		if (!participants.has(r.seriesId)) participants.set(r.seriesId, seriesParticipants(db, r.seriesId));
		const people = participants.get(r.seriesId)!;
		// The responsible person; only when none is named, the members of the responsible organisation.
		const recipients = r.userId !== null ? people.filter((p) => p.id === r.userId) : people.filter((p) => p.organisationId === r.organisationId);
		for (const p of recipients) {
			const mail = mails.get(p.id) ?? { userId: p.id, email: p.email, name: p.name, locale: p.locale, items: [] };
			mail.items.push({ id: r.id, kind, dueDate: r.dueDate! });
			mails.set(p.id, mail);
		}
	}
	for (const mail of mails.values()) mail.items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
	return [...mails.values()];
}

/** Queues today's reminder mails and records them, in one transaction. */
export function sendReminders(db: Db, baseUrl: string, now = new Date()): { mails: number; items: number } {
	const today = todayKey(now);
	return db.transaction((tx) => {
		const plan = selectReminders(tx, now);
		const recorded = new Set<string>();
		for (const mail of plan) {
			const lines = mail.items.map((i) => {
				const link = new URL(`/actions/${i.id}`, baseUrl).toString();
				const date = germanOrEnglishDate(i.dueDate, mail.locale);
				return i.kind === 'soon' ? msg.mail_reminder_line_soon({ date, link }, { locale: mail.locale }) : msg.mail_reminder_line_overdue({ date, link }, { locale: mail.locale });
			});
			queueMail(tx, {
				to: mail.email,
				subject: msg.mail_reminder_subject({ count: mail.items.length }, { locale: mail.locale }),
				body: msg.mail_reminder_body({ name: mail.name, lines: lines.join('\n'), overview: new URL('/actions', baseUrl).toString() }, { locale: mail.locale })
			});
			for (const i of mail.items) {
				const key = `${i.id}|${i.kind}`;
				if (recorded.has(key)) continue;
				recorded.add(key);
				tx.insert(actionReminder).values({ actionItemId: i.id, kind: i.kind, day: today }).onConflictDoNothing().run();
			}
		}
		if (plan.length) recordAuditEvent(tx, { type: 'action.reminders_sent', details: { mails: plan.length, items: recorded.size, day: today } });
		return { mails: plan.length, items: recorded.size };
	});
}

/** The reminders recorded for an item (kind and day). */
export function remindersOf(db: Db, actionItemId: number) {
	return db.select().from(actionReminder).where(eq(actionReminder.actionItemId, actionItemId)).all();
}
