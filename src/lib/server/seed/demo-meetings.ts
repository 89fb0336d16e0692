import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { organisation, user } from '../db/schema';
import type { Actor } from '../access';
import { createSeries, listMeetings, publishMeeting, respondToMeeting, markMeetingHeld } from '../meetings';
import { publishAgenda, reviewAgendaItem, submitAgendaItem } from '../agenda';

function actorFor(db: Db, email: string): Actor {
	const row = db.select({ user, kind: organisation.kind }).from(user).innerJoin(organisation, eq(user.organisationId, organisation.id)).where(eq(user.email, email)).get();
	if (!row) throw new Error(`demo user ${email} missing`);
	return { id: row.user.id, email: row.user.email, name: row.user.name, organisationId: row.user.organisationId, organisationKind: row.kind, roles: row.user.roles };
}

function orgId(db: Db, name: string): number {
	return db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, name)).get()!.id;
}

function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/**
 * Two series for the demo district: the monthly Fallkonferenz (first Tuesday, 14:00) and the
 * quarterly Leitungsrunde, started a few months back so there are past and future meetings, with
 * agenda items in several states. Uses the domain functions, as a coordinator would.
 */
export function seedDemoMeetings(db: Db, now = new Date()): void {
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
	createSeries(
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

	const meetings = listMeetings(db, coordinator, { seriesId: fk });
	const held = meetings.filter((mt) => mt.startsAt < now).slice(-2);
	const future = meetings.filter((mt) => mt.startsAt > now);
	for (const mt of held) {
		const before = { ip: null, now: new Date(mt.startsAt.getTime() - 10 * 86_400_000) };
		publishMeeting(db, coordinator, mt.id, 'http://localhost:3000', before);
		const a = submitAgendaItem(db, warstein, mt.id, { kind: 'case', title: 'Fall F-7QK3: Schulabsentismus Kind A', text: 'Kind A fehlt seit Wochen unentschuldigt. Abstimmung der nächsten Schritte mit der Schule und der Polizei.', requestedMinutes: 20 }, before);
		const b = submitAgendaItem(db, kripo, mt.id, { kind: 'situation', title: 'Lagebild häusliche Gewalt im Kreis', text: 'Entwicklung der Einsätze mit Kindern im Haushalt; Fallzahlen je Kommune.', requestedMinutes: 15 }, before);
		reviewAgendaItem(db, coordinator, a, { decision: 'accept', version: 1 }, before);
		reviewAgendaItem(db, coordinator, b, { decision: 'accept', version: 1 }, before);
		publishAgenda(db, coordinator, mt.id, 'http://localhost:3000', before);
		respondToMeeting(db, kripo, mt.id, 'accepted', before);
		respondToMeeting(db, warstein, mt.id, 'accepted', before);
		markMeetingHeld(db, coordinator, mt.id, { ip: null, now });
	}
	const soon = { ip: null, now };
	const closing = future[0];
	if (closing && closing.deadline <= now) {
		// The next meeting's deadline has passed: one late submission waits for the coordinator.
		publishMeeting(db, coordinator, closing.id, 'http://localhost:3000', soon);
		submitAgendaItem(db, warstein, closing.id, { kind: 'case', title: 'Fall F-7QK3: Rückmeldung der Schule', text: 'Neue Informationen der Schule zu Kind A seit der letzten Sitzung.', requestedMinutes: 10, late: true }, soon);
	}
	const next = future.find((mt) => mt.deadline > now);
	if (next) {
		publishMeeting(db, coordinator, next.id, 'http://localhost:3000', soon);
		submitAgendaItem(db, lippstadt, next.id, { kind: 'case', title: 'Fall F-3MZ8: Verdacht auf Vernachlässigung, Kind A und Kind B', text: 'Meldung der Kita über wiederholt unversorgte Kinder. Einschätzung nach § 8a SGB VIII läuft.', requestedMinutes: 25 }, soon);
		submitAgendaItem(db, coordinator, next.id, { kind: 'topic', title: 'Erreichbarkeit außerhalb der Dienstzeiten', text: 'Abgleich der Rufbereitschaftslisten Jugendamt und Polizei.', requestedMinutes: 15 }, soon);
		const rejected = submitAgendaItem(db, kripo, next.id, { kind: 'topic', title: 'Fortbildung Gesprächsführung', text: 'Gemeinsame Fortbildung 2027.', requestedMinutes: 10 }, soon);
		reviewAgendaItem(db, coordinator, rejected, { decision: 'reject', reason: 'Bitte in der Leitungsrunde einbringen.', version: 1 }, soon);
		respondToMeeting(db, kripo, next.id, 'tentative', soon);
	}
}
