import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

// The demo must start every time (random case codes once made one start in twelve fail): twenty
// starts of the built server, each on fresh data and key folders, all seeded and healthy.
test('the demo starts 20 times on fresh data folders, every time healthy', async () => {
	test.setTimeout(240_000);
	const { stdout } = await promisify(execFile)(process.execPath, ['scripts/demo-starts.js', '20'], { timeout: 220_000 });
	expect(stdout).toContain('20 of 20 demo starts healthy');
});

test('the built server refuses to start without the keys.db its data need, and creates no empty one', async () => {
	test.setTimeout(60_000);
	const fs = await import('node:fs');
	const os = await import('node:os');
	const path = await import('node:path');
	const { spawn } = await import('node:child_process');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-refuse-'));
	const env = { ...process.env, DATA_DIR: path.join(root, 'data'), KEY_DIR: path.join(root, 'keys'), PORT: '4389', ORIGIN: 'http://localhost:4389' };
	const run = (untilHealthy: boolean) =>
		new Promise<{ code: number | null; output: string }>((resolve) => {
			const child = spawn(process.execPath, ['scripts/start.js', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let output = '';
			const collect = (d: Buffer) => {
				output += d;
				if (untilHealthy && output.includes('Demo-Daten (Kreis Soest) angelegt.')) child.kill('SIGTERM');
			};
			child.stdout.on('data', collect);
			child.stderr.on('data', collect);
			child.on('exit', (code) => resolve({ code, output }));
		});
	try {
		await run(true);
		const keys = path.join(root, 'data', 'keys.db');
		for (const f of [keys, `${keys}-wal`, `${keys}-shm`]) fs.rmSync(f, { force: true });
		const refused = await run(false);
		expect(refused.code).toBe(1);
		expect(refused.output).toContain('keys.db fehlt oder ist leer');
		expect(fs.existsSync(keys)).toBe(false);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
});
