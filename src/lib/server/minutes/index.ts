/**
 * Minutes (Protokoll): the coordinator names a minute-taker, the meeting is started, every
 * accepted agenda item gets an entry with a frozen TOP label, and the notes per item are written
 * pseudonymised (the PII review of the agenda, in the save's transaction). Concurrent edits of an
 * entry are caught by its version: the second saver gets both texts back to merge.
 *
 * Outcomes live in outcomes.ts, review and approval with versions in approval.ts.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { caseFile, organisation, user } from '../db/schema';
import { agendaItem, meeting, meetingResponse, minutes, minutesAttendance, minutesEntry, minutesGuest, PRESENCE } from '../db/schema-meetings';
import { accessFirst, assertCan, can, requireSeriesRole, type Actor } from '../access';
import { DomainError, NotFoundError, ValidationError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import type { RequestMeta } from '../auth/login';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { reviewFreeText } from '../pii/protect';
import type { FindingDecision } from '../pii/review';
import { scanText } from '../pii/scanner';
import { loadMeeting, seriesParticipants, seriesRole } from '../meetings';
import { canTransition, nextStatus } from '../meetings/lifecycle';
import { berlinDateKey } from '../meetings/time';
import { actionResource, openActionsBefore } from '../actions';
import { followUpsRecorded, outcomesOf } from './outcomes';
import { commentsOf } from './approval';
import { publishChange } from './live';
import { editableMinutes, lifecycleActors, loadMinutes, minutesResource, roleIn } from './common';


/** Raised when an entry changed since the editor loaded it: both texts go back for merging (409). */
export class MinutesConflict extends DomainError {
	constructor(
		public readonly entryId: number,
		public readonly theirs: { notes: string; version: number; updatedBy: string | null }
	) {
		super('minutes_conflict', 409);
	}
}

/** The coordinator names the minute-taker (any member of the series), before or at the start. */
export function setMinuteTaker(db: Db, actor: Actor, meetingId: number, userId: number, meta: RequestMeta): void {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	assertCan(actor, 'series.manage', { type: 'series', role });
	if (!seriesParticipants(db, mt.seriesId).some((p) => p.id === userId)) throw new DomainError('minute_taker_invalid');
	db.transaction((tx) => {
		const existing = tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get();
		if (existing?.status === 'approved') throw new DomainError('minutes_locked', 409);
		if (existing) tx.update(minutes).set({ minuteTakerId: userId, version: existing.version + 1 }).where(eq(minutes.meetingId, meetingId)).run();
		else tx.insert(minutes).values({ meetingId, minuteTakerId: userId }).run();
		recordAuditEvent(tx, { type: 'minutes.taker_set', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { userId } });
	});
}

/**
 * "Sitzung beginnen": the meeting is in progress, the minutes are a draft with one entry per
 * accepted item, labelled "TOP 1", "TOP 2" … in agenda order.
 */
export function startMeeting(db: Db, actor: Actor, meetingId: number, meta: RequestMeta): void {
	const now = meta.now ?? new Date();
	db.transaction((tx) => {
		const mt = loadMeeting(tx, meetingId);
		const role = requireSeriesRole(seriesRole(tx, actor, mt.seriesId));
		const existing = tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get() ?? null;
		const status = nextStatus(mt.status, 'start', lifecycleActors(role, actor, existing));
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, meetingId)).run();
		if (existing) tx.update(minutes).set({ startedAt: now, version: existing.version + 1 }).where(eq(minutes.meetingId, meetingId)).run();
		else tx.insert(minutes).values({ meetingId, minuteTakerId: role === 'coordinator' ? actor.id : null, startedAt: now }).run();
		const items = tx
			.select({ id: agendaItem.id })
			.from(agendaItem)
			.where(and(eq(agendaItem.meetingId, meetingId), eq(agendaItem.status, 'accepted')))
			.orderBy(asc(agendaItem.position), asc(agendaItem.id))
			.all();
		items.forEach((item, i) => tx.insert(minutesEntry).values({ meetingId, agendaItemId: item.id, topLabel: `TOP ${i + 1}`, position: i + 1 }).onConflictDoNothing().run());
		// Attendance starts from the answers to the invitation: yes → present, no → excused.
		const answers = new Map(tx.select().from(meetingResponse).where(eq(meetingResponse.meetingId, meetingId)).all().map((r) => [r.userId, r.answer]));
		for (const p of seriesParticipants(tx, mt.seriesId)) {
			const answer = answers.get(p.id);
			const presence = answer === 'accepted' ? 'present' : answer === 'declined' ? 'excused' : 'absent';
			tx.insert(minutesAttendance).values({ meetingId, userId: p.id, presence }).onConflictDoNothing().run();
		}
		recordAuditEvent(tx, { type: 'meeting.started', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { items: items.length } });
	});
}

/** "Sitzung beenden": the meeting is held; the minutes stay a draft until they are submitted. */
export function finishMeeting(db: Db, actor: Actor, meetingId: number, meta: RequestMeta): void {
	db.transaction((tx) => {
		const mt = loadMeeting(tx, meetingId);
		const role = requireSeriesRole(seriesRole(tx, actor, mt.seriesId));
		const m = tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get() ?? null;
		const status = nextStatus(mt.status, 'finish', lifecycleActors(role, actor, m));
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, meetingId)).run();
		recordAuditEvent(tx, { type: 'meeting.finished', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip });
	});
}

/**
 * Who may do what with a meeting's minutes, without their content: the access check of the
 * minutes page, the print view and the live channel. 404 for outsiders (roleIn).
 */
export function minutesAccess(db: Db, actor: Actor, meetingId: number, now = new Date()) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, meetingId);
	const resource = minutesResource(role, m);
	const coordinator = can(actor, 'series.manage', { type: 'series', role });
	const who = lifecycleActors(role, actor, m);
	return {
		mt,
		role,
		m,
		coordinator,
		/** Started minutes the actor may not read: series members learn that a draft exists, not what it says. */
		hidden: !!m?.startedAt && !can(actor, 'minutes.view', resource),
		can: {
			chooseTaker: coordinator && m?.status !== 'approved',
			start: who.length > 0 && (mt.status === 'planned' || mt.status === 'agenda_published'),
			finish: who.length > 0 && mt.status === 'in_progress',
			edit: !!m && can(actor, 'minutes.edit', resource) && mt.status !== 'planned' && mt.status !== 'agenda_published',
			addAction: !!m && can(actor, 'action.create', resource),
			submit: !!m?.startedAt && canTransition(mt.status, 'submit_minutes', who),
			approve: !!m?.startedAt && can(actor, 'minutes.approve', resource) && canTransition(mt.status, 'approve_minutes', who),
			correct: m?.status === 'approved' && canTransition(mt.status, 'correct_minutes', who),
			comment: m?.status === 'review' && can(actor, 'minutes.view', resource) && (!m.reviewUntil || m.reviewUntil >= berlinDateKey(now))
		}
	};
}

/**
 * The started minutes the actor may read now (drafts: minute-taker and coordinators), else a 404:
 * the print view and the live channel have nothing to show before the start or to whom they are hidden.
 */
export function readableMinutes(access: ReturnType<typeof minutesAccess>) {
	if (!access.m?.startedAt || access.hidden) throw new NotFoundError();
	return access.m;
}

// The minutes page's reads, built once (db/prepared.ts).
const userName = prepared((db) => db.select({ id: user.id, name: user.name }).from(user).where(eq(user.id, sql.placeholder('id'))).prepare());
const entriesOfMeeting = prepared((db) =>
	db
		.select({ entry: minutesEntry, title: agendaItem.title, kind: agendaItem.kind, caseId: agendaItem.caseId, caseCode: caseFile.code, updatedByName: user.name })
		.from(minutesEntry)
		.innerJoin(agendaItem, eq(minutesEntry.agendaItemId, agendaItem.id))
		.leftJoin(caseFile, eq(agendaItem.caseId, caseFile.id))
		.leftJoin(user, eq(minutesEntry.updatedBy, user.id))
		.where(eq(minutesEntry.meetingId, sql.placeholder('meetingId')))
		.orderBy(asc(minutesEntry.position))
		.prepare()
);
const attendanceOfMeeting = prepared((db) =>
	db
		.select({
			userId: minutesAttendance.userId,
			presence: minutesAttendance.presence,
			arrivedAt: minutesAttendance.arrivedAt,
			leftAt: minutesAttendance.leftAt,
			name: user.name,
			organisationId: user.organisationId,
			organisationName: organisation.name
		})
		.from(minutesAttendance)
		.innerJoin(user, eq(minutesAttendance.userId, user.id))
		.innerJoin(organisation, eq(user.organisationId, organisation.id))
		.where(eq(minutesAttendance.meetingId, sql.placeholder('meetingId')))
		.prepare()
);
const guestsOfMeeting = prepared((db) => db.select().from(minutesGuest).where(eq(minutesGuest.meetingId, sql.placeholder('meetingId'))).orderBy(asc(minutesGuest.id)).prepare());

/** The minutes as the actor may see them (404 for outsiders, 403 for a draft they may not read). */
export function getMinutes(db: Db, actor: Actor, meetingId: number, now = new Date()) {
	const { mt, role, m, coordinator, hidden, can: allowed } = minutesAccess(db, actor, meetingId, now);
	const base = {
		meeting: { id: mt.id, status: mt.status, startsAt: mt.startsAt, endsAt: mt.endsAt, place: mt.place },
		// Approved versions stay readable for every member, also while a correction is drafted.
		approvedVersion: m?.approvedVersion ?? 0,
		minuteTaker: m?.minuteTakerId ? (userName(db).get({ id: m.minuteTakerId }) ?? null) : null,
		// Who can be chosen as minute-taker: only coordinators choose.
		participants: coordinator ? seriesParticipants(db, mt.seriesId).map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })) : [],
		can: allowed
	};
	const none = { minutes: null, entries: [], attendance: [], guests: [], outcomes: [], comments: [], followUps: [], recordedFollowUps: [] };
	if (!m || !m.startedAt) return { ...base, ...none, hidden: false };
	if (hidden) return { ...base, ...none, hidden: true };
	const entries = entriesOfMeeting(db)
		.all({ meetingId })
		.map((r) => ({ ...r.entry, title: r.title, kind: r.kind, caseId: r.caseId, caseCode: r.caseCode, updatedByName: r.updatedByName }));
	const attendance = attendanceOfMeeting(db).all({ meetingId });
	const guests = guestsOfMeeting(db).all({ meetingId });
	return {
		...base,
		minutes: { status: m.status, startedAt: m.startedAt, version: m.version, reviewUntil: m.reviewUntil, approvedVersion: m.approvedVersion, correctionReason: m.correctionReason },
		hidden: false,
		outcomes: outcomesOf(db, meetingId),
		comments: commentsOf(db, meetingId),
		// Wiedervorlage: items of earlier meetings still open; while the minutes are taken their status
		// is updated here. Only who edits the minutes records them, so only they get the list.
		followUps: allowed.edit ? openActionsBefore(db, mt.seriesId, mt.startsAt).map((a) => ({ ...a, mayUpdate: can(actor, 'action.update', actionResource(role, a)) })) : [],
		recordedFollowUps: followUpsRecorded(db, meetingId),
		entries,
		attendance: attendance.sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'de') || a.name.localeCompare(b.name, 'de')),
		guests
	};
}

const entrySchema = z.object({ notes: z.string().max(50_000, 'too_long'), version: z.coerce.number().int().positive() });

/**
 * Saves the notes of one item. The text passes the PII review like agenda text (known persons of
 * the author's cases become pseudonyms; everything else needs the author's decision; nothing is
 * stored while a finding is open), and a changed version is a conflict, never a silent overwrite.
 */
export function saveMinutesEntry(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	entryId: number,
	input: { notes: string; version: number | string; decisions?: Record<string, FindingDecision> },
	meta: RequestMeta
): { version: number } {
	// Access first (404 outside the series, 403 for who may not edit), then the input.
	const entry = db.select().from(minutesEntry).where(eq(minutesEntry.id, entryId)).get();
	if (!entry) throw new NotFoundError();
	const mt = loadMeeting(db, entry.meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, entry.meetingId);
	assertCan(actor, 'minutes.edit', minutesResource(role, m));
	const data = parseInput(entrySchema, input);
	const item = db.select({ caseId: agendaItem.caseId }).from(agendaItem).where(eq(agendaItem.id, entry.agendaItemId)).get();
	const pii = reviewFreeText(db, keysDb, actor, { notes: data.notes.trim() }, input.decisions ?? {}, { caseId: item?.caseId ?? null, meta, subject: { type: 'minutes_entry', id: entryId } });
	const now = meta.now ?? new Date();
	const saved = transactionWithKeys(db, keysDb, (tx, keys) => {
		const current = tx.select().from(minutesEntry).where(eq(minutesEntry.id, entryId)).get()!;
		if (current.version !== data.version) {
			const by = current.updatedBy ? (tx.select({ name: user.name }).from(user).where(eq(user.id, current.updatedBy)).get()?.name ?? null) : null;
			throw new MinutesConflict(entryId, { notes: current.notes, version: current.version, updatedBy: by });
		}
		const status = tx.select({ status: minutes.status }).from(minutes).where(eq(minutes.meetingId, entry.meetingId)).get()?.status;
		if (status === 'approved') throw new DomainError('minutes_locked', 409);
		const { notes } = pii.commit(tx, keys);
		tx.update(minutesEntry).set({ notes, version: current.version + 1, updatedBy: actor.id, updatedAt: now }).where(eq(minutesEntry.id, entryId)).run();
		return { version: current.version + 1 };
	});
	publishChange(entry.meetingId, { entryId, by: actor.name });
	return saved;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const attendanceSchema = z.array(
	z.object({
		userId: z.coerce.number().int().positive(),
		presence: z.enum(PRESENCE, 'presence_invalid'),
		arrivedAt: z.string().trim().refine((v) => v === '' || TIME_RE.test(v), 'time_invalid').transform((v) => v || null),
		leftAt: z.string().trim().refine((v) => v === '' || TIME_RE.test(v), 'time_invalid').transform((v) => v || null)
	})
);

/** Records attendance: present / excused / absent, with late arrival and early leave (HH:MM). */
export function saveAttendance(db: Db, actor: Actor, meetingId: number, rows: { userId: number | string; presence: string; arrivedAt?: string; leftAt?: string }[], meta: RequestMeta): void {
	accessFirst(() => editableMinutes(db, actor, meetingId));
	const data = parseInput(attendanceSchema, rows.map((r) => ({ ...r, arrivedAt: r.arrivedAt ?? '', leftAt: r.leftAt ?? '' })));
	db.transaction((tx) => {
		editableMinutes(tx, actor, meetingId);
		const listed = new Set(tx.select({ userId: minutesAttendance.userId }).from(minutesAttendance).where(eq(minutesAttendance.meetingId, meetingId)).all().map((r) => r.userId));
		if (data.some((r) => !listed.has(r.userId))) throw new ValidationError({ attendance: 'member_unknown' });
		for (const r of data) {
			tx.update(minutesAttendance)
				.set({ presence: r.presence, arrivedAt: r.presence === 'present' ? r.arrivedAt : null, leftAt: r.presence === 'present' ? r.leftAt : null })
				.where(and(eq(minutesAttendance.meetingId, meetingId), eq(minutesAttendance.userId, r.userId)))
				.run();
		}
		recordAuditEvent(tx, { type: 'minutes.attendance', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { rows: data.length } });
	});
	publishChange(meetingId, { by: actor.name });
}

const guestSchema = z.object({
	organisation: z.string().trim().min(2, 'guest_organisation_required').max(120, 'too_long'),
	function: z.string().trim().min(2, 'guest_function_required').max(120, 'too_long')
});

/** A guest, by organisation and function only: anything the PII scanner reads as personal is refused. */
export function addGuest(db: Db, actor: Actor, meetingId: number, input: { organisation: string; function: string }, meta: RequestMeta): number {
	accessFirst(() => editableMinutes(db, actor, meetingId));
	const data = parseInput(guestSchema, input);
	const fields: Record<string, string> = {};
	for (const key of ['organisation', 'function'] as const) {
		if (scanText(data[key], { persons: [], allow: [] }).findings.length) fields[key] = 'guest_no_names';
	}
	if (Object.keys(fields).length) throw new ValidationError(fields);
	return db.transaction((tx) => {
		editableMinutes(tx, actor, meetingId);
		const id = tx.insert(minutesGuest).values({ meetingId, ...data }).returning({ id: minutesGuest.id }).get().id;
		recordAuditEvent(tx, { type: 'minutes.attendance', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { guestAdded: id } });
		return id;
	});
}

export function removeGuest(db: Db, actor: Actor, meetingId: number, guestId: number): void {
	editableMinutes(db, actor, meetingId);
	if (db.delete(minutesGuest).where(and(eq(minutesGuest.id, guestId), eq(minutesGuest.meetingId, meetingId))).run().changes === 0) throw new NotFoundError();
}
