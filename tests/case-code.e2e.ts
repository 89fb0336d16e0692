/**
 * A district with more open cases than the agenda's submit form can list (CASE_LIST_LIMIT): the
 * case of a case discussion is typed as its code. A demo server of its own with the limit at 1 (the
 * demo district has several open cases), so the shared server keeps its list.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, login, nextAgendaPath, visit } from './helpers';
import { serverOrigin, startOwnServer } from './route-inventory';

let stopServer: () => Promise<void> = async () => {};
test.beforeAll(async () => {
	test.setTimeout(90_000);
	stopServer = await startOwnServer(50, { CASE_LIST_LIMIT: '1' });
});
test.afterAll(async () => stopServer());

test('with more open cases than a list holds, a case discussion names its case by code; an unknown code is explained and stores nothing', async ({ browser }) => {
	// At 390 px, as a police officer on a phone would submit it.
	const page = await (await browser.newContext({ baseURL: serverOrigin(), viewport: { width: 390, height: 844 } })).newPage();
	await login(page, 'kripo@demo.example');
	await visit(page, '/cases');
	const code = (await page.getByRole('row', { name: /Häusliche Gewalt nach Polizeieinsatz/ }).getByRole('link').first().textContent())!.trim();
	expect(code).toMatch(/^F-/);
	const agenda = await nextAgendaPath(page);
	await visit(page, agenda);

	// No list of cases, a field for the code instead.
	await expect(page.locator('#f-caseId')).toHaveCount(0);
	const field = page.getByLabel('Bezug zu einem Fall');
	await expect(field).toHaveAttribute('name', 'caseCode');
	const submit = async () => {
		const late = page.getByLabel(/verspätet/);
		if (await late.count()) await late.check();
		await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	};
	await page.getByLabel('Art des Punkts').selectOption('case');
	await page.getByLabel('Titel', { exact: true }).fill('Fallbesprechung nach Kennung');
	await field.fill('F-0000');
	await submit();
	await expect(page.getByText('Es gibt keinen Fall mit dieser Kennung. Bitte prüfen Sie die Fallkennung (z. B. F-7QK3).')).toBeVisible();
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveValue('F-0000');
	await expectAccessible(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await visit(page, agenda);
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Fallbesprechung nach Kennung' })).toHaveCount(0);

	// The code as typed by hand: lower case, with spaces.
	await page.getByLabel('Art des Punkts').selectOption('case');
	await page.getByLabel('Titel', { exact: true }).fill('Fallbesprechung nach Kennung');
	await page.getByLabel('Bezug zu einem Fall').fill(` ${code.toLowerCase()} `);
	await submit();
	await expect(page.getByRole('status')).toContainText('Ihr Tagesordnungspunkt wurde angemeldet');
	await visit(page, agenda);
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Fallbesprechung nach Kennung' })).toContainText(code);
	await page.context().close();
});
