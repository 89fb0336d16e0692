/**
 * The performance benchmark of issue #12: the production server on ten years of data.
 *
 *   npm run bench [-- --duration 10] [--connections 8,32] [--no-build] [--only dashboard,cases] [--data DIR] [--skip-extras]
 *
 * 1. Seeds the large data set (scripts/seed-large.ts) into bench/.data/data (keys in bench/.data/keys)
 *    unless it is there.
 * 2. Builds the app (`npm run build`) unless --no-build, starts `node build/index.js` on the data
 *    (not demo mode) and times how long until /healthz answers.
 * 3. Creates sessions directly in app.db for the benchmark coordinator, the member and the admin
 *    (second factor done), and measures every target with autocannon at each connection count,
 *    `--duration` seconds each, with /healthz of the same server in the same run as the floor.
 * 4. Samples the server's RSS (VmRSS, the maximum over the run), times a full `npm run audit:verify`
 *    on the data and runs bench/pii.ts for the PII scanner's figure.
 * 5. Prints a table, marks each goal pass/fail and writes bench/results.json.
 *
 * Absolute figures drift on a shared machine: compare a page with the floor of the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(name);
const DURATION = Number(arg('--duration') ?? 10);
const CONNECTIONS = (arg('--connections') ?? '8,32').split(',').map(Number);
const ONLY = arg('--only')?.split(',');
const DATA_DIR = path.resolve(arg('--data') ?? 'bench/.data/data');
const KEY_DIR = path.resolve(arg('--keys') ?? path.join(DATA_DIR, '..', 'keys'));
const RESULTS = path.resolve(arg('--out') ?? 'bench/results.json');

const GOALS = { p99Ms: 50, p99AtConnections: 8, floorShare: 0.25, floorShareAtConnections: 32, rssMb: 250, readyMs: 1500, auditVerifyMs: 5000, piiMs: 5 };

// ---------------------------------------------------------------- data

// The scripts import app modules through $lib paths and the compiled messages: both come from `npm run prepare`.
if (!fs.existsSync('.svelte-kit/tsconfig.json') || !fs.existsSync('src/lib/paraglide/messages.js')) {
	const r = spawnSync('npm', ['run', '--silent', 'prepare'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const summaryFile = path.join(DATA_DIR, 'seed-large.json');
if (!fs.existsSync(path.join(DATA_DIR, 'app.db')) || !fs.existsSync(summaryFile)) {
	console.log(`Seeding the large data set into ${DATA_DIR} …`);
	const r = spawnSync('npx', ['tsx', 'scripts/seed-large.ts', '--data', DATA_DIR, '--keys', KEY_DIR, ...(fs.existsSync(DATA_DIR) ? ['--force'] : [])], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const seed = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as { accounts: { coordinator: string; member: string; admin: string }; busiestSeriesId: number; longMeetingId: number; meetings: number; agendaItems: number; auditEvents: number; appDbMB: number };

// ---------------------------------------------------------------- build

if (!flag('--no-build')) {
	console.log('Building (npm run build) …');
	const r = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!fs.existsSync('build/index.js')) {
	console.error('No build/index.js: run without --no-build.');
	process.exit(1);
}

// ---------------------------------------------------------------- sessions and ids (through the app's own modules)

process.env.DATA_DIR = DATA_DIR;
process.env.KEY_DIR = KEY_DIR;
const { getDb } = await import('../src/lib/server/db');
const { createSession, generateSessionToken, SESSION_COOKIE } = await import('../src/lib/server/auth/session');
const { getCalendarToken } = await import('../src/lib/server/calendar/feed');
const db = getDb();
type Who = 'coordinator' | 'member' | 'admin';
const people = {} as Record<Who, { id: number; cookie: string; calendar: string | null }>;
for (const who of ['coordinator', 'member', 'admin'] as Who[]) {
	const u = db.$client.prepare('SELECT u.id, u.email, u.name, u.organisation_id AS organisationId, u.roles, o.kind FROM user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = ?').get(seed.accounts[who]) as { id: number; email: string; name: string; organisationId: number; roles: string; kind: 'jugendamt' | 'polizei' | 'other' };
	const token = generateSessionToken();
	createSession(db, token, u.id, { twoFactorVerified: true, userAgent: 'bench', ip: '127.0.0.1' });
	const actor = { id: u.id, email: u.email, name: u.name, organisationId: u.organisationId, organisationKind: u.kind, roles: JSON.parse(u.roles) };
	people[who] = { id: u.id, cookie: `${SESSION_COOKIE}=${token}`, calendar: who === 'admin' ? null : getCalendarToken(db, actor) };
}
const longMeeting = seed.longMeetingId;
const searchWord = 'Schutzplan';
db.$client.close();

interface Target {
	name: string;
	path: string;
	who: Who | null;
}
const TARGETS: Target[] = [
	{ name: 'healthz (floor)', path: '/healthz', who: null },
	{ name: 'dashboard', path: '/', who: 'coordinator' },
	{ name: 'meetings upcoming', path: '/meetings', who: 'coordinator' },
	{ name: 'meetings past', path: '/meetings?view=past', who: 'coordinator' },
	{ name: 'series page', path: `/series/${seed.busiestSeriesId}`, who: 'coordinator' },
	{ name: 'meeting page', path: `/meetings/${longMeeting}`, who: 'coordinator' },
	{ name: 'agenda (40 items)', path: `/meetings/${longMeeting}/agenda`, who: 'coordinator' },
	{ name: 'agenda print view', path: `/meetings/${longMeeting}/agenda/print`, who: 'coordinator' },
	{ name: 'minutes (approved)', path: `/meetings/${longMeeting}/minutes`, who: 'coordinator' },
	{ name: 'minutes print view', path: `/meetings/${longMeeting}/minutes/print`, who: 'coordinator' },
	{ name: 'minutes PDF', path: `/meetings/${longMeeting}/minutes/pdf`, who: 'coordinator' },
	{ name: 'Meine Aufgaben', path: '/actions', who: 'coordinator' },
	{ name: 'actions overdue', path: '/actions/overview?overdue=1', who: 'coordinator' },
	{ name: 'search', path: `/search?q=${searchWord}`, who: 'coordinator' },
	{ name: 'calendar feed', path: `/calendar/${people.coordinator.calendar}.ics`, who: null },
	{ name: 'audit page', path: '/admin/audit', who: 'admin' },
	{ name: 'cases', path: '/cases', who: 'coordinator' },
	{ name: 'dashboard', path: '/', who: 'member' },
	{ name: 'meetings upcoming', path: '/meetings', who: 'member' },
	{ name: 'meetings past', path: '/meetings?view=past', who: 'member' },
	{ name: 'agenda (40 items)', path: `/meetings/${longMeeting}/agenda`, who: 'member' },
	{ name: 'minutes (approved)', path: `/meetings/${longMeeting}/minutes`, who: 'member' },
	{ name: 'Meine Aufgaben', path: '/actions', who: 'member' },
	{ name: 'actions overdue', path: '/actions/overview?overdue=1', who: 'member' },
	{ name: 'search', path: `/search?q=${searchWord}`, who: 'member' },
	{ name: 'calendar feed', path: `/calendar/${people.member.calendar}.ics`, who: null },
	{ name: 'cases', path: '/cases', who: 'member' }
];
const label = (t: Target) => `${t.name}${t.who ? ` [${t.who}]` : t.path.startsWith('/calendar/') ? (t.path.includes(people.member.calendar ?? '-') ? ' [member]' : ' [coordinator]') : ''}`;
const targets = TARGETS.filter((t) => t.path === '/healthz' || !ONLY || ONLY.some((o) => label(t).includes(o)));

// ---------------------------------------------------------------- server

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}
const port = Number(arg('--port') ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;

async function healthy(): Promise<boolean> {
	try {
		return (await fetch(`${base}/healthz`)).ok;
	} catch {
		return false;
	}
}

let server: ChildProcess | null = null;
function stopServer() {
	if (server && server.exitCode === null) server.kill('SIGTERM');
}
process.on('exit', stopServer);
process.on('SIGINT', () => process.exit(130));

const t0 = performance.now();
server = spawn(process.execPath, [...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), 'build/index.js'], {
	env: { ...process.env, DATA_DIR, KEY_DIR, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}`, DEMO_MODE: 'false', NODE_ENV: 'production' },
	stdio: ['ignore', 'pipe', 'pipe']
});
let serverLog = '';
server.stdout!.on('data', (d) => (serverLog += d));
server.stderr!.on('data', (d) => (serverLog += d));
while (!(await healthy())) {
	if (server.exitCode !== null) {
		console.error(`Server exited (${server.exitCode}):\n${serverLog}`);
		process.exit(1);
	}
	if (performance.now() - t0 > 60_000) {
		console.error(`Server not ready after 60 s:\n${serverLog}`);
		process.exit(1);
	}
	await new Promise((r) => setTimeout(r, 10));
}
const readyMs = Math.round(performance.now() - t0);
console.log(`Server ready after ${readyMs} ms (pid ${server.pid}, ${base}).`);

let rssMaxKb = 0;
function sampleRss() {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server!.pid}/status`, 'utf8'));
		if (m) rssMaxKb = Math.max(rssMaxKb, Number(m[1]));
	} catch {
		/* not on Linux, or gone */
	}
}
sampleRss();
const rssAfterStartKb = rssMaxKb;
const rssTimer = setInterval(sampleRss, 200);

// Each page once before measuring: checks the status and warms the caches the way a first visitor does.
for (const t of targets) {
	const r = await fetch(base + t.path, { headers: t.who ? { cookie: people[t.who].cookie } : {}, redirect: 'manual' });
	await r.arrayBuffer();
	if (r.status !== 200) console.warn(`WARNING: ${label(t)} ${t.path} answers ${r.status} before the run`);
}

// ---------------------------------------------------------------- measure

/** Waits until the server answers /healthz promptly again, so a slow target's backlog does not spill into the next. */
async function drain() {
	const until = performance.now() + 120_000;
	while (performance.now() < until) {
		const s = performance.now();
		if ((await healthy()) && performance.now() - s < 50) return;
		await new Promise((r) => setTimeout(r, 100));
	}
}

interface Row {
	target: string;
	path: string;
	connections: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	shareOfFloor?: number;
}
const rows: Row[] = [];
for (const c of CONNECTIONS) {
	for (const t of targets) {
		const result = await autocannon({ url: base + t.path, connections: c, duration: DURATION, headers: t.who ? { cookie: people[t.who].cookie } : {} });
		const row: Row = { target: label(t), path: t.path, connections: c, rps: Math.round(result.requests.average * 10) / 10, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
		// A run that got no answer at all (the server still busy with an earlier target) is an error too.
		if (result.requests.total === 0 && row.errors === 0) row.errors = 1;
		rows.push(row);
		await drain();
		process.stdout.write(`  ${String(c).padStart(2)} conn  ${row.target.padEnd(36)} ${String(row.rps).padStart(8)} req/s  p99 ${String(row.p99).padStart(5)} ms${row.errors + row.non2xx ? `  ${row.errors + row.non2xx} errors` : ''}\n`);
	}
}
clearInterval(rssTimer);
sampleRss();
for (const r of rows) {
	const floor = rows.find((f) => f.path === '/healthz' && f.connections === r.connections);
	r.shareOfFloor = floor && floor.rps ? Math.round((r.rps / floor.rps) * 1000) / 1000 : undefined;
}
stopServer();
fs.writeFileSync(path.join(path.dirname(RESULTS), 'server.log'), serverLog);

// ---------------------------------------------------------------- audit verification and PII scanner

let auditVerifyMs: number | null = null;
let auditVerifyOk = false;
let piiMs: number | null = null;
let piiP95: number | null = null;
if (!flag('--skip-extras')) {
	const a0 = performance.now();
	const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], { env: { ...process.env, DATA_DIR, KEY_DIR }, encoding: 'utf8' });
	auditVerifyMs = Math.round(performance.now() - a0);
	auditVerifyOk = r.status === 0;
	console.log(`audit:verify: exit ${r.status} after ${auditVerifyMs} ms: ${(r.stdout + r.stderr).trim().split('\n').slice(0, 3).join(' | ')}`);
	const p = spawnSync('npm', ['run', '--silent', 'bench:pii'], { encoding: 'utf8' });
	const m = /per 10 KB: median ([\d.]+) ms, p95 ([\d.]+) ms/.exec(p.stdout);
	if (m) {
		piiMs = Number(m[1]);
		piiP95 = Number(m[2]);
	} else console.warn(`bench/pii.ts gave no figure (exit ${p.status}): ${p.stderr.slice(0, 300)}`);
}

// ---------------------------------------------------------------- report

const pages = rows.filter((r) => r.path !== '/healthz');
const check = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const goals = {
	p99: pages.filter((r) => r.connections === GOALS.p99AtConnections).every((r) => r.p99 < GOALS.p99Ms),
	floorShare: pages.filter((r) => r.connections === GOALS.floorShareAtConnections).every((r) => (r.shareOfFloor ?? 0) >= GOALS.floorShare),
	errors: rows.every((r) => r.errors === 0 && r.non2xx === 0),
	rss: rssMaxKb / 1024 < GOALS.rssMb,
	ready: readyMs < GOALS.readyMs,
	auditVerify: auditVerifyMs !== null && auditVerifyOk && auditVerifyMs < GOALS.auditVerifyMs,
	pii: piiMs !== null && piiP95 !== null && piiMs < GOALS.piiMs && piiP95 < GOALS.piiMs
};

console.log(`\nFallkonferenz benchmark: ${seed.meetings} meetings, ${seed.agendaItems} agenda items, ${seed.auditEvents} audit events, app.db ${seed.appDbMB} MB; ${DURATION} s per target; Node ${process.version}`);
const header = ['target', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'of floor', 'goal'];
const lines = rows.map((r) => {
	const goal =
		r.path === '/healthz'
			? ''
			: r.connections === GOALS.p99AtConnections
				? check(r.p99 < GOALS.p99Ms && !r.errors && !r.non2xx)
				: r.connections === GOALS.floorShareAtConnections
					? check((r.shareOfFloor ?? 0) >= GOALS.floorShare && !r.errors && !r.non2xx)
					: '';
	return [r.target, String(r.connections), r.rps.toFixed(1), String(r.p50), String(r.p99), String(r.errors + r.non2xx), r.shareOfFloor !== undefined ? `${(r.shareOfFloor * 100).toFixed(1)} %` : '', goal];
});
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
console.log(fmt(header));
console.log('|' + widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|') + '|');
for (const l of lines) console.log(fmt(l));
console.log(`
Goals (same run):
  ${check(goals.p99)}  every page p99 < ${GOALS.p99Ms} ms at ${GOALS.p99AtConnections} connections
  ${check(goals.floorShare)}  every page ≥ ${GOALS.floorShare * 100} % of the floor's throughput at ${GOALS.floorShareAtConnections} connections
  ${check(goals.errors)}  no errors or non-2xx answers
  ${check(goals.rss)}  server RSS < ${GOALS.rssMb} MB (max ${(rssMaxKb / 1024).toFixed(0)} MB; after start ${(rssAfterStartKb / 1024).toFixed(0)} MB)
  ${check(goals.ready)}  ready < ${GOALS.readyMs} ms after start (${readyMs} ms)
  ${check(goals.auditVerify)}  npm run audit:verify on ${seed.auditEvents} events < ${GOALS.auditVerifyMs} ms (${auditVerifyMs ?? '–'} ms${auditVerifyOk ? '' : ', not ok'})
  ${check(goals.pii)}  PII scan of 10 KB with 1,000 known persons < ${GOALS.piiMs} ms (median ${piiMs ?? '–'} ms, p95 ${piiP95 ?? '–'} ms)`);

fs.writeFileSync(
	RESULTS,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			node: process.version,
			durationSeconds: DURATION,
			data: seed,
			readyMs,
			rssMaxMb: Math.round(rssMaxKb / 1024),
			rssAfterStartMb: Math.round(rssAfterStartKb / 1024),
			auditVerifyMs,
			auditVerifyOk,
			pii: { medianMs: piiMs, p95Ms: piiP95 },
			goals: GOALS,
			passed: goals,
			rows
		},
		null,
		2
	) + '\n'
);
console.log(`\nWritten: ${path.relative(root, RESULTS)}`);
process.exit(Object.values(goals).every(Boolean) ? 0 : 1);
