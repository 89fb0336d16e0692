import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../db';
import { seedDemo } from './demo';
import { openTestKeysDb } from '../keystore';
import { seedDemoMeetings } from './demo-meetings';
import { listMeetings, listSeries } from '../meetings';
import { getAgenda } from '../agenda';
import { eq } from 'drizzle-orm';
import { organisation, user } from '../db/schema';

const db = openTestDatabase();
const keys = openTestKeysDb();
afterEach(() => undefined);

describe('demo meetings', () => {
	it('creates two series with past and future meetings and agenda items in several states', async () => {
		await seedDemo(db, keys);
		seedDemoMeetings(db, keys);
		const row = db.select({ user, kind: organisation.kind }).from(user).innerJoin(organisation, eq(user.organisationId, organisation.id)).where(eq(user.email, 'koordination@demo.example')).get()!;
		const actor = { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
		const series = listSeries(db, actor);
		expect(series.map((s) => s.title)).toEqual(['Fallkonferenz Kreis Soest', 'Leitungsrunde Jugendamt–Polizei']);
		const meetings = listMeetings(db, actor, { seriesId: series[0].id });
		expect(meetings.filter((mt) => mt.status === 'held').length).toBe(2);
		expect(meetings.some((mt) => mt.startsAt > new Date())).toBe(true);
		const statuses = new Set(meetings.flatMap((mt) => getAgenda(db, actor, mt.id).items.map((i) => i.status)));
		expect(statuses.size).toBeGreaterThanOrEqual(2);
		db.cleanup();
		keys.cleanup();
	});
});
