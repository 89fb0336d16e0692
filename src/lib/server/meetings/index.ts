import { and, asc, desc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import crypto from 'node:crypto';
import type { Db, Tx } from '../db';
import { inJson, placeholderFor, prepared } from '../db/prepared';
import { organisation, user } from '../db/schema';
import { agendaItem, meeting, meetingResponse, meetingSeries, seriesMember, RESPONSES } from '../db/schema-meetings';
import { assertCan, can, requireSeriesRole, type Actor, type SeriesRole } from '../access';
import { ConflictError, DomainError, NotFoundError, ValidationError, parseInput } from '../errors';
import { recordAuditEvent } from '../audit';
import type { RequestMeta } from '../auth/login';
import { queueMail } from '../mail/outbox';
import { config } from '../config';
import { expandRecurrence, occurrenceDate, recurrenceSchema, toRfc5545, type Recurrence } from './recurrence';
import { fromBerlin, parseDate, parseTime, toBerlin } from './time';
import { nrwHoliday } from './holidays';
import { AHEAD_STATUSES, isAhead, isCancelled, isOver, meetingPhase, nextStatus } from './lifecycle';
import { idSchema, isoDateSchema } from '../validation';
import { pageInfo } from '../pagination';
import { meetingInvitationIcs, type CalendarMeeting } from '../calendar/ics';
import { m } from '../../paraglide/messages.js';

export const HORIZON_MONTHS = 12;

type Series = typeof meetingSeries.$inferSelect;
type Meeting = typeof meeting.$inferSelect;

// ---------------------------------------------------------------- membership

const rolesInSeries = prepared((db) =>
	db
		.select({ role: seriesMember.role })
		.from(seriesMember)
		.where(and(eq(seriesMember.seriesId, sql.placeholder('seriesId')), or(eq(seriesMember.userId, sql.placeholder('userId')), eq(seriesMember.organisationId, sql.placeholder('organisationId')))))
		.prepare()
);

/** The actor's role in a series: coordinator, member (directly or through their organisation), or none. */
export function seriesRole(db: Db | Tx, actor: Actor, seriesId: number): SeriesRole | null {
	const rows = rolesInSeries(db).all({ seriesId, userId: actor.id, organisationId: actor.organisationId });
	if (rows.some((r) => r.role === 'coordinator')) return 'coordinator';
	return rows.length ? 'member' : null;
}

const seriesIdsOf = prepared((db) =>
	db
		.selectDistinct({ id: seriesMember.seriesId })
		.from(seriesMember)
		.where(or(eq(seriesMember.userId, sql.placeholder('userId')), eq(seriesMember.organisationId, sql.placeholder('organisationId'))))
		.prepare()
);

/** Ids of the series the actor belongs to. */
export function visibleSeriesIds(db: Db | Tx, actor: Actor): number[] {
	return seriesIdsOf(db)
		.all({ userId: actor.id, organisationId: actor.organisationId })
		.map((r) => r.id);
}

/** Active users who belong to a series (directly or through their organisation). */
export function seriesParticipants(db: Db | Tx, seriesId: number) {
	return participantsOf(db, [seriesId]);
}

const membersOf = prepared((db) => db.select().from(seriesMember).where(inJson(seriesMember.seriesId, 'seriesIds')).prepare());
const activeUsersIn = prepared((db) =>
	db
		.select({ id: user.id, name: user.name, email: user.email, locale: user.locale, organisationId: user.organisationId, organisationName: organisation.name })
		.from(user)
		.innerJoin(organisation, eq(user.organisationId, organisation.id))
		.where(and(eq(user.active, true), or(inJson(user.id, 'userIds'), inJson(user.organisationId, 'organisationIds'))))
		.orderBy(asc(organisation.name), asc(user.name))
		.prepare()
);

/**
 * The active users who take part in any of the series (as named users or through their
 * organisation), in one query: the action overview's filters list the people of every series shown.
 * `coordinator` is true for who coordinates one of them.
 */
export function participantsOf(db: Db | Tx, seriesIds: number[]) {
	if (!seriesIds.length) return [];
	const members = membersOf(db).all({ seriesIds: JSON.stringify(seriesIds) });
	const userIds = [...new Set(members.filter((x) => x.userId).map((x) => x.userId!))];
	const orgIds = [...new Set(members.filter((x) => x.organisationId).map((x) => x.organisationId!))];
	if (!userIds.length && !orgIds.length) return [];
	const coordinatorIds = new Set(members.filter((x) => x.role === 'coordinator').map((x) => x.userId));
	return activeUsersIn(db)
		.all({ userIds: JSON.stringify(userIds), organisationIds: JSON.stringify(orgIds) })
		.map((u) => ({ ...u, coordinator: coordinatorIds.has(u.id) }));
}

const seriesById = prepared((db) => db.select().from(meetingSeries).where(eq(meetingSeries.id, sql.placeholder('id'))).prepare());
const meetingById = prepared((db) => db.select().from(meeting).where(eq(meeting.id, sql.placeholder('id'))).prepare());

function loadSeries(db: Db | Tx, id: number): Series {
	const row = seriesById(db).get({ id });
	if (!row) throw new NotFoundError();
	return row;
}

function loadMeeting(db: Db | Tx, id: number): Meeting {
	const row = meetingById(db).get({ id });
	if (!row) throw new NotFoundError();
	return row;
}

/** Not a member: the series does not exist for this actor (404, not 403, so ids reveal nothing). */
function requireRole(db: Db | Tx, actor: Actor, seriesId: number): SeriesRole {
	return requireSeriesRole(seriesRole(db, actor, seriesId));
}

// ---------------------------------------------------------------- series

const idList = z.array(idSchema).default([]);

export const seriesSchema = z.object({
	title: z.string().trim().min(3, 'title_required').max(160, 'too_long'),
	description: z.string().trim().max(4000, 'too_long').default(''),
	place: z.string().trim().max(300, 'too_long').default(''),
	durationMinutes: z.coerce.number().int().min(15, 'duration_invalid').max(600, 'duration_invalid'),
	agendaDeadlineDays: z.coerce.number().int().min(0, 'deadline_invalid').max(60, 'deadline_invalid'),
	reminderDaysBefore: z.coerce.number().int().min(0, 'reminder_days_invalid').max(60, 'reminder_days_invalid').default(3),
	recurrence: recurrenceSchema,
	coordinatorIds: idList,
	memberUserIds: idList,
	memberOrganisationIds: idList
});
export type SeriesInput = z.input<typeof seriesSchema>;

/**
 * Every coordinator and member must be an existing, active user or organisation. Checked before
 * anything is written, so a refused save changes nothing.
 */
function assertMembersExist(tx: Db | Tx, data: z.output<typeof seriesSchema>) {
	const fields: Record<string, string> = {};
	const userIds = [...new Set([...data.coordinatorIds, ...data.memberUserIds])];
	const users = userIds.length ? tx.select({ id: user.id }).from(user).where(and(inArray(user.id, userIds), eq(user.active, true))).all() : [];
	const knownUsers = new Set(users.map((u) => u.id));
	if (data.coordinatorIds.some((id) => !knownUsers.has(id))) fields.coordinatorIds = 'member_unknown';
	if (data.memberUserIds.some((id) => !knownUsers.has(id))) fields.memberUserIds = 'member_unknown';
	const orgIds = [...new Set(data.memberOrganisationIds)];
	const orgs = orgIds.length ? tx.select({ id: organisation.id }).from(organisation).where(inArray(organisation.id, orgIds)).all() : [];
	if (orgs.length !== orgIds.length) fields.memberOrganisationIds = 'member_unknown';
	if (Object.keys(fields).length) throw new ValidationError(fields);
}

function writeMembers(tx: Tx, seriesId: number, data: z.output<typeof seriesSchema>) {
	tx.delete(seriesMember).where(eq(seriesMember.seriesId, seriesId)).run();
	const coordinators = new Set(data.coordinatorIds);
	for (const userId of coordinators) tx.insert(seriesMember).values({ seriesId, userId, role: 'coordinator' }).run();
	for (const userId of new Set(data.memberUserIds)) {
		if (!coordinators.has(userId)) tx.insert(seriesMember).values({ seriesId, userId, role: 'member' }).run();
	}
	for (const organisationId of new Set(data.memberOrganisationIds)) tx.insert(seriesMember).values({ seriesId, organisationId, role: 'member' }).run();
}

/** The stored columns of a validated series form; the RFC 5545 text is derived from the recurrence. */
function seriesColumns(data: z.output<typeof seriesSchema>) {
	const { title, description, place, durationMinutes, agendaDeadlineDays, reminderDaysBefore, recurrence } = data;
	return { title, description, place, durationMinutes, agendaDeadlineDays, reminderDaysBefore, recurrence, rrule: toRfc5545(recurrence) };
}

export function createSeries(db: Db, actor: Actor, input: SeriesInput, meta: RequestMeta): number {
	assertCan(actor, 'series.create');
	const data = parseInput(seriesSchema, input);
	if (!data.coordinatorIds.includes(actor.id)) data.coordinatorIds.unshift(actor.id);
	const now = meta.now ?? new Date();
	return db.transaction((tx) => {
		assertMembersExist(tx, data);
		const id = tx
			.insert(meetingSeries)
			.values({ ...seriesColumns(data), createdBy: actor.id })
			.returning({ id: meetingSeries.id })
			.get().id;
		writeMembers(tx, id, data);
		materialiseSeries(tx, loadSeries(tx, id), now);
		recordAuditEvent(tx, { type: 'series.created', actorId: actor.id, actorEmail: actor.email, subjectType: 'series', subjectId: id, ip: meta.ip, details: { title: data.title } });
		return id;
	});
}

export function updateSeries(db: Db, actor: Actor, id: number, input: SeriesInput & { version: number }, meta: RequestMeta): void {
	// Access first: 404 for outsiders (the id tells them nothing), 403 for members; then the input.
	loadSeries(db, id);
	assertManage(db, actor, id);
	const data = parseInput(seriesSchema, input);
	const now = meta.now ?? new Date();
	db.transaction((tx) => {
		const before = loadSeries(tx, id);
		assertCan(actor, 'series.manage', { type: 'series', role: requireRole(tx, actor, id) });
		if (before.version !== Number(input.version)) throw new ConflictError();
		if (data.coordinatorIds.length === 0) throw new DomainError('coordinator_required');
		// Handing over is done by the new coordinator; nobody locks themselves out of their series.
		if (!data.coordinatorIds.includes(actor.id)) throw new ValidationError({ coordinatorIds: 'coordinator_self_removal' });
		assertMembersExist(tx, data);
		const recurrenceChanged = JSON.stringify(before.recurrence) !== JSON.stringify(data.recurrence);
		tx.update(meetingSeries)
			.set({
				...seriesColumns(data),
				version: before.version + 1,
				...(recurrenceChanged ? { materialisedUntil: null } : {})
			})
			.where(eq(meetingSeries.id, id))
			.run();
		writeMembers(tx, id, data);
		const series = loadSeries(tx, id);
		if (recurrenceChanged) dropObsoleteOccurrences(tx, series, now);
		materialiseSeries(tx, series, now);
		recordAuditEvent(tx, { type: 'series.updated', actorId: actor.id, actorEmail: actor.email, subjectType: 'series', subjectId: id, ip: meta.ip, details: { recurrenceChanged } });
	});
}

/**
 * Creates the meetings of the next HORIZON_MONTHS that do not exist yet. Called on every
 * change of a series and daily for all series; idempotent thanks to the unique occurrence index.
 */
export function materialiseSeries(tx: Db | Tx, series: Series, now = new Date()): number {
	const until = new Date(now);
	until.setUTCMonth(until.getUTCMonth() + HORIZON_MONTHS);
	const from = series.materialisedUntil && series.materialisedUntil > now ? series.materialisedUntil : now;
	if (from >= until) return 0;
	const recurrence = series.recurrence as Recurrence;
	let created = 0;
	for (const start of expandRecurrence(recurrence, from, until)) {
		const key = occurrenceDate(start);
		const exists = tx.select({ id: meeting.id }).from(meeting).where(and(eq(meeting.seriesId, series.id), eq(meeting.occurrenceDate, key))).get();
		if (exists) continue;
		tx.insert(meeting)
			.values({
				seriesId: series.id,
				uid: `${crypto.randomUUID()}@fallkonferenz`,
				occurrenceDate: key,
				startsAt: start,
				endsAt: new Date(start.getTime() + series.durationMinutes * 60_000),
				place: series.place
			})
			.run();
		created++;
	}
	tx.update(meetingSeries).set({ materialisedUntil: until }).where(eq(meetingSeries.id, series.id)).run();
	return created;
}

/** After a change of the rule: future occurrences the rule no longer has go away (or are cancelled if members were invited). */
function dropObsoleteOccurrences(tx: Tx, series: Series, now: Date) {
	const until = new Date(now);
	until.setUTCMonth(until.getUTCMonth() + HORIZON_MONTHS);
	const wanted = new Set(expandRecurrence(series.recurrence as Recurrence, now, until).map(occurrenceDate));
	const future = tx
		.select()
		.from(meeting)
		.where(and(eq(meeting.seriesId, series.id), gte(meeting.startsAt, now), eq(meeting.extra, false), eq(meeting.moved, false), isNotNull(meeting.occurrenceDate)))
		.all();
	for (const mt of future) {
		if (wanted.has(mt.occurrenceDate!) || isCancelled(mt.status) || !isAhead(mt.status)) continue;
		const items = tx.select({ id: agendaItem.id }).from(agendaItem).where(eq(agendaItem.meetingId, mt.id)).all();
		if (!mt.publishedAt && items.length === 0) {
			tx.delete(meetingResponse).where(eq(meetingResponse.meetingId, mt.id)).run();
			tx.delete(meeting).where(eq(meeting.id, mt.id)).run();
		} else {
			// Members were told or items exist: the meeting stays visible as cancelled; the occurrence key is freed.
			tx.update(meeting)
				.set({ status: 'cancelled', cancelReason: m.series_rule_changed({}, { locale: 'de' }), occurrenceDate: null, sequence: mt.sequence + 1 })
				.where(eq(meeting.id, mt.id))
				.run();
			if (mt.publishedAt) notifyMembers(tx, series, { ...mt, status: 'cancelled', sequence: mt.sequence + 1 }, 'cancelled');
		}
	}
}

/** Daily job: keeps every active series materialised a year ahead. */
export function extendAllSeries(db: Db, now = new Date()): number {
	let created = 0;
	const all = db.select().from(meetingSeries).where(eq(meetingSeries.active, true)).all();
	for (const s of all) created += db.transaction((tx) => materialiseSeries(tx, s, now));
	return created;
}

/** The actor's role in every series they belong to, from one query (coordinator wins over member). */
function seriesRoles(db: Db | Tx, actor: Actor): Map<number, SeriesRole> {
	const roles = new Map<number, SeriesRole>();
	const rows = db
		.select({ seriesId: seriesMember.seriesId, role: seriesMember.role })
		.from(seriesMember)
		.where(or(eq(seriesMember.userId, actor.id), eq(seriesMember.organisationId, actor.organisationId)))
		.all();
	for (const r of rows) if (roles.get(r.seriesId) !== 'coordinator') roles.set(r.seriesId, r.role === 'coordinator' ? 'coordinator' : 'member');
	return roles;
}

export function listSeries(db: Db, actor: Actor) {
	const roles = seriesRoles(db, actor);
	if (!roles.size) return [];
	return db
		.select()
		.from(meetingSeries)
		.where(inArray(meetingSeries.id, [...roles.keys()]))
		.orderBy(asc(meetingSeries.title))
		.all()
		.map((s) => ({ ...s, role: roles.get(s.id) ?? null }));
}

export function getSeries(db: Db, actor: Actor, id: number) {
	const series = loadSeries(db, id);
	const role = requireRole(db, actor, id);
	const members = db.select().from(seriesMember).where(eq(seriesMember.seriesId, id)).all();
	return {
		series,
		role,
		canManage: can(actor, 'series.manage', { type: 'series', role }),
		coordinatorIds: members.filter((x) => x.role === 'coordinator').map((x) => x.userId!),
		memberUserIds: members.filter((x) => x.role === 'member' && x.userId).map((x) => x.userId!),
		memberOrganisationIds: members.filter((x) => x.organisationId).map((x) => x.organisationId!),
		participants: seriesParticipants(db, id)
	};
}

// ---------------------------------------------------------------- meetings

export interface MeetingFilter {
	seriesId?: number;
	from?: Date;
	to?: Date;
	limit?: number;
	order?: 'asc' | 'desc';
}

/** Meetings of some series in a time window, earliest or latest first: prepared once per order. */
function meetingsInWindow(order: 'asc' | 'desc') {
	return prepared((db) =>
		db
			.select({ meeting, seriesTitle: meetingSeries.title, deadlineDays: meetingSeries.agendaDeadlineDays })
			.from(meeting)
			.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
			.where(and(inJson(meeting.seriesId, 'seriesIds'), gte(meeting.startsAt, placeholderFor(meeting.startsAt, 'from')), lt(meeting.startsAt, placeholderFor(meeting.startsAt, 'to'))))
			.orderBy(order === 'desc' ? desc(meeting.startsAt) : asc(meeting.startsAt))
			.limit(sql.placeholder('limit'))
			.prepare()
	);
}
const meetingsInWindowAsc = meetingsInWindow('asc');
const meetingsInWindowDesc = meetingsInWindow('desc');
/** Bounds of an open time window (the range of a JavaScript Date). */
const EARLIEST = new Date(-8.64e15);
const LATEST = new Date(8.64e15);

export function listMeetings(db: Db, actor: Actor, filter: MeetingFilter = {}) {
	const ids = visibleSeriesIds(db, actor).filter((id) => !filter.seriesId || id === filter.seriesId);
	if (!ids.length) return [];
	const query = filter.order === 'desc' ? meetingsInWindowDesc : meetingsInWindowAsc;
	return query(db)
		.all({ seriesIds: JSON.stringify(ids), from: filter.from ?? EARLIEST, to: filter.to ?? LATEST, limit: filter.limit ?? 500 })
		.map(listRow);
}

function listRow(r: { meeting: Meeting; seriesTitle: string; deadlineDays: number }) {
	return { ...r.meeting, seriesTitle: r.seriesTitle, deadline: agendaDeadline(r.meeting.startsAt, r.deadlineDays), holiday: nrwHoliday(r.meeting.startsAt), phase: meetingPhase(r.meeting) };
}

export const MEETINGS_PAGE_SIZE = 25;
export const MEETING_VIEWS = ['upcoming', 'past'] as const;
export type MeetingView = (typeof MEETING_VIEWS)[number];

/** Upcoming: from `now`, earliest first; past: before `now`, latest first. Prepared once per view. */
function meetingsPageQueries(view: MeetingView) {
	const where = and(
		inJson(meeting.seriesId, 'seriesIds'),
		view === 'past' ? lt(meeting.startsAt, placeholderFor(meeting.startsAt, 'now')) : gte(meeting.startsAt, placeholderFor(meeting.startsAt, 'now'))
	);
	return {
		count: prepared((db) => db.select({ n: sql<number>`count(*)` }).from(meeting).where(where).prepare()),
		page: prepared((db) =>
			db
				.select({ meeting, seriesTitle: meetingSeries.title, deadlineDays: meetingSeries.agendaDeadlineDays })
				.from(meeting)
				.innerJoin(meetingSeries, eq(meeting.seriesId, meetingSeries.id))
				.where(where)
				.orderBy(...(view === 'past' ? [desc(meeting.startsAt), desc(meeting.id)] : [asc(meeting.startsAt), asc(meeting.id)]))
				.limit(sql.placeholder('limit'))
				.offset(sql.placeholder('offset'))
				.prepare()
		)
	};
}
const meetingsPage = { upcoming: meetingsPageQueries('upcoming'), past: meetingsPageQueries('past') };

/**
 * One page of the meetings list: upcoming (from now, earliest first) or past (before now, latest
 * first), of all the actor's series or of one. Work and answer are one page, however long the
 * history; `total` and `pages` come from a count over the index. A page beyond the end shows the
 * last page.
 */
export function listMeetingsPage(db: Db, actor: Actor, opts: { view: MeetingView; seriesId?: number; page?: number; pageSize?: number; now?: Date }) {
	const now = opts.now ?? new Date();
	const pageSize = opts.pageSize ?? MEETINGS_PAGE_SIZE;
	const ids = visibleSeriesIds(db, actor).filter((id) => !opts.seriesId || id === opts.seriesId);
	if (!ids.length) return { meetings: [] as ReturnType<typeof listRow>[], ...pageInfo(0, 1, pageSize) };
	const queries = meetingsPage[opts.view === 'past' ? 'past' : 'upcoming'];
	const seriesIds = JSON.stringify(ids);
	const total = queries.count(db).get({ seriesIds, now })?.n ?? 0;
	const info = pageInfo(Number(total), opts.page ?? 1, pageSize);
	const meetings = queries.page(db).all({ seriesIds, now, limit: pageSize, offset: info.offset }).map(listRow);
	return { meetings, ...info };
}

/** Submission deadline: N days before the meeting, at the same time of day. */
/**
 * The submission deadline: `days` calendar days before the meeting, at the same wall-clock time in
 * Berlin ("7 Tage vorher" of a 14:00 meeting is 14:00, also across a change to or from summer time;
 * N × 24 h would be 13:00 or 15:00 then).
 */
export function agendaDeadline(startsAt: Date, days: number): Date {
	const w = toBerlin(startsAt);
	const day = new Date(Date.UTC(w.year, w.month - 1, w.day - days));
	return fromBerlin({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: w.hour, minute: w.minute });
}

/** A meeting with its series' settings, without participants and answers: for pages that show only its header. */
export function meetingHeader(db: Db, actor: Actor, id: number) {
	const mt = loadMeeting(db, id);
	const role = requireRole(db, actor, mt.seriesId);
	const series = loadSeries(db, mt.seriesId);
	return {
		meeting: mt,
		phase: meetingPhase(mt),
		series: { id: series.id, title: series.title, agendaDeadlineDays: series.agendaDeadlineDays, reminderDaysBefore: series.reminderDaysBefore, durationMinutes: series.durationMinutes },
		role,
		canManage: can(actor, 'series.manage', { type: 'series', role }),
		deadline: agendaDeadline(mt.startsAt, series.agendaDeadlineDays)
	};
}

export function getMeeting(db: Db, actor: Actor, id: number) {
	const header = meetingHeader(db, actor, id);
	const mt = header.meeting;
	const participants = seriesParticipants(db, mt.seriesId);
	const responses = new Map(
		db.select().from(meetingResponse).where(eq(meetingResponse.meetingId, id)).all().map((r) => [r.userId, r.answer])
	);
	const attendance = { accepted: 0, declined: 0, tentative: 0, open: 0 };
	const people = participants.map((p) => {
		const answer = responses.get(p.id) ?? null;
		attendance[answer ?? 'open']++;
		return { ...p, answer };
	});
	return {
		...header,
		holiday: nrwHoliday(mt.startsAt),
		participants: people,
		attendance,
		myAnswer: responses.get(actor.id) ?? null
	};
}

function calendarMeeting(series: Pick<Series, 'title' | 'description'>, mt: Meeting, baseUrl?: string): CalendarMeeting {
	return {
		uid: mt.uid,
		title: series.title,
		description: [mt.cancelReason ? `${m.meeting_cancelled_label({}, { locale: 'de' })}: ${mt.cancelReason}` : '', series.description].filter(Boolean).join('\n\n'),
		place: mt.place,
		startsAt: mt.startsAt,
		endsAt: mt.endsAt,
		sequence: mt.sequence,
		cancelled: isCancelled(mt.status),
		url: baseUrl ? new URL(`/meetings/${mt.id}`, baseUrl).toString() : undefined
	};
}

export { calendarMeeting };

/** "Dienstag, 3. Februar 2026, 14:00–16:00 Uhr" or "Tuesday 3 February 2026, 14:00–16:00", Berlin time. */
function formatWhen(mt: Pick<Meeting, 'startsAt' | 'endsAt'>, locale: 'de' | 'en' = 'de'): string {
	const tag = locale === 'en' ? 'en-GB' : 'de-DE';
	const date = mt.startsAt.toLocaleDateString(tag, { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const from = mt.startsAt.toLocaleTimeString(tag, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
	const to = mt.endsAt.toLocaleTimeString(tag, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
	return locale === 'en' ? `${date}, ${from}–${to}` : `${date}, ${from}–${to} Uhr`;
}

type Notice = 'invitation' | 'updated' | 'cancelled' | 'agenda';

/** Queues a mail with an .ics (REQUEST or CANCEL) to every participant of the series. */
/** The address part of MAIL_FROM ("Fallkonferenz <no-reply@kreis.example>" → "no-reply@kreis.example"). */
function senderAddress(): string {
	const from = config().mailFrom;
	return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

function notifyMembers(tx: Db | Tx, series: Series, mt: Meeting, notice: Notice, baseUrl?: string) {
	const participants = seriesParticipants(tx, series.id);
	const answers = new Map(tx.select().from(meetingResponse).where(eq(meetingResponse.meetingId, mt.id)).all().map((r) => [r.userId, r.answer]));
	const coordinator = participants.find((p) => p.coordinator);
	const ics = meetingInvitationIcs({
		...calendarMeeting(series, mt, baseUrl),
		// The coordinator organises; replies go to the configured sender (the app has no inbox of theirs).
		organizer: { name: coordinator?.name ?? series.title, email: senderAddress() },
		attendees: participants.map((p) => ({ name: p.name, email: p.email, answer: answers.get(p.id) ?? null }))
	});
	const link = baseUrl ? new URL(`/meetings/${mt.id}`, baseUrl).toString() : '';
	const subjects = {
		invitation: m.mail_meeting_invitation_subject,
		updated: m.mail_meeting_updated_subject,
		cancelled: m.mail_meeting_cancelled_subject,
		agenda: m.mail_agenda_published_subject
	}[notice];
	// Each participant gets the mail in the language they chose in the app.
	for (const p of participants) {
		const locale = p.locale;
		const when = formatWhen(mt, locale);
		queueMail(tx, {
			to: p.email,
			subject: subjects({ title: series.title, when }, { locale }),
			body: m.mail_meeting_body(
				{ name: p.name, title: series.title, when, place: mt.place || '–', reason: mt.cancelReason ? m.mail_cancel_reason({ reason: mt.cancelReason }, { locale }) : '', link },
				{ locale }
			),
			attachments: [{ filename: locale === 'en' ? 'meeting.ics' : 'sitzung.ics', contentType: 'text/calendar', content: ics.content, method: ics.method }]
		});
	}
}

export { notifyMembers };

function assertManage(db: Db | Tx, actor: Actor, seriesId: number) {
	assertCan(actor, 'series.manage', { type: 'series', role: requireRole(db, actor, seriesId) });
}

/** The coordinator invites the members: mail with .ics to everyone, then changes are sent as updates. */
export function publishMeeting(db: Db, actor: Actor, id: number, baseUrl: string, meta: RequestMeta): void {
	db.transaction((tx) => {
		const mt = loadMeeting(tx, id);
		assertManage(tx, actor, mt.seriesId);
		if (isCancelled(mt.status)) throw new DomainError('meeting_cancelled', 409);
		if (!isAhead(mt.status)) throw new DomainError('meeting_already_held', 409);
		if (mt.publishedAt) throw new DomainError('meeting_already_published', 409);
		const now = meta.now ?? new Date();
		tx.update(meeting).set({ publishedAt: now, version: mt.version + 1 }).where(eq(meeting.id, id)).run();
		notifyMembers(tx, loadSeries(tx, mt.seriesId), { ...mt, publishedAt: now }, 'invitation', baseUrl);
		recordAuditEvent(tx, { type: 'meeting.published', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: id, ip: meta.ip });
	});
}

export const moveSchema = z.object({
	date: isoDateSchema,
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid'),
	durationMinutes: z.coerce.number().int().min(15, 'duration_invalid').max(600, 'duration_invalid'),
	place: z.string().trim().max(300, 'too_long').default('')
});

function wallInstant(date: string, time: string): Date {
	return fromBerlin({ ...parseDate(date), ...parseTime(time) });
}

/** Moves one meeting (date, time, duration, place) without touching the rest of the series. */
export function moveMeeting(db: Db, actor: Actor, id: number, input: z.input<typeof moveSchema> & { version: number }, baseUrl: string, meta: RequestMeta): { holiday: string | null } {
	assertManage(db, actor, loadMeeting(db, id).seriesId);
	const data = parseInput(moveSchema, input);
	const startsAt = wallInstant(data.date, data.time);
	return db.transaction((tx) => {
		const mt = loadMeeting(tx, id);
		assertManage(tx, actor, mt.seriesId);
		if (mt.version !== Number(input.version)) throw new ConflictError();
		if (isCancelled(mt.status)) throw new DomainError('meeting_cancelled', 409);
		if (!isAhead(mt.status)) throw new DomainError('meeting_already_held', 409);
		const changed = { startsAt, endsAt: new Date(startsAt.getTime() + data.durationMinutes * 60_000), place: data.place, moved: true, sequence: mt.sequence + 1, version: mt.version + 1 };
		tx.update(meeting).set(changed).where(eq(meeting.id, id)).run();
		if (mt.publishedAt) notifyMembers(tx, loadSeries(tx, mt.seriesId), { ...mt, ...changed }, 'updated', baseUrl);
		recordAuditEvent(tx, { type: 'meeting.moved', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: id, ip: meta.ip, details: { from: mt.startsAt.toISOString(), to: startsAt.toISOString() } });
		return { holiday: nrwHoliday(startsAt) };
	});
}

export function cancelMeeting(db: Db, actor: Actor, id: number, input: { reason: string; version: number }, baseUrl: string, meta: RequestMeta): void {
	assertManage(db, actor, loadMeeting(db, id).seriesId);
	const reason = input.reason.trim();
	if (reason.length < 3) throw new DomainError('cancel_reason_required');
	db.transaction((tx) => {
		const mt = loadMeeting(tx, id);
		assertManage(tx, actor, mt.seriesId);
		if (mt.version !== Number(input.version)) throw new ConflictError();
		const changed = { status: nextStatus(mt.status, 'cancel', ['coordinator']), cancelReason: reason.slice(0, 500), sequence: mt.sequence + 1, version: mt.version + 1 };
		tx.update(meeting).set(changed).where(eq(meeting.id, id)).run();
		if (mt.publishedAt) notifyMembers(tx, loadSeries(tx, mt.seriesId), { ...mt, ...changed }, 'cancelled', baseUrl);
		recordAuditEvent(tx, { type: 'meeting.cancelled', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: id, ip: meta.ip });
	});
}

/** A Sondersitzung outside the rule. */
export function createExtraMeeting(db: Db, actor: Actor, seriesId: number, input: z.input<typeof moveSchema>, meta: RequestMeta): { id: number; holiday: string | null } {
	loadSeries(db, seriesId);
	assertManage(db, actor, seriesId);
	const data = parseInput(moveSchema, input);
	const startsAt = wallInstant(data.date, data.time);
	return db.transaction((tx) => {
		loadSeries(tx, seriesId);
		assertManage(tx, actor, seriesId);
		const id = tx
			.insert(meeting)
			.values({ seriesId, uid: `${crypto.randomUUID()}@fallkonferenz`, extra: true, startsAt, endsAt: new Date(startsAt.getTime() + data.durationMinutes * 60_000), place: data.place })
			.returning({ id: meeting.id })
			.get().id;
		recordAuditEvent(tx, { type: 'meeting.created', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: id, ip: meta.ip, details: { extra: true } });
		return { id, holiday: nrwHoliday(startsAt) };
	});
}

/** Marks a past meeting as held (the minutes come later). */
export function markMeetingHeld(db: Db, actor: Actor, id: number, meta: RequestMeta): void {
	db.transaction((tx) => {
		const mt = loadMeeting(tx, id);
		assertManage(tx, actor, mt.seriesId);
		const status = nextStatus(mt.status, 'mark_held', ['coordinator']);
		if (mt.startsAt > (meta.now ?? new Date())) throw new DomainError('meeting_not_started', 409);
		tx.update(meeting).set({ status, version: mt.version + 1 }).where(eq(meeting.id, id)).run();
		recordAuditEvent(tx, { type: 'meeting.held', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: id, ip: meta.ip });
	});
}

export function respondToMeeting(db: Db, actor: Actor, id: number, answer: string, meta: RequestMeta): void {
	// Access first: outside the series the meeting does not exist (404), whatever the answer says.
	assertCan(actor, 'meeting.respond', { type: 'series', role: requireRole(db, actor, loadMeeting(db, id).seriesId) });
	const parsed = z.enum(RESPONSES).safeParse(answer);
	if (!parsed.success) throw new DomainError('answer_invalid');
	db.transaction((tx) => {
		const mt = loadMeeting(tx, id);
		assertCan(actor, 'meeting.respond', { type: 'series', role: requireRole(tx, actor, mt.seriesId) });
		if (isCancelled(mt.status)) throw new DomainError('meeting_cancelled', 409);
		if (isOver(mt.status)) throw new DomainError('meeting_already_held', 409);
		const now = meta.now ?? new Date();
		tx.insert(meetingResponse)
			.values({ meetingId: id, userId: actor.id, answer: parsed.data, updatedAt: now })
			.onConflictDoUpdate({ target: [meetingResponse.meetingId, meetingResponse.userId], set: { answer: parsed.data, updatedAt: now } })
			.run();
	});
}

/** Next meeting of the same series after this one that can still take items. */
export function nextMeetingOf(db: Db | Tx, mt: Meeting): Meeting | null {
	return (
		db
			.select()
			.from(meeting)
			.where(and(eq(meeting.seriesId, mt.seriesId), sql`${meeting.startsAt} > ${mt.startsAt.getTime()}`, inArray(meeting.status, AHEAD_STATUSES)))
			.orderBy(asc(meeting.startsAt))
			.limit(1)
			.get() ?? null
	);
}

export { toBerlin, loadMeeting, loadSeries };
