import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, login, visit } from './helpers';

test('a Jugendamt user names a child of a case in an agenda item: only the pseudonym is stored and shown', async ({ page }) => {
	await login(page, 'asd.warstein@demo.example');
	await visit(page, '/cases/new');
	await page.getByLabel('Bezeichnung').fill('Schulabsentismus Grundschule');
	const child = page.getByRole('group', { name: 'Person 1' });
	await child.getByLabel('Rolle').selectOption({ label: 'Kind' });
	await child.getByLabel('Name', { exact: true }).fill('Paula Hoffmeister');
	const mother = page.getByRole('group', { name: 'Person 2' });
	await mother.getByLabel('Rolle').selectOption({ label: 'Mutter' });
	await mother.getByLabel('Name', { exact: true }).fill('Katrin Hoffmeister');
	await page.getByRole('button', { name: 'Fall anlegen' }).click();
	await page.waitForURL(/\/cases\/\d+\?created=1$/);
	const code = (await page.locator('h1 .mono').textContent())!.trim();

	// The next meeting that still takes submissions, from the dashboard.
	await visit(page, '/');
	await page.locator('section', { hasText: 'Anstehende Anmeldefristen' }).getByRole('link').first().click();
	await page.waitForURL(/\/meetings\/\d+\/agenda$/);
	await hydrated(page);
	await page.getByLabel('Art des Punkts').selectOption('case');
	const option = await page.locator('#f-caseId option', { hasText: code }).getAttribute('value');
	await page.getByLabel('Bezug zu einem Fall').selectOption(option!);
	await page.getByLabel('Titel').fill('Schulbesuch Paula Hoffmeister');
	await page.getByLabel('Beschreibung (Markdown)').fill('Paula war seit Montag nicht in der Schule. Ihre Mutter Katrin Hoffmeister ist nicht erreichbar. Die Lehrerin Frau Grabowski rief an: 02902 123456.');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();

	// Findings other than the known persons need a decision; nothing is stored yet.
	await expect(page.getByRole('alert')).toContainText('personenbezogene Angabe');
	const findings = page.getByTestId('pii-finding');
	await expect(findings).toHaveCount(2);
	await expect(findings.nth(0)).toContainText('„Grabowski“');
	await expect(findings.nth(1)).toContainText('„02902 123456“');
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Schulbesuch' })).toHaveCount(0);
	await expectAccessible(page);
	await findings.nth(0).getByLabel('keine personenbezogene Angabe (wird protokolliert)').check();
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Tagesordnungspunkt wurde angemeldet');

	const item = page.getByTestId('agenda-item').filter({ hasText: 'Schulbesuch Kind A' });
	await expect(item).toContainText('Kind A war seit Montag nicht in der Schule. Ihre Mutter A ist nicht erreichbar. Die Lehrerin Frau Grabowski rief an: [Telefon].');
	const html = await page.content();
	for (const name of ['Paula', 'Hoffmeister', '02902']) expect(html).not.toContain(name);
});
