/**
 * Shared by the access matrix and the hostile-input suite (zz-*.e2e.ts): the route tree read from
 * disk, plain HTTP clients per demo account (Node's fetch, no browser), the effective status of a
 * SvelteKit answer, and row dumps of the e2e server's two databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from './helpers';

/**
 * Each suite runs against a demo server of its own, on a fresh data folder: the earlier e2e files
 * change the demo (they approve the minutes in review, move meetings), and these suites change it
 * in turn and use up the login limits of their address. The production build is the one the
 * Playwright web server has just built.
 */
/** reminders, proposal-digest, series-extension, retention, audit-head (src/lib/server/jobs.ts). */
const DAILY_JOBS = 5;
let ORIGIN = '';
let DATA_DIR = '';

export async function startOwnServer(offset: number, env: Record<string, string> = {}): Promise<() => Promise<void>> {
	const port = Number(process.env.E2E_PORT ?? 4173) + offset;
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-own-server-'));
	ORIGIN = `http://localhost:${port}`;
	DATA_DIR = path.join(root, 'data');
	const server: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, DATA_DIR, KEY_DIR: path.join(root, 'keys'), DEMO_MODE: 'true', PORT: String(port), ORIGIN, RATE_LIMIT_POST_BURST: '100000', SMTP_URL: '', ...env },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	server.stderr!.on('data', (c) => (stderr += c));
	for (const started = Date.now(); ; ) {
		if (server.exitCode !== null) throw new Error(`own demo server exited: ${stderr}`);
		if (Date.now() - started > 60_000) throw new Error(`own demo server not ready: ${stderr}`);
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	// The daily jobs catch up a few seconds after start (jobs.ts) and write (series extension adds
	// meetings): wait until all of them have finished, so they do not show up in a row comparison.
	for (const started = Date.now(); ; ) {
		let finished = 0;
		try {
			const db = new Database(path.join(DATA_DIR, 'app.db'), { readonly: true, fileMustExist: true });
			finished = (db.prepare('SELECT count(*) AS n FROM job_run WHERE finished_at IS NOT NULL').get() as { n: number }).n;
			db.close();
		} catch {
			// not readable yet
		}
		if (finished >= DAILY_JOBS) break;
		if (Date.now() - started > 60_000) throw new Error(`own demo server: daily jobs did not finish (${finished} of ${DAILY_JOBS})`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return async () => {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
		fs.rmSync(root, { recursive: true, force: true });
	};
}

/** The origin of the suite's own server (after startOwnServer). */
export function serverOrigin(): string {
	return ORIGIN;
}

const ROUTES_DIR = path.resolve('src/routes');

export interface RouteInventory {
	/** Route ids without groups, e.g. "/meetings/[id=id]/agenda". */
	pages: string[];
	/** "METHOD /route" of every +server.ts handler. */
	endpoints: string[];
	/** "/route?/name" of every form action ("default" for a default action). */
	actions: string[];
	/** Layout nodes above each page (for x-sveltekit-invalidated). */
	layoutCount: Record<string, number>;
	/** Source of each page's +page.server.ts, by route id. */
	serverSource: Record<string, string>;
}

const isLayout = (dir: string) => ['+layout.svelte', '+layout.server.ts', '+layout.ts'].some((f) => fs.existsSync(path.join(dir, f)));

/** Reads src/routes: pages, +server.ts methods and form actions (names from `export const actions = { … }`). */
export function readRoutes(): RouteInventory {
	const inv: RouteInventory = { pages: [], endpoints: [], actions: [], layoutCount: {}, serverSource: {} };
	const walk = (dir: string, segments: string[], layouts: number) => {
		// The root layout exists even without a file (SvelteKit's default); groups and folders count when they have one.
		const here = segments.length === 0 ? 1 : layouts + (isLayout(dir) ? 1 : 0);
		const id = '/' + segments.filter((s) => !/^\(.*\)$/.test(s)).join('/');
		const files = fs.readdirSync(dir);
		if (files.includes('+page.svelte') || files.includes('+page.server.ts')) {
			inv.pages.push(id);
			inv.layoutCount[id] = here;
			const server = path.join(dir, '+page.server.ts');
			if (fs.existsSync(server)) {
				const src = fs.readFileSync(server, 'utf8');
				inv.serverSource[id] = src;
				const block = /export const actions(?:\s*:\s*\w+)?\s*=\s*\{([\s\S]*?)\n\};/.exec(src);
				if (block) for (const m of block[1].matchAll(/^\t(\w+)\s*:/gm)) inv.actions.push(`${id}?/${m[1]}`);
			}
		}
		const endpoint = path.join(dir, '+server.ts');
		if (fs.existsSync(endpoint)) {
			for (const m of fs.readFileSync(endpoint, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) inv.endpoints.push(`${m[1]} ${id}`);
		}
		for (const f of files.sort()) {
			const p = path.join(dir, f);
			if (fs.statSync(p).isDirectory()) walk(p, [...segments, f], here);
		}
	};
	walk(ROUTES_DIR, [], 0);
	return inv;
}

export const ROLES = ['anon', 'police', 'otherOffice', 'seriesMember', 'coordinator', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];
export const ACCOUNTS: Record<Exclude<RoleName, 'anon'>, string> = {
	police: 'kripo@demo.example',
	otherOffice: 'asd.lippstadt@demo.example',
	seriesMember: 'asd.warstein@demo.example',
	coordinator: 'koordination@demo.example',
	admin: 'admin@demo.example'
};

export interface Answer {
	/** HTTP status of the response. */
	http: number;
	/**
	 * What SvelteKit meant: "login" for a redirect to /login, "303" for another redirect, otherwise
	 * the status of the error or failure inside a __data.json or action answer, or the HTTP status.
	 */
	effective: string;
	location: string | null;
	body: string;
}

/** A signed-in (or anonymous) HTTP client: the session cookie, fetch without following redirects. */
export class Client {
	constructor(
		readonly role: RoleName,
		private cookie = ''
	) {}

	/**
	 * Signs in a demo account (no second factor in demo mode). Failed password and code checks of
	 * earlier tests count against the client address (auth/throttle.ts), so a sign-in may meet a
	 * lock of a few seconds: it waits and tries again.
	 */
	static async signIn(role: RoleName): Promise<Client> {
		if (role === 'anon') return new Client(role);
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(`${ORIGIN}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: ACCOUNTS[role], password: DEMO_PASSWORD })
			});
			const cookie = res.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.filter((c) => !c.endsWith('='))
				.join('; ');
			if (cookie.includes('fk_session=')) return new Client(role, cookie);
			if (attempt >= 12) throw new Error(`sign-in of ${role} failed: ${res.status} ${await res.text()}`);
			await new Promise((resolve) => setTimeout(resolve, 1500));
		}
	}

	async request(method: string, url: string, opts: { body?: string | URLSearchParams | FormData; contentType?: string; action?: boolean } = {}): Promise<Answer> {
		const headers: Record<string, string> = { origin: ORIGIN, accept: 'text/html,application/json;q=0.9,*/*;q=0.8' };
		if (this.cookie) headers.cookie = this.cookie;
		// FormData: fetch writes the multipart boundary itself.
		if (opts.body !== undefined && !(opts.body instanceof FormData)) headers['content-type'] = opts.contentType ?? 'application/x-www-form-urlencoded';
		if (opts.action) {
			headers['x-sveltekit-action'] = 'true';
			headers.accept = 'application/json';
		}
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), 20_000);
		try {
			const res = await fetch(`${ORIGIN}${url}`, { method, headers, body: opts.body, redirect: 'manual', signal: controller.signal });
			let body = '';
			if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
				// The live minutes stream stays open: its first event is enough.
				const reader = res.body!.getReader();
				const first = await reader.read();
				body = new TextDecoder().decode(first.value ?? new Uint8Array());
				controller.abort();
			} else {
				body = await res.text();
			}
			const location = res.headers.get('location');
			return { http: res.status, location, body, effective: effectiveStatus(res.status, location, body, url, !!opts.action) };
		} finally {
			clearTimeout(timer);
		}
	}
}

function redirectKind(location: string | null | undefined): string {
	return location && /^\/login(\?|$)/.test(location) ? 'login' : '303';
}

/** The status SvelteKit put into a __data.json or action answer (both are HTTP 200 with a JSON "type"). */
export function effectiveStatus(http: number, location: string | null, body: string, url: string, action: boolean): string {
	if (http >= 300 && http < 400) return redirectKind(location);
	if (http !== 200) return String(http);
	if (url.includes('__data.json')) {
		const json = JSON.parse(body.split('\n')[0]) as { type: string; location?: string; nodes?: ({ type: string; status?: number } | null)[] };
		if (json.type === 'redirect') return redirectKind(json.location);
		const failed = json.nodes?.find((n) => n?.type === 'error');
		return failed ? String(failed.status ?? 500) : '200';
	}
	if (action) {
		const json = JSON.parse(body) as { type: string; status?: number; location?: string };
		if (json.type === 'redirect') return redirectKind(json.location);
		if (json.type === 'failure' || json.type === 'success') return String(json.status ?? 200);
	}
	return String(http);
}

/** The databases of the suite's own server, opened read-only. */
export function openDatabases() {
	const dir = DATA_DIR;
	return { app: new Database(path.join(dir, 'app.db'), { readonly: true, fileMustExist: true }), keys: new Database(path.join(dir, 'keys.db'), { readonly: true, fileMustExist: true }) };
}

/**
 * Rows that change by themselves or by design on a refused request, left out of the comparison:
 * - session: every request moves last_seen_at / the idle expiry;
 * - login_throttle and the audit events of failed sign-ins, second factors (and the lock they cause) and password checks
 *   (a wrong current password is a 400 that is audited on purpose);
 * - job_run, outbox (delivery state and attempts), action_reminder: the scheduler writes them;
 * - audit_anchor (keys.db): the audit chain's head, re-anchored every minute;
 * - sqlite_sequence rows of those tables.
 */
const VOLATILE_TABLES = new Set(['session', 'login_throttle', 'job_run', 'outbox', 'action_reminder', 'audit_anchor']);
const VOLATILE_AUDIT = /^(login\.|logout|password\.change_failure|2fa\.[a-z_]*failure|2fa\.locked)/;

export function dumpRows(client: Database.Database): Record<string, unknown[]> {
	const tables = client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name").all() as { name: string; sql: string | null }[];
	const out: Record<string, unknown[]> = {};
	for (const { name, sql } of tables) {
		if (VOLATILE_TABLES.has(name)) continue;
		let rows = client.prepare(`SELECT * FROM "${name}" ORDER BY ${/WITHOUT ROWID/i.test(sql ?? '') ? '1' : 'rowid'}`).all() as Record<string, unknown>[];
		if (name === 'audit_event') rows = rows.filter((r) => !VOLATILE_AUDIT.test(String(r.type)));
		if (name === 'sqlite_sequence') rows = rows.filter((r) => !VOLATILE_TABLES.has(String(r.name)) && r.name !== 'audit_event');
		out[name] = rows;
	}
	return out;
}

export function dumpBoth(dbs: ReturnType<typeof openDatabases>): string {
	return JSON.stringify({ app: dumpRows(dbs.app), keys: dumpRows(dbs.keys) });
}

/** The first difference between two dumps, for a readable failure message. */
export function firstDifference(before: string, after: string): string {
	const a = JSON.parse(before) as Record<string, Record<string, unknown[]>>;
	const b = JSON.parse(after) as Record<string, Record<string, unknown[]>>;
	for (const db of Object.keys(b)) {
		for (const table of Object.keys({ ...a[db], ...b[db] })) {
			const x = JSON.stringify(a[db]?.[table]);
			const y = JSON.stringify(b[db]?.[table]);
			if (x !== y) {
				const rowsA = (a[db]?.[table] ?? []).map((r) => JSON.stringify(r));
				const rowsB = (b[db]?.[table] ?? []).map((r) => JSON.stringify(r));
				const gone = rowsA.filter((r) => !rowsB.includes(r)).slice(0, 2);
				const added = rowsB.filter((r) => !rowsA.includes(r)).slice(0, 2);
				return `${db}.${table}: -${gone.join(' ')} +${added.join(' ')}`.slice(0, 600);
			}
		}
	}
	return '';
}
