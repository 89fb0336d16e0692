import { expect, test } from '@playwright/test';
import { expectAccessible, visit, login, logout, ORIGIN } from './helpers';

test('login page is accessible and a wrong password gives a clear message', async ({ page }) => {
	await visit(page, '/login');
	await expectAccessible(page);
	await login(page, 'koordination@demo.example', 'falsches-Passwort-123', { expectFailure: true });
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
	// The typed e-mail stays, the password does not.
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('koordination@demo.example');
	await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');
	await expectAccessible(page);
});

test('an unknown e-mail gets exactly the same answer as a wrong password', async ({ page }) => {
	await login(page, 'niemand@demo.example', 'irgendein-Passwort-1', { expectFailure: true });
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
});

test('repeated failures are throttled with the waiting time', async ({ page }) => {
	let throttled = false;
	for (let attempt = 0; attempt < 8 && !throttled; attempt++) {
		await login(page, 'asd.warstein@demo.example', `falsch-${attempt}-xxxxxxxx`, { expectFailure: true });
		const alert = page.getByRole('alert');
		await expect(alert).toBeVisible();
		throttled = /Zu viele fehlgeschlagene Anmeldeversuche\. Bitte warten Sie \d+ Sekunden/.test(await alert.innerText());
	}
	expect(throttled).toBe(true);
});

test('a member gets 403 on every admin page and sees no admin navigation', async ({ page }) => {
	await login(page, 'kripo@demo.example');
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
	for (const path of ['/admin/users', '/admin/users/new', '/admin/users/1', '/admin/organisations', '/admin/organisations/1', '/admin/audit', '/admin/outbox']) {
		const response = await visit(page, path);
		expect(response?.status(), path).toBe(403);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fehler 403');
	await expectAccessible(page);
	// Posting to an admin action directly is refused as well.
	const post = await page.request.post('/admin/organisations', {
		form: { name: 'Unbefugt angelegt', kind: 'other' },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(post.status()).toBe(403);
});

test('logout ends the session; the old pages need a new login', async ({ page }) => {
	await login(page, 'asd.lippstadt@demo.example');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Guten Tag');
	await expectAccessible(page);
	await logout(page);
	await expect(page.getByRole('status')).toHaveText('Sie wurden abgemeldet.');
	await visit(page, '/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
});

test('security headers on public and signed-in pages', async ({ page, request }) => {
	const pub = await request.get('/login');
	const h = pub.headers();
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
	expect(h['content-security-policy']).not.toContain('unsafe-inline');
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('same-origin');
	expect(h['cache-control']).toBe('no-store');

	await login(page, 'koordination@demo.example');
	await expect(page).toHaveURL('/');
	const signedIn = await page.request.get('/account');
	expect(signedIn.status()).toBe(200);
	expect(signedIn.headers()['cache-control']).toBe('no-store');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'fk_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');

	// CSRF: a form post from another origin is refused.
	const forged = await request.post('/login', {
		form: { email: 'koordination@demo.example', password: 'x' },
		headers: { origin: 'https://evil.example' }
	});
	expect(forged.status()).toBe(403);

	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
});

test('the language can be switched to English and back', async ({ page }) => {
	await visit(page, '/login');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung');
});
