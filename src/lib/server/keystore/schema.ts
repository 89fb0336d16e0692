// Schema of the key store, keys.db: a database of its own, with its own connection and
// migrations (drizzle-keys.config.ts → drizzle-keys/). Nothing here is ever joined with app.db.
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The additional information of DSGVO Art. 4 Nr. 5 for one case person. `personId` and `caseId`
 * are the ids of case_person and case_file in app.db (no foreign key across databases). Every
 * field is sealed with AES-256-GCM under the key-store key, bound to the person and the field.
 */
export const personKey = sqliteTable(
	'person_key',
	{
		personId: integer('person_id').primaryKey(),
		caseId: integer('case_id').notNull(),
		name: blob('name', { mode: 'buffer' }).notNull(),
		birthDate: blob('birth_date', { mode: 'buffer' }),
		address: blob('address', { mode: 'buffer' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [index('person_key_case_idx').on(t.caseId)]
);

/** One row: a known value sealed with the key, so a wrong key is refused when the store opens. */
export const keystoreMeta = sqliteTable('keystore_meta', {
	id: integer('id').primaryKey(),
	keyCheck: blob('key_check', { mode: 'buffer' }).notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
});

/**
 * The anchor of the audit chain in app.db: the newest event (id and hash) seen by the server,
 * MACed with the audit key. It lives here, in another file, so that whoever rewrites or truncates
 * app.db's audit trail must also find and forge this row (docs/security.md, "Audit trail").
 * Ids up to `legacyUntil` were hashed before the chain was keyed (plain SHA-256).
 */
export const auditAnchor = sqliteTable('audit_anchor', {
	id: integer('id').primaryKey(),
	eventId: integer('event_id').notNull(),
	hash: text('hash').notNull(),
	legacyUntil: integer('legacy_until').notNull().default(0),
	mac: text('mac').notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});
