/**
 * Minutes and action items of the demo's past meetings, written through the domain functions as
 * a minute-taker and the responsible people would: the oldest meeting has approved minutes in two
 * versions (a correction), the next one approved minutes, the most recent one a draft in review.
 * Action items exist in every state, some overdue, one carried over twice. Every date is relative
 * to `now` and nothing is random, so the demo starts the same way every time.
 */
import type { Db } from '../db';
import type { KeysDb } from '../keystore';
import type { Actor } from '../access';
import { finishMeeting, getMinutes, saveAttendance, saveMinutesEntry, setMinuteTaker, startMeeting, addGuest } from '../minutes';
import { addOutcome } from '../minutes/outcomes';
import { approveMinutes, startCorrection, submitMinutes } from '../minutes/approval';
import { addActionNote, changeActionStatus } from '../actions';
import { berlinDateKey } from '../meetings/time';
import { createExtraMeeting } from '../meetings';
import { getAgenda, reviewAgendaItem, submitAgendaItem } from '../agenda';

const DAY = 86_400_000;
const BASE_URL = 'http://localhost:3000';

export interface DemoPeople {
	coordinator: Actor;
	warstein: Actor;
	kripo: Actor;
	policeOrgId: number;
	warsteinOrgId: number;
}

interface HeldMeeting {
	id: number;
	startsAt: Date;
}

/** The earlier of two instants: steps "a little after the meeting" never lie in the future. */
function notAfter(at: Date, now: Date): Date {
	return at < now ? at : now;
}

function dayKey(now: Date, days: number): string {
	return berlinDateKey(new Date(now.getTime() + days * DAY));
}

/** Takes the minutes of one held meeting: attendance, notes and outcomes per item; returns the action items. */
function takeMinutes(db: Db, keysDb: KeysDb, p: DemoPeople, mt: HeldMeeting, now: Date, actions: { title: string; person?: Actor; orgId?: number; dueInDays: number }[]): number[] {
	const during = { ip: null, now: notAfter(new Date(mt.startsAt.getTime() + 10 * 60_000), now) };
	setMinuteTaker(db, p.coordinator, mt.id, p.coordinator.id, during);
	startMeeting(db, p.coordinator, mt.id, during);
	const view = getMinutes(db, p.coordinator, mt.id, during.now);
	saveAttendance(db, p.coordinator, mt.id, [{ userId: p.coordinator.id, presence: 'present' }, { userId: p.kripo.id, presence: 'present', arrivedAt: '14:15' }], during);
	addGuest(db, p.coordinator, mt.id, { organisation: 'Frauenberatungsstelle Soest', function: 'Fachberatung häusliche Gewalt' }, during);
	const [caseEntry, situation] = view.entries;
	const ids: number[] = [];
	if (caseEntry) {
		saveMinutesEntry(db, keysDb, p.coordinator, caseEntry.id, { notes: 'Das Jugendamt Warstein berichtet vom Stand der Schutzmaßnahmen. Kind A besucht regelmäßig die Kita; die Mutter nimmt die Beratung wahr.\n\nDie Polizei berichtet, dass seit dem Einsatz keine weiteren Meldungen eingegangen sind.', version: caseEntry.version }, during);
		addOutcome(db, keysDb, p.coordinator, caseEntry.id, { kind: 'information', text: 'Die Gefährdungseinschätzung nach § 8a SGB VIII ist abgeschlossen.' }, during);
		addOutcome(db, keysDb, p.coordinator, caseEntry.id, { kind: 'decision', text: 'Der Fall wird in der nächsten Sitzung erneut beraten.', vote: 'unanimous' }, during);
		for (const a of actions) {
			addOutcome(db, keysDb, p.coordinator, caseEntry.id, { kind: 'action', title: a.title, assigneeUserId: a.person ? String(a.person.id) : '', assigneeOrganisationId: a.orgId ? String(a.orgId) : '', dueDate: dayKey(now, a.dueInDays) }, during);
		}
		ids.push(...getMinutes(db, p.coordinator, mt.id, during.now).outcomes.filter((o) => o.actionItemId).map((o) => o.actionItemId!));
	}
	if (situation) {
		saveMinutesEntry(db, keysDb, p.coordinator, situation.id, { notes: 'Die Kreispolizeibehörde stellt die Einsatzzahlen des Quartals vor. Die Zahl der Einsätze mit Kindern im Haushalt ist leicht gestiegen.', version: situation.version }, during);
		addOutcome(db, keysDb, p.coordinator, situation.id, { kind: 'decision', text: 'Das Lagebild wird vierteljährlich vorgestellt.', vote: 'counted', votesFor: 6, votesAgainst: 0, votesAbstain: 1 }, during);
	}
	finishMeeting(db, p.coordinator, mt.id, { ip: null, now: notAfter(new Date(mt.startsAt.getTime() + 2 * 3_600_000), now) });
	return ids;
}

export function seedDemoMinutes(db: Db, keysDb: KeysDb, p: DemoPeople, held: HeldMeeting[], now: Date): void {
	const [oldest, middle, latest] = held.length >= 3 ? held.slice(-3) : [undefined, ...held.slice(-2)];
	if (oldest) {
		const [done, dropped, carried] = takeMinutes(db, keysDb, p, oldest, now, [
			{ title: 'Schutzplan mit der Beratungsstelle abstimmen', person: p.warstein, dueInDays: -50 },
			{ title: 'Gemeinsamen Hausbesuch planen', orgId: p.policeOrgId, dueInDays: -45 },
			{ title: 'Rückmeldung der Schule einholen', orgId: p.warsteinOrgId, dueInDays: -20 }
		]);
		const after = { ip: null, now: notAfter(new Date(oldest.startsAt.getTime() + 5 * DAY), now) };
		changeActionStatus(db, keysDb, p.warstein, done, { status: 'in_progress', note: 'Termin mit der Beratungsstelle vereinbart.', version: 1 }, after);
		changeActionStatus(db, keysDb, p.warstein, done, { status: 'done', note: 'Schutzplan liegt vor.', version: 2 }, { ip: null, now: notAfter(new Date(oldest.startsAt.getTime() + 12 * DAY), now) });
		// Dropped ten days ago, so "Meine Aufgaben" of the police shows it under "recently closed".
		const recently = { ip: null, now: new Date(Math.max(after.now.getTime(), now.getTime() - 10 * DAY)) };
		changeActionStatus(db, keysDb, p.kripo, dropped, { status: 'dropped', note: 'Nach Rücksprache nicht erforderlich; die Familie ist umgezogen.', version: 1 }, recently);
		// Approved in the following meeting, then corrected: two versions.
		const approvedAt = { ip: null, now: notAfter(new Date((middle ?? latest)!.startsAt.getTime() + 3_600_000), now) };
		approveMinutes(db, p.coordinator, oldest.id, { approvedInMeetingOn: berlinDateKey(approvedAt.now) }, BASE_URL, approvedAt);
		startCorrection(db, keysDb, p.coordinator, oldest.id, { reason: 'Ankunftszeit der Kriminalpolizei berichtigt.' }, approvedAt);
		saveAttendance(db, p.coordinator, oldest.id, [{ userId: p.kripo.id, presence: 'present', arrivedAt: '14:30' }], approvedAt);
		approveMinutes(db, p.coordinator, oldest.id, { approvedInMeetingOn: berlinDateKey(approvedAt.now) }, BASE_URL, approvedAt);
		// Still open after two meetings: carried over twice.
		addActionNote(db, keysDb, p.warstein, carried, { note: 'Schule hat um Aufschub gebeten.', meetingId: middle?.id ?? null }, approvedAt);
	}
	if (middle) {
		const [inProgress] = takeMinutes(db, keysDb, p, middle, now, [
			{ title: 'Ansprechpersonen für die Rufbereitschaft benennen', orgId: p.policeOrgId, dueInDays: -5 },
			{ title: 'Informationsblatt für Kitas entwerfen', person: p.coordinator, dueInDays: 9 }
		]);
		changeActionStatus(db, keysDb, p.kripo, inProgress, { status: 'in_progress', note: 'Liste wird abgestimmt.', version: 1 }, { ip: null, now: notAfter(new Date(middle.startsAt.getTime() + 2 * DAY), now) });
		const approvedAt = { ip: null, now: notAfter(new Date(middle.startsAt.getTime() + 4 * DAY), now) };
		submitMinutes(db, p.coordinator, middle.id, { reviewUntil: berlinDateKey(notAfter(new Date(approvedAt.now.getTime() + 2 * DAY), now)) }, approvedAt);
		approveMinutes(db, p.coordinator, middle.id, {}, BASE_URL, approvedAt);
	}
	if (latest) {
		takeMinutes(db, keysDb, p, latest, now, [
			{ title: 'Fallverlauf an die Kriminalpolizei übermitteln', person: p.warstein, dueInDays: 6 },
			{ title: 'Kooperationsvereinbarung: Entwurf der Anlage 3', person: p.kripo, dueInDays: 40 }
		]);
		// The newest minutes are with the members for review for another week.
		submitMinutes(db, p.coordinator, latest.id, { reviewUntil: dayKey(now, 7) }, { ip: null, now });
	}
}

/**
 * A Sondersitzung of the Leitungsrunde three weeks ago, with approved minutes and one action item
 * for the police: a series the case workers of Lippstadt do not belong to, so the demo shows (and
 * the tests check) that its items stay invisible to them.
 */
export function seedLeadershipMinutes(db: Db, keysDb: KeysDb, p: DemoPeople, seriesId: number, now: Date): void {
	const date = dayKey(now, -21);
	const { id } = createExtraMeeting(db, p.coordinator, seriesId, { date, time: '10:00', durationMinutes: 90, place: 'Kreispolizeibehörde Soest, Besprechungsraum 1' }, { ip: null, now });
	const startsAt = new Date(`${date}T12:00:00Z`);
	const before = { ip: null, now: new Date(startsAt.getTime() - 20 * DAY) };
	const item = submitAgendaItem(db, keysDb, p.coordinator, id, { kind: 'topic', title: 'Fortschreibung der Kooperationsvereinbarung', text: 'Kommunikationswege zwischen Jugendämtern und Kriminalpolizei außerhalb der Dienstzeiten.', requestedMinutes: 30 }, before);
	const accepted = getAgenda(db, p.coordinator, id).items.find((i) => i.id === item);
	if (accepted?.status !== 'accepted') reviewAgendaItem(db, p.coordinator, item, { decision: 'accept', version: accepted?.version ?? 1 }, before);
	const during = { ip: null, now: notAfter(new Date(startsAt.getTime() + 15 * 60_000), now) };
	startMeeting(db, p.coordinator, id, during);
	const [entry] = getMinutes(db, p.coordinator, id, during.now).entries;
	saveMinutesEntry(db, keysDb, p.coordinator, entry.id, { notes: 'Die Leitungen verständigen sich auf eine gemeinsame Rufbereitschaftsliste.', version: entry.version }, during);
	addOutcome(db, keysDb, p.coordinator, entry.id, { kind: 'action', title: 'Entwurf der Rufbereitschaftsliste abstimmen', assigneeUserId: String(p.kripo.id), dueDate: dayKey(now, 14) }, during);
	finishMeeting(db, p.coordinator, id, during);
	approveMinutes(db, p.coordinator, id, {}, BASE_URL, { ip: null, now: notAfter(new Date(startsAt.getTime() + 2 * DAY), now) });
}
