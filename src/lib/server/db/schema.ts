import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex, index, blob, primaryKey } from 'drizzle-orm/sqlite-core';

export const ORGANISATION_KINDS = ['jugendamt', 'polizei', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ROLES = ['admin', 'coordinator', 'member'] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const organisation = sqliteTable('organisation', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	version: integer('version').notNull().default(1),
	createdAt: createdAt()
});

export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		name: text('name').notNull(),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull(),
		passwordHash: text('password_hash'),
		/** TOTP key, AES-256-GCM encrypted with the application key. */
		totpKey: blob('totp_key', { mode: 'buffer' }),
		/** Last accepted TOTP time step, so a code cannot be replayed. */
		totpLastCounter: integer('totp_last_counter'),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		/** Seeded demo account: may skip the second factor, but only while DEMO_MODE is on. */
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		/** The language the user chose in the interface; their mails are written in it. */
		locale: text('locale', { enum: ['de', 'en'] }).notNull().default('de'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('user_email_idx').on(t.email)]
);

export const session = sqliteTable(
	'session',
	{
		/** SHA-256 of the session token (hex); the token itself is only in the cookie. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull(),
		twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
		userAgent: text('user_agent'),
		ip: text('ip')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const recoveryCode = sqliteTable(
	'recovery_code',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('recovery_code_user_idx').on(t.userId)]
);

export const invitation = sqliteTable('invitation', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	userId: integer('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	/** SHA-256 of the token (hex); the token is only in the link. */
	tokenHash: text('token_hash').notNull().unique(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	createdBy: integer('created_by').references(() => user.id),
	createdAt: createdAt()
});

export const loginThrottle = sqliteTable('login_throttle', {
	/** "account:<email>" or "address:<ip>" */
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		type: text('type').notNull(),
		actorId: integer('actor_id'),
		actorEmail: text('actor_email'),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		ip: text('ip'),
		details: text('details').notNull().default('{}'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_type_idx').on(t.type), index('audit_at_idx').on(t.at)]
);

export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		recipient: text('recipient').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		/** [{ filename, contentType, content }] */
		attachments: text('attachments', { mode: 'json' })
			.$type<{ filename: string; contentType: string; content: string; method?: string }[]>()
			.notNull()
			.default([]),
		status: text('status', { enum: ['queued', 'sent', 'failed'] })
			.notNull()
			.default('queued'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		/** After a failure: not before this instant (exponential back-off). */
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('outbox_status_idx').on(t.status)]
);

// ---------------------------------------------------------------- cases (pseudonymised)
// Real names never enter app.db: they live only in the key store (keys.db, see ../keystore).

/** Role of a person in a case; the pseudonym is the German label plus a letter per role ("Kind A"). */
export const CASE_ROLES = ['child', 'mother', 'father', 'parent', 'sibling', 'caregiver', 'other'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Legal basis a user states before revealing the names of a case. */
export const LEGAL_BASES = ['sgb8_8a', 'sgb10_68', 'consent', 'other_law'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const caseFile = sqliteTable(
	'case_file',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Random ("F-7QK3"), never derived from names. */
		code: text('code').notNull(),
		/** Short neutral label; checked by the PII scanner before it is stored. */
		label: text('label').notNull(),
		/** The owning Jugendamt. */
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
		createdBy: integer('created_by').references(() => user.id),
		createdAt: createdAt(),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		closedBy: integer('closed_by').references(() => user.id),
		/** Set when the key data were deleted (retention); the pseudonyms stay. */
		keysDeletedAt: integer('keys_deleted_at', { mode: 'timestamp_ms' }),
		version: integer('version').notNull().default(1)
	},
	(t) => [uniqueIndex('case_file_code_idx').on(t.code), index('case_file_org_idx').on(t.organisationId), index('case_file_status_idx').on(t.status, t.closedAt)]
);

export const casePerson = sqliteTable(
	'case_person',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		caseId: integer('case_id')
			.notNull()
			.references(() => caseFile.id),
		role: text('role', { enum: CASE_ROLES }).notNull(),
		/** 1 → A, 2 → B, … counted per role within the case. */
		roleIndex: integer('role_index').notNull(),
		pseudonym: text('pseudonym').notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('case_person_pseudonym_idx').on(t.caseId, t.pseudonym), uniqueIndex('case_person_role_idx').on(t.caseId, t.role, t.roleIndex)]
);

/** A time-limited permission of one user to see the names of one case (every grant is audited). */
export const revealGrant = sqliteTable(
	'reveal_grant',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		caseId: integer('case_id')
			.notNull()
			.references(() => caseFile.id),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id),
		legalBasis: text('legal_basis', { enum: LEGAL_BASES }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** Ended early by the user ("Namen verbergen"). */
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('reveal_grant_case_user_idx').on(t.caseId, t.userId, t.expiresAt)]
);

/**
 * Runs of the scheduled jobs: a daily job claims its Berlin calendar day before it runs, so a
 * restart (or a second server process, or `npm run jobs`) does not run it twice that day.
 */
export const jobRun = sqliteTable(
	'job_run',
	{
		name: text('name').notNull(),
		runKey: text('run_key').notNull(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
		result: text('result', { mode: 'json' }),
		error: text('error')
	},
	(t) => [primaryKey({ columns: [t.name, t.runKey] })]
);
