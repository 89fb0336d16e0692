/**
 * Hostile input (issue #11): property-based posts (fast-check, fixed seed) of generated bad input
 * to every form action and writing endpoint: missing, repeated and wrong-typed fields (a file where
 * text belongs), long strings up to 1 MB, control characters, lone surrogates, RTL marks, SQL and
 * HTML payloads, impossible dates, huge numbers and broken percent-encodings, built from each
 * action's real field names plus fields of its own. Never a 5xx; a refused (4xx) request leaves
 * app.db and keys.db unchanged (row dumps, see route-inventory.ts for the tables left out).
 *
 * Named zz-… so it runs last (the demo server is shared, workers: 1): accepted requests may change
 * the demo data, and the wrong passwords and codes it posts lock the client address at the login
 * throttle for a while. HOSTILE_RUNS sets the runs per action (default 10).
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { Client, dumpBoth, firstDifference, openDatabases, readRoutes, startOwnServer, type RoleName } from './route-inventory';

// A fresh demo of its own (route-inventory.ts): independent of what the earlier files changed.
let stopServer: () => Promise<void> = async () => {};
test.beforeAll(async () => {
	test.setTimeout(90_000);
	stopServer = await startOwnServer(40);
});
test.afterAll(async () => stopServer());

const SEED = 20_260_411;
const RUNS = Number(process.env.HOSTILE_RUNS ?? 10);

type Ids = Record<string, number>;
/** A value in the body: text (percent-encoded as UTF-8), raw percent-encoding (broken on purpose), or a file. */
type Value = string | { raw: string } | { file: string };

interface Target {
	/** "/route?/name" as found on disk, or "POST /route" for an endpoint. */
	route: string;
	role: RoleName;
	url: (ids: Ids) => string;
	fields: string[];
}

const SERIES_FIELDS = ['title', 'description', 'place', 'durationMinutes', 'agendaDeadlineDays', 'reminderDaysBefore', 'kind', 'interval', 'weekday', 'setPos', 'monthDay', 'startDate', 'time', 'until', 'count', 'exceptions', 'coordinatorIds', 'memberUserIds', 'memberOrganisationIds'];
const PII = ['pii_0_key', 'pii_0_action', 'pii_0_case', 'pii_0_role'];
const PERSONS = [0, 1].flatMap((i) => ['role', 'name', 'birthDate', 'address'].map((f) => `persons.${i}.${f}`));

/** Who posts where: a role that may use the action, on objects of the demo data (ids looked up at start). */
const TARGETS: Target[] = [
	{ route: '/account?/password', role: 'coordinator', url: () => '/account?/password', fields: ['current', 'password', 'confirm'] },
	{ route: '/account?/recovery', role: 'coordinator', url: () => '/account?/recovery', fields: ['code'] },
	{ route: '/account?/revoke', role: 'coordinator', url: () => '/account?/revoke', fields: ['session'] },
	{ route: '/account?/calendar', role: 'coordinator', url: () => '/account?/calendar', fields: [] },
	{ route: '/actions/[id=id]?/status', role: 'police', url: (i) => `/actions/${i.actionF}?/status`, fields: ['status', 'note', 'version', ...PII] },
	{ route: '/actions/[id=id]?/note', role: 'police', url: (i) => `/actions/${i.actionF}?/note`, fields: ['note', ...PII] },
	{ route: '/actions/[id=id]?/edit', role: 'coordinator', url: (i) => `/actions/${i.actionF}?/edit`, fields: ['title', 'description', 'assigneeUserId', 'assigneeOrganisationId', 'dueDate', 'version', ...PII] },
	{ route: '/admin/organisations?/default', role: 'admin', url: () => '/admin/organisations', fields: ['name', 'kind'] },
	{ route: '/admin/organisations/[id=id]?/default', role: 'admin', url: (i) => `/admin/organisations/${i.org}`, fields: ['name', 'kind', 'active', 'version'] },
	{ route: '/admin/outbox?/resend', role: 'admin', url: () => '/admin/outbox?/resend', fields: ['mail'] },
	{ route: '/admin/users/[id=id]?/save', role: 'admin', url: (i) => `/admin/users/${i.warstein}?/save`, fields: ['name', 'email', 'organisationId', 'roles', 'active', 'version'] },
	{ route: '/admin/users/[id=id]?/reset2fa', role: 'admin', url: (i) => `/admin/users/${i.lippstadt}?/reset2fa`, fields: [] },
	{ route: '/admin/users/[id=id]?/reinvite', role: 'admin', url: (i) => `/admin/users/${i.lippstadt}?/reinvite`, fields: [] },
	{ route: '/admin/users/new?/default', role: 'admin', url: () => '/admin/users/new', fields: ['name', 'email', 'organisationId', 'roles'] },
	{ route: '/cases/[id=id]?/addPerson', role: 'seriesMember', url: (i) => `/cases/${i.caseW}?/addPerson`, fields: ['role', 'name', 'birthDate', 'address', 'version'] },
	{ route: '/cases/[id=id]?/close', role: 'seriesMember', url: (i) => `/cases/${i.caseW}?/close`, fields: ['version'] },
	{ route: '/cases/[id=id]?/reopen', role: 'seriesMember', url: (i) => `/cases/${i.caseW}?/reopen`, fields: ['version'] },
	{ route: '/cases/[id=id]?/hide', role: 'seriesMember', url: (i) => `/cases/${i.caseW}?/hide`, fields: [] },
	{ route: '/cases/[id=id]/reveal?/default', role: 'seriesMember', url: (i) => `/cases/${i.caseW}/reveal`, fields: ['legalBasis', 'justification'] },
	{ route: '/cases/new?/default', role: 'seriesMember', url: () => '/cases/new', fields: ['label', ...PERSONS] },
	{ route: '/meetings/[id=id]?/respond', role: 'seriesMember', url: (i) => `/meetings/${i.next}?/respond`, fields: ['answer'] },
	{ route: '/meetings/[id=id]?/publish', role: 'coordinator', url: (i) => `/meetings/${i.later}?/publish`, fields: [] },
	{ route: '/meetings/[id=id]?/move', role: 'coordinator', url: (i) => `/meetings/${i.later}?/move`, fields: ['date', 'time', 'durationMinutes', 'place', 'version'] },
	{ route: '/meetings/[id=id]?/cancel', role: 'coordinator', url: (i) => `/meetings/${i.later}?/cancel`, fields: ['reason', 'version'] },
	{ route: '/meetings/[id=id]?/held', role: 'coordinator', url: (i) => `/meetings/${i.next}?/held`, fields: [] },
	...['submit', 'review', 'move', 'reorder', 'linkCase', 'edit', 'withdraw', 'slot', 'publish'].map(
		(name): Target => ({
			route: `/meetings/[id=id]/agenda?/${name}`,
			role: name === 'linkCase' || name === 'withdraw' ? 'seriesMember' : 'coordinator',
			url: (i) => `/meetings/${i.next}/agenda?/${name}`,
			fields: {
				submit: ['kind', 'title', 'text', 'requestedMinutes', 'late', 'caseId', 'caseCode', ...PII],
				review: ['item', 'decision', 'reason', 'version'],
				move: ['item', 'direction'],
				reorder: ['order'],
				linkCase: ['item', 'caseId', 'version'],
				edit: ['item', 'kind', 'title', 'text', 'requestedMinutes', 'caseId', 'version', ...PII],
				withdraw: ['item', 'version'],
				slot: ['item', 'minutes'],
				publish: []
			}[name]!
		})
	),
	...['taker', 'start', 'finish', 'attendance', 'guest', 'removeGuest', 'outcome', 'removeOutcome', 'followup', 'comment', 'submit', 'approve', 'correct', 'save'].map(
		(name): Target => ({
			route: `/meetings/[id=id]/minutes?/${name}`,
			role: 'coordinator',
			url: (i) => `/meetings/${i.meetingF}/minutes?/${name}`,
			fields: {
				taker: ['userId'],
				start: [],
				finish: [],
				attendance: ['userId', 'presence_3', 'arrived_3', 'left_3', 'presence_x'],
				guest: ['organisation', 'function'],
				removeGuest: ['guest'],
				outcome: ['entry', 'kind', 'text', 'vote', 'votesFor', 'votesAgainst', 'votesAbstain', 'title', 'description', 'assigneeUserId', 'assigneeOrganisationId', 'dueDate', ...PII],
				removeOutcome: ['outcome'],
				followup: ['action', 'status', 'note', 'version', ...PII],
				comment: ['entry', 'text', ...PII],
				submit: ['reviewUntil'],
				approve: ['approvedInMeetingOn'],
				correct: ['reason', ...PII],
				save: ['entry', 'notes', 'version', ...PII]
			}[name]!
		})
	),
	{ route: '/series/[id=id]?/save', role: 'coordinator', url: (i) => `/series/${i.seriesF}?/save`, fields: [...SERIES_FIELDS, 'version'] },
	{ route: '/series/[id=id]?/extra', role: 'coordinator', url: (i) => `/series/${i.seriesF}?/extra`, fields: ['date', 'time', 'durationMinutes', 'place'] },
	{ route: '/series/new?/default', role: 'coordinator', url: () => '/series/new', fields: SERIES_FIELDS },
	{ route: '/invite/[token]?/default', role: 'anon', url: () => '/invite/AAAAAAAAAAAAAAAAAAAAAAAA', fields: ['password', 'confirm'] },
	{ route: '/login?/default', role: 'anon', url: () => '/login', fields: ['email', 'password'] },
	{ route: '/login/2fa?/default', role: 'coordinator', url: () => '/login/2fa', fields: ['code'] },
	{ route: '/login/2fa/setup?/default', role: 'coordinator', url: () => '/login/2fa/setup', fields: ['key', 'code'] },
	{ route: 'POST /meetings/[id=id]/minutes/live', role: 'coordinator', url: (i) => `/meetings/${i.meetingF}/minutes/live`, fields: ['entry', 'current'] },
	{ route: 'POST /language', role: 'coordinator', url: () => '/language', fields: ['locale', 'redirectTo'] }
];

/** Not fuzzed: they take no input and end the very session the suite posts with (auth.e2e.ts covers them). */
const NOT_FUZZED = ['/account?/logoutAll', 'POST /logout'];

const MB = 1024 * 1024;
const nasty = fc.constantFrom<Value>(
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'\u0001\u0007\u001b[31m\u007f',
	'\r\n\r\nSet-Cookie: x=1',
	'\ud800',
	'x\udfffy',
	'\u202eevil\u202c',
	'\u200f\u200e\u2066\u2069\ufeff\u200b',
	'Ünïcödé 日本語 🙂 ‍👩‍👩‍👧',
	"' OR 1=1 --",
	'1; DROP TABLE user; --',
	'" UNION SELECT password_hash FROM user --',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'{{7*7}} ${7*7} %s %n',
	'../../etc/passwd',
	'2026-02-30',
	'2026-13-01',
	'0000-00-00',
	'31.02.2026',
	'2026-02-29T25:61:00',
	'+275760-09-13',
	'24:00',
	'99:99',
	'-1',
	'0',
	'1',
	'2',
	'3',
	'1.5',
	'1e309',
	'-0',
	'NaN',
	'Infinity',
	'0x10',
	'9007199254740993',
	'99999999999999999999999999',
	'true',
	'on',
	'null',
	'undefined',
	'[]',
	'{"a":1}',
	{ raw: '%ED%A0%80' },
	{ raw: '%FF%FE' },
	{ raw: '%C3%28' },
	{ raw: '%' },
	{ raw: '%zz' },
	{ raw: '%E2%82' },
	{ file: 'x' }
);

function values(ids: Ids): fc.Arbitrary<Value> {
	return fc.oneof(
		{ weight: 6, arbitrary: nasty },
		{ weight: 3, arbitrary: fc.constantFrom<Value>(...Object.values(ids).map(String)) },
		{ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.constantFrom<Value>('A'.repeat(300 * 1024), 'ä\u0000'.repeat(100_000), 'x'.repeat(MB)) }
	);
}

/** A body: every real field missing, once or repeated, plus fields the action does not know. */
function bodies(fields: string[], ids: Ids) {
	const perField = fc.oneof(
		{ weight: 1, arbitrary: fc.constant<Value[]>([]) },
		{ weight: 4, arbitrary: values(ids).map((v) => [v]) },
		{ weight: 1, arbitrary: fc.array(values(ids), { minLength: 2, maxLength: 3 }) }
	);
	return fc.record({
		known: fc.tuple(...fields.map(() => perField)),
		extra: fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'version[]', 'id', 'x'.repeat(1000), '\u0000', ''), values(ids)), { maxLength: 2 }),
		multipart: fc.boolean()
	});
}

function encode(v: Value): string {
	if (typeof v === 'string') return [...Buffer.from(v, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
	if ('raw' in v) return v.raw;
	return encode(v.file);
}

function describe(pairs: [string, Value][]): string {
	return pairs.map(([k, v]) => `${k.slice(0, 20)}=${typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v) : JSON.stringify(v)}`).join('&');
}

test('hostile input to every form action: never a 5xx, a refused request changes nothing', async () => {
	test.setTimeout(420_000);
	const inv = readRoutes();
	const onDisk = [...inv.actions, ...inv.endpoints.filter((e) => !e.startsWith('GET '))];
	const covered = new Set([...TARGETS.map((t) => t.route), ...NOT_FUZZED]);
	expect(
		onDisk.filter((r) => !covered.has(r)),
		'form actions and writing endpoints without a target in tests/zz-hostile-input.e2e.ts'
	).toEqual([]);

	const dbs = openDatabases();
	const one = (sql: string, ...args: unknown[]) => (dbs.app.prepare(sql).get(...args) as { id: number } | undefined)?.id ?? 0;
	const seriesF = one("SELECT id FROM meeting_series WHERE title LIKE 'Fallkonferenz%'");
	const ids: Ids = {
		seriesF,
		meetingF: one("SELECT meeting_id AS id FROM minutes m JOIN meeting mt ON mt.id = m.meeting_id WHERE mt.series_id = ? AND m.status = 'review' ORDER BY mt.starts_at DESC", seriesF),
		next: one("SELECT meeting_id AS id FROM agenda_item WHERE title LIKE '%Ungeklärte Verletzungen%'"),
		later: one("SELECT id FROM meeting WHERE series_id = ? AND status = 'planned' ORDER BY starts_at DESC", seriesF),
		entryF: one("SELECT e.id FROM minutes_entry e JOIN minutes m ON m.meeting_id = e.meeting_id WHERE m.status = 'review'"),
		item: one("SELECT id FROM agenda_item WHERE title LIKE '%Ungeklärte Verletzungen%'"),
		actionF: one("SELECT id FROM action_item WHERE title = 'Kooperationsvereinbarung: Entwurf der Anlage 3'"),
		actionL: one("SELECT id FROM action_item WHERE title = 'Entwurf der Rufbereitschaftsliste abstimmen'"),
		caseW: one("SELECT id FROM case_file WHERE label = 'Häusliche Gewalt nach Polizeieinsatz'"),
		caseL: one("SELECT id FROM case_file WHERE label = 'Ungeklärte Verletzungen, Meldung Kinderarztpraxis'"),
		org: one("SELECT id FROM organisation WHERE name = 'Jugendamt Soest'"),
		warstein: one("SELECT id FROM user WHERE email = 'asd.warstein@demo.example'"),
		lippstadt: one("SELECT id FROM user WHERE email = 'asd.lippstadt@demo.example'"),
		mail: one('SELECT id FROM outbox ORDER BY id DESC'),
		guest: one('SELECT id FROM minutes_guest ORDER BY id DESC'),
		outcome: one('SELECT id FROM minutes_outcome ORDER BY id DESC')
	};
	const clients = new Map<RoleName, Client>();
	for (const role of new Set(TARGETS.map((t) => t.role))) clients.set(role, await Client.signIn(role));

	const problems: string[] = [];
	const tally = { accepted: 0, refused: 0, requests: 0 };
	for (const [n, target] of TARGETS.entries()) {
		const client = clients.get(target.role)!;
		const url = target.url(ids);
		const details = await fc.check(
			fc.asyncProperty(bodies(target.fields, ids), async ({ known, extra, multipart }) => {
				const pairs: [string, Value][] = [...target.fields.flatMap((f, i) => known[i].map((v): [string, Value] => [f, v])), ...extra];
				// multipart/form-data lets a field be a file where the action expects text (and keeps lone surrogates out of the encoding).
				const useMultipart = multipart || pairs.some(([, v]) => typeof v === 'object' && 'file' in v);
				let body: string | FormData;
				let contentType: string | undefined;
				if (useMultipart) {
					const form = new FormData();
					for (const [k, v] of pairs) {
						if (typeof v === 'object' && 'file' in v) form.append(k, new Blob([v.file]), 'x.txt');
						else form.append(k, typeof v === 'string' ? v : decodeURIComponentSafe(v.raw));
					}
					body = form;
				} else {
					body = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
					contentType = 'application/x-www-form-urlencoded';
				}
				const before = dumpBoth(dbs);
				const answer = await client.request('POST', url, { body, contentType, action: !target.route.startsWith('POST ') });
				tally.requests++;
				const input = `${target.route} as ${target.role}: ${useMultipart ? '[multipart] ' : ''}${describe(pairs)}`;
				if (answer.http === 429) {
					// The per-address limiter of hooks.server.ts: every later answer would mean nothing.
					problems.push(`rate limited at ${input} (RATE_LIMIT_POST_BURST of the e2e server too small for the suite?)`);
					return false;
				}
				if (answer.http >= 500 || answer.effective.startsWith('5')) {
					problems.push(`${answer.effective} for ${input}: ${answer.body.slice(0, 200)}`);
					return false;
				}
				if (/^4/.test(answer.effective)) {
					tally.refused++;
					const diff = firstDifference(before, dumpBoth(dbs));
					if (diff) {
						problems.push(`refused with ${answer.effective} but changed ${diff} – ${input}`);
						return false;
					}
				} else tally.accepted++;
				return true;
			}),
			// Stop at the first counterexample per action, without shrinking (each shrink step is a request).
			{ seed: SEED + n, numRuns: RUNS, endOnFailure: true }
		);
		if (details.failed && details.errorInstance) problems.push(`${target.route}: ${String(details.errorInstance)}`);
	}
	console.log(`hostile input: ${TARGETS.length} actions × ${RUNS} runs, ${tally.requests} requests (${tally.accepted} accepted, ${tally.refused} refused)`);
	expect(problems).toEqual([]);
});

function decodeURIComponentSafe(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
}
