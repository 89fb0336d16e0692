// Crash safety and backups under load, against the production build (build/index.js, which the
// Playwright web server has just built): a second server on its own data folder gets concurrent
// case registrations (a write to app.db and keys.db each), is SIGKILLed mid-load several times and
// restarted; a backup is taken and restored under load. Afterwards both databases must be intact
// and every acknowledged write must be there, with its key data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 20;
const ORIGIN = `http://localhost:${PORT}`;
const KILLS = 4;
const WORKERS = 6;

test.describe.configure({ timeout: 300_000 });

let root: string;
let env: NodeJS.ProcessEnv;
let server: ChildProcess | null = null;

test.beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-crash-'));
	env = {
		...process.env,
		DATA_DIR: path.join(root, 'data'),
		KEY_DIR: path.join(root, 'keys'),
		DEMO_MODE: 'true',
		PORT: String(PORT),
		ORIGIN,
		RATE_LIMIT_POST_BURST: '100000',
		RATE_LIMIT_POST_PER_MINUTE: '100000',
		SMTP_URL: ''
	};
});

test.afterAll(() => {
	server?.kill('SIGKILL');
	fs.rmSync(root, { recursive: true, force: true });
});

async function startServer(): Promise<number> {
	const started = Date.now();
	server = spawn(process.execPath, ['build/index.js'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	server.stderr!.on('data', (c) => (stderr += c));
	for (;;) {
		if (server.exitCode !== null) throw new Error(`server exited: ${stderr}`);
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) return Date.now() - started;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function kill(): Promise<void> {
	const s = server!;
	const exited = new Promise((r) => s.once('exit', r));
	s.kill('SIGKILL');
	await exited;
	server = null;
}

/** One after the other: concurrent attempts on one account count against its login limit. */
async function signInAll(n: number): Promise<APIRequestContext[]> {
	const contexts: APIRequestContext[] = [];
	for (let i = 0; i < n; i++) contexts.push(await signIn());
	return contexts;
}

async function signIn(): Promise<APIRequestContext> {
	const ctx = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN, accept: 'text/html' } });
	const res = await ctx.post('/login', { form: { email: 'asd.warstein@demo.example', password: DEMO_PASSWORD }, maxRedirects: 0 });
	expect(res.status()).toBe(303);
	return ctx;
}

/** Registers cases until stopped; returns the ids whose creation the server acknowledged. */
async function writeLoad(ctx: APIRequestContext, tag: string, stop: () => boolean): Promise<number[]> {
	const acknowledged: number[] = [];
	for (let n = 0; !stop(); n++) {
		try {
			const res = await ctx.post('/cases/new', {
				form: { label: `Lasttest ${tag}-${n}: Meldung der Schule`, 'persons.0.role': 'child', 'persons.0.name': `Kind Lasttest${tag}x${n}` },
				maxRedirects: 0,
				timeout: 5000
			});
			const id = /\/cases\/(\d+)\?created=1$/.exec(res.headers()['location'] ?? '')?.[1];
			if (res.status() === 303 && id) acknowledged.push(Number(id));
		} catch {
			// the connection died with the server: not acknowledged
		}
	}
	return acknowledged;
}

function checkDatabases(dataDir: string): { cases: Set<number>; keys: Set<number> } {
	const app = new Database(path.join(dataDir, 'app.db'), { readonly: true });
	const keys = new Database(path.join(dataDir, 'keys.db'), { readonly: true });
	try {
		for (const db of [app, keys]) {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.pragma('foreign_key_check')).toEqual([]);
		}
		// Cases whose persons still have key data (the demo has one whose keys were deleted by retention).
		const cases = new Set(
			(app.prepare('SELECT DISTINCT c.id FROM case_file c JOIN case_person p ON p.case_id = c.id WHERE c.keys_deleted_at IS NULL').all() as { id: number }[]).map((r) => r.id)
		);
		const keyCases = new Set((keys.prepare('SELECT case_id FROM person_key').all() as { case_id: number }[]).map((r) => r.case_id));
		return { cases, keys: keyCases };
	} finally {
		app.close();
		keys.close();
	}
}

function tsx(script: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
	return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
}

/** Like tsx(), without blocking this process: the write load goes on while the script runs. */
function tsxAsync(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		child.on('exit', (status) => resolve({ status, stdout, stderr }));
	});
}

test('SIGKILL under concurrent writes loses no acknowledged write and leaves both databases intact', async () => {
	const startMs = [await startServer()];
	const acknowledged: number[] = [];
	for (let round = 0; round < KILLS; round++) {
		const contexts = await signInAll(WORKERS);
		let stopped = false;
		const load = contexts.map((ctx, i) => writeLoad(ctx, `${round}.${i}`, () => stopped));
		// Deterministic, uneven moments, so the kill lands in different phases of the writes.
		await new Promise((r) => setTimeout(r, 700 + 350 * round));
		await kill();
		stopped = true;
		for (const ids of await Promise.all(load)) acknowledged.push(...ids);
		await Promise.all(contexts.map((c) => c.dispose()));
		startMs.push(await startServer());
	}
	await kill();
	const { cases, keys } = checkDatabases(env.DATA_DIR!);
	expect(acknowledged.length).toBeGreaterThan(KILLS * 5);
	const lost = acknowledged.filter((id) => !cases.has(id) || !keys.has(id));
	expect(lost, `${acknowledged.length} acknowledged writes`).toEqual([]);
	console.log(`crash safety: ${KILLS} SIGKILLs, ${acknowledged.length} acknowledged writes, none lost; restarts in ${startMs.join(', ')} ms`);

	const verify = tsx('scripts/audit-verify.ts', []);
	expect(verify.status, verify.stderr).toBe(0);
});

test('a backup taken under write load restores into a fresh folder with every write it holds', async () => {
	if (!server) await startServer();
	const contexts = await signInAll(WORKERS);
	let stopped = false;
	const load = contexts.map((ctx, i) => writeLoad(ctx, `b.${i}`, () => stopped));
	await new Promise((r) => setTimeout(r, 500));
	const backupRoot = path.join(root, 'backups');
	const backup = await tsxAsync('scripts/backup.ts', [backupRoot]);
	stopped = true;
	await Promise.all(load);
	await Promise.all(contexts.map((c) => c.dispose()));
	expect(backup.status, backup.stderr).toBe(0);
	expect(backup.stdout).toMatch(/Audit-Kopf: \d+:/);

	// The running server's folder is refused ...
	const refused = tsx('scripts/restore.ts', [backupRoot]);
	expect(refused.status).toBe(2);
	expect(refused.stderr).toMatch(/läuft ein Server/);

	// ... a fresh one is restored, intact and equal to the backup, and a server starts on it.
	const fresh = path.join(root, 'restored');
	const restored = tsx('scripts/restore.ts', [backupRoot], { DATA_DIR: fresh });
	expect(restored.status, restored.stderr).toBe(0);
	const [dir] = fs.readdirSync(backupRoot);
	const fromBackup = checkDatabases(path.join(backupRoot, dir));
	const fromRestore = checkDatabases(fresh);
	expect([...fromRestore.cases].sort()).toEqual([...fromBackup.cases].sort());
	for (const id of fromRestore.cases) expect(fromRestore.keys.has(id), `case ${id} has its key data`).toBe(true);
	const verify = tsx('scripts/audit-verify.ts', [], { DATA_DIR: fresh });
	expect(verify.status, verify.stderr).toBe(0);
	await kill();
});
