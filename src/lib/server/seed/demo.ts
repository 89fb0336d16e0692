import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { organisation, user as userTable, type Role, type OrganisationKind } from '../db/schema';
import { hashPassword } from '../auth/password';
import { recordAuditEvent } from '../audit';

export const DEMO_PASSWORD = 'Demo-Passwort-2026';

export const DEMO_ORGANISATIONS: { name: string; kind: OrganisationKind }[] = [
	{ name: 'Jugendamt Lippstadt', kind: 'jugendamt' },
	{ name: 'Jugendamt Soest', kind: 'jugendamt' },
	{ name: 'Jugendamt Warstein', kind: 'jugendamt' },
	{ name: 'Kreisjugendamt Soest', kind: 'jugendamt' },
	{ name: 'Kreispolizeibehörde Soest', kind: 'polizei' }
];

export const DEMO_USERS: { email: string; name: string; organisation: string; roles: Role[] }[] = [
	{ email: 'admin@demo.example', name: 'Sabine Hartmann', organisation: 'Kreisjugendamt Soest', roles: ['admin'] },
	{ email: 'koordination@demo.example', name: 'Thomas Brandt', organisation: 'Kreisjugendamt Soest', roles: ['coordinator', 'member'] },
	{ email: 'asd.warstein@demo.example', name: 'Julia Neumann', organisation: 'Jugendamt Warstein', roles: ['member'] },
	{ email: 'asd.lippstadt@demo.example', name: 'Mehmet Yıldız', organisation: 'Jugendamt Lippstadt', roles: ['member'] },
	{ email: 'kripo@demo.example', name: 'Frank Becker', organisation: 'Kreispolizeibehörde Soest', roles: ['member'] }
];

export function isEmpty(db: Db): boolean {
	const row = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${userTable}`);
	return row.n === 0;
}

/** The demo district Kreis Soest. Runs only on an empty database. */
export async function seedDemo(db: Db): Promise<boolean> {
	if (!isEmpty(db)) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	db.transaction((tx) => {
		if (tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${userTable}`).n > 0) return;
		const orgIds = new Map<string, number>();
		for (const org of DEMO_ORGANISATIONS) {
			orgIds.set(org.name, tx.insert(organisation).values(org).returning({ id: organisation.id }).get().id);
		}
		for (const u of DEMO_USERS) {
			tx.insert(userTable)
				.values({ email: u.email, name: u.name, organisationId: orgIds.get(u.organisation)!, roles: u.roles, passwordHash, demo: true })
				.run();
		}
		recordAuditEvent(tx, { type: 'demo.seeded', details: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length } });
	});
	return true;
}
