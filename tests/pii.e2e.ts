import { expect, test, type Browser } from '@playwright/test';
import { expectAccessible, hydrated, login, nextAgendaPath, visit, ORIGIN } from './helpers';

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
	await page.getByLabel('Titel', { exact: true }).fill('Schulbesuch Paula Hoffmeister');
	await page.getByLabel('Beschreibung (Markdown)').fill('Paula war seit Montag nicht in der Schule. Ihre Mutter Katrin Hoffmeister ist nicht erreichbar. Die Lehrerin Frau Grabowski rief an: 02902 123456.');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();

	// Findings other than the known persons need a decision; nothing is stored yet.
	await expect(page.getByRole('alert')).toContainText('personenbezogene Angabe');
	const findings = page.getByTestId('pii-finding');
	await expect(findings).toHaveCount(2);
	await expect(findings.nth(0)).toContainText('„Grabowski“');
	await expect(findings.nth(1)).toContainText('„02902 123456“');
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Schulbesuch' })).toHaveCount(0);
	// The author sees the text as it will be stored, and it follows their choices.
	const preview = page.getByTestId('pii-preview');
	await expect(preview.locator('[data-field="text"]')).toHaveText('Kind A war seit Montag nicht in der Schule. Ihre Mutter A ist nicht erreichbar. Die Lehrerin Frau [Name] rief an: [Telefon].');
	await expectAccessible(page);
	await findings.nth(0).getByLabel('keine personenbezogene Angabe (wird protokolliert)').check();
	await expect(preview.locator('[data-field="text"]')).toHaveText('Kind A war seit Montag nicht in der Schule. Ihre Mutter A ist nicht erreichbar. Die Lehrerin Frau Grabowski rief an: [Telefon].');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Tagesordnungspunkt wurde angemeldet');

	const item = page.getByTestId('agenda-item').filter({ hasText: 'Schulbesuch Kind A' });
	await expect(item).toContainText('Kind A war seit Montag nicht in der Schule. Ihre Mutter A ist nicht erreichbar. Die Lehrerin Frau Grabowski rief an: [Telefon].');
	const html = await page.content();
	for (const name of ['Paula', 'Hoffmeister', '02902']) expect(html).not.toContain(name);
});


async function signedIn(browser: Browser, email: string) {
	const page = await (await browser.newContext()).newPage();
	await login(page, email);
	return page;
}

/** The agenda of the next Fallkonferenz that still takes items, as the dashboard links it. */
test('police and another office learn nothing from typing the name of a case person (no name-to-case oracle)', async ({ browser }) => {
	// Ayşe Demir is the mother in a case of Jugendamt Warstein (seed/demo.ts); Ayşe Korkmaz is nobody.
	for (const email of ['kripo@demo.example', 'asd.lippstadt@demo.example']) {
		const page = await signedIn(browser, email);
		// The code of the Warstein case the name belongs to (every member sees codes and labels).
		await visit(page, '/cases');
		const warsteinCode = (await page.getByRole('row', { name: /Häusliche Gewalt nach Polizeieinsatz/ }).getByRole('link').first().textContent())!.trim();
		expect(warsteinCode).toMatch(/^F-/);
		const agenda = await nextAgendaPath(page);
		const form = (name: string) => ({ kind: 'topic', title: `Einsatz bei ${name}`, text: `Einsatz bei ${name}. Frau ${name.split(' ')[1]} war anwesend.`, requestedMinutes: '15', late: 'on' });
		const asAction = (name: string) => page.request.post(`${agenda}?/submit`, { form: form(name), headers: { origin: ORIGIN, accept: 'application/json', 'x-sveltekit-action': 'true' } });
		const caseName = await asAction('Ayşe Demir');
		const unknown = await asAction('Ayşe Korkmaz');
		const bodies = [await caseName.text(), await unknown.text()];
		expect(JSON.parse(bodies[0])).toMatchObject({ type: 'failure', status: 422 });
		// The same answer, byte for byte once the two surnames are swapped: same findings, same choices, same preview.
		expect(bodies[0].replaceAll('Demir', 'X')).toBe(bodies[1].replaceAll('Korkmaz', 'X'));
		expect(bodies[0]).not.toContain('Mutter A');
		expect(bodies[0]).not.toContain(warsteinCode);
		// Without JavaScript: a 422 page with the review, nothing stored.
		const plain = await page.request.post(`${agenda}?/submit`, { form: form('Ayşe Demir'), headers: { origin: ORIGIN, accept: 'text/html' } });
		expect(plain.status()).toBe(422);
		await page.context().close();
	}

	// The officer decides like for any name: the item is stored with the placeholder, never with the case's pseudonym.
	const page = await signedIn(browser, 'kripo@demo.example');
	await page.goto(await nextAgendaPath(page));
	await hydrated(page);
	await page.getByLabel('Titel', { exact: true }).fill('Einsatz Gartenstraße');
	await page.getByLabel('Beschreibung (Markdown)').fill('Streife bei Ayşe Demir, die Nachbarin hatte angerufen.');
	const late = page.getByLabel(/verspätet/);
	if (await late.count()) await late.check();
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	const finding = page.getByTestId('pii-finding');
	await expect(finding).toHaveCount(1);
	await expect(finding).toContainText('„Ayşe Demir“');
	await expect(page.getByTestId('pii-preview')).toContainText('Streife bei [Name], die Nachbarin hatte angerufen.');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('status')).toContainText('angemeldet');
	const item = page.getByTestId('agenda-item').filter({ hasText: 'Einsatz Gartenstraße' });
	await expect(item).toContainText('Streife bei [Name], die Nachbarin hatte angerufen.');
	await expect(item).not.toContainText('Mutter');
	await page.context().close();
});
