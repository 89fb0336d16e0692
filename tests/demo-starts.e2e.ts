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
