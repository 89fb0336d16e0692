import { expect, test } from '@playwright/test';
import { expectAccessible, visit, login } from './helpers';

test('public pages are accessible without login', async ({ page }) => {
	for (const [path, heading] of [
		['/accessibility', 'Erklärung zur Barrierefreiheit'],
		['/privacy', 'Datenschutzhinweise']
	]) {
		await visit(page, path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expectAccessible(page);
		if (path === '/accessibility') {
			await expect(page.getByRole('link', { name: 'barrierefreiheit@kreis-soest.example' })).toBeVisible();
		}
	}
});

test('every page of an administrator passes the axe check and shows the demo banner', async ({ page }) => {
	await login(page, 'admin@demo.example');
	await expect(page.getByRole('note')).toContainText('Demo-Betrieb');
	for (const path of ['/', '/meetings', '/actions', '/cases', '/account', '/admin/users', '/admin/users/2', '/admin/organisations', '/admin/organisations/1', '/admin/audit?verify=1', '/admin/outbox']) {
		const response = await visit(page, path);
		expect(response?.status(), path).toBe(200);
		await expectAccessible(page);
	}
	await visit(page, '/admin/audit?verify=1');
	await expect(page.getByRole('status')).toContainText('Die Hash-Kette ist vollständig und unverändert');
});

test('an administrator creates and renames an organisation; a stale form reports a conflict', async ({ page, browser }) => {
	await login(page, 'admin@demo.example');
	await visit(page, '/admin/organisations');
	await page.getByLabel('Name').fill('Jugendamt Lippstadt');
	await page.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Eine Organisation mit diesem Namen gibt es bereits.');
	await page.getByLabel('Name').fill('Schulamt Kreis Soest');
	await page.getByLabel('Art').selectOption({ label: 'Sonstige' });
	await page.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Organisation „Schulamt Kreis Soest“ wurde angelegt.');
	await page.getByRole('link', { name: 'Schulamt Kreis Soest' }).click();
	await page.waitForURL(/\/admin\/organisations\/\d+$/);
	const editUrl = page.url();

	const other = await browser.newPage();
	await login(other, 'admin@demo.example');
	await visit(other, editUrl);
	await other.getByLabel('Name').fill('Schulamt für den Kreis Soest');
	await other.getByRole('button', { name: 'Speichern' }).click();
	await expect(other.getByRole('status')).toHaveText('Die Änderungen wurden gespeichert.');

	await page.getByLabel('Name').fill('Schulamt Soest');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('alert')).toContainText('inzwischen von jemand anderem geändert');
	await expect(page.getByLabel('Name')).toHaveValue('Schulamt Soest');
	await other.close();
});

test('deactivating a user ends their sessions at once', async ({ page, browser }) => {
	const member = await browser.newPage();
	await login(member, 'asd.warstein@demo.example');
	await expect(member).toHaveURL('/');

	await login(page, 'admin@demo.example');
	await visit(page, '/admin/users');
	await page.getByRole('link', { name: 'Julia Neumann' }).click();
	await page.getByLabel('Konto aktiv').uncheck();
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Änderungen wurden gespeichert.');

	await visit(member, '/account');
	await expect(member).toHaveURL(/\/login/);
	await login(member, 'asd.warstein@demo.example', undefined, { expectFailure: true });
	await expect(member.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
	await member.close();

	await page.getByLabel('Konto aktiv').check();
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Änderungen wurden gespeichert.');
});
