import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

export const DEMO_PASSWORD = 'Demo-Passwort-2026';
/** The e2e server's origin (playwright.config.ts starts it on E2E_PORT, default 4173). */
export const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/** Every page a test visits gets an axe check against WCAG 2.1 A and AA. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Signs in and waits for the answer; with a wrong password pass `expectFailure`. */
/** Waits until SvelteKit has hydrated the page, so typed input is not reset by hydration. */
export async function hydrated(page: Page): Promise<void> {
	// A page without the client (csr = false: the print views) has no script and is never hydrated.
	if ((await page.locator('script').count()) === 0) return;
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Navigates and waits for hydration; returns the response like page.goto. */
export async function visit(page: Page, path: string) {
	const response = await page.goto(path);
	if (response && response.status() < 400) await hydrated(page);
	return response;
}

/** The agenda of the next meeting that still takes submissions, from the start page's deadlines. */
export async function nextAgendaPath(page: Page): Promise<string> {
	await visit(page, '/');
	const href = await page.locator('section', { hasText: 'Anstehende Anmeldefristen' }).getByRole('link').first().getAttribute('href');
	expect(href).toMatch(/^\/meetings\/\d+\/agenda$/);
	return href!;
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD, opts: { expectFailure?: boolean } = {}): Promise<void> {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/login') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Anmelden' }).click()
	]);
	if (!opts.expectFailure) await page.waitForURL((url) => url.pathname !== '/login');
}

export async function logout(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Abmelden' }).first().click();
	await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
}

/** RFC 6238 code for a base32 key, `stepOffset` time steps from now. */
export function totpCode(base32Key: string, stepOffset = 0): string {
	const key = decodeBase32IgnorePadding(base32Key.replace(/\s+/g, ''));
	const counter = BigInt(Math.floor(Date.now() / 1000 / 30) + stepOffset);
	return generateHOTP(key, counter, 6);
}
