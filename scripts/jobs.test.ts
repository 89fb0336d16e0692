import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function run(dataDir: string, ...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
}

describe('npm run jobs', () => {
	it('runs a daily job once a day, again only with --force, and refuses unknown names', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-jobs-cli-'));
		dirs.push(dir);
		openDatabase(path.join(dir, 'app.db'), path.resolve('drizzle')).$client.close();
		const first = run(dir, 'reminders');
		expect(first.stderr).toBe('');
		expect(first.status).toBe(0);
		expect(first.stdout).toContain('reminders: ausgeführt {"mails":0,"items":0}');
		const second = run(dir, 'reminders');
		expect(second.status).toBe(0);
		expect(second.stdout).toContain('heute bereits ausgeführt');
		expect(run(dir, 'reminders', '--force').stdout).toContain('reminders: ausgeführt');
		const wrong = run(dir, 'nonsense');
		expect(wrong.status).toBe(2);
		expect(wrong.stderr).toContain('Aufruf: npm run jobs');
	});
});
