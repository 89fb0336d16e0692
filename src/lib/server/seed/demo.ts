import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { organisation, user as userTable, type Role, type OrganisationKind, type CaseRole } from '../db/schema';
import { hashPassword } from '../auth/password';
import { recordAuditEvent } from '../audit';
import type { Actor } from '../access';
import { getKeysDb, type KeysDb } from '../keystore';
import { closeCase, registerCase, runKeyRetention } from '../cases';

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

type DemoPerson = { role: CaseRole; name: string; birthDate?: string; address?: string };

/**
 * Demo cases (all names invented). `closedDaysAgo` closes the case that long ago; past the
 * retention period its key data are deleted right away, so the demo shows that state too.
 */
export const DEMO_CASES: { owner: string; label: string; persons: DemoPerson[]; createdDaysAgo: number; closedDaysAgo?: number }[] = [
	{
		owner: 'asd.warstein@demo.example',
		label: 'Meldung der Kita: Verdacht auf Vernachlässigung',
		createdDaysAgo: 12,
		persons: [
			{ role: 'child', name: 'Mia Schulze', birthDate: '2019-04-12' },
			{ role: 'mother', name: 'Jennifer Schulze', address: 'Lindenstraße 14, 59581 Warstein' }
		]
	},
	{
		owner: 'asd.warstein@demo.example',
		label: 'Häusliche Gewalt nach Polizeieinsatz',
		createdDaysAgo: 5,
		persons: [
			{ role: 'child', name: 'Elif Demir', birthDate: '2016-09-03' },
			{ role: 'child', name: 'Emir Demir', birthDate: '2020-01-27' },
			{ role: 'mother', name: 'Ayşe Demir' },
			{ role: 'father', name: 'Murat Demir', address: 'Hauptstraße 87, 59581 Warstein' }
		]
	},
	{
		owner: 'asd.warstein@demo.example',
		label: 'Schulabsentismus, Hilfeplan beendet',
		createdDaysAgo: 120,
		closedDaysAgo: 30,
		persons: [
			{ role: 'child', name: 'Paweł Nowak', birthDate: '2011-06-18' },
			{ role: 'mother', name: 'Katarzyna Nowak' }
		]
	},
	{
		owner: 'asd.lippstadt@demo.example',
		label: 'Ungeklärte Verletzungen, Meldung Kinderarztpraxis',
		createdDaysAgo: 8,
		persons: [
			{ role: 'child', name: 'Noah Wagner', birthDate: '2022-02-14' },
			{ role: 'father', name: 'Dennis Wagner', address: 'Cappelstraße 5, 59555 Lippstadt' },
			{ role: 'caregiver', name: 'Renate Wagner' }
		]
	},
	{
		owner: 'asd.lippstadt@demo.example',
		label: 'Verdacht sexualisierte Gewalt, Ermittlungsverfahren',
		createdDaysAgo: 20,
		persons: [
			{ role: 'child', name: 'Oleksandr Kovalenko', birthDate: '2013-11-05' },
			{ role: 'sibling', name: 'Sofiia Kovalenko', birthDate: '2015-03-22' },
			{ role: 'mother', name: 'Natalia Kovalenko' }
		]
	},
	{
		owner: 'asd.lippstadt@demo.example',
		label: 'Inobhutnahme, Rückführung abgeschlossen',
		createdDaysAgo: 260,
		closedDaysAgo: 200,
		persons: [
			{ role: 'child', name: 'Amira Haddad', birthDate: '2017-08-30' },
			{ role: 'mother', name: 'Rania Haddad' }
		]
	}
];

const DAY = 24 * 60 * 60 * 1000;

function demoActor(db: Db, email: string): Actor {
	const row = db
		.select({ id: userTable.id, email: userTable.email, name: userTable.name, organisationId: userTable.organisationId, organisationKind: organisation.kind, roles: userTable.roles })
		.from(userTable)
		.innerJoin(organisation, eq(userTable.organisationId, organisation.id))
		.where(eq(userTable.email, email))
		.get();
	if (!row) throw new Error(`demo user ${email} missing`);
	return row;
}

/** The demo cases, registered through the cases module so that keys.db is filled like in operation. */
export function seedDemoCases(db: Db, keysDb: KeysDb, now = new Date()): number {
	const meta = { ip: null, userAgent: 'seed' };
	for (const c of DEMO_CASES) {
		const actor = demoActor(db, c.owner);
		const { id } = registerCase(db, keysDb, actor, { label: c.label, persons: c.persons }, { ...meta, now: new Date(now.getTime() - c.createdDaysAgo * DAY) });
		if (c.closedDaysAgo !== undefined) closeCase(db, actor, id, { version: 1 }, { ...meta, now: new Date(now.getTime() - c.closedDaysAgo * DAY) });
	}
	runKeyRetention(db, keysDb, { now });
	return DEMO_CASES.length;
}

/** The demo district Kreis Soest. Runs only on an empty database. */
export async function seedDemo(db: Db, keysDb: KeysDb = getKeysDb()): Promise<boolean> {
	if (!isEmpty(db)) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const seeded = db.transaction((tx) => {
		if (tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${userTable}`).n > 0) return false;
		const orgIds = new Map<string, number>();
		for (const org of DEMO_ORGANISATIONS) {
			orgIds.set(org.name, tx.insert(organisation).values(org).returning({ id: organisation.id }).get().id);
		}
		for (const u of DEMO_USERS) {
			tx.insert(userTable)
				.values({ email: u.email, name: u.name, organisationId: orgIds.get(u.organisation)!, roles: u.roles, passwordHash, demo: true })
				.run();
		}
		recordAuditEvent(tx, { type: 'demo.seeded', details: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length, cases: DEMO_CASES.length } });
		return true;
	});
	if (seeded) seedDemoCases(db, keysDb);
	return seeded;
}
