// Starts the built demo server N times (default 20), each on a fresh data and key folder, and
// checks that it seeds the demo and answers /healthz. The demo must start every time: nothing
// random in the seed (case codes, pseudonyms) may be able to break it.
//
//   node scripts/demo-starts.js [N]        (needs `npm run build` first)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 20);
const basePort = Number(process.env.DEMO_STARTS_PORT ?? 4390);

async function healthy(port, deadline) {
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok && (await res.json()).status === 'ok') return true;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

async function startOnce(i) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-demo-start-'));
	const port = basePort + (i % 50);
	const env = { ...process.env, DATA_DIR: path.join(root, 'data'), KEY_DIR: path.join(root, 'keys'), PORT: String(port), ORIGIN: `http://localhost:${port}` };
	delete env.DEMO_MODE;
	const child = spawn(process.execPath, ['scripts/start.js', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise((r) => child.on('exit', r));
	const started = Date.now();
	const ok = (await healthy(port, started + 30_000)) && output.includes('Demo-Daten (Kreis Soest) angelegt.');
	child.kill('SIGTERM');
	await exited;
	fs.rmSync(root, { recursive: true, force: true });
	return { ok, ms: Date.now() - started, output };
}

let healthyRuns = 0;
for (let i = 0; i < runs; i++) {
	const r = await startOnce(i);
	if (r.ok) healthyRuns++;
	else console.error(`Start ${i + 1} failed:\n${r.output}`);
	console.log(`start ${i + 1}/${runs}: ${r.ok ? 'healthy' : 'FAILED'} (${r.ms} ms)`);
}
console.log(`${healthyRuns} of ${runs} demo starts healthy`);
process.exit(healthyRuns === runs ? 0 : 1);
