import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { caseFile, organisation, user } from './schema';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

// The transitions between them live in meetings/lifecycle.ts.
export const MEETING_STATUSES = ['planned', 'agenda_published', 'in_progress', 'held', 'minutes_review', 'minutes_approved', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const AGENDA_KINDS = ['topic', 'case', 'situation', 'followup'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const AGENDA_STATUSES = ['proposed', 'accepted', 'rejected', 'deferred'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];
export const RESPONSES = ['accepted', 'declined', 'tentative'] as const;
export type ResponseAnswer = (typeof RESPONSES)[number];

export const meetingSeries = sqliteTable('meeting_series', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	description: text('description').notNull().default(''),
	place: text('place').notNull().default(''),
	durationMinutes: integer('duration_minutes').notNull(),
	agendaDeadlineDays: integer('agenda_deadline_days').notNull(),
	/** Reminder mail this many calendar days before an action item's due date (0: only when overdue). */
	reminderDaysBefore: integer('reminder_days_before').notNull().default(3),
	/** The recurrence as entered (see meetings/recurrence.ts), the source of truth for expansion. */
	recurrence: text('recurrence', { mode: 'json' }).notNull(),
	/** The same recurrence as RFC 5545 text (DTSTART;TZID=Europe/Berlin, RRULE, EXDATE). */
	rrule: text('rrule').notNull(),
	timeZone: text('time_zone').notNull().default('Europe/Berlin'),
	/** Occurrences exist up to this instant; extended as time passes. */
	materialisedUntil: integer('materialised_until', { mode: 'timestamp_ms' }),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	version: integer('version').notNull().default(1),
	createdBy: integer('created_by').references(() => user.id),
	createdAt: createdAt()
});

/** Who belongs to a series: a user, or a whole organisation; coordinators are always users. */
export const seriesMember = sqliteTable(
	'series_member',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		seriesId: integer('series_id')
			.notNull()
			.references(() => meetingSeries.id, { onDelete: 'cascade' }),
		userId: integer('user_id').references(() => user.id),
		organisationId: integer('organisation_id').references(() => organisation.id),
		role: text('role', { enum: ['coordinator', 'member'] }).notNull()
	},
	(t) => [index('series_member_series_idx').on(t.seriesId), index('series_member_user_idx').on(t.userId)]
);

export const meeting = sqliteTable(
	'meeting',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		seriesId: integer('series_id')
			.notNull()
			.references(() => meetingSeries.id),
		/** Stable iCalendar UID. */
		uid: text('uid').notNull().unique(),
		/** Berlin date of the rule's occurrence this meeting stands for; null for an extra meeting. */
		occurrenceDate: text('occurrence_date'),
		extra: integer('extra', { mode: 'boolean' }).notNull().default(false),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		place: text('place').notNull().default(''),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
		/** Moved away from the rule's date/time by the coordinator: not touched by re-expansion. */
		moved: integer('moved', { mode: 'boolean' }).notNull().default(false),
		cancelReason: text('cancel_reason'),
		/** Invitations went out (the meeting is published to its members). */
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		agendaPublishedAt: integer('agenda_published_at', { mode: 'timestamp_ms' }),
		/** iCalendar SEQUENCE, raised on every change members were told about. */
		sequence: integer('sequence').notNull().default(0),
		version: integer('version').notNull().default(1),
		createdAt: createdAt()
	},
	(t) => [index('meeting_series_start_idx').on(t.seriesId, t.startsAt), uniqueIndex('meeting_occurrence_idx').on(t.seriesId, t.occurrenceDate)]
);

export const meetingResponse = sqliteTable(
	'meeting_response',
	{
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id),
		answer: text('answer', { enum: RESPONSES }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const agendaItem = sqliteTable(
	'agenda_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		kind: text('kind', { enum: AGENDA_KINDS }).notNull(),
		title: text('title').notNull(),
		/** Markdown; pseudonymised before it is stored. */
		text: text('text').notNull().default(''),
		requestedMinutes: integer('requested_minutes').notNull().default(10),
		/** Time slot set by the coordinator (minutes); defaults to the requested time. */
		slotMinutes: integer('slot_minutes'),
		submittedBy: integer('submitted_by')
			.notNull()
			.references(() => user.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		status: text('status', { enum: AGENDA_STATUSES }).notNull().default('proposed'),
		rejectReason: text('reject_reason'),
		late: integer('late', { mode: 'boolean' }).notNull().default(false),
		/** Added or changed after the agenda was published. */
		amendment: integer('amendment', { mode: 'boolean' }).notNull().default(false),
		position: integer('position').notNull().default(0),
		/** For a "Wiedervorlage" item: the action item it follows up (once action items exist). */
		followUpOf: integer('follow_up_of'),
		caseId: integer('case_id').references(() => caseFile.id),
		/**
		 * A deferred item keeps its meeting for life (minutes are keyed by meeting and item); the
		 * next meeting gets a new item that points back to it.
		 */
		carriedFrom: integer('carried_from').references((): AnySQLiteColumn => agendaItem.id),
		version: integer('version').notNull().default(1),
		createdAt: createdAt()
	},
	(t) => [
		index('agenda_item_meeting_idx').on(t.meetingId, t.position),
		index('agenda_item_submitter_idx').on(t.submittedBy),
		index('agenda_item_case_idx').on(t.caseId),
		index('agenda_item_follow_up_idx').on(t.followUpOf),
		index('agenda_item_carried_idx').on(t.carriedFrom)
	]
);

/** What happened to an agenda item: submitted, accepted, rejected, deferred (moved), edited. */
export const agendaItemEvent = sqliteTable(
	'agenda_item_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		itemId: integer('item_id')
			.notNull()
			.references(() => agendaItem.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: integer('actor_id').references(() => user.id),
		type: text('type').notNull(),
		fromMeetingId: integer('from_meeting_id'),
		toMeetingId: integer('to_meeting_id'),
		note: text('note')
	},
	(t) => [
		index('agenda_item_event_item_idx').on(t.itemId),
		// Items deferred away from a meeting (getAgenda's deferredAway): meeting, agenda and print pages.
		index('agenda_item_event_from_idx').on(t.fromMeetingId, t.type)
	]
);

/** Secret calendar feed per user: looked up by hash, the token itself sealed with the app key. */
export const calendarFeed = sqliteTable('calendar_feed', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	tokenSealed: blob('token_sealed', { mode: 'buffer' }).notNull(),
	createdAt: createdAt()
});

export const MINUTES_STATUSES = ['draft', 'review', 'approved'] as const;

/** The minutes (Protokoll) of one meeting: who takes them, and how far they are. */
export const minutes = sqliteTable('minutes', {
	meetingId: integer('meeting_id')
		.primaryKey()
		.references(() => meeting.id),
	status: text('status', { enum: MINUTES_STATUSES }).notNull().default('draft'),
	minuteTakerId: integer('minute_taker_id').references(() => user.id),
	startedAt: integer('started_at', { mode: 'timestamp_ms' }),
	/** Members may comment until this date (YYYY-MM-DD) while the minutes are in review. */
	reviewUntil: text('review_until'),
	/** Number of the latest approved version (0 while never approved). */
	approvedVersion: integer('approved_version').notNull().default(0),
	/** Why approved minutes are being corrected; becomes the reason of the next version. */
	correctionReason: text('correction_reason'),
	version: integer('version').notNull().default(1),
	createdAt: createdAt()
});

/**
 * The minutes of one agenda item, keyed by (meeting, item) with the TOP label frozen when the
 * meeting starts ("TOP 3"), so later changes of the agenda do not renumber what was recorded.
 * Notes are Markdown, pseudonymised before they are stored.
 */
export const minutesEntry = sqliteTable(
	'minutes_entry',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		agendaItemId: integer('agenda_item_id')
			.notNull()
			.references(() => agendaItem.id),
		topLabel: text('top_label').notNull(),
		position: integer('position').notNull(),
		notes: text('notes').notNull().default(''),
		version: integer('version').notNull().default(1),
		updatedBy: integer('updated_by').references(() => user.id),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('minutes_entry_item_idx').on(t.meetingId, t.agendaItemId)]
);

export const PRESENCE = ['present', 'excused', 'absent'] as const;

/** Who attended, per invited member: present / excused / absent, with late arrival or early leave ("14:20"). */
export const minutesAttendance = sqliteTable(
	'minutes_attendance',
	{
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id),
		presence: text('presence', { enum: PRESENCE }).notNull(),
		arrivedAt: text('arrived_at'),
		leftAt: text('left_at')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

/** Guests of a meeting, by organisation and function only: never a name. */
export const minutesGuest = sqliteTable(
	'minutes_guest',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		organisation: text('organisation').notNull(),
		function: text('function').notNull()
	},
	(t) => [index('minutes_guest_meeting_idx').on(t.meetingId)]
);

export const OUTCOME_KINDS = ['information', 'decision', 'action'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const VOTE_KINDS = ['unanimous', 'counted'] as const;

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * An action item agreed under an agenda item of a meeting (its TOP label frozen), followed up
 * until it is done or dropped. Text is pseudonymised before it is stored, like every case text.
 */
export const actionItem = sqliteTable(
	'action_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		seriesId: integer('series_id')
			.notNull()
			.references(() => meetingSeries.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		agendaItemId: integer('agenda_item_id')
			.notNull()
			.references(() => agendaItem.id),
		topLabel: text('top_label').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		assigneeUserId: integer('assignee_user_id').references(() => user.id),
		assigneeOrganisationId: integer('assignee_organisation_id').references(() => organisation.id),
		/** Calendar date "YYYY-MM-DD" (Europe/Berlin); overdue from the day after. */
		dueDate: text('due_date'),
		caseId: integer('case_id').references(() => caseFile.id),
		status: text('status', { enum: ACTION_STATUSES }).notNull().default('open'),
		dropReason: text('drop_reason'),
		version: integer('version').notNull().default(1),
		createdBy: integer('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('action_item_series_idx').on(t.seriesId, t.status),
		index('action_item_user_idx').on(t.assigneeUserId, t.status),
		index('action_item_org_idx').on(t.assigneeOrganisationId, t.status),
		index('action_item_meeting_idx').on(t.meetingId),
		index('action_item_due_idx').on(t.status, t.dueDate)
	]
);

/** The timeline of an action item: creation, status changes and progress notes, with who and when. */
export const actionEvent = sqliteTable(
	'action_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actionItemId: integer('action_item_id')
			.notNull()
			.references(() => actionItem.id),
		actorId: integer('actor_id')
			.notNull()
			.references(() => user.id),
		kind: text('kind', { enum: ['created', 'status', 'note', 'edited'] }).notNull(),
		status: text('status', { enum: ACTION_STATUSES }),
		note: text('note').notNull().default(''),
		/** Set when the update was recorded in the minutes of this meeting (Wiedervorlage). */
		meetingId: integer('meeting_id').references(() => meeting.id),
		createdAt: createdAt()
	},
	(t) => [
		index('action_event_item_idx').on(t.actionItemId),
		// Follow-ups recorded in a meeting's minutes (followUpsRecorded): minutes page, print view, snapshot.
		index('action_event_meeting_idx').on(t.meetingId)
	]
);

/** What an agenda item came to: information, a decision (with the vote), or an action item. */
export const minutesOutcome = sqliteTable(
	'minutes_outcome',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		entryId: integer('entry_id')
			.notNull()
			.references(() => minutesEntry.id),
		kind: text('kind', { enum: OUTCOME_KINDS }).notNull(),
		/** The information or the decision; for an action item its title lives in action_item. */
		text: text('text').notNull().default(''),
		vote: text('vote', { enum: VOTE_KINDS }),
		votesFor: integer('votes_for'),
		votesAgainst: integer('votes_against'),
		votesAbstain: integer('votes_abstain'),
		actionItemId: integer('action_item_id').references(() => actionItem.id),
		createdBy: integer('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: createdAt()
	},
	(t) => [index('minutes_outcome_entry_idx').on(t.entryId), index('minutes_outcome_meeting_idx').on(t.meetingId)]
);

/**
 * An approved version of the minutes, frozen as a JSON snapshot: version 1 at approval, each
 * correction after approval another one with its reason. Diffs compare snapshots.
 */
export const minutesVersion = sqliteTable(
	'minutes_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		number: integer('number').notNull(),
		reason: text('reason').notNull().default(''),
		snapshot: text('snapshot', { mode: 'json' }).notNull(),
		approvedBy: integer('approved_by')
			.notNull()
			.references(() => user.id),
		/** "genehmigt in der Sitzung vom …": the date of the approving meeting, if any. */
		approvedInMeetingOn: text('approved_in_meeting_on'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('minutes_version_idx').on(t.meetingId, t.number)]
);

/** A member's comment on one item during the review period. */
export const minutesComment = sqliteTable(
	'minutes_comment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id),
		entryId: integer('entry_id')
			.notNull()
			.references(() => minutesEntry.id),
		authorId: integer('author_id')
			.notNull()
			.references(() => user.id),
		text: text('text').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('minutes_comment_meeting_idx').on(t.meetingId)]
);

/**
 * Reminders already sent: one row per item and kind ("soon" once; "overdue" on the first day and
 * then weekly) and the day, so a restart or a second run never sends twice.
 */
export const actionReminder = sqliteTable(
	'action_reminder',
	{
		actionItemId: integer('action_item_id')
			.notNull()
			.references(() => actionItem.id),
		kind: text('kind', { enum: ['soon', 'overdue'] }).notNull(),
		/** Berlin calendar day "YYYY-MM-DD". */
		day: text('day').notNull()
	},
	(t) => [primaryKey({ columns: [t.actionItemId, t.kind, t.day] })]
);
