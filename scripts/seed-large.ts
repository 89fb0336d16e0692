/**
 * A large, realistic data set for the performance benchmark (issue #12): a district that has used
 * Fallkonferenz every week for about ten years.
 *
 *   npm run seed:large -- --data DIR [--keys KEYDIR] [--force] [--seed N]
 *
 * DIR becomes DATA_DIR (app.db, keys.db); the keys (app.key, keystore.key) go to KEY_DIR, which
 * is --keys, else $KEY_DIR, else DIR/../keys (as src/lib/server/config.ts derives it). A non-empty
 * DIR is refused unless --force (which deletes app.db and keys.db there first; existing key files
 * are reused).
 *
 * The schema is the app's own (its migrations run through openDatabase/getKeysDb). Rows are written
 * in large transactions with prepared statements, as the domain functions would write them:
 * organisations and users, series with RFC 5545 rules and their materialised meetings (~9.5 years
 * past, HORIZON_MONTHS ahead, as materialiseSeries keeps them), agenda items with their events,
 * minutes (entries with TOP labels, attendance of the series' participants, guests, outcomes),
 * action items with their timelines, approved versions frozen with the app's buildSnapshot,
 * pseudonymised cases whose real names are sealed with the keystore module (writePersonKeys), the
 * outbox and a hash-chained audit trail built with the audit module's own hashing. The full-text
 * index is filled by the migration's triggers. Every random choice comes from a seeded PRNG; dates
 * are relative to today (so the dashboard always has upcoming meetings), hence the data are the
 * same for every run on the same day.
 *
 * Well-known accounts for the benchmark: bench.koordination@bench.example (coordinator of the
 * busiest series, member of all) and bench.mitglied@bench.example (member via Jugendamt Lippstadt).
 * Password of every account: Bench-Passwort-2026 (no TOTP enrolled; the benchmark creates sessions
 * directly).
 */
import fs from 'node:fs';
import path from 'node:path';
import { prng } from '../bench/prng';

// ---------------------------------------------------------------- arguments and environment

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}
const dataArg = arg('--data');
if (!dataArg) {
	console.error('Aufruf: npm run seed:large -- --data DIR [--keys KEYDIR] [--force] [--seed N]');
	process.exit(2);
}
const DATA_DIR = path.resolve(dataArg);
const keysArg = arg('--keys');
process.env.DATA_DIR = DATA_DIR;
if (keysArg) process.env.KEY_DIR = path.resolve(keysArg);
const FORCE = process.argv.includes('--force');
const SEED = Number(arg('--seed') ?? 20260512) >>> 0;

if (fs.existsSync(DATA_DIR) && fs.readdirSync(DATA_DIR).length > 0) {
	if (!FORCE) {
		console.error(`${DATA_DIR} ist nicht leer; mit --force werden app.db und keys.db dort ersetzt.`);
		process.exit(2);
	}
	for (const f of fs.readdirSync(DATA_DIR)) {
		if (/^(app|keys)\.db(-wal|-shm|-journal)?$/.test(f)) fs.rmSync(path.join(DATA_DIR, f));
	}
}
fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });

// App modules read the configuration lazily: import them only now.
const { config } = await import('../src/lib/server/config');
const { getDb } = await import('../src/lib/server/db');
const { getKeysDb, PendingKeyWrites } = await import('../src/lib/server/keystore');
const { getAppKey } = await import('../src/lib/server/keys');
const audit = await import('../src/lib/server/audit');
const { hashPassword } = await import('../src/lib/server/auth/password');
const { expandRecurrence, occurrenceDate, toRfc5545 } = await import('../src/lib/server/meetings/recurrence');
const { HORIZON_MONTHS, agendaDeadline } = await import('../src/lib/server/meetings');
const { berlinDateKey } = await import('../src/lib/server/meetings/time');
const { generateCaseCode, pseudonymFor } = await import('../src/lib/server/cases');
const { buildSnapshot } = await import('../src/lib/server/minutes/approval');
const { firstNameList } = await import('../src/lib/server/pii/first-names');
const { surnameList } = await import('../src/lib/server/pii/surnames');
const { runJob } = await import('../src/lib/server/jobs');
type Recurrence = import('../src/lib/server/meetings/recurrence').Recurrence;
type CaseRole = import('../src/lib/server/db/schema').CaseRole;

const started = performance.now();
const cfg = config();
const db = getDb();
getAppKey();
const keysDb = getKeysDb();
const sqlite = db.$client;
// A bulk load: a large page cache keeps the FTS5 trigram index's merges in memory, and the load is
// repeatable, so it needs no fsync (the final checkpoint writes everything out).
sqlite.pragma('cache_size = -262144');
sqlite.pragma('temp_store = MEMORY');
sqlite.pragma('synchronous = OFF');

// ---------------------------------------------------------------- deterministic randomness

const random = prng(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const chance = (p: number) => random() < p;
function uuid(): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date();
const nowMs = now.getTime();
/** ~9.5 years back, on a Berlin date. */
const startDate = berlinDateKey(new Date(nowMs - Math.round(9.5 * 365.25) * DAY));
const startMs = Date.parse(`${startDate}T08:00:00Z`);
const horizon = new Date(now);
horizon.setUTCMonth(horizon.getUTCMonth() + HORIZON_MONTHS);

// ---------------------------------------------------------------- texts

const FIRST = firstNameList();
const LAST = surnameList();
const PASSWORD = 'Bench-Passwort-2026';

const SENTENCES = [
	'Das Jugendamt berichtet vom aktuellen Stand der Hilfen; die Familie nimmt die vereinbarten Termine weitgehend wahr.',
	'Die Polizei teilt mit, dass seit der letzten Sitzung keine weiteren Einsätze in dem Haushalt erfolgt sind.',
	'Kind A besucht regelmäßig die Kita, die Erzieherinnen beschreiben es als zurückhaltend, aber gut eingebunden.',
	'Mutter A hat die Beratung bei der Fachstelle begonnen; ein zweiter Termin ist vereinbart.',
	'Vater A ist nach der Wegweisung nicht in die Wohnung zurückgekehrt; die Frist endet in zwei Wochen.',
	'Die Schule meldet erneut unentschuldigte Fehlzeiten von Kind B; ein Gespräch mit der Klassenleitung ist geplant.',
	'Die Gefährdungseinschätzung nach § 8a SGB VIII wird im Fachteam fortgeschrieben.',
	'Die Kriminalpolizei hat das Ermittlungsverfahren an die Staatsanwaltschaft abgegeben.',
	'Es wird vereinbart, die Familiengerichtshilfe frühzeitig einzubinden.',
	'Die Teilnehmenden tauschen sich über die Erreichbarkeit außerhalb der Dienstzeiten aus.',
	'Ein gemeinsamer Hausbesuch von Jugendamt und Polizei wird für erforderlich gehalten.',
	'Die Kinderärztin hat keine neuen Verletzungen festgestellt; die Vorsorgeuntersuchung ist nachgeholt.',
	'Der Schutzplan wird mit der Beratungsstelle abgestimmt und allen Beteiligten zugesandt.',
	'Die Zahl der Einsätze mit Kindern im Haushalt ist im Quartal leicht gestiegen.',
	'Die Sorgeberechtigten haben einer Schweigepflichtentbindung gegenüber der Schule zugestimmt.',
	'Eine Inobhutnahme war bislang nicht erforderlich; die Lage wird weiter beobachtet.',
	'Bezugsperson A unterstützt die Familie im Alltag und ist für die Fachkräfte erreichbar.',
	'Die Fallverantwortung bleibt beim Allgemeinen Sozialen Dienst; die Polizei wird über Änderungen informiert.',
	'Die Frauenberatungsstelle bietet ein Gruppenangebot für betroffene Mütter an.',
	'Die Abstimmung mit dem Familiengericht zur Anhörung der Kinder steht noch aus.',
	'Geschwister B wird in der Tagesgruppe betreut; die Rückmeldungen sind positiv.',
	'Der Kontakt zum Vater findet nur begleitet statt, wie im Hilfeplan vereinbart.',
	'Die Kooperationsvereinbarung sieht eine Rückmeldung an die meldende Stelle vor; diese ist erfolgt.',
	'Die Teilnehmenden halten die bisherigen Maßnahmen für ausreichend und beraten den Fall in drei Monaten erneut.'
] as const;

const TOPICS = [
	'Erreichbarkeit außerhalb der Dienstzeiten',
	'Fortschreibung der Kooperationsvereinbarung',
	'Lagebild häusliche Gewalt im Kreis',
	'Gemeinsame Fortbildung Gesprächsführung',
	'Mitteilungen nach § 8a SGB VIII: Rückmeldewege',
	'Datenschutz beim Austausch von Fallinformationen',
	'Neue Ansprechpersonen der Kriminalinspektion',
	'Auswertung der Inobhutnahmen des Quartals',
	'Schulabsentismus: abgestimmtes Vorgehen',
	'Hochrisikofälle: Fallkonferenz nach dem Istanbul-Protokoll',
	'Rufbereitschaftslisten Jugendamt und Polizei',
	'Kinder in Haushalten mit Wohnungsverweisung'
] as const;

const CASE_TITLES = [
	'Häusliche Gewalt, Kinder im Haushalt',
	'Verdacht auf Vernachlässigung, Meldung der Kita',
	'Ungeklärte Verletzungen, Meldung Kinderarztpraxis',
	'Schulabsentismus und Konflikte in der Familie',
	'Verdacht sexualisierte Gewalt, Ermittlungsverfahren',
	'Inobhutnahme, Rückführung in Vorbereitung',
	'Wohnungsverweisung nach Polizeieinsatz',
	'Suchterkrankung eines Elternteils',
	'Jugendlicher mit wiederholten Vermisstenmeldungen',
	'Gewalt unter Geschwistern, Hilfe zur Erziehung'
] as const;

const ACTIONS = [
	'Schutzplan mit der Beratungsstelle abstimmen',
	'Gemeinsamen Hausbesuch planen',
	'Rückmeldung der Schule einholen',
	'Fallverlauf an die Kriminalpolizei übermitteln',
	'Ansprechpersonen für die Rufbereitschaft benennen',
	'Informationsblatt für Kitas entwerfen',
	'Termin beim Familiengericht abstimmen',
	'Gefährdungseinschätzung fortschreiben',
	'Kontakt zur Kinderärztin aufnehmen',
	'Hilfeplangespräch vorbereiten'
] as const;

function paragraph(sentences: number): string {
	const out: string[] = [];
	for (let i = 0; i < sentences; i++) out.push(pick(SENTENCES));
	return out.join(' ');
}
/** Minutes notes of about `bytes` bytes in a few paragraphs. */
function notes(bytes: number): string {
	const paras: string[] = [];
	let size = 0;
	while (size < bytes) {
		const p = paragraph(int(2, 5));
		paras.push(p);
		size += Buffer.byteLength(p) + 2;
	}
	return paras.join('\n\n');
}

// ---------------------------------------------------------------- prepared statements

const ins = {
	org: sqlite.prepare('INSERT INTO organisation (name, kind, created_at) VALUES (?, ?, ?)'),
	user: sqlite.prepare('INSERT INTO user (email, name, organisation_id, roles, password_hash, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
	series: sqlite.prepare('INSERT INTO meeting_series (title, description, place, duration_minutes, agenda_deadline_days, reminder_days_before, recurrence, rrule, materialised_until, created_by, created_at) VALUES (?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?)'),
	member: sqlite.prepare('INSERT INTO series_member (series_id, user_id, organisation_id, role) VALUES (?, ?, ?, ?)'),
	meeting: sqlite.prepare('INSERT INTO meeting (series_id, uid, occurrence_date, starts_at, ends_at, place, status, cancel_reason, published_at, agenda_published_at, sequence, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
	response: sqlite.prepare('INSERT INTO meeting_response (meeting_id, user_id, answer, updated_at) VALUES (?, ?, ?, ?)'),
	item: sqlite.prepare('INSERT INTO agenda_item (meeting_id, kind, title, text, requested_minutes, submitted_by, organisation_id, status, reject_reason, late, amendment, position, case_id, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)'),
	itemEvent: sqlite.prepare('INSERT INTO agenda_item_event (item_id, at, actor_id, type, note) VALUES (?, ?, ?, ?, ?)'),
	minutes: sqlite.prepare('INSERT INTO minutes (meeting_id, status, minute_taker_id, started_at, review_until, approved_version, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
	entry: sqlite.prepare('INSERT INTO minutes_entry (meeting_id, agenda_item_id, top_label, position, notes, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
	attendance: sqlite.prepare('INSERT INTO minutes_attendance (meeting_id, user_id, presence, arrived_at) VALUES (?, ?, ?, ?)'),
	guest: sqlite.prepare('INSERT INTO minutes_guest (meeting_id, organisation, function) VALUES (?, ?, ?)'),
	outcome: sqlite.prepare('INSERT INTO minutes_outcome (meeting_id, entry_id, kind, text, vote, votes_for, votes_against, votes_abstain, action_item_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
	action: sqlite.prepare('INSERT INTO action_item (series_id, meeting_id, agenda_item_id, top_label, title, description, assignee_user_id, assignee_organisation_id, due_date, case_id, status, drop_reason, version, created_by, created_at, updated_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
	actionEvent: sqlite.prepare('INSERT INTO action_event (action_item_id, actor_id, kind, status, note, meeting_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
	version: sqlite.prepare('INSERT INTO minutes_version (meeting_id, number, reason, snapshot, approved_by, approved_in_meeting_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
	caseFile: sqlite.prepare('INSERT INTO case_file (code, label, organisation_id, status, created_by, created_at, closed_at, closed_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
	person: sqlite.prepare('INSERT INTO case_person (case_id, role, role_index, pseudonym, created_at) VALUES (?, ?, ?, ?, ?)'),
	outbox: sqlite.prepare("INSERT INTO outbox (recipient, subject, body, attachments, status, attempts, created_at, sent_at) VALUES (?, ?, ?, ?, 'sent', 1, ?, ?)"),
	audit: sqlite.prepare('INSERT INTO audit_event (id, at, type, actor_id, actor_email, subject_type, subject_id, ip, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
};
const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);

/** Audit events collected while the data are written; chained in time order at the end. */
interface PendingEvent {
	at: number;
	type: string;
	actorId: number | null;
	actorEmail: string | null;
	subjectType: string | null;
	subjectId: string | null;
	ip: string | null;
	details: string;
}
const events: PendingEvent[] = [];
function event(at: number, type: string, actor: User | null, subjectType: string | null, subjectId: number | string | null, details: Record<string, unknown> = {}) {
	events.push({ at, type, actorId: actor?.id ?? null, actorEmail: actor?.email ?? null, subjectType, subjectId: subjectId == null ? null : String(subjectId), ip: actor ? `10.${actor.id % 200}.${(actor.id * 7) % 250}.${(actor.id * 13) % 250}` : null, details: JSON.stringify(details) });
}

// ---------------------------------------------------------------- organisations and users

interface User {
	id: number;
	email: string;
	name: string;
	organisationId: number;
	roles: string[];
}

const ORGS: { name: string; kind: 'jugendamt' | 'polizei' | 'other'; domain: string }[] = [
	{ name: 'Kreisjugendamt Soest', kind: 'jugendamt', domain: 'kreis-soest.example' },
	{ name: 'Jugendamt Lippstadt', kind: 'jugendamt', domain: 'lippstadt.example' },
	{ name: 'Jugendamt Soest', kind: 'jugendamt', domain: 'soest.example' },
	{ name: 'Jugendamt Warstein', kind: 'jugendamt', domain: 'warstein.example' },
	{ name: 'Jugendamt Werl', kind: 'jugendamt', domain: 'werl.example' },
	{ name: 'Jugendamt Geseke', kind: 'jugendamt', domain: 'geseke.example' },
	{ name: 'Jugendamt Erwitte', kind: 'jugendamt', domain: 'erwitte.example' },
	{ name: 'Kreispolizeibehörde Soest', kind: 'polizei', domain: 'polizei-soest.example' },
	{ name: 'Polizeipräsidium Hamm', kind: 'polizei', domain: 'polizei-hamm.example' },
	{ name: 'Polizeipräsidium Dortmund, Kriminalinspektion Opferschutz', kind: 'polizei', domain: 'polizei-dortmund.example' },
	{ name: 'Staatsanwaltschaft Arnsberg', kind: 'other', domain: 'sta-arnsberg.example' },
	{ name: 'Frauenberatungsstelle Soest', kind: 'other', domain: 'frauenberatung-soest.example' }
];
const USER_COUNT = 250;

const passwordHash = await hashPassword(PASSWORD);
const orgIds: number[] = [];
const users: User[] = [];
const usersByOrg = new Map<number, User[]>();
let benchCoordinator!: User;
let benchMember!: User;
const coordinators: User[] = [];

db.transaction(() => {
	const created = startMs - 30 * DAY;
	for (const o of ORGS) orgIds.push(id(ins.org.run(o.name, o.kind, created)));
	const addUser = (email: string, name: string, org: number, roles: string[]) => {
		const u: User = { id: id(ins.user.run(email, name, org, JSON.stringify(roles), passwordHash, chance(0.05) ? 'en' : 'de', created + users.length * HOUR)), email, name, organisationId: org, roles };
		users.push(u);
		usersByOrg.set(org, [...(usersByOrg.get(org) ?? []), u]);
		return u;
	};
	addUser('admin@bench.example', 'Sabine Hartmann', orgIds[0], ['admin']);
	benchCoordinator = addUser('bench.koordination@bench.example', 'Thomas Brandt', orgIds[0], ['coordinator', 'member']);
	benchMember = addUser('bench.mitglied@bench.example', 'Julia Neumann', orgIds[1], ['member']);
	coordinators.push(benchCoordinator);
	const seen = new Set(users.map((u) => u.email));
	while (users.length < USER_COUNT) {
		// Jugendämter and police are the big organisations.
		const orgIndex = chance(0.8) ? int(0, 9) : int(10, 11);
		const first = pick(FIRST);
		const last = pick(LAST);
		const email = `${first}.${last}@${ORGS[orgIndex].domain}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9.@-]/g, '');
		if (seen.has(email)) continue;
		seen.add(email);
		const isCoordinator = coordinators.length < 10 && orgIndex < 8 && chance(0.3);
		const u = addUser(email, `${first} ${last}`, orgIds[orgIndex], isCoordinator ? ['coordinator', 'member'] : ['member']);
		if (isCoordinator) coordinators.push(u);
	}
	for (const u of users) event(created + u.id * HOUR, 'user.created', users[0], 'user', u.id, { email: u.email, roles: u.roles });
});

// ---------------------------------------------------------------- series and meetings

interface SeriesDef {
	title: string;
	recurrence: Recurrence;
	duration: number;
	deadlineDays: number;
	orgs: number[];
	/** Relative weight for the number of agenda items per meeting. */
	load: number;
}
const iso = (d: string) => d;
const SERIES: SeriesDef[] = [
	{ title: 'Fallkonferenz Kreis Soest', recurrence: { kind: 'weekly', interval: 2, weekday: 1, startDate: iso(startDate), time: '14:00', exceptions: [] }, duration: 180, deadlineDays: 7, orgs: [0, 1, 2, 3, 7], load: 1.3 },
	{ title: 'Fallkonferenz Nord (Lippstadt, Geseke, Erwitte)', recurrence: { kind: 'weekly', interval: 3, weekday: 3, startDate: iso(startDate), time: '10:00', exceptions: [] }, duration: 120, deadlineDays: 7, orgs: [0, 1, 5, 6, 7], load: 1.0 },
	{ title: 'Fallkonferenz Süd (Warstein, Soest)', recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 0, setPos: 2, startDate: iso(startDate), time: '09:30', exceptions: [] }, duration: 120, deadlineDays: 10, orgs: [0, 2, 3, 7], load: 1.0 },
	{ title: 'Arbeitskreis häusliche Gewalt', recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 2, setPos: 3, startDate: iso(startDate), time: '14:00', exceptions: [] }, duration: 120, deadlineDays: 7, orgs: [0, 1, 7, 8, 11], load: 0.9 },
	{ title: 'Runder Tisch Kinderschutz Werl', recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 3, setPos: 1, startDate: iso(startDate), time: '15:00', exceptions: [] }, duration: 90, deadlineDays: 7, orgs: [0, 4, 8], load: 0.8 },
	{ title: 'Fachgruppe Frühe Hilfen', recurrence: { kind: 'monthly_day', interval: 1, monthDay: 15, startDate: iso(startDate), time: '10:00', exceptions: [] }, duration: 90, deadlineDays: 5, orgs: [0, 1, 2, 5, 6], load: 0.7 },
	{ title: 'Netzwerk Schule – Jugendamt – Polizei', recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 4, setPos: -1, startDate: iso(startDate), time: '13:00', exceptions: [] }, duration: 120, deadlineDays: 7, orgs: [0, 2, 4, 7], load: 0.8 },
	{ title: 'Fallberatung sexualisierte Gewalt', recurrence: { kind: 'monthly_weekday', interval: 1, weekday: 1, setPos: 4, startDate: iso(startDate), time: '09:00', exceptions: [] }, duration: 120, deadlineDays: 10, orgs: [0, 1, 3, 9, 10], load: 0.9 },
	{ title: 'Leitungsrunde Jugendamt – Polizei', recurrence: { kind: 'quarterly', interval: 3, weekday: 2, setPos: 2, startDate: iso(startDate), time: '10:00', exceptions: [] }, duration: 90, deadlineDays: 14, orgs: [0, 7, 8], load: 0.5 },
	{ title: 'Steuerungsgruppe Kooperationsvereinbarung', recurrence: { kind: 'quarterly', interval: 3, weekday: 3, setPos: 3, startDate: iso(startDate), time: '14:00', exceptions: [] }, duration: 120, deadlineDays: 14, orgs: [0, 1, 2, 3, 4, 7, 10], load: 0.5 }
];

interface SeriesRow {
	id: number;
	def: SeriesDef;
	coordinator: User;
	participants: User[];
	orgIds: number[];
}
interface MeetingRow {
	id: number;
	series: SeriesRow;
	startsAt: number;
	endsAt: number;
	status: string;
	itemCount: number;
	next?: MeetingRow;
}
const seriesRows: SeriesRow[] = [];
const meetings: MeetingRow[] = [];
const CANCEL_REASONS = ['Entfällt wegen Krankheit mehrerer Teilnehmender.', 'Entfällt: keine Tagesordnungspunkte angemeldet.', 'Entfällt wegen einer Großlage der Polizei.'];

db.transaction(() => {
	SERIES.forEach((def, i) => {
		const coordinator = i === 0 ? benchCoordinator : coordinators[i % coordinators.length];
		const createdAt = startMs - 14 * DAY + i * HOUR;
		const sid = id(ins.series.run(def.title, `${def.title}: regelmäßige Sitzung nach der Kooperationsvereinbarung Kinderschutz. Fallbezogene Angaben nur pseudonymisiert.`, `Kreishaus Soest, Hoher Weg 1–3, Raum ${2 + i}.1${i}`, def.duration, def.deadlineDays, JSON.stringify(def.recurrence), toRfc5545(def.recurrence), horizon.getTime(), coordinator.id, createdAt));
		ins.member.run(sid, coordinator.id, null, 'coordinator');
		// The benchmark coordinator belongs to every series through the Kreisjugendamt.
		const memberOrgs = def.orgs.map((o) => orgIds[o]);
		for (const o of memberOrgs) ins.member.run(sid, null, o, 'member');
		// A few people of other organisations are members in person.
		const direct = users.filter((u) => !memberOrgs.includes(u.organisationId) && u.roles.includes('member') && chance(0.02));
		for (const u of direct) ins.member.run(sid, u.id, null, 'member');
		const participants = [...new Set([coordinator, ...users.filter((u) => memberOrgs.includes(u.organisationId)), ...direct])];
		const row: SeriesRow = { id: sid, def, coordinator, participants, orgIds: memberOrgs };
		seriesRows.push(row);
		event(createdAt, 'series.created', coordinator, 'series', sid, { title: def.title });

		let prev: MeetingRow | undefined;
		const starts = expandRecurrence(def.recurrence, new Date(startMs - DAY), horizon);
		const lastPast = starts.filter((s) => s.getTime() + def.duration * MIN < nowMs).length - 1;
		starts.forEach((start, n) => {
			const startsAt = start.getTime();
			const endsAt = startsAt + def.duration * MIN;
			const past = endsAt < nowMs;
			let status = 'planned';
			let cancelReason: string | null = null;
			if (past) status = n === lastPast ? 'minutes_review' : n === lastPast - 1 && i % 2 === 0 ? 'held' : 'minutes_approved';
			if (past && n < lastPast - 1 && chance(0.03)) {
				status = 'cancelled';
				cancelReason = pick(CANCEL_REASONS);
			}
			const upcomingIndex = n - lastPast - 1;
			const deadline = agendaDeadline(start, def.deadlineDays).getTime();
			const publishedAt = past || upcomingIndex === 0 ? startsAt - 21 * DAY : null;
			if (!past && upcomingIndex === 0 && deadline < nowMs) status = 'agenda_published';
			const agendaPublishedAt = past && status !== 'cancelled' ? deadline + DAY : status === 'agenda_published' ? deadline + HOUR : null;
			const created = Math.max(createdAt, startsAt - 365 * DAY);
			const version = past ? (status === 'cancelled' ? 3 : 7) : publishedAt ? 2 : 1;
			const mid = id(ins.meeting.run(sid, `${uuid()}@fallkonferenz`, occurrenceDate(start), startsAt, endsAt, `Kreishaus Soest, Hoher Weg 1–3, Raum ${2 + i}.1${i}`, status, cancelReason, publishedAt, agendaPublishedAt, status === 'cancelled' ? 1 : 0, version, created));
			const mt: MeetingRow = { id: mid, series: row, startsAt, endsAt, status, itemCount: 0 };
			if (prev) prev.next = mt;
			prev = mt;
			meetings.push(mt);
			if (publishedAt) event(publishedAt, 'meeting.published', coordinator, 'meeting', mid);
			if (status === 'cancelled') event(startsAt - 2 * DAY, 'meeting.cancelled', coordinator, 'meeting', mid);
			// Answers to the invitation of the next meeting.
			if (!past && publishedAt) for (const p of participants) if (chance(0.4)) ins.response.run(mid, p.id, pick(['accepted', 'accepted', 'declined', 'tentative']), publishedAt + int(1, 200) * HOUR);
		});
	});
});

// ---------------------------------------------------------------- cases (app.db and keys.db)

const CASES = 1500;
const jugendaemter = orgIds.filter((_, i) => ORGS[i].kind === 'jugendamt');
interface CaseRow {
	id: number;
	code: string;
	organisationId: number;
}
const cases: CaseRow[] = [];
const casesByOrg = new Map<number, CaseRow[]>();
const ROLE_SETS: CaseRole[][] = [
	['child', 'mother', 'father', 'sibling'],
	['child', 'mother', 'father', 'caregiver'],
	['child', 'child', 'mother', 'father'],
	['child', 'mother', 'father'],
	['child', 'child', 'mother', 'father', 'other'],
	['child', 'mother', 'caregiver', 'sibling']
];
const STREETS = ['Lindenstraße', 'Hauptstraße', 'Cappelstraße', 'Bahnhofstraße', 'Kirchplatz', 'Am Markt', 'Schulweg', 'Soester Straße'];
const TOWNS = ['59581 Warstein', '59555 Lippstadt', '59494 Soest', '59457 Werl', '59590 Geseke', '59597 Erwitte'];

const caseStarted = performance.now();
{
	const keys = new PendingKeyWrites();
	const codes = new Set<string>();
	db.transaction(() => {
		for (let c = 0; c < CASES; c++) {
			const org = pick(jugendaemter);
			const staff = usersByOrg.get(org) ?? users;
			const owner = pick(staff);
			// Spread over the ten years, more in recent years; the keys of every case are still held:
			// cases are open or closed within the retention period (no deletion runs during the benchmark).
			const createdAt = nowMs - Math.floor(Math.pow(random(), 1.5) * (nowMs - startMs));
			const closed = chance(0.3);
			const closedAt = closed ? nowMs - int(1, cfg.keyRetentionDays - 30) * DAY : null;
			let code: string;
			do code = generateCaseCode((max) => Math.floor(random() * max));
			while (codes.has(code));
			codes.add(code);
			const caseId = id(ins.caseFile.run(code, pick(CASE_TITLES), org, closed ? 'closed' : 'open', owner.id, createdAt, closedAt, closed ? owner.id : null, closed ? 2 : 1));
			const row = { id: caseId, code, organisationId: org };
			cases.push(row);
			casesByOrg.set(org, [...(casesByOrg.get(org) ?? []), row]);
			// About 6,000 persons over 1,500 cases: four on average (the role sets have 3 to 5).
			const roles = pick(ROLE_SETS);
			const counters = new Map<CaseRole, number>();
			const family = pick(LAST);
			const entries: { personId: number; name: string; birthDate: string | null; address: string | null }[] = [];
			const pseudonyms: string[] = [];
			for (const role of roles) {
				const n = (counters.get(role) ?? 0) + 1;
				counters.set(role, n);
				const pseudonym = pseudonymFor(role, n);
				const personId = id(ins.person.run(caseId, role, n, pseudonym, createdAt));
				const child = role === 'child' || role === 'sibling';
				entries.push({
					personId,
					name: `${pick(FIRST)} ${family}`,
					birthDate: child ? `${int(2008, 2024)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}` : null,
					address: !child && chance(0.4) ? `${pick(STREETS)} ${int(1, 120)}, ${pick(TOWNS)}` : null
				});
				pseudonyms.push(pseudonym);
			}
			keys.add(caseId, entries);
			event(createdAt, 'case.registered', owner, 'case', caseId, { code, organisationId: org, persons: pseudonyms });
			if (closedAt) event(closedAt, 'case.closed', owner, 'case', caseId, { code });
		}
		// The key store is written last, as transactionWithKeys does.
		keys.flush(keysDb);
	});
}
const caseMs = performance.now() - caseStarted;

// ---------------------------------------------------------------- agenda, minutes, action items

const AGENDA_TARGET = 30_000;
const ACTION_TARGET = 10_000;
// Notes of accepted items only, so the target is set a little below the ~30 MB wanted.
const NOTES_BYTES = 27.5 * 1024 * 1024;
const held = meetings.filter((m) => m.endsAt < nowMs && m.status !== 'cancelled');
const upcoming = meetings.filter((m) => m.endsAt >= nowMs);
// The next two meetings of each series collect proposals; the rest of the target goes to held meetings.
const upcomingWithItems = seriesRows.flatMap((s) => upcoming.filter((m) => m.series === s).slice(0, 2));
for (const m of upcomingWithItems) m.itemCount = int(3, 9);
const heldTarget = AGENDA_TARGET - upcomingWithItems.reduce((n, m) => n + m.itemCount, 0);
const weights = held.map((m) => m.series.def.load * (0.55 + random() * 0.9));
const weightSum = weights.reduce((a, b) => a + b, 0);
held.forEach((m, i) => (m.itemCount = Math.max(3, Math.round((weights[i] * heldTarget) / weightSum))));
// The long meeting of the benchmark: 40 items, approved minutes, in the busiest series, about three months ago.
const longMeeting = held.filter((m) => m.series === seriesRows[0] && m.status === 'minutes_approved' && m.startsAt < nowMs - 80 * DAY).at(-1)!;
longMeeting.itemCount = 40;
const actionShare = ACTION_TARGET / held.reduce((n, m) => n + m.itemCount, 0);
const notesPerItem = NOTES_BYTES / held.reduce((n, m) => n + m.itemCount, 0);

const GUESTS = [
	['Frauenberatungsstelle Soest', 'Fachberatung häusliche Gewalt'],
	['Schulpsychologische Beratungsstelle', 'Schulpsychologin'],
	['Familiengericht Lippstadt', 'Familienrichterin'],
	['Kinderschutzambulanz', 'Kinderärztin']
] as const;

let itemCount = 0;
let entryCount = 0;
let actionCount = 0;
let notesBytes = 0;
const approved: { meetingId: number; approvedBy: number; at: number; on: string | null }[] = [];

function agendaFor(m: MeetingRow) {
	const s = m.series;
	const coordinator = s.coordinator;
	const pastMeeting = m.endsAt < nowMs;
	const accepted: { id: number; position: number; caseId: number | null; submittedBy: User }[] = [];
	for (let p = 1; p <= m.itemCount; p++) {
		const submitter = m === longMeeting && p <= 2 ? benchMember : chance(0.15) ? coordinator : pick(s.participants);
		const org = ORGS[orgIds.indexOf(submitter.organisationId)];
		const ownCases = casesByOrg.get(submitter.organisationId);
		const caseRow = org?.kind === 'jugendamt' && ownCases && chance(0.6) ? pick(ownCases) : null;
		const kind = caseRow ? 'case' : org?.kind === 'polizei' && chance(0.5) ? 'situation' : 'topic';
		const title = caseRow ? `Fall ${caseRow.code}: ${pick(CASE_TITLES)}` : kind === 'situation' ? `Lagebild: ${pick(TOPICS)}` : pick(TOPICS);
		const text = paragraph(int(2, 4));
		const submittedAt = m.startsAt - int(m.series.def.deadlineDays + 1, 30) * DAY;
		const byCoordinator = submitter.id === coordinator.id;
		let status = byCoordinator ? 'accepted' : 'proposed';
		if (pastMeeting || chance(0.6)) status = byCoordinator || m === longMeeting || chance(0.95) ? 'accepted' : 'rejected';
		const reason = status === 'rejected' ? 'Bitte in der Leitungsrunde einbringen.' : null;
		const itemId = id(ins.item.run(m.id, kind, title, text, pick([5, 10, 15, 20, 30]), submitter.id, submitter.organisationId, status, reason, p, caseRow?.id ?? null, status === 'proposed' || byCoordinator ? 1 : 2, submittedAt));
		ins.itemEvent.run(itemId, submittedAt, submitter.id, 'submitted', null);
		if (!byCoordinator && status !== 'proposed') ins.itemEvent.run(itemId, submittedAt + int(1, 72) * HOUR, coordinator.id, status, reason);
		if (status === 'accepted') accepted.push({ id: itemId, position: p, caseId: caseRow?.id ?? null, submittedBy: submitter });
		itemCount++;
	}
	return accepted;
}

function minutesFor(m: MeetingRow, accepted: ReturnType<typeof agendaFor>) {
	const s = m.series;
	const taker = s.coordinator;
	const startedAt = m.startsAt + 5 * MIN;
	const status = m.status === 'minutes_approved' ? 'approved' : m.status === 'minutes_review' ? 'review' : 'draft';
	const reviewUntil = status === 'review' ? berlinDateKey(new Date(Math.max(nowMs, m.startsAt) + 7 * DAY)) : null;
	ins.minutes.run(m.id, status, taker.id, startedAt, reviewUntil, status === 'approved' ? 1 : 0, status === 'approved' ? 6 : 4, startedAt);
	event(startedAt, 'meeting.started', taker, 'meeting', m.id, { items: accepted.length });
	for (const p of s.participants) {
		const presence = p.id === taker.id ? 'present' : chance(0.12) ? 'present' : chance(0.3) ? 'excused' : 'absent';
		ins.attendance.run(m.id, p.id, presence, presence === 'present' && chance(0.05) ? '14:20' : null);
	}
	for (let g = int(0, 2); g > 0; g--) {
		const [org, fn] = pick(GUESTS);
		ins.guest.run(m.id, org, fn);
	}
	accepted.forEach((item, i) => {
		const topLabel = `TOP ${i + 1}`;
		const text = notes(Math.round(notesPerItem * (0.5 + random())));
		notesBytes += Buffer.byteLength(text);
		const entryId = id(ins.entry.run(m.id, item.id, topLabel, i + 1, text, int(2, 5), taker.id, startedAt + (i + 1) * 6 * MIN));
		entryCount++;
		const at = startedAt + (i + 1) * 6 * MIN;
		if (chance(0.6)) ins.outcome.run(m.id, entryId, 'information', pick(SENTENCES), null, null, null, null, null, taker.id, at);
		if (chance(0.5)) {
			const counted = chance(0.3);
			ins.outcome.run(m.id, entryId, 'decision', 'Der Fall wird in der nächsten Sitzung erneut beraten.', counted ? 'counted' : 'unanimous', counted ? int(5, 12) : null, counted ? int(0, 2) : null, counted ? int(0, 3) : null, null, taker.id, at);
		}
		if (random() < actionShare || (m === longMeeting && i < 4)) addAction(m, item, topLabel, entryId, at);
	});
	event(m.startsAt + s.def.duration * MIN, 'meeting.finished', taker, 'meeting', m.id);
	if (status !== 'draft') event(m.startsAt + 2 * DAY, 'minutes.submitted', taker, 'meeting', m.id, { reviewUntil });
	if (status === 'approved') {
		const approvedAt = m.next ? Math.min(m.next.startsAt + HOUR, nowMs - HOUR) : m.startsAt + 14 * DAY;
		approved.push({ meetingId: m.id, approvedBy: taker.id, at: approvedAt, on: m.next && m.next.startsAt < nowMs ? berlinDateKey(new Date(m.next.startsAt)) : null });
		event(approvedAt, 'minutes.approved', taker, 'meeting', m.id, { version: 1, approvedInMeetingOn: null });
	}
}

function addAction(m: MeetingRow, item: { id: number; caseId: number | null; submittedBy: User }, topLabel: string, entryId: number, at: number) {
	const s = m.series;
	const toPerson = chance(0.7);
	const assignee = m === longMeeting ? benchMember : toPerson ? (chance(0.5) ? item.submittedBy : pick(s.participants)) : null;
	const assigneeOrg = assignee ? null : pick(s.orgIds);
	const dueMs = m.startsAt + int(7, 60) * DAY;
	const dueDate = berlinDateKey(new Date(dueMs));
	// Old items are mostly finished; the recent ones in every state, some overdue.
	const age = nowMs - dueMs;
	let status: 'open' | 'in_progress' | 'done' | 'dropped';
	if (age > 120 * DAY) status = chance(0.9) ? 'done' : chance(0.6) ? 'dropped' : chance(0.7) ? 'open' : 'in_progress';
	else status = pick(['open', 'open', 'in_progress', 'done', 'done', 'dropped']);
	if (m === longMeeting && status === 'done') status = 'open';
	const title = pick(ACTIONS);
	const description = pick(SENTENCES);
	const closedAt = status === 'done' || status === 'dropped' ? Math.min(dueMs + int(-5, 20) * DAY, nowMs - HOUR) : null;
	const updatedAt = closedAt ?? (status === 'in_progress' ? Math.min(at + 3 * DAY, nowMs - HOUR) : at);
	const version = status === 'open' ? 1 : status === 'in_progress' ? 2 : 3;
	const actionId = id(ins.action.run(s.id, m.id, item.id, topLabel, title, description, assignee?.id ?? null, assigneeOrg, dueDate, item.caseId, status, status === 'dropped' ? 'Nach Rücksprache nicht erforderlich.' : null, version, s.coordinator.id, at, updatedAt, closedAt));
	ins.outcome.run(m.id, entryId, 'action', '', null, null, null, null, actionId, s.coordinator.id, at);
	ins.actionEvent.run(actionId, s.coordinator.id, 'created', 'open', '', m.id, at);
	const actor = assignee ?? s.coordinator;
	if (status !== 'open') ins.actionEvent.run(actionId, actor.id, 'status', 'in_progress', 'In Bearbeitung.', null, Math.min(at + 3 * DAY, updatedAt));
	if (status === 'done' || status === 'dropped') ins.actionEvent.run(actionId, actor.id, 'status', status, status === 'done' ? 'Erledigt.' : 'Nach Rücksprache nicht erforderlich.', m.next && m.next.startsAt <= closedAt! ? m.next.id : null, closedAt!);
	event(at, 'minutes.outcome_added', s.coordinator, 'meeting', m.id, { entryId, kind: 'action', actionItemId: actionId });
	actionCount++;
}

const contentStarted = performance.now();
db.transaction(() => {
	for (const m of [...held, ...upcomingWithItems]) {
		const accepted = agendaFor(m);
		if (m.endsAt < nowMs) minutesFor(m, accepted);
	}
});
const contentMs = performance.now() - contentStarted;

// Approved versions, frozen with the app's own snapshot builder.
db.transaction((tx) => {
	for (const a of approved) ins.version.run(a.meetingId, 1, '', JSON.stringify(buildSnapshot(tx, a.meetingId)), a.approvedBy, a.on, a.at);
});

// ---------------------------------------------------------------- outbox

const OUTBOX = 20_000;
db.transaction(() => {
	const recent = meetings.filter((m) => m.startsAt < nowMs + 30 * DAY).slice(-400);
	for (let i = 0; i < OUTBOX; i++) {
		const m = pick(recent);
		const p = pick(m.series.participants);
		const date = new Date(m.startsAt).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
		const invitation = chance(0.6);
		const createdAt = Math.min(invitation ? m.startsAt - 21 * DAY : m.startsAt + 14 * DAY, nowMs - MIN) - int(0, 600) * MIN;
		const subject = invitation ? `Einladung: ${m.series.def.title} am ${date}` : `Protokoll genehmigt: ${m.series.def.title} vom ${date}`;
		const body = `Guten Tag ${p.name},\n\n${invitation ? 'Sie sind zur Sitzung eingeladen.' : 'Das Protokoll wurde genehmigt.'} Details: https://fallkonferenz.kreis-soest.example/meetings/${m.id}\n\nFallkonferenz`;
		const attachments = invitation ? [{ filename: 'sitzung.ics', contentType: 'text/calendar', content: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:${m.series.def.title}\r\nDTSTART:${new Date(m.startsAt).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`, method: 'REQUEST' }] : [];
		ins.outbox.run(p.email, subject, body, JSON.stringify(attachments), createdAt, createdAt + 10_000);
	}
});

// ---------------------------------------------------------------- audit trail

const AUDIT_TARGET = 500_000;
const auditStarted = performance.now();
{
	// Logins and logouts fill the trail up to the target, spread over the years.
	const span = nowMs - startMs;
	while (events.length < AUDIT_TARGET) {
		const u = pick(users);
		const at = startMs + Math.floor(random() * span);
		const r = random();
		if (r < 0.8) event(at, 'login.success', u, 'user', u.id);
		else if (r < 0.95) event(at, 'logout', u, 'user', u.id);
		else {
			events.push({ at, type: 'login.failure', actorId: null, actorEmail: u.email, subjectType: null, subjectId: null, ip: `10.0.${int(0, 255)}.${int(0, 255)}`, details: JSON.stringify({ reason: 'password' }) });
		}
	}
	events.length = AUDIT_TARGET;
	events.sort((a, b) => a.at - b.at);
	// The chain exactly as recordAuditEvent builds it (id, time, …, predecessor's hash).
	db.transaction(() => {
		let prevHash = audit.GENESIS_HASH;
		events.forEach((e, i) => {
			const row = { id: i + 1, at: new Date(e.at), type: e.type, actorId: e.actorId, actorEmail: e.actorEmail, subjectType: e.subjectType, subjectId: e.subjectId, ip: e.ip, details: e.details, prevHash };
			const hash = audit.hashEvent(row);
			ins.audit.run(row.id, e.at, e.type, e.actorId, e.actorEmail, e.subjectType, e.subjectId, e.ip, e.details, prevHash, hash);
			prevHash = hash;
		});
	});
}
// Calendar subscriptions of the benchmark accounts, through the app (sealed token, audited).
const { regenerateCalendarToken } = await import('../src/lib/server/calendar/feed');
const actorOf = (u: User) => ({ ...u, organisationKind: ORGS[orgIds.indexOf(u.organisationId)].kind, roles: u.roles as ('admin' | 'coordinator' | 'member')[] });
for (const u of [benchCoordinator, benchMember]) regenerateCalendarToken(db, actorOf(u), { ip: null, userAgent: 'seed-large' });
// The chain's newest event, recorded in keys.db as the server does at every start (audit/anchor.ts).
const { anchorAuditHead } = await import('../src/lib/server/audit/anchor');
anchorAuditHead(db, keysDb, now);
const auditMs = performance.now() - auditStarted;

// ---------------------------------------------------------------- daily jobs, as a running server would have done today

for (const name of ['series-extension', 'reminders', 'proposal-digest', 'retention']) await runJob(db, name);
sqlite.pragma('optimize');
sqlite.pragma('wal_checkpoint(TRUNCATE)');
keysDb.$client.pragma('wal_checkpoint(TRUNCATE)');

const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
const summary = {
	dataDir: cfg.dataDir,
	keyDir: cfg.keyDir,
	organisations: count('organisation'),
	users: count('user'),
	series: count('meeting_series'),
	meetings: count('meeting'),
	agendaItems: count('agenda_item'),
	minutesEntries: count('minutes_entry'),
	minutesNotesMB: +(notesBytes / 1024 / 1024).toFixed(1),
	actionItems: count('action_item'),
	cases: count('case_file'),
	persons: count('case_person'),
	keyStoreRows: (keysDb.$client.prepare('SELECT count(*) AS n FROM person_key').get() as { n: number }).n,
	auditEvents: count('audit_event'),
	outbox: count('outbox'),
	appDbMB: +(size(path.join(cfg.dataDir, 'app.db')) / 1024 / 1024).toFixed(1),
	keysDbMB: +(size(path.join(cfg.dataDir, 'keys.db')) / 1024 / 1024).toFixed(1),
	accounts: { coordinator: benchCoordinator.email, member: benchMember.email, admin: users[0].email, password: PASSWORD },
	busiestSeriesId: seriesRows[0].id,
	longMeetingId: longMeeting.id,
	longMeetingItems: longMeeting.itemCount,
	seconds: { cases: +(caseMs / 1000).toFixed(1), content: +(contentMs / 1000).toFixed(1), audit: +(auditMs / 1000).toFixed(1), total: +((performance.now() - started) / 1000).toFixed(1) }
};
void itemCount;
void entryCount;
void actionCount;
db.$client.close();
keysDb.$client.close();
fs.writeFileSync(path.join(cfg.dataDir, 'seed-large.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
