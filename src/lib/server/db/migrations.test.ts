import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** The migrations folder cut after `upTo` (a journal index), for upgrading a database with data. */
function migrationsUpTo(upTo: number, dir: string): string {
	const out = path.join(dir, `m${upTo}`);
	fs.mkdirSync(path.join(out, 'meta'), { recursive: true });
	const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { idx: number; tag: string }[] };
	journal.entries = journal.entries.filter((e) => e.idx <= upTo);
	for (const e of journal.entries) fs.copyFileSync(path.join('drizzle', `${e.tag}.sql`), path.join(out, `${e.tag}.sql`));
	fs.writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify(journal));
	return out;
}

describe('migrations on a database with data', () => {
	it('0004 (agenda identity) rebuilds agenda_item without losing its events or breaking a foreign key', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-mig-'));
		const sqlite = new Database(path.join(dir, 'app.db'));
		try {
			sqlite.pragma('foreign_keys = ON');
			migrate(drizzle(sqlite), { migrationsFolder: migrationsUpTo(3, dir) });
			sqlite.exec(`
				INSERT INTO organisation (name, kind) VALUES ('Jugendamt', 'jugendamt');
				INSERT INTO user (email, name, organisation_id, roles) VALUES ('a@x.example', 'A', 1, '["member"]');
				INSERT INTO meeting_series (title, rrule, recurrence, created_by, duration_minutes, agenda_deadline_days) VALUES ('Reihe', 'x', '{}', 1, 60, 7);
				INSERT INTO meeting (series_id, uid, starts_at, ends_at) VALUES (1, 'u1', 1, 2);
				INSERT INTO agenda_item (meeting_id, kind, title, submitted_by, organisation_id) VALUES (1, 'topic', 'Punkt', 1, 1);
				INSERT INTO agenda_item_event (item_id, at, type) VALUES (1, 1, 'submitted'), (1, 2, 'accepted');`);
			migrate(drizzle(sqlite), { migrationsFolder: 'drizzle' });
			expect(sqlite.prepare('SELECT type FROM agenda_item_event ORDER BY id').all()).toEqual([{ type: 'submitted' }, { type: 'accepted' }]);
			expect(sqlite.prepare('SELECT id, title, carried_from FROM agenda_item').all()).toEqual([{ id: 1, title: 'Punkt', carried_from: null }]);
			expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
			expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
			// The new foreign keys hold.
			expect(() => sqlite.prepare('UPDATE agenda_item SET case_id = 999').run()).toThrow(/FOREIGN KEY/);
		} finally {
			sqlite.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
