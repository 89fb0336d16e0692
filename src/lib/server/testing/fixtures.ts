import { openTestDatabase, type Db } from '../db';
import { organisation, user as userTable, type Role, type OrganisationKind } from '../db/schema';
import { hashPassword } from '../auth/password';
import type { Actor } from '../access';
import type { SeriesInput } from '../meetings';

export const TEST_PASSWORD = 'Test-Passwort-2026';
let cachedHash: Promise<string> | null = null;

/** A real, migrated SQLite database in a temp dir, with one organisation of each kind. */
export async function setupDb() {
	const db = openTestDatabase();
	cachedHash ??= hashPassword(TEST_PASSWORD);
	const passwordHash = await cachedHash;
	const orgs = {} as Record<OrganisationKind, number>;
	for (const [name, kind] of [
		['Jugendamt Test', 'jugendamt'],
		['Polizei Test', 'polizei'],
		['Schulamt Test', 'other']
	] as const) {
		orgs[kind] = db.insert(organisation).values({ name, kind }).returning({ id: organisation.id }).get().id;
	}
	function addUser(email: string, roles: Role[], kind: OrganisationKind = 'jugendamt', opts: { password?: boolean; demo?: boolean } = {}): Actor {
		const row = db
			.insert(userTable)
			.values({ email, name: email.split('@')[0], organisationId: orgs[kind], roles, passwordHash: opts.password === false ? null : passwordHash, demo: opts.demo ?? false })
			.returning()
			.get();
		return { id: row.id, email: row.email, name: row.name, organisationId: row.organisationId, organisationKind: kind, roles: row.roles };
	}
	const admin = addUser('admin@test.example', ['admin']);
	const coordinator = addUser('koordination@test.example', ['coordinator', 'member']);
	const member = addUser('asd@test.example', ['member']);
	const police = addUser('polizei@test.example', ['member'], 'polizei');
	return { db, orgs, addUser, admin, coordinator, member, police, cleanup: () => db.cleanup() };
}

export type TestWorld = Awaited<ReturnType<typeof setupDb>>;
export type { Db };

export const META = { ip: '192.0.2.10', userAgent: 'vitest' };

/**
 * A monthly Fallkonferenz (first Tuesday, 14:00 Berlin, from 2026-01-06; 60 minutes; deadline 7
 * days) with the world's coordinator, the Jugendamt member and the police organisation as members.
 */
export function monthlySeriesInput(w: TestWorld, over: Partial<SeriesInput> = {}): SeriesInput {
	return {
		title: 'Fallkonferenz',
		durationMinutes: 60,
		agendaDeadlineDays: 7,
		recurrence: { kind: 'monthly_weekday', weekday: 1, setPos: 1, startDate: '2026-01-06', time: '14:00', exceptions: [] },
		coordinatorIds: [w.coordinator.id],
		memberUserIds: [w.member.id],
		memberOrganisationIds: [w.orgs.polizei],
		...over
	} as SeriesInput;
}
