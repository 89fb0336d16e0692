/**
 * Minutes (Protokoll): the coordinator names a minute-taker, the meeting is started, every
 * accepted agenda item gets an entry with a frozen TOP label, and the notes per item are written
 * pseudonymised (the PII review of the agenda, in the save's transaction). Concurrent edits of an
 * entry are caught by its version: the second saver gets both texts back to merge.
 *
 * Still to come (issue "Minutes"): attendance, outcomes (information, decision, action item),
 * live updates, review and approval with versions, PDF/A and search.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { user } from '../db/schema';
import { agendaItem, meeting, minutes, minutesEntry } from '../db/schema-meetings';
import { assertCan, can, requireSeriesRole, type Actor, type SeriesRole } from '../access';
import { DomainError, NotFoundError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import type { RequestMeta } from '../auth/login';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { reviewFreeText } from '../pii/protect';
import type { FindingDecision } from '../pii/review';
import { loadMeeting, seriesParticipants, seriesRole } from '../meetings';
import { nextStatus, type LifecycleActor } from '../meetings/lifecycle';

type Minutes = typeof minutes.$inferSelect;

/** Raised when an entry changed since the editor loaded it: both texts go back for merging (409). */
export class MinutesConflict extends DomainError {
	constructor(
		public readonly entryId: number,
		public readonly theirs: { notes: string; version: number; updatedBy: string | null }
	) {
		super('minutes_conflict', 409);
	}
}

function roleIn(db: Db, actor: Actor, seriesId: number): SeriesRole {
	return requireSeriesRole(seriesRole(db, actor, seriesId));
}

function minutesResource(role: SeriesRole, m: Pick<Minutes, 'status' | 'minuteTakerId'> | null) {
	return { type: 'minutes' as const, role, status: m?.status ?? ('draft' as const), minuteTakerId: m?.minuteTakerId ?? null };
}

function lifecycleActors(role: SeriesRole, actor: Actor, m: Pick<Minutes, 'minuteTakerId'> | null): LifecycleActor[] {
	const who: LifecycleActor[] = [];
	if (role === 'coordinator') who.push('coordinator');
	if (m?.minuteTakerId === actor.id) who.push('minute_taker');
	return who;
}

function loadMinutes(db: Db, meetingId: number): Minutes | null {
	return db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get() ?? null;
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

/** The minutes as the actor may see them (404 for outsiders, 403 for a draft they may not read). */
export function getMinutes(db: Db, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, meetingId);
	const resource = minutesResource(role, m);
	const coordinator = can(actor, 'series.manage', { type: 'series', role });
	const who = lifecycleActors(role, actor, m);
	const base = {
		meeting: { id: mt.id, status: mt.status, startsAt: mt.startsAt, endsAt: mt.endsAt, place: mt.place },
		minuteTaker: m?.minuteTakerId ? (db.select({ id: user.id, name: user.name }).from(user).where(eq(user.id, m.minuteTakerId)).get() ?? null) : null,
		participants: coordinator ? seriesParticipants(db, mt.seriesId).map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })) : [],
		can: {
			chooseTaker: coordinator && m?.status !== 'approved',
			start: who.length > 0 && (mt.status === 'planned' || mt.status === 'agenda_published'),
			finish: who.length > 0 && mt.status === 'in_progress',
			edit: !!m && can(actor, 'minutes.edit', resource) && mt.status !== 'planned' && mt.status !== 'agenda_published'
		}
	};
	if (!m || !m.startedAt) return { ...base, minutes: null, hidden: false, entries: [] };
	// Series members learn that a draft exists, not what it says.
	if (!can(actor, 'minutes.view', resource)) return { ...base, minutes: null, hidden: true, entries: [] };
	const entries = db
		.select({ entry: minutesEntry, title: agendaItem.title, kind: agendaItem.kind, caseId: agendaItem.caseId, updatedByName: user.name })
		.from(minutesEntry)
		.innerJoin(agendaItem, eq(minutesEntry.agendaItemId, agendaItem.id))
		.leftJoin(user, eq(minutesEntry.updatedBy, user.id))
		.where(eq(minutesEntry.meetingId, meetingId))
		.orderBy(asc(minutesEntry.position))
		.all()
		.map((r) => ({ ...r.entry, title: r.title, kind: r.kind, caseId: r.caseId, updatedByName: r.updatedByName }));
	return { ...base, minutes: { status: m.status, startedAt: m.startedAt, version: m.version }, hidden: false, entries };
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
	const data = parseInput(entrySchema, input);
	const entry = db.select().from(minutesEntry).where(eq(minutesEntry.id, entryId)).get();
	if (!entry) throw new NotFoundError();
	const mt = loadMeeting(db, entry.meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, entry.meetingId);
	assertCan(actor, 'minutes.edit', minutesResource(role, m));
	const item = db.select({ caseId: agendaItem.caseId }).from(agendaItem).where(eq(agendaItem.id, entry.agendaItemId)).get();
	const pii = reviewFreeText(db, keysDb, actor, { notes: data.notes.trim() }, input.decisions ?? {}, { caseId: item?.caseId ?? null, meta, subject: { type: 'minutes_entry', id: entryId } });
	const now = meta.now ?? new Date();
	return transactionWithKeys(db, keysDb, (tx, keys) => {
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
}
