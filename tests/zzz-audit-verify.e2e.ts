// Runs last (file order): after the whole suite has written to the e2e server's audit trail, the
// chain must verify, with its anchor in keys.db, exactly as an operator would check it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('npm run audit:verify passes on the audit trail the suite has written', () => {
	const root = path.resolve('test-results/e2e-server');
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env: { ...process.env, DATA_DIR: path.join(root, 'data'), KEY_DIR: path.join(root, 'keys') },
		encoding: 'utf8'
	});
	expect(result.status, result.stderr).toBe(0);
	const count = Number(/Audit-Kette intakt: (\d+) Ereignisse/.exec(result.stdout)?.[1]);
	// Logins, reveals, case and meeting changes of the whole suite.
	expect(count).toBeGreaterThan(100);
});
