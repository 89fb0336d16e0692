import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../db';
import { seedDemo } from './demo';
import { openTestKeysDb } from '../keystore';
import { seedDemoMeetings } from './demo-meetings';
import { listMeetings, listSeries } from '../meetings';
import { getAgenda } from '../agenda';
import { getMinutes } from '../minutes';
import { listVersions } from '../minutes/approval';
import { listActions, myActions, parseOverviewFilter } from '../actions';
import { organisation, user } from '../db/schema';
import type { Actor } from '../access';

let db: ReturnType<typeof openTestDatabase>;
let keys: ReturnType<typeof openTestKeysDb>;
beforeEach(() => {
	db = openTestDatabase();
	keys = openTestKeysDb();
});
afterEach(() => {
	db.cleanup();
	keys.cleanup();
});

function actor(email: string): Actor {
	const row = db.select({ user, kind: organisation.kind }).from(user).innerJoin(organisation, eq(user.organisationId, organisation.id)).where(eq(user.email, email)).get()!;
	return { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
}

describe('demo meetings', () => {
	it('creates two series with past and future meetings, agenda items in several states, minutes and action items', async () => {
		const now = new Date();
		await seedDemo(db, keys);
		seedDemoMeetings(db, keys, now);
		const coordinator = actor('koordination@demo.example');
		const series = listSeries(db, coordinator);
		expect(series.map((s) => s.title)).toEqual(['Fallkonferenz Kreis Soest', 'Leitungsrunde Jugendamt–Polizei']);
		const meetings = listMeetings(db, coordinator, { seriesId: series[0].id });
		const past = meetings.filter((mt) => mt.status !== 'planned' && mt.status !== 'agenda_published' && mt.status !== 'cancelled');
		expect(past.map((mt) => mt.status)).toEqual(['minutes_approved', 'minutes_approved', 'minutes_review']);
		expect(meetings.some((mt) => mt.startsAt > now)).toBe(true);
		const statuses = new Set(meetings.flatMap((mt) => getAgenda(db, coordinator, mt.id).items.map((i) => i.status)));
		expect(statuses.size).toBeGreaterThanOrEqual(2);
		expect(listVersions(db, coordinator, past[0].id).map((v) => v.number)).toEqual([2, 1]);
		// The police read the draft in review, pseudonymised like everything else.
		expect(getMinutes(db, actor('kripo@demo.example'), past[2].id, now)).toMatchObject({ hidden: false, can: { comment: true } });
		const all = listActions(db, coordinator, parseOverviewFilter(new URLSearchParams()), { now, all: true }).rows;
		expect(new Set(all.map((a) => a.status))).toEqual(new Set(['open', 'in_progress', 'done', 'dropped']));
		expect(all.filter((a) => a.overdue).length).toBeGreaterThanOrEqual(2);
		expect(myActions(db, actor('kripo@demo.example'), now).overdue.length).toBeGreaterThanOrEqual(1);
		// The oldest open item waits in the Wiedervorlage of the next meeting, carried over twice.
		// The Leitungsrunde's item is for its members only.
		const lippstadt = actor('asd.lippstadt@demo.example');
		expect(listActions(db, actor('kripo@demo.example'), parseOverviewFilter(new URLSearchParams()), { now, all: true }).rows.map((a) => a.title)).toContain('Entwurf der Rufbereitschaftsliste abstimmen');
		expect(listActions(db, lippstadt, parseOverviewFilter(new URLSearchParams()), { now, all: true }).rows.map((a) => a.title)).not.toContain('Entwurf der Rufbereitschaftsliste abstimmen');
		const next = meetings.find((mt) => mt.startsAt > now)!;
		expect(getAgenda(db, coordinator, next.id).followUps.map((a) => a.title)).toContain('Rückmeldung der Schule einholen');
	});

	it('seeds the same way on any day of the year (nothing in the seed can break the demo)', async () => {
		await seedDemo(db, keys);
		// A first Tuesday at 14:30, during a meeting; a day in the DST switch; new year.
		for (const at of ['2026-12-01T13:30:00Z', '2027-03-28T01:30:00Z', '2027-01-01T00:00:00Z']) {
			const d = openTestDatabase();
			const k = openTestKeysDb();
			try {
				await seedDemo(d, k);
				expect(() => seedDemoMeetings(d, k, new Date(at))).not.toThrow();
			} finally {
				d.cleanup();
				k.cleanup();
			}
		}
	});
});
