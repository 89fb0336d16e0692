import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets a second copy of the suite run next to this one (tests read ORIGIN from helpers.ts).
const PORT = Number(process.env.E2E_PORT ?? 4173);
// Debian's Chromium where it is installed (Playwright cannot download its own here).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || systemChromium,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// Production build, so CSP and the CSRF origin check apply exactly as in operation.
		command: 'npm run build && node scripts/e2e-server.js',
		url: `http://localhost:${PORT}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { PORT: String(PORT) }
	}
});
