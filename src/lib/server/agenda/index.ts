import { and, asc, eq, gt, inArray, max, ne, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { inJson, placeholderFor, prepared } from '../db/prepared';
import { organisation, user } from '../db/schema';
import { agendaItem, agendaItemEvent, meeting, meetingSeries, AGENDA_KINDS } from '../db/schema-meetings';
import { assertCan, can, requireSeriesRole, type Actor } from '../access';
import { ConflictError, DomainError, NotFoundError, ValidationError, parseInput } from '../errors';
import type { RequestMeta } from '../auth/login';
import { caseFile } from '../db/schema';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { pseudonymiseKnownPersons, reviewFreeText } from '../pii/protect';
import { recordAuditEvent } from '../audit';
import { AHEAD_STATUSES, isAgendaPublished, isAhead, isCancelled, isInProgress, nextStatus } from '../meetings/lifecycle';
import { openActionsBefore } from '../actions';
import { notifySubmitter } from './notifications';
import type { FindingDecision } from '../pii/review';
import { agendaDeadline, loadMeeting, loadSeries, nextMeetingOf, notifyMembers, seriesRole, visibleSeriesIds } from '../meetings';

type Item = typeof agendaItem.$inferSelect;

export const SUBMITTABLE_KINDS = ['topic', 'case', 'situation'] as const;

/** The author's decisions on scanner findings, and the case a case discussion refers to. */
export interface PiiOptions {
	caseId?: number | string | null;
	/** The case typed as its code ("F-7QK3"); takes precedence over `caseId`. */
	caseCode?: string | null;
	decisions?: Record<string, FindingDecision>;
}

/**
 * A case discussion may name its (pseudonymised) case, chosen from the list (`caseId`) or, where a
 * district has too many open cases for a list, typed as its code (`caseCode`, "F-7QK3"); other
 * kinds never carry one. Case codes are no personal data: everyone who may submit sees them.
 */
function linkedCase(db: Db, kind: string, raw: number | string | null | undefined, code?: string | null): number | null {
	if (kind !== 'case') return null;
	const typed = code?.trim().toUpperCase();
	if (typed) {
		const row = db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.code, typed)).get();
		if (!row) throw new ValidationError({ caseCode: 'case_code_unknown' });
		return row.id;
	}
	const id = Number(raw);
	if (!raw || !Number.isInteger(id) || id <= 0) return null;
	const row = db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.id, id)).get();
	if (!row) throw new DomainError('case_not_found', 400);
	return row.id;
}

export const agendaItemSchema = z.object({
	kind: z.enum(SUBMITTABLE_KINDS, 'kind_invalid'),
	title: z.string().trim().min(3, 'title_required').max(200, 'too_long'),
	text: z.string().trim().max(20_000, 'too_long').default(''),
	requestedMinutes: z.coerce.number().int().min(5, 'minutes_invalid').max(240, 'minutes_invalid')
});
export type AgendaItemInput = z.input<typeof agendaItemSchema>;

/**
 * The item's fields and its case, validated together: a wrong case code is reported with the other
 * field errors of the same post, not one post later.
 */
function parseItem(db: Db, input: AgendaItemInput & PiiOptions) {
	const fields: Record<string, string> = {};
	const collect = <T>(fn: () => T): T | undefined => {
		try {
			return fn();
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			Object.assign(fields, e.fields);
			return undefined;
		}
	};
	const parsed = collect(() => parseInput(agendaItemSchema, input));
	const caseId = collect(() => linkedCase(db, parsed?.kind ?? String(input.kind), input.caseId, input.caseCode));
	if (!parsed || Object.keys(fields).length) throw new ValidationError(fields);
	return { parsed, caseId: caseId ?? null };
}

function event(tx: Tx, itemId: number, actor: Actor, type: string, extra: { fromMeetingId?: number; toMeetingId?: number; note?: string } = {}, now = new Date()) {
	tx.insert(agendaItemEvent).values({ itemId, at: now, actorId: actor.id, type, ...extra }).run();
}

function roleFor(db: Db | Tx, actor: Actor, seriesId: number) {
	return requireSeriesRole(seriesRole(db, actor, seriesId));
}

function loadItem(db: Db | Tx, id: number): Item {
	const row = db.select().from(agendaItem).where(eq(agendaItem.id, id)).get();
	if (!row) throw new NotFoundError();
	return row;
}

function nextPosition(tx: Tx, meetingId: number): number {
	const row = tx.select({ p: max(agendaItem.position) }).from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).get();
	return (row?.p ?? 0) + 1;
}

/**
 * Submits an item. Until the series' deadline anyone in the series may; after it the submission
 * is refused unless the submitter asks for a late submission, which is marked and needs the
 * coordinator's acceptance like every item. Once the agenda is published only coordinators add
 * items, and those are marked as amendments.
 */
export function submitAgendaItem(db: Db, keysDb: KeysDb, actor: Actor, meetingId: number, input: AgendaItemInput & PiiOptions & { late?: boolean }, meta: RequestMeta): number {
	// Access first: outsiders get their 404 before the input is read or any text is scanned.
	assertCan(actor, 'agenda.submit', { type: 'series', role: roleFor(db, actor, loadMeeting(db, meetingId).seriesId) });
	const { parsed, caseId } = parseItem(db, input);
	const now = meta.now ?? new Date();
	const pii = reviewFreeText(db, keysDb, actor, { title: parsed.title, text: parsed.text }, input.decisions ?? {}, { caseId, meta, subject: { type: 'meeting', id: meetingId } });
	return transactionWithKeys(db, keysDb, (tx, keys) => {
		const mt = loadMeeting(tx, meetingId);
		const series = loadSeries(tx, mt.seriesId);
		const role = roleFor(tx, actor, mt.seriesId);
		assertCan(actor, 'agenda.submit', { type: 'series', role });
		if (isCancelled(mt.status)) throw new DomainError('meeting_cancelled', 409);
		if (!isAhead(mt.status) || mt.startsAt <= now) throw new DomainError('meeting_already_held', 409);
		const coordinator = role === 'coordinator';
		const published = isAgendaPublished(mt.status);
		if (published && !coordinator) throw new DomainError('agenda_locked', 409);
		const deadline = agendaDeadline(mt.startsAt, series.agendaDeadlineDays);
		const late = now > deadline;
		if (late && !coordinator && !input.late) throw new DomainError('agenda_deadline_passed', 409, { deadline: deadline.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }) });
		// Every check has passed: only now are the author's PII decisions carried out.
		const data = { ...parsed, ...pii.commit(tx, keys) };
		const id = tx
			.insert(agendaItem)
			.values({
				meetingId,
				kind: data.kind,
				title: data.title,
				text: data.text,
				requestedMinutes: data.requestedMinutes,
				caseId,
				submittedBy: actor.id,
				organisationId: actor.organisationId,
				late: late && !coordinator,
				// A coordinator's own item needs no review; after publication it is an amendment.
				status: coordinator ? 'accepted' : 'proposed',
				amendment: published,
				position: nextPosition(tx, meetingId)
			})
			.returning({ id: agendaItem.id })
			.get().id;
		event(tx, id, actor, late && !coordinator ? 'submitted_late' : 'submitted', {}, now);
		return id;
	});
}

/** The submitter edits a proposed item before the deadline; the coordinator edits any item until the meeting is held. */
export function updateAgendaItem(db: Db, keysDb: KeysDb, actor: Actor, id: number, input: AgendaItemInput & PiiOptions & { version: number }, meta: RequestMeta): void {
	// Access first (404 outside the series, 403 for an item not theirs to edit), then the input.
	const seen = loadItem(db, id);
	assertCan(actor, 'agenda.edit', { type: 'agendaItem', role: roleFor(db, actor, loadMeeting(db, seen.meetingId).seriesId), submittedBy: seen.submittedBy, status: seen.status });
	const { parsed, caseId } = parseItem(db, input);
	const now = meta.now ?? new Date();
	const pii = reviewFreeText(db, keysDb, actor, { title: parsed.title, text: parsed.text }, input.decisions ?? {}, { caseId, meta, subject: { type: 'agenda_item', id } });
	transactionWithKeys(db, keysDb, (tx, keys) => {
		const item = loadItem(tx, id);
		const mt = loadMeeting(tx, item.meetingId);
		const series = loadSeries(tx, mt.seriesId);
		const role = roleFor(tx, actor, mt.seriesId);
		assertCan(actor, 'agenda.edit', { type: 'agendaItem', role, submittedBy: item.submittedBy, status: item.status });
		if (item.version !== Number(input.version)) throw new ConflictError();
		if (!isAhead(mt.status)) throw new DomainError(isCancelled(mt.status) ? 'meeting_cancelled' : 'meeting_already_held', 409);
		if (role !== 'coordinator' && now > agendaDeadline(mt.startsAt, series.agendaDeadlineDays) && !item.late) throw new DomainError('agenda_deadline_passed', 409, { deadline: '' });
		const data = { ...parsed, caseId, ...pii.commit(tx, keys) };
		tx.update(agendaItem)
			.set({ ...data, version: item.version + 1, amendment: item.amendment || isAgendaPublished(mt.status) })
			.where(eq(agendaItem.id, id))
			.run();
		event(tx, id, actor, 'edited', {}, now);
	});
}

/** The submitter withdraws an own item while it is proposed and the meeting lies ahead; the audit trail keeps the fact. */
export function withdrawAgendaItem(db: Db, actor: Actor, id: number, input: { version: number | string }, meta: RequestMeta): void {
	db.transaction((tx) => {
		const item = loadItem(tx, id);
		const mt = loadMeeting(tx, item.meetingId);
		const role = roleFor(tx, actor, mt.seriesId);
		assertCan(actor, 'agenda.withdraw', { type: 'agendaItem', role, submittedBy: item.submittedBy, status: item.status });
		if (item.version !== Number(input.version)) throw new ConflictError();
		if (!isAhead(mt.status)) throw new DomainError(isCancelled(mt.status) ? 'meeting_cancelled' : 'meeting_already_held', 409);
		tx.delete(agendaItemEvent).where(eq(agendaItemEvent.itemId, id)).run();
		tx.delete(agendaItem).where(eq(agendaItem.id, id)).run();
		recordAuditEvent(tx, { type: 'agenda.withdrawn', actorId: actor.id, actorEmail: actor.email, subjectType: 'agenda_item', subjectId: id, ip: meta.ip, details: { meetingId: mt.id } });
	});
}

/**
 * A case worker of the owning Jugendamt links an item to one of their open cases, e.g. an item the
 * police submitted about a family they could not know was a case (their review had no way to tell
 * them, by design). Title and text are scanned again with the worker's knowledge of the case, so
 * names of its persons still in the text become pseudonyms; other words stay as the author decided.
 */
export function linkAgendaItemToCase(db: Db, keysDb: KeysDb, actor: Actor, id: number, input: { caseId: number; version: number }, meta: RequestMeta): void {
	const now = meta.now ?? new Date();
	const item = loadItem(db, id);
	const role = roleFor(db, actor, loadMeeting(db, item.meetingId).seriesId);
	if (role !== 'coordinator' && item.status !== 'accepted' && item.submittedBy !== actor.id) throw new NotFoundError();
	const target = db.select({ id: caseFile.id, code: caseFile.code, organisationId: caseFile.organisationId, status: caseFile.status, keysDeletedAt: caseFile.keysDeletedAt }).from(caseFile).where(eq(caseFile.id, Number(input.caseId))).get();
	if (!target) throw new DomainError('case_not_found', 400);
	assertCan(actor, 'case.manage', { type: 'case', organisationId: target.organisationId });
	if (target.status !== 'open' || target.keysDeletedAt) throw new DomainError('case_closed', 409);
	const texts = pseudonymiseKnownPersons(db, keysDb, actor, { title: item.title, text: item.text }, target.id);
	db.transaction((tx) => {
		const current = loadItem(tx, id);
		if (current.version !== Number(input.version)) throw new ConflictError();
		if (isCancelled(loadMeeting(tx, current.meetingId).status)) throw new DomainError('meeting_cancelled', 409);
		tx.update(agendaItem)
			.set({ ...texts, kind: 'case', caseId: target.id, version: current.version + 1 })
			.where(eq(agendaItem.id, id))
			.run();
		event(tx, id, actor, 'case_linked', {}, now);
		recordAuditEvent(tx, { type: 'agenda.case_linked', actorId: actor.id, actorEmail: actor.email, subjectType: 'agenda_item', subjectId: id, ip: meta.ip, details: { code: target.code } });
	});
}

export const reviewSchema = z.discriminatedUnion('decision', [
	z.object({ decision: z.literal('accept') }),
	z.object({ decision: z.literal('reject'), reason: z.string().trim().min(3, 'reject_reason_required').max(1000, 'too_long') }),
	z.object({ decision: z.literal('defer') })
]);

/** Accept, reject with a reason the submitter sees, or defer to the next meeting of the series. */
export function reviewAgendaItem(db: Db, actor: Actor, id: number, input: { decision: string; reason?: string; version: number }, meta: RequestMeta): { movedTo?: number; newItemId?: number } {
	// Access first: 404 outside the series, 403 for members; only then is the decision read.
	assertCan(actor, 'series.manage', { type: 'series', role: roleFor(db, actor, loadMeeting(db, loadItem(db, id).meetingId).seriesId) });
	const result = reviewSchema.safeParse(input);
	if (!result.success) {
		throw new DomainError(result.error.issues[0]?.message === 'reject_reason_required' ? 'reject_reason_required' : 'decision_invalid');
	}
	const decision = result.data;
	const now = meta.now ?? new Date();
	return db.transaction((tx) => {
		const item = loadItem(tx, id);
		const mt = loadMeeting(tx, item.meetingId);
		assertCan(actor, 'series.manage', { type: 'series', role: roleFor(tx, actor, mt.seriesId) });
		if (item.version !== Number(input.version)) throw new ConflictError();
		if (!isAhead(mt.status)) throw new DomainError(isCancelled(mt.status) ? 'meeting_cancelled' : 'meeting_already_held', 409);
		const amendment = item.amendment || isAgendaPublished(mt.status);
		if (decision.decision === 'accept') {
			tx.update(agendaItem).set({ status: 'accepted', rejectReason: null, amendment, version: item.version + 1 }).where(eq(agendaItem.id, id)).run();
			event(tx, id, actor, 'accepted', {}, now);
			notifySubmitter(tx, actor, item, mt, { decision: 'accepted' });
			return {};
		}
		if (decision.decision === 'reject') {
			tx.update(agendaItem).set({ status: 'rejected', rejectReason: decision.reason, amendment, version: item.version + 1 }).where(eq(agendaItem.id, id)).run();
			event(tx, id, actor, 'rejected', { note: decision.reason }, now);
			notifySubmitter(tx, actor, item, mt, { decision: 'rejected', reason: decision.reason });
			return {};
		}
		const next = nextMeetingOf(tx, mt);
		if (!next) throw new DomainError('no_next_meeting', 409);
		// The item keeps its meeting (minutes refer to it); the next meeting gets a linked copy.
		tx.update(agendaItem).set({ status: 'deferred', amendment, version: item.version + 1 }).where(eq(agendaItem.id, id)).run();
		const { id: _old, createdAt: _created, version: _version, ...content } = item;
		const carried = tx
			.insert(agendaItem)
			.values({ ...content, meetingId: next.id, status: 'proposed', rejectReason: null, late: false, slotMinutes: null, amendment: isAgendaPublished(next.status), position: nextPosition(tx, next.id), carriedFrom: id })
			.returning({ id: agendaItem.id })
			.get().id;
		event(tx, id, actor, 'deferred', { fromMeetingId: mt.id, toMeetingId: next.id }, now);
		event(tx, carried, actor, 'carried_over', { fromMeetingId: mt.id, toMeetingId: next.id }, now);
		notifySubmitter(tx, actor, item, mt, { decision: 'deferred', to: next });
		return { movedTo: next.id, newItemId: carried };
	});
}

function assertAgendaEditable(tx: Tx, actor: Actor, meetingId: number) {
	const mt = loadMeeting(tx, meetingId);
	assertCan(actor, 'series.manage', { type: 'series', role: roleFor(tx, actor, mt.seriesId) });
	if (!isAhead(mt.status)) throw new DomainError(isCancelled(mt.status) ? 'meeting_cancelled' : 'meeting_already_held', 409);
	return mt;
}

/** 404 outside the series, 403 for members: the access part of every change of the order and the slots. */
function assertManagesItemSeries(db: Db, actor: Actor, item: Item) {
	assertCan(actor, 'series.manage', { type: 'series', role: roleFor(db, actor, loadMeeting(db, item.meetingId).seriesId) });
}

/** Sets the order of a meeting's items (drag and drop sends all ids; the keyboard buttons move one). */
export function reorderAgenda(db: Db, actor: Actor, meetingId: number, orderedIds: number[]): void {
	db.transaction((tx) => {
		assertAgendaEditable(tx, actor, meetingId);
		const items = orderedItems(tx, meetingId);
		const known = new Set(items.map((i) => i.id));
		if (orderedIds.length !== known.size || !orderedIds.every((id) => known.has(id)) || new Set(orderedIds).size !== orderedIds.length) {
			throw new DomainError('order_invalid');
		}
		orderedIds.forEach((id, index) => tx.update(agendaItem).set({ position: index + 1 }).where(eq(agendaItem.id, id)).run());
	});
}

/**
 * The items that take part in the order of a meeting's agenda: not the rejected ones (listed after
 * the agenda) and not the deferred ones (listed apart; their copy is on the next agenda).
 */
function orderedItems(db: Db | Tx, meetingId: number): { id: number }[] {
	return db
		.select({ id: agendaItem.id })
		.from(agendaItem)
		.where(and(eq(agendaItem.meetingId, meetingId), notInArray(agendaItem.status, ['rejected', 'deferred'])))
		.orderBy(asc(agendaItem.position), asc(agendaItem.id))
		.all();
}

export function moveAgendaItem(db: Db, actor: Actor, id: number, direction: 'up' | 'down'): void {
	const item = loadItem(db, id);
	assertManagesItemSeries(db, actor, item);
	const ordered = orderedItems(db, item.meetingId).map((r) => r.id);
	const i = ordered.indexOf(id);
	if (i < 0) throw new DomainError('order_invalid');
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= ordered.length) return reorderAgenda(db, actor, item.meetingId, ordered);
	[ordered[i], ordered[j]] = [ordered[j], ordered[i]];
	reorderAgenda(db, actor, item.meetingId, ordered);
}

export function setAgendaSlot(db: Db, actor: Actor, id: number, minutes: number): void {
	assertManagesItemSeries(db, actor, loadItem(db, id));
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 480) throw new DomainError('minutes_invalid');
	db.transaction((tx) => {
		const item = loadItem(tx, id);
		assertAgendaEditable(tx, actor, item.meetingId);
		tx.update(agendaItem).set({ slotMinutes: minutes, version: item.version + 1 }).where(eq(agendaItem.id, id)).run();
	});
}

/** Publishes the agenda: members are notified; later changes are marked as amendments. */
export function publishAgenda(db: Db, actor: Actor, meetingId: number, baseUrl: string, meta: RequestMeta): void {
	db.transaction((tx) => {
		const mt = assertAgendaEditable(tx, actor, meetingId);
		const status = nextStatus(mt.status, 'publish_agenda', ['coordinator']);
		const open = tx.select({ id: agendaItem.id }).from(agendaItem).where(and(eq(agendaItem.meetingId, meetingId), eq(agendaItem.status, 'proposed'))).all();
		if (open.length) throw new DomainError('agenda_has_open_items', 409, { count: open.length });
		const now = meta.now ?? new Date();
		const changed = { status, agendaPublishedAt: now, publishedAt: mt.publishedAt ?? now, sequence: mt.sequence + 1, version: mt.version + 1 };
		tx.update(meeting).set(changed).where(eq(meeting.id, meetingId)).run();
		notifyMembers(tx, loadSeries(tx, mt.seriesId), { ...mt, ...changed }, 'agenda', baseUrl);
	});
}

/**
 * A meeting's items with submitter, organisation and case code, in agenda order: all of them for
 * coordinators; for everyone else the accepted ones and their own (`userId`). Deferred items stay
 * with the meeting but are listed apart (deferredFrom). Built once (db/prepared.ts).
 */
function agendaRows(who: 'all' | 'visible') {
	return prepared((db) =>
		db
			.select({ item: agendaItem, submitterName: user.name, organisationName: organisation.name, caseCode: caseFile.code })
			.from(agendaItem)
			.innerJoin(user, eq(agendaItem.submittedBy, user.id))
			.innerJoin(organisation, eq(agendaItem.organisationId, organisation.id))
			.leftJoin(caseFile, eq(agendaItem.caseId, caseFile.id))
			.where(
				and(
					eq(agendaItem.meetingId, sql.placeholder('meetingId')),
					ne(agendaItem.status, 'deferred'),
					who === 'all' ? undefined : or(eq(agendaItem.status, 'accepted'), eq(agendaItem.submittedBy, sql.placeholder('userId')))
				)
			)
			.orderBy(asc(agendaItem.position), asc(agendaItem.id))
			.prepare()
	);
}
const agendaRowsAll = agendaRows('all');
const agendaRowsVisible = agendaRows('visible');
const deferredFrom = prepared((db) =>
	db
		.select({ itemId: agendaItemEvent.itemId, toMeetingId: agendaItemEvent.toMeetingId, title: agendaItem.title, submittedBy: agendaItem.submittedBy })
		.from(agendaItemEvent)
		.innerJoin(agendaItem, eq(agendaItemEvent.itemId, agendaItem.id))
		.where(and(eq(agendaItemEvent.type, 'deferred'), eq(agendaItemEvent.fromMeetingId, sql.placeholder('meetingId'))))
		.prepare()
);

/**
 * The agenda as the actor may see it: coordinators see every item; members see accepted items and
 * their own (with the reason of a rejection). Items deferred away from this meeting are listed apart.
 */
export function getAgenda(db: Db, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleFor(db, actor, mt.seriesId);
	const coordinator = can(actor, 'series.manage', { type: 'series', role });
	const rows = (coordinator ? agendaRowsAll : agendaRowsVisible)(db).all({ meetingId, userId: actor.id });
	const items = rows.map((r) => ({ ...r.item, submitterName: r.submitterName, organisationName: r.organisationName, caseCode: r.caseCode, own: r.item.submittedBy === actor.id }));
	let number = 0;
	// Each accepted item's planned start: the meeting's start plus the slots before it.
	let offset = 0;
	const numbered = items.map((i) => {
		if (i.status !== 'accepted') return { ...i, top: null, plannedStart: null };
		const plannedStart = new Date(mt.startsAt.getTime() + offset * 60_000);
		offset += i.slotMinutes ?? i.requestedMinutes;
		return { ...i, top: ++number, plannedStart };
	});
	const accepted = numbered.filter((i) => i.status === 'accepted');
	const totalMinutes = accepted.reduce((sum, i) => sum + (i.slotMinutes ?? i.requestedMinutes), 0);
	const meetingMinutes = Math.round((mt.endsAt.getTime() - mt.startsAt.getTime()) / 60_000);
	const deferredAway = deferredFrom(db)
		.all({ meetingId })
		.filter((d) => coordinator || d.submittedBy === actor.id);
	// Wiedervorlage: open action items of earlier meetings, listed before the new items until done or dropped.
	const followUps = isAhead(mt.status) || isInProgress(mt.status) ? openActionsBefore(db, mt.seriesId, mt.startsAt) : [];
	return { items: numbered, totalMinutes, meetingMinutes, overrun: totalMinutes > meetingMinutes, deferredAway, coordinator, followUps };
}

const acceptedOfMeeting = prepared((db) =>
	db
		.select({ id: agendaItem.id, title: agendaItem.title, kind: agendaItem.kind, slotMinutes: agendaItem.slotMinutes, requestedMinutes: agendaItem.requestedMinutes })
		.from(agendaItem)
		.where(and(eq(agendaItem.meetingId, sql.placeholder('meetingId')), eq(agendaItem.status, 'accepted')))
		.orderBy(asc(agendaItem.position), asc(agendaItem.id))
		.prepare()
);

/**
 * The accepted items of a meeting in agenda order, title, kind and time only: the meeting page's
 * list (every member of the series sees accepted items). The caller has checked membership.
 */
export function acceptedItems(db: Db, meetingId: number) {
	return acceptedOfMeeting(db).all({ meetingId });
}

export function getAgendaItemHistory(db: Db, actor: Actor, id: number) {
	const item = loadItem(db, id);
	const mt = loadMeeting(db, item.meetingId);
	const role = roleFor(db, actor, mt.seriesId);
	if (role !== 'coordinator' && item.submittedBy !== actor.id && item.status !== 'accepted') throw new NotFoundError();
	return db
		.select({ event: agendaItemEvent, actorName: user.name })
		.from(agendaItemEvent)
		.leftJoin(user, eq(agendaItemEvent.actorId, user.id))
		.where(eq(agendaItemEvent.itemId, id))
		.orderBy(asc(agendaItemEvent.at), asc(agendaItemEvent.id))
		.all();
}

const myUpcomingItems = prepared((db) =>
	db
		.select({ item: agendaItem, startsAt: meeting.startsAt, seriesTitle: meetingSeries.title })
		.from(meeting)
		.innerJoin(agendaItem, eq(agendaItem.meetingId, meeting.id))
		.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
		// `+submitted_by` keeps SQLite off the submitter index: that would read the actor's items of
		// every year; this way it reads the upcoming meetings (series and start index) and their items.
		.where(
			and(
				inJson(meeting.seriesId, 'seriesIds'),
				gt(meeting.startsAt, placeholderFor(meeting.startsAt, 'now')),
				inArray(meeting.status, AHEAD_STATUSES),
				sql`+${agendaItem.submittedBy} = ${sql.placeholder('userId')}`
			)
		)
		.orderBy(asc(meeting.startsAt), asc(agendaItem.position), asc(agendaItem.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);

/**
 * The actor's own submitted items in upcoming meetings (dashboard), earliest first. Only meetings
 * after `now` are read (through the meetings' start index), and at most `limit` items.
 */
export function myAgendaItems(db: Db, actor: Actor, now = new Date(), limit = 100) {
	const ids = visibleSeriesIds(db, actor);
	if (!ids.length) return [];
	return myUpcomingItems(db).all({ seriesIds: JSON.stringify(ids), now, userId: actor.id, limit });
}

export { AGENDA_KINDS };
