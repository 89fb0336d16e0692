/**
 * Action items (Aufgaben): agreed in the minutes under an agenda item, followed up until they are
 * done or dropped. The responsible person, any member of the responsible organisation and the
 * series' coordinators update status and add notes; coordinators change everything; other series
 * members read; outside the series an item does not exist (404). Every text passes the PII review
 * in the transaction that stores it.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { inJson, placeholderFor, prepared } from '../db/prepared';
import { caseFile, organisation, user } from '../db/schema';
import { ACTION_STATUSES, actionEvent, actionItem, actionReminder, meeting, meetingSeries, type ActionStatus } from '../db/schema-meetings';
import { assertCan, can, requireSeriesRole, type Actor, type SeriesRole } from '../access';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError, parseInput } from '../errors';
import type { RequestMeta } from '../auth/login';
import { recordAuditEvent } from '../audit';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { reviewFreeText } from '../pii/protect';
import type { FindingDecision } from '../pii/review';
import { seriesParticipants, seriesRole, visibleSeriesIds } from '../meetings';
import { berlinDateKey } from '../meetings/time';
import { idSchema, isoDateSchema } from '../validation';

type ActionRow = typeof actionItem.$inferSelect;

/** Open work: what reminders, Wiedervorlage and "overdue" look at. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];
/** "Done recently" on "Meine Aufgaben": closed within this many days. */
export const RECENT_DAYS = 30;
/** "Due soon" on "Meine Aufgaben". */
export const SOON_DAYS = 14;

/** Which status may follow which; going back to open from done or dropped is for coordinators. */
const NEXT: Record<ActionStatus, readonly ActionStatus[]> = {
	open: ['in_progress', 'done', 'dropped'],
	in_progress: ['open', 'done', 'dropped'],
	done: ['open'],
	dropped: ['open']
};

export function canChangeStatus(from: ActionStatus, to: ActionStatus, coordinator: boolean): boolean {
	if (!NEXT[from].includes(to)) return false;
	return OPEN_STATUSES.includes(from) || coordinator;
}

/** An id that may be left empty ("" or missing: none). */
const optionalId = z
	.union([z.literal(''), z.null(), idSchema])
	.optional()
	.transform((v) => (typeof v === 'number' ? v : null));

export const actionFieldsSchema = z
	.object({
		title: z.string().trim().min(3, 'action_title_required').max(200, 'too_long'),
		description: z.string().trim().max(5000, 'too_long').default(''),
		assigneeUserId: optionalId,
		assigneeOrganisationId: optionalId,
		dueDate: z
			.union([z.literal(''), z.null(), isoDateSchema])
			.optional()
			.transform((v) => v || null)
	})
	.refine((a) => a.assigneeUserId !== null || a.assigneeOrganisationId !== null, { path: ['assignee'], message: 'action_assignee_required' });
export type ActionFieldsInput = z.input<typeof actionFieldsSchema>;
export type ActionFields = z.output<typeof actionFieldsSchema>;

export function actionResource(role: SeriesRole | null, row: Pick<ActionRow, 'assigneeUserId' | 'assigneeOrganisationId'>) {
	return { type: 'action' as const, role, assigneeUserId: row.assigneeUserId, assigneeOrganisationId: row.assigneeOrganisationId };
}

/** The responsible person must take part in the series; the organisation must be one of its members'. */
export function checkAssignees(db: Db | Tx, seriesId: number, data: Pick<ActionFields, 'assigneeUserId' | 'assigneeOrganisationId'>): void {
	const participants = seriesParticipants(db, seriesId);
	const fields: Record<string, string> = {};
	if (data.assigneeUserId !== null && !participants.some((p) => p.id === data.assigneeUserId)) fields.assigneeUserId = 'action_assignee_invalid';
	if (data.assigneeOrganisationId !== null && !participants.some((p) => p.organisationId === data.assigneeOrganisationId)) fields.assigneeOrganisationId = 'action_assignee_invalid';
	if (Object.keys(fields).length) throw new ValidationError(fields);
}

/** The organisations a series' action items can be assigned to (those of its participants). */
export function assignableOrganisations(participants: { organisationId: number; organisationName: string }[]) {
	const seen = new Map<number, string>();
	for (const p of participants) seen.set(p.organisationId, p.organisationName);
	return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Inserts an item and its "created" event; the caller has checked permission, PII and assignees. */
export function insertActionItem(
	tx: Tx,
	actor: Actor,
	origin: { seriesId: number; meetingId: number; agendaItemId: number; topLabel: string; caseId: number | null },
	data: ActionFields,
	now: Date
): number {
	const id = tx
		.insert(actionItem)
		.values({ ...origin, ...data, createdBy: actor.id, createdAt: now, updatedAt: now })
		.returning({ id: actionItem.id })
		.get().id;
	tx.insert(actionEvent).values({ actionItemId: id, actorId: actor.id, kind: 'created', status: 'open', meetingId: origin.meetingId, createdAt: now }).run();
	return id;
}

function loadAction(db: Db | Tx, id: number): ActionRow {
	const row = db.select().from(actionItem).where(eq(actionItem.id, id)).get();
	if (!row) throw new NotFoundError();
	return row;
}

/** Outside the series an item does not exist (404); inside, the policy decides. */
function accessTo(db: Db | Tx, actor: Actor, row: ActionRow) {
	const role = requireSeriesRole(seriesRole(db, actor, row.seriesId));
	const resource = actionResource(role, row);
	assertCan(actor, 'action.view', resource);
	return { role, coordinator: role === 'coordinator', mayUpdate: can(actor, 'action.update', resource) };
}

/** The date "today" in Berlin, as the due dates are written. */
export function todayKey(now = new Date()): string {
	return berlinDateKey(now);
}

function addDays(key: string, days: number): string {
	const d = new Date(`${key}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export function isOverdue(row: { status: string; dueDate: string | null }, today: string): boolean {
	return OPEN_STATUSES.includes(row.status as ActionStatus) && row.dueDate !== null && row.dueDate < today;
}

const listColumns = {
	id: actionItem.id,
	title: actionItem.title,
	status: actionItem.status,
	dueDate: actionItem.dueDate,
	topLabel: actionItem.topLabel,
	seriesId: actionItem.seriesId,
	seriesTitle: meetingSeries.title,
	meetingId: actionItem.meetingId,
	meetingStartsAt: meeting.startsAt,
	assigneeUserId: actionItem.assigneeUserId,
	assigneeName: user.name,
	assigneeOrganisationId: actionItem.assigneeOrganisationId,
	assigneeOrganisationName: organisation.name,
	caseCode: caseFile.code,
	closedAt: actionItem.closedAt,
	updatedAt: actionItem.updatedAt
};

function listQuery(db: Db | Tx, where: SQL | undefined) {
	return db
		.select(listColumns)
		.from(actionItem)
		.innerJoin(meetingSeries, eq(actionItem.seriesId, meetingSeries.id))
		.innerJoin(meeting, eq(actionItem.meetingId, meeting.id))
		.leftJoin(user, eq(actionItem.assigneeUserId, user.id))
		.leftJoin(organisation, eq(actionItem.assigneeOrganisationId, organisation.id))
		.leftJoin(caseFile, eq(actionItem.caseId, caseFile.id))
		.where(where);
}

export type ActionListRow = ReturnType<typeof listQuery>['_']['result'][number] & { overdue: boolean };

/**
 * Mine: assigned to me or to my organisation, in series I belong to. As placeholders (seriesIds as a
 * JSON array, userId, organisationId; values from mineValues): the start page, "Meine Aufgaben" and
 * the calendar feed run these queries on every visit, so they are built once (db/prepared.ts).
 */
const minePlaceholders = () => and(inJson(actionItem.seriesId, 'seriesIds'), or(eq(actionItem.assigneeUserId, sql.placeholder('userId')), eq(actionItem.assigneeOrganisationId, sql.placeholder('organisationId'))));
const myOpenItems = prepared((db) =>
	listQuery(db, and(minePlaceholders(), inArray(actionItem.status, OPEN_STATUSES)))
		.orderBy(sql`${actionItem.dueDate} IS NULL`, asc(actionItem.dueDate), asc(actionItem.id))
		.prepare()
);
const myRecentlyClosed = prepared((db) =>
	listQuery(db, and(minePlaceholders(), inArray(actionItem.status, ['done', 'dropped']), isNotNull(actionItem.closedAt), gte(actionItem.closedAt, placeholderFor(actionItem.closedAt, 'since'))))
		.orderBy(desc(actionItem.closedAt))
		.prepare()
);
const myOpenDueDates = prepared((db) =>
	db
		.select({ id: actionItem.id, dueDate: actionItem.dueDate, version: actionItem.version })
		.from(actionItem)
		.where(and(minePlaceholders(), inArray(actionItem.status, OPEN_STATUSES), isNotNull(actionItem.dueDate)))
		.orderBy(asc(actionItem.dueDate))
		.prepare()
);
const myOpenCounts = prepared((db) =>
	db
		.select({
			open: sql<number>`count(*)`,
			overdue: sql<number>`coalesce(sum(case when ${actionItem.dueDate} < ${sql.placeholder('today')} then 1 else 0 end), 0)`
		})
		.from(actionItem)
		.where(and(minePlaceholders(), inArray(actionItem.status, OPEN_STATUSES)))
		.prepare()
);

/** The placeholder values of "mine", or null when the actor belongs to no series. */
function mineValues(db: Db, actor: Actor) {
	const ids = visibleSeriesIds(db, actor);
	return ids.length ? { seriesIds: JSON.stringify(ids), userId: actor.id, organisationId: actor.organisationId } : null;
}

/**
 * "Meine Aufgaben": my items and my organisation's, grouped into overdue, due within 14 days,
 * later (or without a date) and done or dropped within the last 30 days.
 */
export function myActions(db: Db, actor: Actor, now = new Date()) {
	const mine = mineValues(db, actor);
	const empty = { overdue: [] as ActionListRow[], soon: [] as ActionListRow[], later: [] as ActionListRow[], recent: [] as ActionListRow[], today: todayKey(now) };
	if (!mine) return empty;
	const today = empty.today;
	const soonLimit = addDays(today, SOON_DAYS);
	const open = myOpenItems(db)
		.all(mine)
		.map((r) => ({ ...r, overdue: isOverdue(r, today) }));
	const recent = myRecentlyClosed(db)
		.all({ ...mine, since: new Date(now.getTime() - RECENT_DAYS * 86_400_000) })
		.map((r) => ({ ...r, overdue: false }));
	return {
		today,
		overdue: open.filter((r) => r.overdue),
		soon: open.filter((r) => !r.overdue && r.dueDate !== null && r.dueDate <= soonLimit),
		later: open.filter((r) => !r.overdue && (r.dueDate === null || r.dueDate > soonLimit)),
		recent
	};
}

/** Open items of mine and my organisation's with a due date (the calendar feed). */
export function openDueItems(db: Db, actor: Actor) {
	const mine = mineValues(db, actor);
	if (!mine) return [];
	return myOpenDueDates(db)
		.all(mine)
		.map((r) => ({ ...r, dueDate: r.dueDate! }));
}

/** Counts for the start page. */
export function myActionCounts(db: Db, actor: Actor, now = new Date()) {
	const mine = mineValues(db, actor);
	if (!mine) return { open: 0, overdue: 0 };
	const row = myOpenCounts(db).get({ ...mine, today: todayKey(now) });
	return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

export const SORTS = ['due', 'status', 'series', 'assignee', 'created'] as const;
export const PAGE_SIZE = 50;

export const overviewFilterSchema = z.object({
	series: optionalId,
	organisation: optionalId,
	person: optionalId,
	status: z.union([z.enum(ACTION_STATUSES), z.literal('active'), z.literal('')]).catch('').transform((v) => v || null),
	overdue: z.union([z.literal('1'), z.literal('')]).catch('').transform((v) => v === '1'),
	case: z.string().trim().max(12).catch('').default(''),
	sort: z.enum(SORTS).catch('due').default('due'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1)
});
export type OverviewFilter = z.output<typeof overviewFilterSchema>;

/** Reads the overview filter from a URL (unknown values fall back to "all", never a 500). */
export function parseOverviewFilter(params: URLSearchParams): OverviewFilter {
	const raw = Object.fromEntries(['series', 'organisation', 'person', 'status', 'overdue', 'case', 'sort', 'page'].map((k) => [k, params.get(k) ?? undefined]));
	const parsed = overviewFilterSchema.safeParse(raw);
	return parsed.success ? parsed.data : overviewFilterSchema.parse({});
}

/**
 * The overview of the action items of every series the actor belongs to, filtered and sorted as
 * the URL says. `all` returns every row (the CSV export); otherwise one page of PAGE_SIZE.
 */
export function listActions(db: Db, actor: Actor, filter: OverviewFilter, opts: { now?: Date; all?: boolean } = {}) {
	const today = todayKey(opts.now);
	const ids = visibleSeriesIds(db, actor);
	if (!ids.length || (filter.series !== null && !ids.includes(filter.series))) return { rows: [] as ActionListRow[], total: 0, today };
	const conds: (SQL | undefined)[] = [inArray(actionItem.seriesId, filter.series !== null ? [filter.series] : ids)];
	if (filter.organisation !== null) conds.push(eq(actionItem.assigneeOrganisationId, filter.organisation));
	if (filter.person !== null) conds.push(eq(actionItem.assigneeUserId, filter.person));
	if (filter.status === 'active') conds.push(inArray(actionItem.status, OPEN_STATUSES));
	else if (filter.status) conds.push(eq(actionItem.status, filter.status));
	if (filter.overdue) conds.push(and(inArray(actionItem.status, OPEN_STATUSES), lt(actionItem.dueDate, today)));
	if (filter.case) conds.push(eq(caseFile.code, filter.case.toUpperCase()));
	const where = and(...conds);
	const order = {
		due: [sql`${actionItem.dueDate} IS NULL`, asc(actionItem.dueDate), asc(actionItem.id)],
		status: [asc(actionItem.status), asc(actionItem.dueDate), asc(actionItem.id)],
		series: [asc(meetingSeries.title), asc(actionItem.dueDate), asc(actionItem.id)],
		assignee: [asc(organisation.name), asc(user.name), asc(actionItem.id)],
		created: [desc(actionItem.createdAt), desc(actionItem.id)]
	}[filter.sort];
	const totalRow = db
		.select({ n: sql<number>`count(*)` })
		.from(actionItem)
		.leftJoin(caseFile, eq(actionItem.caseId, caseFile.id))
		.where(where)
		.get();
	let q = listQuery(db, where).orderBy(...order).$dynamic();
	if (!opts.all) q = q.limit(PAGE_SIZE).offset((filter.page - 1) * PAGE_SIZE);
	return { rows: q.all().map((r) => ({ ...r, overdue: isOverdue(r, today) })), total: Number(totalRow?.n ?? 0), today };
}

/** One item with its timeline, as the actor may see it. */
export function getAction(db: Db, actor: Actor, id: number, now = new Date()) {
	const row = loadAction(db, id);
	const { coordinator, mayUpdate } = accessTo(db, actor, row);
	const [item] = listQuery(db, eq(actionItem.id, id)).all();
	const timeline = db
		.select({ id: actionEvent.id, kind: actionEvent.kind, status: actionEvent.status, note: actionEvent.note, meetingId: actionEvent.meetingId, createdAt: actionEvent.createdAt, actorName: user.name })
		.from(actionEvent)
		.innerJoin(user, eq(actionEvent.actorId, user.id))
		.where(eq(actionEvent.actionItemId, id))
		.orderBy(asc(actionEvent.createdAt), asc(actionEvent.id))
		.all();
	const participants = coordinator ? seriesParticipants(db, row.seriesId) : [];
	const today = todayKey(now);
	return {
		item: { ...item, description: row.description, dropReason: row.dropReason, version: row.version, createdAt: row.createdAt, overdue: isOverdue(row, today) },
		timeline,
		nextStatuses: mayUpdate ? ACTION_STATUSES.filter((s) => canChangeStatus(row.status, s, coordinator)) : [],
		participants: participants.map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })),
		organisations: coordinator ? assignableOrganisations(participants) : [],
		can: { update: mayUpdate, edit: coordinator }
	};
}

const statusSchema = z.object({
	status: z.enum(ACTION_STATUSES, 'action_status_invalid'),
	note: z.string().trim().max(5000, 'too_long').default(''),
	version: z.coerce.number().int().positive()
});

interface UpdateOptions {
	decisions?: Record<string, FindingDecision>;
	/** The update is recorded in the minutes of this meeting (Wiedervorlage while minutes are taken). */
	meetingId?: number | null;
}

/**
 * Changes the status (with an optional note; a reason is required to drop an item). The note
 * passes the PII review; a stale version is a conflict.
 */
export function changeActionStatus(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	id: number,
	input: { status: string; note?: string; version: number | string } & UpdateOptions,
	meta: RequestMeta
): void {
	// Access first (404 outside the series, 403 for who may not update), then the input.
	const row = loadAction(db, id);
	const { coordinator, role } = accessTo(db, actor, row);
	assertCan(actor, 'action.update', actionResource(role, row));
	const data = parseInput(statusSchema, input);
	if (data.status === row.status) throw new ValidationError({ status: 'action_status_unchanged' });
	if (!NEXT[row.status].includes(data.status)) throw new ValidationError({ status: 'action_status_invalid' });
	if (!canChangeStatus(row.status, data.status, coordinator)) throw new ForbiddenError();
	if (data.status === 'dropped' && data.note.length < 3) throw new ValidationError({ note: 'action_drop_reason_required' });
	const pii = reviewFreeText(db, keysDb, actor, { note: data.note }, input.decisions ?? {}, { caseId: row.caseId, meta, subject: { type: 'action_item', id } });
	const now = meta.now ?? new Date();
	transactionWithKeys(db, keysDb, (tx, keys) => {
		const current = loadAction(tx, id);
		if (current.version !== data.version) throw new ConflictError();
		const { note } = pii.commit(tx, keys);
		const closing = data.status === 'done' || data.status === 'dropped';
		tx.update(actionItem)
			.set({ status: data.status, dropReason: data.status === 'dropped' ? note : null, closedAt: closing ? now : null, updatedAt: now, version: current.version + 1 })
			.where(eq(actionItem.id, id))
			.run();
		tx.insert(actionEvent).values({ actionItemId: id, actorId: actor.id, kind: 'status', status: data.status, note, meetingId: input.meetingId ?? null, createdAt: now }).run();
		recordAuditEvent(tx, { type: 'action.status', actorId: actor.id, actorEmail: actor.email, subjectType: 'action_item', subjectId: id, ip: meta.ip, details: { from: current.status, to: data.status } });
	});
}

const noteSchema = z.object({ note: z.string().trim().min(3, 'action_note_required').max(5000, 'too_long') });

/** A progress note on the timeline (pseudonymised like every text). */
export function addActionNote(db: Db, keysDb: KeysDb, actor: Actor, id: number, input: { note: string } & UpdateOptions, meta: RequestMeta): void {
	const row = loadAction(db, id);
	const { role } = accessTo(db, actor, row);
	assertCan(actor, 'action.update', actionResource(role, row));
	const data = parseInput(noteSchema, input);
	const pii = reviewFreeText(db, keysDb, actor, { note: data.note }, input.decisions ?? {}, { caseId: row.caseId, meta, subject: { type: 'action_item', id } });
	const now = meta.now ?? new Date();
	transactionWithKeys(db, keysDb, (tx, keys) => {
		loadAction(tx, id);
		const { note } = pii.commit(tx, keys);
		tx.update(actionItem).set({ updatedAt: now }).where(eq(actionItem.id, id)).run();
		tx.insert(actionEvent).values({ actionItemId: id, actorId: actor.id, kind: 'note', note, meetingId: input.meetingId ?? null, createdAt: now }).run();
		recordAuditEvent(tx, { type: 'action.note', actorId: actor.id, actorEmail: actor.email, subjectType: 'action_item', subjectId: id, ip: meta.ip });
	});
}

/** Coordinators change title, description, responsibility and due date. */
export function editAction(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	id: number,
	input: ActionFieldsInput & { version: number | string; decisions?: Record<string, FindingDecision> },
	meta: RequestMeta
): void {
	const row = loadAction(db, id);
	// Access first: 404 outside the series; only coordinators change the item (403), then the input.
	assertCan(actor, 'series.manage', { type: 'series', role: accessTo(db, actor, row).role });
	const data = parseInput(actionFieldsSchema, input);
	const version = parseInput(z.coerce.number().int().positive(), input.version);
	checkAssignees(db, row.seriesId, data);
	const pii = reviewFreeText(db, keysDb, actor, { title: data.title, description: data.description }, input.decisions ?? {}, { caseId: row.caseId, meta, subject: { type: 'action_item', id } });
	const now = meta.now ?? new Date();
	transactionWithKeys(db, keysDb, (tx, keys) => {
		const current = loadAction(tx, id);
		if (current.version !== version) throw new ConflictError();
		const text = pii.commit(tx, keys);
		tx.update(actionItem)
			.set({ ...data, ...text, updatedAt: now, version: current.version + 1 })
			.where(eq(actionItem.id, id))
			.run();
		const changed = (['title', 'description', 'assigneeUserId', 'assigneeOrganisationId', 'dueDate'] as const).filter((k) => ({ ...data, ...text })[k] !== current[k]);
		tx.insert(actionEvent).values({ actionItemId: id, actorId: actor.id, kind: 'edited', note: changed.join(','), createdAt: now }).run();
		recordAuditEvent(tx, { type: 'action.edited', actorId: actor.id, actorEmail: actor.email, subjectType: 'action_item', subjectId: id, ip: meta.ip, details: { changed } });
	});
}

const openActionsOfSeriesBefore = prepared((db) =>
	db
		.select({
			id: actionItem.id,
			title: actionItem.title,
			status: actionItem.status,
			dueDate: actionItem.dueDate,
			topLabel: actionItem.topLabel,
			version: actionItem.version,
			meetingId: actionItem.meetingId,
			meetingStartsAt: meeting.startsAt,
			assigneeUserId: actionItem.assigneeUserId,
			assigneeOrganisationId: actionItem.assigneeOrganisationId,
			assigneeName: user.name,
			assigneeOrganisationName: organisation.name
		})
		.from(actionItem)
		.innerJoin(meeting, eq(actionItem.meetingId, meeting.id))
		.leftJoin(user, eq(actionItem.assigneeUserId, user.id))
		.leftJoin(organisation, eq(actionItem.assigneeOrganisationId, organisation.id))
		.where(and(eq(actionItem.seriesId, sql.placeholder('seriesId')), inArray(actionItem.status, OPEN_STATUSES), lt(meeting.startsAt, placeholderFor(meeting.startsAt, 'startsAt'))))
		.orderBy(sql`${actionItem.dueDate} IS NULL`, asc(actionItem.dueDate), asc(actionItem.id))
		.prepare()
);

/**
 * Wiedervorlage: the items of a series still open when a meeting takes place, agreed in earlier
 * meetings. The caller has checked that the actor belongs to the series.
 */
export function openActionsBefore(db: Db | Tx, seriesId: number, startsAt: Date) {
	return openActionsOfSeriesBefore(db).all({ seriesId, startsAt });
}

/** Guards the minutes: an outcome's action item may only go while nothing has happened to it. */
export function deletableAction(tx: Tx, id: number): void {
	const events = tx.select({ kind: actionEvent.kind }).from(actionEvent).where(eq(actionEvent.actionItemId, id)).all();
	if (events.some((e) => e.kind !== 'created')) throw new DomainError('action_has_progress', 409);
	tx.delete(actionEvent).where(eq(actionEvent.actionItemId, id)).run();
	tx.delete(actionReminder).where(eq(actionReminder.actionItemId, id)).run();
}
