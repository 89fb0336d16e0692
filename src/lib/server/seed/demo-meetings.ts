import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { KeysDb } from '../keystore';
import { caseFile, organisation, user } from '../db/schema';
import type { Actor } from '../access';
import { createSeries, listMeetings, publishMeeting, respondToMeeting } from '../meetings';
import { seedDemoMinutes, seedLeadershipMinutes } from './demo-minutes';
import { publishAgenda, reviewAgendaItem, submitAgendaItem } from '../agenda';

function actorFor(db: Db, email: string): Actor {
	const row = db.select({ user, kind: organisation.kind }).from(user).innerJoin(organisation, eq(user.organisationId, organisation.id)).where(eq(user.email, email)).get();
	if (!row) throw new Error(`demo user ${email} missing`);
	return { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
}

function orgId(db: Db, name: string): number {
	return db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, name)).get()!.id;
}

/** A demo case by its label (seeded by seedDemo), so agenda items can refer to it by code and pseudonym. */
function demoCase(db: Db, label: string): { id: number | null; code: string } {
	const row = db.select({ id: caseFile.id, code: caseFile.code }).from(caseFile).where(eq(caseFile.label, label)).get();
	return row ?? { id: null, code: 'F-····' };
}

function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/**
 * Two series for the demo district: the monthly Fallkonferenz (first Tuesday, 14:00) and the
 * quarterly Leitungsrunde, started a few months back so there are past and future meetings, with
 * agenda items in several states, and minutes with action items for the last three past meetings
 * (see demo-minutes.ts). Uses the domain functions, as a coordinator would.
 */
export function seedDemoMeetings(db: Db, keysDb: KeysDb, now = new Date()): void {
	const coordinator = actorFor(db, 'koordination@demo.example');
	const warstein = actorFor(db, 'asd.warstein@demo.example');
	const lippstadt = actorFor(db, 'asd.lippstadt@demo.example');
	const kripo = actorFor(db, 'kripo@demo.example');
	const allOrgs = ['Jugendamt Lippstadt', 'Jugendamt Soest', 'Jugendamt Warstein', 'Kreisjugendamt Soest', 'Kreispolizeibehörde Soest'].map((n) => orgId(db, n));
	const start = new Date(now.getTime() - 120 * 86_400_000);
	const past = { ip: null, now: start };

	const fk = createSeries(
		db,
		coordinator,
		{
			title: 'Fallkonferenz Kreis Soest',
			description: 'Monatliche Fallkonferenz der Jugendämter im Kreis Soest mit der Kreispolizeibehörde nach der Kooperationsvereinbarung Kinderschutz. Fallbezogene Angaben nur pseudonymisiert.',
			place: 'Kreishaus Soest, Hoher Weg 1–3, Raum 2.14',
			durationMinutes: 120,
			agendaDeadlineDays: 7,
			recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 1, setPos: 1, startDate: isoDate(start), time: '14:00', exceptions: [] },
			coordinatorIds: [coordinator.id],
			memberUserIds: [],
			memberOrganisationIds: allOrgs
		},
		past
	);
	const leadership = createSeries(
		db,
		coordinator,
		{
			title: 'Leitungsrunde Jugendamt–Polizei',
			description: 'Vierteljährliches Treffen der Jugendamtsleitungen mit der Leitung der Kreispolizeibehörde: Lagebild, Kommunikationswege, Fortschreibung der Kooperationsvereinbarung.',
			place: 'Kreispolizeibehörde Soest, Walburger-Osthofen-Wallstraße 2, Besprechungsraum 1',
			durationMinutes: 90,
			agendaDeadlineDays: 14,
			recurrence: { kind: 'quarterly', interval: 3, weekday: 3, setPos: 2, startDate: isoDate(start), time: '10:00', exceptions: [] },
			coordinatorIds: [coordinator.id],
			memberUserIds: [kripo.id],
			memberOrganisationIds: [orgId(db, 'Kreisjugendamt Soest')]
		},
		past
	);

	const violence = demoCase(db, 'Häusliche Gewalt nach Polizeieinsatz');
	const kita = demoCase(db, 'Meldung der Kita: Verdacht auf Vernachlässigung');
	const injuries = demoCase(db, 'Ungeklärte Verletzungen, Meldung Kinderarztpraxis');
	const meetings = listMeetings(db, coordinator, { seriesId: fk });
	const held = meetings.filter((mt) => mt.startsAt < now).slice(-3);
	const future = meetings.filter((mt) => mt.startsAt > now);
	for (const mt of held) {
		const before = { ip: null, now: new Date(mt.startsAt.getTime() - 10 * 86_400_000) };
		publishMeeting(db, coordinator, mt.id, 'http://localhost:3000', before);
		const a = submitAgendaItem(db, keysDb, warstein, mt.id, { kind: 'case', caseId: violence.id, title: `Fall ${violence.code}: Häusliche Gewalt, Kind A und Kind B im Haushalt`, text: 'Polizeieinsatz nach Notruf der Nachbarschaft. Kind A und Kind B waren anwesend. Abstimmung der Schutzmaßnahmen und der Zusammenarbeit mit der Beratungsstelle.', requestedMinutes: 20 }, before);
		const b = submitAgendaItem(db, keysDb, kripo, mt.id, { kind: 'situation', title: 'Lagebild häusliche Gewalt im Kreis', text: 'Entwicklung der Einsätze mit Kindern im Haushalt; Fallzahlen je Kommune.', requestedMinutes: 15 }, before);
		reviewAgendaItem(db, coordinator, a, { decision: 'accept', version: 1 }, before);
		reviewAgendaItem(db, coordinator, b, { decision: 'accept', version: 1 }, before);
		publishAgenda(db, coordinator, mt.id, 'http://localhost:3000', before);
		respondToMeeting(db, kripo, mt.id, 'accepted', before);
		respondToMeeting(db, warstein, mt.id, 'accepted', before);
	}
	const people = { coordinator, warstein, kripo, policeOrgId: orgId(db, 'Kreispolizeibehörde Soest'), warsteinOrgId: orgId(db, 'Jugendamt Warstein') };
	seedDemoMinutes(db, keysDb, people, held, now);
	seedLeadershipMinutes(db, keysDb, people, leadership, now);
	const soon = { ip: null, now };
	const closing = future[0];
	if (closing && closing.deadline <= now) {
		// The next meeting's deadline has passed: one late submission waits for the coordinator.
		publishMeeting(db, coordinator, closing.id, 'http://localhost:3000', soon);
		submitAgendaItem(db, keysDb, warstein, closing.id, { kind: 'case', caseId: kita.id, title: `Fall ${kita.code}: Rückmeldung der Kita`, text: 'Neue Informationen der Kita zu Kind A seit der letzten Sitzung; Mutter A hat einen Termin im Jugendamt wahrgenommen.', requestedMinutes: 10, late: true }, soon);
	}
	const next = future.find((mt) => mt.deadline > now);
	if (next) {
		publishMeeting(db, coordinator, next.id, 'http://localhost:3000', soon);
		submitAgendaItem(db, keysDb, lippstadt, next.id, { kind: 'case', caseId: injuries.id, title: `Fall ${injuries.code}: Ungeklärte Verletzungen bei Kind A`, text: 'Meldung der Kinderarztpraxis. Vater A und Bezugsperson A geben unterschiedliche Erklärungen. Einschätzung nach § 8a SGB VIII läuft; Abstimmung mit der Kriminalpolizei.', requestedMinutes: 25 }, soon);
		submitAgendaItem(db, keysDb, coordinator, next.id, { kind: 'topic', title: 'Erreichbarkeit außerhalb der Dienstzeiten', text: 'Abgleich der Rufbereitschaftslisten Jugendamt und Polizei (Rufbereitschaft Jugendamt: [Telefon]).', requestedMinutes: 15 }, soon);
		const rejected = submitAgendaItem(db, keysDb, kripo, next.id, { kind: 'topic', title: 'Fortbildung Gesprächsführung', text: 'Gemeinsame Fortbildung 2027.', requestedMinutes: 10 }, soon);
		reviewAgendaItem(db, coordinator, rejected, { decision: 'reject', reason: 'Bitte in der Leitungsrunde einbringen.', version: 1 }, soon);
		respondToMeeting(db, kripo, next.id, 'tentative', soon);
	}
}
