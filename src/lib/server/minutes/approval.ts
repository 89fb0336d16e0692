/**
 * From draft to approved minutes: submitted for review (members comment per item until a date the
 * coordinator sets), approved by a coordinator (optionally "genehmigt in der Sitzung vom …") and
 * locked. Each approval freezes a version as a snapshot; a correction after approval reopens the
 * draft with a reason and the next approval becomes the next version. Versions are compared word
 * by word.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { prepared } from '../db/prepared';
import { caseFile, organisation, user } from '../db/schema';
import { agendaItem, meeting, meetingSeries, minutes, minutesAttendance, minutesComment, minutesEntry, minutesGuest, minutesVersion } from '../db/schema-meetings';
import { accessFirst, assertCan, can, type Actor } from '../access';
import { DomainError, NotFoundError, ValidationError, parseInput } from '../errors';
import type { RequestMeta } from '../auth/login';
import { recordAuditEvent } from '../audit';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { reviewFreeText } from '../pii/protect';
import type { FindingDecision } from '../pii/review';
import { queueMail } from '../mail/outbox';
import { loadMeeting, seriesParticipants } from '../meetings';
import { nextStatus } from '../meetings/lifecycle';
import { berlinDateKey } from '../meetings/time';
import { isoDateSchema } from '../validation';
import { m as msg } from '../../paraglide/messages.js';
import { fmtCalendarDate, fmtDate, fmtTime, fmtTop } from '../../format';
import { actionStatusLabel, outcomeKindLabel, voteLabel } from '../../action-labels';
import { minutesPresenceLabel } from '../../meeting-labels';
import { localisePlaceholders } from '../../placeholders';
import { lifecycleActors, loadMinutes, minutesResource, roleIn } from './common';
import { followUpsRecorded, outcomesOf } from './outcomes';
import type { MinutesSnapshot } from '../../minutes-snapshot';

export type { MinutesSnapshot };

export function buildSnapshot(db: Db | Tx, meetingId: number): MinutesSnapshot {
	const mt = loadMeeting(db, meetingId);
	const series = db.select({ title: meetingSeries.title }).from(meetingSeries).where(eq(meetingSeries.id, mt.seriesId)).get();
	const m = loadMinutes(db, meetingId);
	const taker = m?.minuteTakerId ? db.select({ name: user.name }).from(user).where(eq(user.id, m.minuteTakerId)).get() : undefined;
	const attendance = db
		.select({ name: user.name, organisation: organisation.name, presence: minutesAttendance.presence, arrivedAt: minutesAttendance.arrivedAt, leftAt: minutesAttendance.leftAt })
		.from(minutesAttendance)
		.innerJoin(user, eq(minutesAttendance.userId, user.id))
		.innerJoin(organisation, eq(user.organisationId, organisation.id))
		.where(eq(minutesAttendance.meetingId, meetingId))
		.all()
		.sort((a, b) => a.organisation.localeCompare(b.organisation, 'de') || a.name.localeCompare(b.name, 'de'));
	const guests = db.select({ organisation: minutesGuest.organisation, function: minutesGuest.function }).from(minutesGuest).where(eq(minutesGuest.meetingId, meetingId)).orderBy(asc(minutesGuest.id)).all();
	const outcomes = outcomesOf(db, meetingId);
	const entries = db
		.select({ id: minutesEntry.id, topLabel: minutesEntry.topLabel, notes: minutesEntry.notes, title: agendaItem.title, caseCode: caseFile.code })
		.from(minutesEntry)
		.innerJoin(agendaItem, eq(minutesEntry.agendaItemId, agendaItem.id))
		.leftJoin(caseFile, eq(agendaItem.caseId, caseFile.id))
		.where(eq(minutesEntry.meetingId, meetingId))
		.orderBy(asc(minutesEntry.position))
		.all()
		.map((e) => ({
			topLabel: e.topLabel,
			title: e.title,
			caseCode: e.caseCode,
			notes: e.notes,
			outcomes: outcomes
				.filter((o) => o.entryId === e.id)
				.map((o) => ({
					kind: o.kind,
					text: o.kind === 'action' ? (o.actionTitle ?? '') : o.text,
					vote: o.vote,
					votesFor: o.votesFor,
					votesAgainst: o.votesAgainst,
					votesAbstain: o.votesAbstain,
					assignee: [o.assigneeName, o.assigneeOrganisationName].filter(Boolean).join(', ') || null,
					dueDate: o.actionDueDate
				}))
		}));
	return {
		seriesTitle: series?.title ?? '',
		startsAt: mt.startsAt.toISOString(),
		endsAt: mt.endsAt.toISOString(),
		place: mt.place,
		minuteTaker: taker?.name ?? null,
		attendance,
		guests,
		entries,
		followUps: followUpsRecorded(db, meetingId).map((f) => ({ topLabel: f.topLabel, title: f.title, status: f.status, note: f.note }))
	};
}

/**
 * The snapshot as plain lines in the reader's language: the form in which two versions are
 * compared. Both versions are rendered the same way at the same time, so a diff shows only what
 * changed in the record.
 */
export function snapshotText(s: MinutesSnapshot): string {
	const lines: string[] = [];
	const when = `${fmtDate(s.startsAt)}, ${fmtTime(s.startsAt)}–${fmtTime(s.endsAt)}`;
	lines.push(`${s.seriesTitle}`, `${when}${s.place ? `, ${s.place}` : ''}`, `${msg.minutes_taker()}: ${s.minuteTaker ?? '–'}`, '');
	for (const a of s.attendance) {
		const times = [a.arrivedAt ? `${msg.minutes_arrived()} ${a.arrivedAt}` : '', a.leftAt ? `${msg.minutes_left()} ${a.leftAt}` : ''].filter(Boolean).join(', ');
		lines.push(`${msg.minutes_attendance()}: ${a.name} (${a.organisation}): ${minutesPresenceLabel(a.presence)}${times ? `, ${times}` : ''}`);
	}
	for (const g of s.guests) lines.push(`${msg.minutes_guests()}: ${g.organisation} – ${g.function}`);
	for (const e of s.entries) {
		lines.push('', `${fmtTop(e.topLabel)} ${e.title}${e.caseCode ? ` (${e.caseCode})` : ''}`, e.notes);
		for (const o of e.outcomes) {
			const vote = o.kind === 'decision' ? ` (${voteLabel(o)})` : '';
			const action = o.kind === 'action' ? ` – ${msg.action_responsible()}: ${o.assignee ?? '–'}${o.dueDate ? `, ${msg.action_due({ date: fmtCalendarDate(o.dueDate) })}` : ''}` : '';
			lines.push(`– ${outcomeKindLabel(o.kind)}: ${o.text}${vote}${action}`);
		}
	}
	if (s.followUps.length) lines.push('', msg.followups_title());
	for (const f of s.followUps) lines.push(`${fmtTop(f.topLabel)} ${f.title}: ${f.status ? actionStatusLabel(f.status) : ''} ${f.note}`.trimEnd());
	return lines.join('\n');
}

const submitSchema = z.object({ reviewUntil: z.union([z.literal(''), isoDateSchema]).transform((v) => v || null) });

/** Who may submit the minutes of this meeting now: the meeting, its minutes and the new status. */
function submitCheck(db: Db | Tx, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, meetingId);
	if (!m?.startedAt) throw new DomainError('minutes_not_started', 409);
	return { mt, m, status: nextStatus(mt.status, 'submit_minutes', lifecycleActors(role, actor, m)) };
}

/** The draft goes to the members for review; they may comment until `reviewUntil` (inclusive). */
export function submitMinutes(db: Db, actor: Actor, meetingId: number, input: { reviewUntil?: string }, meta: RequestMeta): void {
	// Access first (404 outside the series, 403 for who may not submit), then the input.
	accessFirst(() => submitCheck(db, actor, meetingId));
	const data = parseInput(submitSchema, { reviewUntil: input.reviewUntil ?? '' });
	const now = meta.now ?? new Date();
	if (data.reviewUntil && data.reviewUntil < berlinDateKey(now)) throw new ValidationError({ reviewUntil: 'review_until_past' });
	db.transaction((tx) => {
		const { mt, m, status } = submitCheck(tx, actor, meetingId);
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, meetingId)).run();
		tx.update(minutes).set({ status: 'review', reviewUntil: data.reviewUntil, version: m.version + 1 }).where(eq(minutes.meetingId, meetingId)).run();
		recordAuditEvent(tx, { type: 'minutes.submitted', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { reviewUntil: data.reviewUntil } });
	});
}

const commentSchema = z.object({ text: z.string().trim().min(3, 'comment_required').max(5000, 'too_long') });

/** A member's comment on one item while the minutes are in review (pseudonymised like every text). */
export function commentOnMinutes(db: Db, keysDb: KeysDb, actor: Actor, entryId: number, input: { text: string; decisions?: Record<string, FindingDecision> }, meta: RequestMeta): number {
	// Access first (404 outside the series, 403 for a draft they may not read), then the input.
	const entry = db.select().from(minutesEntry).where(eq(minutesEntry.id, entryId)).get();
	if (!entry) throw new NotFoundError();
	const mt = loadMeeting(db, entry.meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, entry.meetingId);
	assertCan(actor, 'minutes.view', minutesResource(role, m));
	const data = parseInput(commentSchema, input);
	const now = meta.now ?? new Date();
	if (m?.status !== 'review') throw new DomainError('minutes_not_in_review', 409);
	if (m.reviewUntil && m.reviewUntil < berlinDateKey(now)) throw new DomainError('review_period_over', 409);
	const item = db.select({ caseId: agendaItem.caseId }).from(agendaItem).where(eq(agendaItem.id, entry.agendaItemId)).get();
	const pii = reviewFreeText(db, keysDb, actor, { text: data.text }, input.decisions ?? {}, { caseId: item?.caseId ?? null, meta, subject: { type: 'minutes_entry', id: entryId } });
	return transactionWithKeys(db, keysDb, (tx, keys) => {
		if (loadMinutes(tx, entry.meetingId)?.status !== 'review') throw new DomainError('minutes_not_in_review', 409);
		const { text } = pii.commit(tx, keys);
		const id = tx.insert(minutesComment).values({ meetingId: entry.meetingId, entryId, authorId: actor.id, text, createdAt: now }).returning({ id: minutesComment.id }).get().id;
		recordAuditEvent(tx, { type: 'minutes.commented', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: entry.meetingId, ip: meta.ip, details: { entryId } });
		return id;
	});
}

const commentsOfMeeting = prepared((db) =>
	db
		.select({ id: minutesComment.id, entryId: minutesComment.entryId, text: minutesComment.text, createdAt: minutesComment.createdAt, authorName: user.name })
		.from(minutesComment)
		.innerJoin(user, eq(minutesComment.authorId, user.id))
		.where(eq(minutesComment.meetingId, sql.placeholder('meetingId')))
		.orderBy(asc(minutesComment.id))
		.prepare()
);

/** Review comments of a meeting, for whoever may read the minutes. */
export function commentsOf(db: Db, meetingId: number) {
	return commentsOfMeeting(db).all({ meetingId });
}

const approveSchema = z.object({ approvedInMeetingOn: z.union([z.literal(''), isoDateSchema]).transform((v) => v || null) });

/** The meeting and its started minutes, if the actor may approve them. */
function approveCheck(db: Db | Tx, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, meetingId);
	if (!m?.startedAt) throw new DomainError('minutes_not_started', 409);
	assertCan(actor, 'minutes.approve', minutesResource(role, m));
	return { mt, role, m };
}

/**
 * A coordinator approves: the minutes are locked, the version is frozen as a snapshot, and every
 * participant gets a mail with a link (never content).
 */
export function approveMinutes(db: Db, actor: Actor, meetingId: number, input: { approvedInMeetingOn?: string }, baseUrl: string, meta: RequestMeta): number {
	// Access first (404 outside the series, 403 for members), then the input.
	accessFirst(() => approveCheck(db, actor, meetingId));
	const data = parseInput(approveSchema, { approvedInMeetingOn: input.approvedInMeetingOn ?? '' });
	const now = meta.now ?? new Date();
	if (data.approvedInMeetingOn && data.approvedInMeetingOn > berlinDateKey(now)) throw new ValidationError({ approvedInMeetingOn: 'date_in_future' });
	return db.transaction((tx) => {
		const { mt, role, m } = approveCheck(tx, actor, meetingId);
		if (data.approvedInMeetingOn && data.approvedInMeetingOn < berlinDateKey(mt.startsAt)) throw new ValidationError({ approvedInMeetingOn: 'approved_before_meeting' });
		const status = nextStatus(mt.status, 'approve_minutes', lifecycleActors(role, actor, m));
		const number = m.approvedVersion + 1;
		tx.insert(minutesVersion)
			.values({ meetingId, number, reason: m.correctionReason ?? '', snapshot: buildSnapshot(tx, meetingId), approvedBy: actor.id, approvedInMeetingOn: data.approvedInMeetingOn, createdAt: now })
			.run();
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, meetingId)).run();
		tx.update(minutes).set({ status: 'approved', approvedVersion: number, correctionReason: null, version: m.version + 1 }).where(eq(minutes.meetingId, meetingId)).run();
		const series = tx.select({ title: meetingSeries.title }).from(meetingSeries).where(eq(meetingSeries.id, mt.seriesId)).get()!;
		const link = new URL(`/meetings/${meetingId}/minutes`, baseUrl).toString();
		for (const p of seriesParticipants(tx, mt.seriesId)) {
			const locale = p.locale;
			const date = mt.startsAt.toLocaleDateString(locale === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
			queueMail(tx, {
				to: p.email,
				subject: msg.mail_minutes_approved_subject({ title: series.title, date }, { locale }),
				body: msg.mail_minutes_approved_body({ name: p.name, title: series.title, date, version: number, link }, { locale })
			});
		}
		recordAuditEvent(tx, { type: 'minutes.approved', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { version: number, approvedInMeetingOn: data.approvedInMeetingOn } });
		return number;
	});
}

const correctionSchema = z.object({ reason: z.string().trim().min(10, 'correction_reason_required').max(1000, 'too_long') });

/**
 * Approved minutes are corrected as a new version: the draft opens again, with the reason recorded.
 * The reason is free text and passes the PII review inside the same transaction.
 */
export function startCorrection(db: Db, keysDb: KeysDb, actor: Actor, meetingId: number, input: { reason: string; decisions?: Record<string, FindingDecision> }, meta: RequestMeta): void {
	// Access first (404 outside the series, 403 for members), then the input.
	const before = loadMeeting(db, meetingId);
	assertCan(actor, 'minutes.approve', minutesResource(roleIn(db, actor, before.seriesId), loadMinutes(db, meetingId)));
	const data = parseInput(correctionSchema, input);
	const pii = reviewFreeText(db, keysDb, actor, { reason: data.reason }, input.decisions ?? {}, { caseId: null, meta, subject: { type: 'meeting', id: meetingId } });
	transactionWithKeys(db, keysDb, (tx, keys) => {
		const mt = loadMeeting(tx, meetingId);
		const role = roleIn(tx, actor, mt.seriesId);
		const m = loadMinutes(tx, meetingId);
		if (!m) throw new NotFoundError();
		assertCan(actor, 'minutes.approve', minutesResource(role, m));
		if (m.status !== 'approved') throw new DomainError('minutes_not_approved', 409);
		const status = nextStatus(mt.status, 'correct_minutes', lifecycleActors(role, actor, m));
		const { reason } = pii.commit(tx, keys);
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, meetingId)).run();
		tx.update(minutes).set({ status: 'draft', correctionReason: reason, version: m.version + 1 }).where(eq(minutes.meetingId, meetingId)).run();
		recordAuditEvent(tx, { type: 'minutes.correction_started', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip });
	});
}

/** The approved versions, newest first, for whoever may read approved minutes of the series. */
export function listVersions(db: Db, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	// Versions are approved minutes: every series member may read them, even while a correction is drafted.
	assertCan(actor, 'minutes.view', minutesResource(role, { status: 'approved', minuteTakerId: null }));
	return db
		.select({ number: minutesVersion.number, reason: minutesVersion.reason, approvedInMeetingOn: minutesVersion.approvedInMeetingOn, createdAt: minutesVersion.createdAt, approvedByName: user.name, snapshot: minutesVersion.snapshot })
		.from(minutesVersion)
		.innerJoin(user, eq(minutesVersion.approvedBy, user.id))
		.where(eq(minutesVersion.meetingId, meetingId))
		.orderBy(desc(minutesVersion.number))
		.all()
		.map((v) => ({ ...v, snapshot: v.snapshot as MinutesSnapshot }));
}

export type DiffPart = { value: string; added: boolean; removed: boolean };

/** A word-level diff between two approved versions (`from` older, `to` newer). */
export function diffVersions(versions: { number: number; snapshot: MinutesSnapshot }[], from: number, to: number): DiffPart[] {
	const a = versions.find((v) => v.number === from);
	const b = versions.find((v) => v.number === to);
	if (!a || !b) throw new NotFoundError();
	// Compared as the reader sees the text: placeholders in the reader's language, like the labels.
	return diffWordsWithSpace(localisePlaceholders(snapshotText(a.snapshot)), localisePlaceholders(snapshotText(b.snapshot))).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}

/** Whether the actor may see approved versions of this meeting (for links). */
export function mayReadVersions(db: Db, actor: Actor, meetingId: number): boolean {
	const mt = loadMeeting(db, meetingId);
	const row = db.select({ n: minutesVersion.number }).from(minutesVersion).where(and(eq(minutesVersion.meetingId, meetingId))).limit(1).get();
	return !!row && can(actor, 'minutes.view', minutesResource(roleIn(db, actor, mt.seriesId), { status: 'approved', minuteTakerId: null }));
}
