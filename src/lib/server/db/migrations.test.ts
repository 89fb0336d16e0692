import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { toIndexForm } from '../search';

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

	it('0010 (placeholder tokens) turns the seven German placeholders into tokens in every reviewed text and in the search index', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-mig-'));
		const sqlite = new Database(path.join(dir, 'app.db'));
		try {
			sqlite.pragma('foreign_keys = ON');
			migrate(drizzle(sqlite), { migrationsFolder: migrationsUpTo(9, dir) });
			const all = '[Name] [Geburtsdatum] [Adresse] [Telefon] [E-Mail] [IBAN] [Kennzeichen]';
			const tokens = '[[pii:person]] [[pii:birthdate]] [[pii:address]] [[pii:phone]] [[pii:email]] [[pii:iban]] [[pii:plate]]';
			const snapshot = JSON.stringify({ entries: [{ title: 'TOP [Name]', notes: `Notiz ${all}`, outcomes: [{ text: 'Tel. [Telefon]' }] }] });
			sqlite.exec(`
				INSERT INTO organisation (name, kind) VALUES ('Jugendamt', 'jugendamt');
				INSERT INTO user (email, name, organisation_id, roles) VALUES ('a@x.example', 'A', 1, '["member"]');
				INSERT INTO meeting_series (title, rrule, recurrence, created_by, duration_minutes, agenda_deadline_days) VALUES ('Reihe', 'x', '{}', 1, 60, 7);
				INSERT INTO meeting (series_id, uid, starts_at, ends_at) VALUES (1, 'u1', 1, 2);
				INSERT INTO agenda_item (meeting_id, kind, title, text, submitted_by, organisation_id) VALUES (1, 'topic', 'Frau [Name]', 'Text ${all}', 1, 1), (1, 'topic', 'Ohne', '[Telefonnummer] [1] [Phone] [[Name]]', 1, 1);
				INSERT INTO minutes (meeting_id, correction_reason) VALUES (1, 'Grund: [Adresse] falsch');
				INSERT INTO minutes_entry (meeting_id, agenda_item_id, top_label, position, notes) VALUES (1, 1, 'TOP 1', 1, 'Notiz ${all}');
				INSERT INTO minutes_outcome (meeting_id, entry_id, kind, text, created_by) VALUES (1, 1, 'information', 'Tel. [Telefon]', 1);
				INSERT INTO action_item (series_id, meeting_id, agenda_item_id, top_label, title, description, drop_reason, created_by) VALUES (1, 1, 1, 'TOP 1', 'Anruf bei [Name]', 'IBAN [IBAN]', 'Kfz [Kennzeichen]', 1);
				INSERT INTO action_event (action_item_id, actor_id, kind, note) VALUES (1, 1, 'note', 'Mail an [E-Mail]');
				INSERT INTO minutes_comment (meeting_id, entry_id, author_id, text) VALUES (1, 1, 1, 'geb. [Geburtsdatum]');
				INSERT INTO minutes_version (meeting_id, number, reason, snapshot, approved_by) VALUES (1, 1, 'wegen [Name]', '${snapshot}', 1);`);
			migrate(drizzle(sqlite), { migrationsFolder: 'drizzle' });
			const one = (sql: string) => Object.values(sqlite.prepare(sql).get() as Record<string, unknown>);
			expect(sqlite.prepare('SELECT title, text FROM agenda_item ORDER BY id').all()).toEqual([
				{ title: 'Frau [[pii:person]]', text: `Text ${tokens}` },
				// Anything else in brackets is the author's text.
				{ title: 'Ohne', text: '[Telefonnummer] [1] [Phone] [[[pii:person]]]' }
			]);
			expect(one('SELECT correction_reason FROM minutes')).toEqual(['Grund: [[pii:address]] falsch']);
			expect(one('SELECT notes FROM minutes_entry')).toEqual([`Notiz ${tokens}`]);
			expect(one('SELECT text FROM minutes_outcome')).toEqual(['Tel. [[pii:phone]]']);
			expect(one('SELECT title, description, drop_reason FROM action_item')).toEqual(['Anruf bei [[pii:person]]', 'IBAN [[pii:iban]]', 'Kfz [[pii:plate]]']);
			expect(one('SELECT note FROM action_event')).toEqual(['Mail an [[pii:email]]']);
			expect(one('SELECT text FROM minutes_comment')).toEqual(['geb. [[pii:birthdate]]']);
			const [reason, stored] = one('SELECT reason, snapshot FROM minutes_version') as [string, string];
			expect(reason).toBe('wegen [[pii:person]]');
			expect(JSON.parse(stored)).toEqual({ entries: [{ title: 'TOP [[pii:person]]', notes: `Notiz ${tokens}`, outcomes: [{ text: 'Tel. [[pii:phone]]' }] }] });
			// The index follows (triggers for agenda, minutes and actions; the migration itself for
			// outcomes), with its placeholders in the index's own form since 0012.
			const indexed = (title: string, body: string) => ({ title: toIndexForm(title), body: toIndexForm(body) });
			expect(sqlite.prepare('SELECT kind, title, body FROM search_index ORDER BY rowid').all()).toEqual([
				{ kind: 'agenda', ...indexed('Frau [[pii:person]]', `Text ${tokens}`) },
				{ kind: 'minutes', ...indexed('', `Notiz ${tokens}`) },
				{ kind: 'outcome', ...indexed('', 'Tel. [[pii:phone]]') },
				{ kind: 'action', ...indexed('Anruf bei [[pii:person]]', 'IBAN [[pii:iban]]') },
				{ kind: 'agenda', ...indexed('Ohne', '[Telefonnummer] [1] [Phone] [[[pii:person]]]') }
			]);
			expect(sqlite.prepare(`SELECT ref_id FROM search_index WHERE search_index MATCH '"pii:"'`).all()).toEqual([]);
			expect(sqlite.prepare(`SELECT ref_id FROM search_index WHERE search_index MATCH '"Telefon]"'`).all()).toEqual([]);
			expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
		} finally {
			sqlite.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
