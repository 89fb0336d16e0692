// Schema of the key store, keys.db: a database of its own, with its own connection and
// migrations (drizzle-keys.config.ts → drizzle-keys/). Nothing here is ever joined with app.db.
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

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
