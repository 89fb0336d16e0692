/**
 * Mails about agenda items, in the recipient's language, with a link and no item text: the
 * submitter hears of the decision on their item (the reason of a rejection, the date a deferred item
 * moves to); each coordinator gets one mail a day listing the new proposals of their series.
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { jobRun, user } from '../db/schema';
import { agendaItem, meeting, meetingSeries, seriesMember } from '../db/schema-meetings';
import type { Actor } from '../access';
import { queueMail } from '../mail/outbox';
import { appBaseUrl } from '../config';
import { m } from '../../paraglide/messages.js';

type Decision = { decision: 'accepted' } | { decision: 'rejected'; reason: string } | { decision: 'deferred'; to: { id: number; startsAt: Date } };

function day(d: Date, locale: 'de' | 'en'): string {
	return d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** Tells the submitter what became of their item (not when they decided on it themselves). */
export function notifySubmitter(tx: Tx, actor: Actor, item: { submittedBy: number }, mt: { id: number; startsAt: Date; seriesId: number }, d: Decision): void {
	if (item.submittedBy === actor.id) return;
	const to = tx.select({ email: user.email, name: user.name, locale: user.locale, active: user.active }).from(user).where(eq(user.id, item.submittedBy)).get();
	if (!to?.active) return;
	const locale = to.locale;
	const series = tx.select({ title: meetingSeries.title }).from(meetingSeries).where(eq(meetingSeries.id, mt.seriesId)).get()?.title ?? '';
	const date = day(mt.startsAt, locale);
	const link = new URL(`/meetings/${d.decision === 'deferred' ? d.to.id : mt.id}/agenda`, appBaseUrl()).toString();
	const outcome =
		d.decision === 'accepted'
			? m.mail_item_accepted({}, { locale })
			: d.decision === 'rejected'
				? m.mail_item_rejected({ reason: d.reason }, { locale })
				: m.mail_item_deferred({ date: day(d.to.startsAt, locale) }, { locale });
	queueMail(tx, {
		to: to.email,
		subject: m.mail_item_decided_subject({ title: series, date }, { locale }),
		body: m.mail_item_decided_body({ name: to.name, title: series, date, outcome, link }, { locale })
	});
}

/**
 * The daily digest for coordinators: proposals waiting for a decision that arrived since the last
 * digest (or the last 24 hours), counted per meeting, with links. One mail per coordinator.
 */
export function sendProposalDigest(db: Db, baseUrl: string, now = new Date()): { mails: number; proposals: number } {
	const previous = db
		.select({ startedAt: jobRun.startedAt })
		.from(jobRun)
		.where(and(eq(jobRun.name, 'proposal-digest')))
		.all()
		.map((r) => r.startedAt.getTime())
		.filter((t) => t < now.getTime() - 60_000)
		.sort((a, b) => b - a)[0];
	const since = new Date(previous ?? now.getTime() - 86_400_000);
	const rows = db
		.select({ meetingId: meeting.id, startsAt: meeting.startsAt, seriesId: meeting.seriesId, seriesTitle: meetingSeries.title })
		.from(agendaItem)
		.innerJoin(meeting, eq(agendaItem.meetingId, meeting.id))
		.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
		.where(and(eq(agendaItem.status, 'proposed'), gte(agendaItem.createdAt, since), inArray(meeting.status, ['planned', 'agenda_published'])))
		.all();
	if (!rows.length) return { mails: 0, proposals: 0 };
	const coordinators = db
		.select({ seriesId: seriesMember.seriesId, email: user.email, name: user.name, locale: user.locale, id: user.id })
		.from(seriesMember)
		.innerJoin(user, eq(seriesMember.userId, user.id))
		.where(and(eq(seriesMember.role, 'coordinator'), eq(user.active, true), inArray(seriesMember.seriesId, [...new Set(rows.map((r) => r.seriesId))])))
		.all();
	let mails = 0;
	for (const c of new Map(coordinators.map((c) => [c.id, c])).values()) {
		const mine = rows.filter((r) => coordinators.some((x) => x.id === c.id && x.seriesId === r.seriesId));
		const perMeeting = new Map<number, { count: number; startsAt: Date; seriesTitle: string }>();
		for (const r of mine) perMeeting.set(r.meetingId, { count: (perMeeting.get(r.meetingId)?.count ?? 0) + 1, startsAt: r.startsAt, seriesTitle: r.seriesTitle });
		const lines = [...perMeeting].map(([id, p]) => m.mail_digest_line({ count: p.count, title: p.seriesTitle, date: day(p.startsAt, c.locale), link: new URL(`/meetings/${id}/agenda`, baseUrl).toString() }, { locale: c.locale }));
		queueMail(db, { to: c.email, subject: m.mail_digest_subject({ count: mine.length }, { locale: c.locale }), body: m.mail_digest_body({ name: c.name, lines: lines.join('\n') }, { locale: c.locale }) });
		mails++;
	}
	return { mails, proposals: rows.length };
}
