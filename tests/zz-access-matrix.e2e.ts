/**
 * The access matrix (issue #11): every page, +server.ts handler and form action found under
 * src/routes, requested as anonymous, police, a member of another office, a series member, a
 * coordinator and an admin, with the ids of objects that belong to others; pages also as
 * __data.json without the layouts ("0…01": only the page's own load runs) and with them. Each
 * answer is compared with the expected status of its cell; a refused answer must not contain the
 * object's secrets, and a refused form action must leave both databases unchanged.
 *
 * Named zz-… so it runs after the other files (they share the demo server, workers: 1): the few
 * actions that succeed here (a calendar token, a language) change nothing the others depend on.
 *
 * Set MATRIX_RECORD=1 to print the observed table instead of failing (for a new route).
 */
import { expect, test } from '@playwright/test';
import { Client, dumpBoth, firstDifference, openDatabases, readRoutes, startOwnServer, ROLES, type Answer, type RoleName } from './route-inventory';

// A fresh demo of its own (route-inventory.ts): independent of what the earlier files changed.
let stopServer: () => Promise<void> = async () => {};
test.beforeAll(async () => {
	test.setTimeout(90_000);
	stopServer = await startOwnServer(30);
});
test.afterAll(async () => stopServer());

type Ids = Awaited<ReturnType<typeof lookUpIds>>;

/** Object ids from the e2e server's database (read-only), found by their seeded titles, not numbers. */
function lookUpIds(dbs: ReturnType<typeof openDatabases>) {
	const one = <T>(sql: string, ...args: unknown[]) => {
		const row = dbs.app.prepare(sql).get(...args) as T | undefined;
		if (!row) throw new Error(`demo object missing: ${sql} ${args.join(',')}`);
		return row;
	};
	const id = (sql: string, ...args: unknown[]) => one<{ id: number }>(sql, ...args).id;
	const userId = (email: string) => id('SELECT id FROM user WHERE email = ?', email);
	const seriesL = id("SELECT id FROM meeting_series WHERE title LIKE 'Leitungsrunde%'");
	const seriesF = id("SELECT id FROM meeting_series WHERE title LIKE 'Fallkonferenz%'");
	// The Leitungsrunde's Sondersitzung (approved minutes): the police and the Kreisjugendamt belong to it, Warstein and Lippstadt do not.
	const meetingL = id('SELECT id FROM meeting WHERE series_id = ? AND extra = 1', seriesL);
	// The Fallkonferenz's latest held meeting, minutes in review: every organisation belongs to it.
	const meetingF = id("SELECT meeting_id AS id FROM minutes m JOIN meeting mt ON mt.id = m.meeting_id WHERE mt.series_id = ? AND m.status = 'review' ORDER BY mt.starts_at DESC", seriesF);
	const itemW = one<{ id: number; meetingId: number; title: string }>("SELECT id, meeting_id AS meetingId, title FROM agenda_item WHERE title LIKE '%Rückmeldung der Kita' AND status = 'proposed'");
	const caseW = one<{ id: number; code: string }>("SELECT id, code FROM case_file WHERE label = 'Häusliche Gewalt nach Polizeieinsatz'");
	return {
		seriesL,
		seriesF,
		meetingL,
		meetingF,
		itemL: id('SELECT id FROM agenda_item WHERE meeting_id = ?', meetingL),
		itemW,
		entryL: id('SELECT id FROM minutes_entry WHERE meeting_id = ?', meetingL),
		entryF: id('SELECT id FROM minutes_entry WHERE meeting_id = ? ORDER BY position', meetingF),
		outcomeL: id('SELECT id FROM minutes_outcome WHERE meeting_id = ?', meetingL),
		outcomeF: id("SELECT id FROM minutes_outcome WHERE meeting_id = ? AND kind = 'information'", meetingF),
		guestF: id('SELECT id FROM minutes_guest WHERE meeting_id = ?', meetingF),
		actionL: id("SELECT id FROM action_item WHERE title = 'Entwurf der Rufbereitschaftsliste abstimmen'"),
		actionF: id("SELECT id FROM action_item WHERE title = 'Kooperationsvereinbarung: Entwurf der Anlage 3'"),
		caseW,
		kripo: userId('kripo@demo.example'),
		warstein: userId('asd.warstein@demo.example'),
		admin: userId('admin@demo.example'),
		coordinator: userId('koordination@demo.example'),
		policeOrg: id("SELECT id FROM organisation WHERE name = 'Kreispolizeibehörde Soest'"),
		mail: id("SELECT id FROM outbox WHERE attachments LIKE '%filename%' ORDER BY id"),
		/** Someone else's session id (filled in after the sign-ins). */
		sessionOf: (userId: number) => (dbs.app.prepare('SELECT id FROM session WHERE user_id = ? ORDER BY created_at DESC').get(userId) as { id: string } | undefined)?.id ?? 'none'
	};
}

/**
 * One row: a route (as found on disk: "PAGE /x", "GET /x", "ACTION /x?/name") with a concrete
 * target. `expect` lists the effective status per role, in the order of ROLES:
 *   anonymous · police (kripo) · other office (Lippstadt) · series member (Warstein) · coordinator · admin.
 * A page cell is "page|__data.json without layouts|__data.json with layouts" when they differ.
 * "login" is a redirect to /login, "303" any other redirect, "-" not requested (see `skip`);
 * "a/b" accepts either (a wrong current password or code counts against the client address, so
 * after enough failures of earlier tests the throttle answers 429).
 *
 * Every domain function loads the object and checks access before it reads the input: with invalid
 * input (rows "bad answer", "no title", "empty", "impossible date", note/correct/series save) an
 * outsider gets the same 404 as with valid input, and a member without the permission the 403, so
 * an answer never tells whether an id exists. Only who may act learns what was wrong with the input.
 */
interface Row {
	route: string;
	target: string;
	url: (ids: Ids) => string;
	body?: (ids: Ids, role: RoleName) => Record<string, string>;
	expect: string;
	/** Texts of the object that no refused answer (and no answer at all to the roles in `hiddenFrom`) may contain. */
	secrets?: (ids: Ids) => string[];
	hiddenFrom?: RoleName[];
	skip?: string;
}

// Secrets of the objects used below.
const LEITUNGSRUNDE = ['Fortschreibung der Kooperationsvereinbarung', 'Rufbereitschaftsliste', 'gemeinsame Rufbereitschaftsliste'];
const CASE_NAMES = ['Elif Demir', 'Murat Demir', 'Hauptstraße 87'];
/** The admin's account: a secret for every other role (their own name and e-mail are in every page's layout). */
const ADMIN = ['admin@demo.example', 'Sabine Hartmann'];
/** Every page's layout names the reader: their own name and e-mail are no leak. */
const OWN: Record<RoleName, string[]> = {
	anon: [],
	police: ['kripo@demo.example', 'Frank Becker'],
	otherOffice: ['asd.lippstadt@demo.example', 'Mehmet Yıldız'],
	seriesMember: ['asd.warstein@demo.example', 'Julia Neumann'],
	coordinator: ['koordination@demo.example', 'Thomas Brandt'],
	admin: ['admin@demo.example', 'Sabine Hartmann']
};
const OUTSIDERS: RoleName[] = ['otherOffice', 'seriesMember'];
const V = { version: '999999' };

const TABLE: Row[] = [
	// ── Pages ─────────────────────────────────────────────────────────────────────────────────
	{ route: 'PAGE /', target: 'dashboard', url: () => '/', expect: 'login 200 200 200 200 200', secrets: () => LEITUNGSRUNDE, hiddenFrom: OUTSIDERS },
	{ route: 'PAGE /account', target: 'own account', url: () => '/account', expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /actions', target: 'own action items', url: () => '/actions', expect: 'login 200 200 200 200 200', secrets: () => LEITUNGSRUNDE, hiddenFrom: OUTSIDERS },
	{ route: 'PAGE /actions/[id=id]', target: 'Leitungsrunde item (police)', url: (i) => `/actions/${i.actionL}`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /actions/[id=id]', target: 'Fallkonferenz item (police)', url: (i) => `/actions/${i.actionF}`, expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /actions/overview', target: 'all visible items', url: () => '/actions/overview', expect: 'login 200 200 200 200 200', secrets: () => LEITUNGSRUNDE, hiddenFrom: OUTSIDERS },
	{ route: 'PAGE /admin', target: 'redirect', url: () => '/admin', expect: 'login 403 403 403 403 303' },
	{ route: 'PAGE /admin/audit', target: 'audit trail', url: () => '/admin/audit', expect: 'login 403 403 403 403 200', secrets: () => ADMIN },
	{ route: 'PAGE /admin/organisations', target: 'list', url: () => '/admin/organisations', expect: 'login 403 403 403 403 200', secrets: () => ['Jugendamt Soest'] },
	{ route: 'PAGE /admin/organisations/[id=id]', target: 'police', url: (i) => `/admin/organisations/${i.policeOrg}`, expect: 'login 403 403 403 403 200', secrets: () => ['Kreispolizeibehörde'] },
	{ route: 'PAGE /admin/outbox', target: 'outbox', url: () => '/admin/outbox', expect: 'login 403 403 403 403 200', secrets: () => ADMIN },
	{ route: 'PAGE /admin/users', target: 'list', url: () => '/admin/users', expect: 'login 403 403 403 403 200', secrets: () => ADMIN },
	{ route: 'PAGE /admin/users/[id=id]', target: 'admin user', url: (i) => `/admin/users/${i.admin}`, expect: 'login 403 403 403 403 200', secrets: () => ADMIN },
	{ route: 'PAGE /admin/users/new', target: 'form', url: () => '/admin/users/new', expect: 'login 403 403 403 403 200', secrets: () => ['Kreispolizeibehörde'] },
	{ route: 'PAGE /cases', target: 'list', url: () => '/cases', expect: 'login 200 200 200 200 200', secrets: () => CASE_NAMES, hiddenFrom: [...ROLES] },
	{ route: 'PAGE /cases/[id=id]', target: 'Warstein case', url: (i) => `/cases/${i.caseW.id}`, expect: 'login 200 200 200 200 200', secrets: () => CASE_NAMES, hiddenFrom: [...ROLES] },
	{ route: 'PAGE /cases/[id=id]/reveal', target: 'Warstein case', url: (i) => `/cases/${i.caseW.id}/reveal`, expect: 'login 403 403 200 403 403', secrets: () => [...CASE_NAMES, 'Häusliche Gewalt nach Polizeieinsatz'] },
	{ route: 'PAGE /cases/new', target: 'form', url: () => '/cases/new', expect: 'login 403 200 200 200 403' },
	{ route: 'PAGE /meetings', target: 'list', url: () => '/meetings?view=past', expect: 'login 200 200 200 200 200', secrets: () => ['Leitungsrunde'], hiddenFrom: OUTSIDERS },
	{ route: 'PAGE /meetings/[id=id]', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /meetings/[id=id]', target: 'Fallkonferenz', url: (i) => `/meetings/${i.meetingF}`, expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /meetings/[id=id]/agenda', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/agenda`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /meetings/[id=id]/agenda', target: 'Fallkonferenz, next', url: (i) => `/meetings/${i.itemW.meetingId}/agenda`, expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /meetings/[id=id]/agenda/print', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/agenda/print`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /meetings/[id=id]/minutes', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /meetings/[id=id]/minutes', target: 'Fallkonferenz, review', url: (i) => `/meetings/${i.meetingF}/minutes`, expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /meetings/[id=id]/minutes/print', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes/print`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /meetings/[id=id]/minutes/versions', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes/versions`, expect: 'login 200 404 404 200 200', secrets: () => LEITUNGSRUNDE },
	{ route: 'PAGE /search', target: 'a Leitungsrunde word', url: () => '/search?q=Rufbereitschaftsliste', expect: 'login 200 200 200 200 200', secrets: () => ['Entwurf der Rufbereitschaftsliste'], hiddenFrom: OUTSIDERS },
	{ route: 'PAGE /series/[id=id]', target: 'Leitungsrunde', url: (i) => `/series/${i.seriesL}`, expect: 'login 200 404 404 200 200', secrets: () => ['Vierteljährliches Treffen'] },
	{ route: 'PAGE /series/new', target: 'form', url: () => '/series/new', expect: 'login 403 403 403 200 403', secrets: () => ADMIN },
	{ route: 'PAGE /invite/[token]', target: 'unknown token', url: () => '/invite/AAAAAAAAAAAAAAAAAAAAAAAA', expect: '410 410 410 410 410 410' },
	{ route: 'PAGE /login', target: '', url: () => '/login', expect: '200 303 303 303 303 303' },
	{ route: 'PAGE /login/2fa', target: '', url: () => '/login/2fa', expect: 'login 303 303 303 303 303' },
	{ route: 'PAGE /login/2fa/setup', target: '', url: () => '/login/2fa/setup', expect: 'login 200 200 200 200 200' },
	{ route: 'PAGE /accessibility', target: '', url: () => '/accessibility', expect: '200 200 200 200 200 200' },
	{ route: 'PAGE /privacy', target: '', url: () => '/privacy', expect: '200 200 200 200 200 200' },
	// ── +server.ts ────────────────────────────────────────────────────────────────────────────
	{ route: 'GET /actions/export', target: 'CSV of visible items', url: () => '/actions/export', expect: 'login 200 200 200 200 200', secrets: () => LEITUNGSRUNDE, hiddenFrom: OUTSIDERS },
	{ route: 'GET /admin/outbox/[id=id]/attachment/[index]', target: 'an invitation .ics', url: (i) => `/admin/outbox/${i.mail}/attachment/0`, expect: 'login 403 403 403 403 200', secrets: () => ['BEGIN:VCALENDAR'] },
	{ route: 'GET /meetings/[id=id]/minutes/live', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes/live`, expect: 'login 200 404 404 200 200' },
	{ route: 'POST /meetings/[id=id]/minutes/live', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes/live`, body: (i) => ({ entry: String(i.entryL) }), expect: 'login 403 404 404 403 403' },
	{ route: 'POST /meetings/[id=id]/minutes/live', target: 'Fallkonferenz, review', url: (i) => `/meetings/${i.meetingF}/minutes/live`, body: (i) => ({ entry: String(i.entryF) }), expect: 'login 403 403 403 200 403' },
	{ route: 'GET /meetings/[id=id]/minutes/pdf', target: 'Leitungsrunde', url: (i) => `/meetings/${i.meetingL}/minutes/pdf`, expect: 'login 200 404 404 200 200', secrets: () => ['%PDF'] },
	{ route: 'GET /calendar/[token]', target: 'unknown token', url: () => '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', expect: '404 404 404 404 404 404' },
	{ route: 'GET /healthz', target: '', url: () => '/healthz', expect: '200 200 200 200 200 200' },
	{ route: 'GET /holidays', target: 'Christmas', url: () => '/holidays?date=2026-12-25', expect: 'login 200 200 200 200 200' },
	{ route: 'POST /language', target: 'German', url: () => '/language', body: () => ({ locale: 'de', redirectTo: '/' }), expect: '303 303 303 303 303 303' },
	{ route: 'POST /logout', target: '', url: () => '/logout', expect: 'login - - - - -', skip: 'signed-in roles: ends the session the matrix uses (covered by auth.e2e.ts)' },
	// ── Form actions ──────────────────────────────────────────────────────────────────────────
	{ route: 'ACTION /account?/password', target: 'wrong current password', url: () => '/account?/password', body: () => ({ current: 'falsch', password: 'Neues-Passwort-2026!', confirm: 'Neues-Passwort-2026!' }), expect: 'login 400/429 400/429 400/429 400/429 400/429' },
	{ route: 'ACTION /account?/recovery', target: 'wrong code', url: () => '/account?/recovery', body: () => ({ code: '000000' }), expect: 'login 400/429 400/429 400/429 400/429 400/429' },
	{ route: 'ACTION /account?/revoke', target: "another user's session", url: () => '/account?/revoke', body: (i, role) => ({ session: i.sessionOf(role === 'admin' ? i.coordinator : i.admin) }), expect: 'login 404 404 404 404 404' },
	{ route: 'ACTION /account?/calendar', target: 'own token', url: () => '/account?/calendar', expect: 'login 200 200 200 200 200' },
	{ route: 'ACTION /account?/logoutAll', target: 'own sessions', url: () => '/account?/logoutAll', expect: 'login - - - - -', skip: 'signed-in roles: ends the sessions the matrix uses; only for oneself, no id' },
	{ route: 'ACTION /actions/[id=id]?/status', target: 'Leitungsrunde item (police)', url: (i) => `/actions/${i.actionL}?/status`, body: () => ({ status: 'in_progress', note: '', ...V }), expect: 'login 409 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /actions/[id=id]?/status', target: 'Fallkonferenz item (police)', url: (i) => `/actions/${i.actionF}?/status`, body: () => ({ status: 'in_progress', note: '', ...V }), expect: 'login 409 403 403 409 403' },
	{ route: 'ACTION /actions/[id=id]?/note', target: 'Leitungsrunde item (police)', url: (i) => `/actions/${i.actionL}?/note`, body: () => ({ note: '' }), expect: 'login 400 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /actions/[id=id]?/note', target: 'Fallkonferenz item (police)', url: (i) => `/actions/${i.actionF}?/note`, body: () => ({ note: '' }), expect: 'login 400 403 403 400 403' },
	{ route: 'ACTION /actions/[id=id]?/edit', target: 'Fallkonferenz item (police)', url: (i) => `/actions/${i.actionF}?/edit`, body: (i) => ({ title: 'Übernommen', description: '', assigneeUserId: String(i.warstein), assigneeOrganisationId: '', dueDate: '2030-01-01', ...V }), expect: 'login 403 403 403 409 403' },
	{ route: 'ACTION /admin/organisations?/default', target: 'empty name', url: () => '/admin/organisations', body: () => ({ name: '', kind: 'jugendamt' }), expect: 'login 403 403 403 403 400' },
	{ route: 'ACTION /admin/organisations/[id=id]?/default', target: 'police, stale version', url: (i) => `/admin/organisations/${i.policeOrg}`, body: () => ({ name: 'Übernommen', kind: 'jugendamt', active: 'on', ...V }), expect: 'login 403 403 403 403 409', secrets: () => ['Kreispolizeibehörde'] },
	{ route: 'ACTION /admin/outbox?/resend', target: 'a mail', url: () => '/admin/outbox?/resend', body: (i) => ({ mail: String(i.mail) }), expect: 'login - - - - -', skip: 'admin: re-queues the mail (no refusal to check)' },
	{ route: 'ACTION /admin/users/[id=id]?/save', target: 'admin user, stale version', url: (i) => `/admin/users/${i.admin}?/save`, body: (i) => ({ name: 'Übernommen', email: 'neu@demo.example', organisationId: String(i.policeOrg), roles: 'admin', active: 'on', ...V }), expect: 'login 403 403 403 403 409', secrets: () => ADMIN },
	{ route: 'ACTION /admin/users/new?/default', target: 'invalid e-mail', url: () => '/admin/users/new', body: (i) => ({ name: 'Neu', email: 'kein-mail', organisationId: String(i.policeOrg), roles: 'admin' }), expect: 'login 403 403 403 403 400' },
	{ route: 'ACTION /cases/[id=id]?/addPerson', target: 'Warstein case, stale version', url: (i) => `/cases/${i.caseW.id}?/addPerson`, body: () => ({ role: 'child', name: 'Lena Test', birthDate: '', address: '', ...V }), expect: 'login 403 403 409 403 403', secrets: () => CASE_NAMES },
	{ route: 'ACTION /cases/[id=id]?/close', target: 'Warstein case, stale version', url: (i) => `/cases/${i.caseW.id}?/close`, body: () => V, expect: 'login 403 403 409 403 403' },
	{ route: 'ACTION /cases/[id=id]?/reopen', target: 'Warstein case, stale version', url: (i) => `/cases/${i.caseW.id}?/reopen`, body: () => V, expect: 'login 403 403 409 403 403' },
	{ route: 'ACTION /cases/[id=id]?/hide', target: 'Warstein case', url: (i) => `/cases/${i.caseW.id}?/hide`, expect: 'login 403 403 200 403 403' },
	{ route: 'ACTION /cases/[id=id]/reveal?/default', target: 'Warstein case, no justification', url: (i) => `/cases/${i.caseW.id}/reveal`, body: () => ({ legalBasis: '', justification: '' }), expect: 'login 403 403 400 403 403', secrets: () => CASE_NAMES },
	{ route: 'ACTION /cases/new?/default', target: 'no label', url: () => '/cases/new', body: () => ({ label: '', 'persons.0.role': 'child', 'persons.0.name': '' }), expect: 'login 403 400 400 400 403' },
	{ route: 'ACTION /meetings/[id=id]?/respond', target: 'Leitungsrunde, bad answer', url: (i) => `/meetings/${i.meetingL}?/respond`, body: () => ({ answer: 'vielleicht' }), expect: 'login 400 404 404 400 400', secrets: () => LEITUNGSRUNDE },
	// Access before validation: outsiders get the same 404 with a bad answer (above) as with a valid one.
	{ route: 'ACTION /meetings/[id=id]?/respond', target: 'Leitungsrunde (held), valid answer', url: (i) => `/meetings/${i.meetingL}?/respond`, body: () => ({ answer: 'accepted' }), expect: 'login 409 404 404 409 409', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]?/publish', target: 'Leitungsrunde (held)', url: (i) => `/meetings/${i.meetingL}?/publish`, expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]?/move', target: 'Leitungsrunde, stale version', url: (i) => `/meetings/${i.meetingL}?/move`, body: () => ({ date: '2030-01-08', time: '10:00', durationMinutes: '60', place: 'X', ...V }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]?/cancel', target: 'Leitungsrunde, stale version', url: (i) => `/meetings/${i.meetingL}?/cancel`, body: () => ({ reason: 'Ausfall', ...V }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]?/held', target: 'Leitungsrunde (held)', url: (i) => `/meetings/${i.meetingL}?/held`, expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/submit', target: 'Leitungsrunde (held), no title', url: (i) => `/meetings/${i.meetingL}/agenda?/submit`, body: () => ({ kind: 'topic', title: '', text: '', requestedMinutes: '10' }), expect: 'login 400 404 404 400 400', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/submit', target: 'Leitungsrunde (held), valid item', url: (i) => `/meetings/${i.meetingL}/agenda?/submit`, body: () => ({ kind: 'topic', title: 'Neues Thema', text: 'Text', requestedMinutes: '10' }), expect: 'login 409 404 404 409 409', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/review', target: 'Leitungsrunde item, accept, stale version', url: (i) => `/meetings/${i.meetingL}/agenda?/review`, body: (i) => ({ item: String(i.itemL), decision: 'accept', ...V }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/review', target: 'Leitungsrunde item, stale version', url: (i) => `/meetings/${i.meetingL}/agenda?/review`, body: (i) => ({ item: String(i.itemL), decision: 'reject', reason: 'x', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/review', target: 'Leitungsrunde item via a Fallkonferenz URL', url: (i) => `/meetings/${i.meetingF}/agenda?/review`, body: (i) => ({ item: String(i.itemL), decision: 'reject', reason: 'x', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/move', target: 'Leitungsrunde item (held)', url: (i) => `/meetings/${i.meetingL}/agenda?/move`, body: (i) => ({ item: String(i.itemL), direction: 'up' }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/reorder', target: 'Leitungsrunde (held)', url: (i) => `/meetings/${i.meetingL}/agenda?/reorder`, body: (i) => ({ order: String(i.itemL) }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/linkCase', target: 'Warstein item, Warstein case, stale version', url: (i) => `/meetings/${i.itemW.meetingId}/agenda?/linkCase`, body: (i) => ({ item: String(i.itemW.id), caseId: String(i.caseW.id), ...V }), expect: 'login 404 404 409 403 404' },
	{ route: 'ACTION /meetings/[id=id]/agenda?/edit', target: 'Warstein item, stale version', url: (i) => `/meetings/${i.itemW.meetingId}/agenda?/edit`, body: (i) => ({ item: String(i.itemW.id), kind: 'topic', title: 'Übernommen', text: '', requestedMinutes: '10', caseId: '', ...V }), expect: 'login 403 403 409 409 403' },
	{ route: 'ACTION /meetings/[id=id]/agenda?/edit', target: 'Leitungsrunde item, stale version', url: (i) => `/meetings/${i.meetingL}/agenda?/edit`, body: (i) => ({ item: String(i.itemL), kind: 'topic', title: 'Übernommen', text: '', requestedMinutes: '10', caseId: '', ...V }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/withdraw', target: 'Warstein item, stale version', url: (i) => `/meetings/${i.itemW.meetingId}/agenda?/withdraw`, body: (i) => ({ item: String(i.itemW.id), ...V }), expect: 'login 403 403 409 403 403' },
	{ route: 'ACTION /meetings/[id=id]/agenda?/slot', target: 'Leitungsrunde item (held)', url: (i) => `/meetings/${i.meetingL}/agenda?/slot`, body: (i) => ({ item: String(i.itemL), minutes: '5' }), expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/publish', target: 'Leitungsrunde (held)', url: (i) => `/meetings/${i.meetingL}/agenda?/publish`, expect: 'login 403 404 404 409 403', secrets: () => LEITUNGSRUNDE },
	...(
		[
			['taker', (i: Ids) => ({ userId: String(i.kripo) }), 'login 403 404 404 409 403'],
			['start', () => ({}), 'login 409 404 404 409 409'],
			['finish', () => ({}), 'login 409 404 404 409 409'],
			['attendance', (i: Ids) => ({ userId: String(i.kripo), [`presence_${i.kripo}`]: 'absent' }), 'login 403 404 404 403 403'],
			['guest', () => ({ organisation: 'Schule', function: 'Leitung' }), 'login 403 404 404 403 403'],
			['removeGuest', (i: Ids) => ({ guest: String(i.guestF) }), 'login 403 404 404 403 403'],
			['outcome', (i: Ids) => ({ entry: String(i.entryL), kind: 'information', text: 'Übernommen' }), 'login 403 404 404 403 403'],
			['removeOutcome', (i: Ids) => ({ outcome: String(i.outcomeL) }), 'login 403 404 404 403 403'],
			['followup', (i: Ids) => ({ action: String(i.actionL), status: 'done', note: '', ...V }), 'login 403 404 404 403 403'],
			['comment', (i: Ids) => ({ entry: String(i.entryL), text: 'Einwand' }), 'login 409 404 404 409 409'],
			['submit', () => ({ reviewUntil: '2030-01-01' }), 'login 409 404 404 409 409'],
			['approve', () => ({ approvedInMeetingOn: '' }), 'login 403 404 404 409 403'],
			['correct', () => ({ reason: '' }), 'login 403 404 404 400 403'],
			['save', (i: Ids) => ({ entry: String(i.entryL), notes: 'Übernommen', ...V }), 'login 403 404 404 403 403']
		] as [string, (i: Ids) => Record<string, string>, string][]
	).map(
		([name, body, expect]): Row => ({ route: `ACTION /meetings/[id=id]/minutes?/${name}`, target: 'Leitungsrunde (approved)', url: (i) => `/meetings/${i.meetingL}/minutes?/${name}`, body, expect, secrets: () => LEITUNGSRUNDE })
	),
	{ route: 'ACTION /meetings/[id=id]/minutes?/comment', target: 'Fallkonferenz entry (review), empty', url: (i) => `/meetings/${i.meetingF}/minutes?/comment`, body: (i) => ({ entry: String(i.entryF), text: '' }), expect: 'login 400 400 400 400 400' },
	{ route: 'ACTION /meetings/[id=id]/minutes?/removeOutcome', target: 'Leitungsrunde outcome via a Fallkonferenz URL', url: (i) => `/meetings/${i.meetingF}/minutes?/removeOutcome`, body: (i) => ({ outcome: String(i.outcomeL) }), expect: 'login 403 403 403 404 403', secrets: () => LEITUNGSRUNDE },
	// Invalid input to the other reordered actions: outsiders get the 404 and members without the permission the 403 they get with valid input.
	{ route: 'ACTION /meetings/[id=id]?/move', target: 'Leitungsrunde, impossible date', url: (i) => `/meetings/${i.meetingL}?/move`, body: () => ({ date: '2030-02-30', time: '10:00', durationMinutes: '60', place: 'X', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]?/cancel', target: 'Leitungsrunde, no reason', url: (i) => `/meetings/${i.meetingL}?/cancel`, body: () => ({ reason: '', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/edit', target: 'Leitungsrunde item, no title', url: (i) => `/meetings/${i.meetingL}/agenda?/edit`, body: (i) => ({ item: String(i.itemL), kind: 'topic', title: '', text: '', requestedMinutes: '10', caseId: '', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /meetings/[id=id]/agenda?/slot', target: 'Leitungsrunde item, impossible slot', url: (i) => `/meetings/${i.meetingL}/agenda?/slot`, body: (i) => ({ item: String(i.itemL), minutes: '9999' }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /actions/[id=id]?/status', target: 'Leitungsrunde item, unknown status', url: (i) => `/actions/${i.actionL}?/status`, body: () => ({ status: 'vielleicht', note: '', ...V }), expect: 'login 400 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	{ route: 'ACTION /actions/[id=id]?/edit', target: 'Leitungsrunde item, no title', url: (i) => `/actions/${i.actionL}?/edit`, body: () => ({ title: '', description: '', assigneeUserId: '', assigneeOrganisationId: '', dueDate: '', ...V }), expect: 'login 403 404 404 400 403', secrets: () => LEITUNGSRUNDE },
	...(
		[
			['attendance', (i: Ids) => ({ userId: String(i.kripo), [`presence_${i.kripo}`]: 'vielleicht' }), 'login 403 404 404 403 403'],
			['guest', () => ({ organisation: '', function: '' }), 'login 403 404 404 403 403'],
			['outcome', (i: Ids) => ({ entry: String(i.entryL), kind: 'vielleicht', text: '' }), 'login 403 404 404 403 403'],
			['comment', (i: Ids) => ({ entry: String(i.entryL), text: '' }), 'login 400 404 404 400 400'],
			['submit', () => ({ reviewUntil: '2030-02-30' }), 'login 400 404 404 400 400'],
			['approve', () => ({ approvedInMeetingOn: '2030-02-30' }), 'login 403 404 404 400 403'],
			['save', (i: Ids) => ({ entry: String(i.entryL), notes: 'x', version: 'alt' }), 'login 403 404 404 403 403']
		] as [string, (i: Ids) => Record<string, string>, string][]
	).map(
		([name, body, expect]): Row => ({ route: `ACTION /meetings/[id=id]/minutes?/${name}`, target: 'Leitungsrunde (approved), invalid input', url: (i) => `/meetings/${i.meetingL}/minutes?/${name}`, body, expect, secrets: () => LEITUNGSRUNDE })
	),
	{ route: 'ACTION /series/[id=id]?/save', target: 'Leitungsrunde, stale version', url: (i) => `/series/${i.seriesL}?/save`, body: () => ({ title: 'Übernommen', ...V }), expect: 'login 403 404 404 400 403', secrets: () => ['Vierteljährliches Treffen'] },
	{ route: 'ACTION /series/[id=id]?/extra', target: 'Leitungsrunde, impossible date', url: (i) => `/series/${i.seriesL}?/extra`, body: () => ({ date: '2030-02-30', time: '10:00', durationMinutes: '60', place: 'X' }), expect: 'login 403 404 404 400 403', secrets: () => ['Vierteljährliches Treffen'] },
	{ route: 'ACTION /series/new?/default', target: 'no title', url: () => '/series/new', body: () => ({ title: '' }), expect: 'login 403 403 403 400 403' },
	{ route: 'ACTION /invite/[token]?/default', target: 'unknown token', url: () => '/invite/AAAAAAAAAAAAAAAAAAAAAAAA', body: () => ({ password: 'Neues-Passwort-2026!', confirm: 'Neues-Passwort-2026!' }), expect: '410 410 410 410 410 410' },
	{ route: 'ACTION /login?/default', target: 'no password (before the throttle)', url: () => '/login', body: () => ({ email: 'nobody@demo.example', password: '' }), expect: '400 400 400 400 400 400' },
	{ route: 'ACTION /login/2fa?/default', target: 'no code', url: () => '/login/2fa', body: () => ({ code: '' }), expect: 'login 400 400 400 400 400' },
	{ route: 'ACTION /login/2fa/setup?/default', target: 'no code', url: () => '/login/2fa/setup', body: () => ({ key: '', code: '' }), expect: 'login 400 400 400 400 400' },
	// Last: resetting the police officer's second factor ends their sessions.
	{ route: 'ACTION /admin/users/[id=id]?/reinvite', target: 'police user (active)', url: (i) => `/admin/users/${i.kripo}?/reinvite`, expect: 'login 403 403 403 403 409', secrets: () => ['/invite/'] },
	{ route: 'ACTION /admin/users/[id=id]?/reset2fa', target: 'police user', url: (i) => `/admin/users/${i.kripo}?/reset2fa`, expect: 'login 403 403 403 403 200', secrets: () => ['/invite/'] }
];

const RECORD = !!process.env.MATRIX_RECORD;

test('every route and form action on disk has a row in the access matrix, and no row names a route that is gone', () => {
	const inv = readRoutes();
	const onDisk = [...inv.pages.map((p) => `PAGE ${p}`), ...inv.endpoints, ...inv.actions.map((a) => `ACTION ${a}`)];
	const inTable = new Set(TABLE.map((r) => r.route));
	const missing = onDisk.filter((r) => !inTable.has(r));
	expect(missing, `routes without an entry in TABLE of tests/zz-access-matrix.e2e.ts – add a row with the expected status per role`).toEqual([]);
	expect([...inTable].filter((r) => !onDisk.includes(r)), 'rows for routes that no longer exist').toEqual([]);
});

test('access matrix: expected status per route × role, no data in refused answers, refused actions change nothing', async () => {
	test.setTimeout(240_000);
	const inv = readRoutes();
	const dbs = openDatabases();
	const clients = new Map<RoleName, Client>();
	for (const role of ROLES) clients.set(role, await Client.signIn(role));
	const ids = lookUpIds(dbs);
	const mismatches: string[] = [];
	const leaks: string[] = [];
	const recorded: string[] = [];
	let cells = 0;
	for (const row of TABLE) {
		const expected = row.expect.split(/\s+/);
		const observed: string[] = [];
		for (const [r, role] of ROLES.entries()) {
			if (row.skip && role !== 'anon') {
				observed.push('-');
				continue;
			}
			const client = clients.get(role)!;
			const url = row.url(ids);
			const answers: Answer[] = [];
			if (row.route.startsWith('PAGE ')) {
				const page = row.route.slice(5);
				const layouts = inv.layoutCount[page];
				const [p, q] = url.split('?');
				const data = `${p === '/' ? '' : p}/__data.json`;
				const sep = q ? `?${q}&` : '?';
				answers.push(await client.request('GET', url));
				answers.push(await client.request('GET', `${data}${sep}x-sveltekit-invalidated=${'0'.repeat(layouts)}1`));
				answers.push(await client.request('GET', `${data}${q ? `?${q}` : ''}`));
			} else {
				const method = row.route.startsWith('ACTION ') ? 'POST' : row.route.split(' ')[0];
				const before = method === 'POST' ? dumpBoth(dbs) : '';
				const body = method === 'POST' ? new URLSearchParams(row.body?.(ids, role) ?? {}) : undefined;
				const answer = await client.request(method, url, { body, action: row.route.startsWith('ACTION ') });
				answers.push(answer);
				if (method === 'POST' && (/^4/.test(answer.effective) || answer.effective === 'login')) {
					const diff = firstDifference(before, dumpBoth(dbs));
					if (diff) leaks.push(`${row.route} [${row.target}] as ${role}: refused (${answer.effective}) but changed ${diff}`);
				}
			}
			cells += answers.length;
			const got = answers.map((a) => a.effective);
			const cell = got.every((g) => g === got[0]) ? got[0] : got.join('|');
			observed.push(cell);
			if (answers.some((a) => a.http >= 500)) mismatches.push(`${row.route} [${row.target}] as ${role}: server error ${answers.map((a) => a.http).join('|')}`);
			if (!RECORD && !expected[r].split('/').includes(cell)) mismatches.push(`${row.route} [${row.target}] as ${role}: expected ${expected[r]}, got ${cell}`);
			const secrets = row.secrets?.(ids) ?? [];
			for (const [k, a] of answers.entries()) {
				// Refusals: not signed in, forbidden, unknown (also: not yours to know), gone.
				const refused = /^(login|401|403|404|410)$/.test(a.effective);
				if (!refused && !row.hiddenFrom?.includes(role)) continue;
				for (const s of secrets) if (!OWN[role].includes(s) && a.body.includes(s)) leaks.push(`${row.route} [${row.target}] as ${role} (answer ${k + 1}, ${a.effective}) contains "${s}"`);
			}
		}
		recorded.push(`${row.route} [${row.target}]  '${observed.join(' ')}'`);
	}
	if (RECORD) console.log(recorded.join('\n'));
	console.log(`access matrix: ${TABLE.length} rows × ${ROLES.length} roles, ${cells} requests`);
	expect(mismatches, 'cells with another status than expected').toEqual([]);
	expect(leaks, 'refused answers with data, or refused actions that changed data').toEqual([]);
});
