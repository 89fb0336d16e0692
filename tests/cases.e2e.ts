import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, hydrated, login, visit, ORIGIN } from './helpers';

const CHILD = 'Lotta Brüggemann';
const MOTHER = 'Svetlana Brüggemann';
/** Names the demo seed registered for Jugendamt Warstein and Lippstadt (see seed/demo.ts). */
const SEEDED_NAMES = ['Mia Schulze', 'Jennifer Schulze', 'Elif Demir', 'Emir Demir', 'Ayşe Demir', 'Murat Demir', 'Noah Wagner', 'Oleksandr Kovalenko', 'Lindenstraße'];

async function expectNoNames(page: Page, names: string[]): Promise<void> {
	const html = await page.content();
	for (const name of names) expect(html, name).not.toContain(name);
}

/** A plain form post as a browser without JavaScript sends it, with the right Origin so the CSRF check is not what answers. */
function postForm(page: Page, path: string, form: Record<string, string>) {
	return page.request.post(path, { form, headers: { origin: ORIGIN, accept: 'text/html' }, maxRedirects: 0 });
}

/** A signed-in page in a browser context of its own (axe needs a page from a context). */
async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, email);
	return page;
}

/** The path of a seeded Warstein case, as anyone sees it in the list. */
async function warsteinCasePath(page: Page): Promise<string> {
	await visit(page, '/cases');
	const row = page.getByRole('row', { name: /Häusliche Gewalt nach Polizeieinsatz/ });
	const href = await row.getByRole('link').first().getAttribute('href');
	expect(href).toMatch(/^\/cases\/\d+$/);
	return href!;
}

test('a Jugendamt case worker registers a case, sees pseudonyms and reveals the names with a reason', async ({ page, browser }) => {
	await login(page, 'asd.warstein@demo.example');
	await visit(page, '/cases');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Fall anlegen' }).click();
	await page.waitForURL('/cases/new');
	await hydrated(page);
	await expectAccessible(page);

	await page.getByLabel('Bezeichnung').fill('Meldung der Schule: Hinweise auf Gewalt');
	const first = page.getByRole('group', { name: 'Person 1' });
	await first.getByLabel('Rolle').selectOption({ label: 'Kind' });
	await first.getByLabel('Name', { exact: true }).fill(CHILD);
	await first.getByLabel('Geburtsdatum (optional)').fill('2017-05-09');
	const second = page.getByRole('group', { name: 'Person 2' });
	await second.getByLabel('Rolle').selectOption({ label: 'Mutter' });
	await second.getByLabel('Name', { exact: true }).fill(MOTHER);
	await second.getByLabel('Anschrift (optional)').fill('Bahnhofstraße 3, 59581 Warstein');
	await page.getByRole('button', { name: 'Fall anlegen' }).click();

	await page.waitForURL(/\/cases\/\d+\?created=1$/);
	const casePath = new URL(page.url()).pathname;
	await expect(page.getByRole('status')).toContainText(/Der Fall F-[2-9A-HJKMNP-Z]{4} wurde angelegt\./);
	await expect(page.getByRole('cell', { name: 'Kind A', exact: true })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Mutter A', exact: true })).toBeVisible();
	await expectNoNames(page, [CHILD, MOTHER, 'Brüggemann', 'Bahnhofstraße']);
	await expectAccessible(page);
	const code = (await page.locator('h1 .mono').textContent())!.trim();

	await page.getByRole('link', { name: 'Namen anzeigen' }).click();
	await page.waitForURL(`${casePath}/reveal`);
	await hydrated(page);
	await expectAccessible(page);
	await page.getByLabel('Rechtsgrundlage').selectOption({ label: '§ 8a SGB VIII – Gefährdungseinschätzung' });
	await page.getByLabel('Begründung').fill('Gefährdungseinschätzung nach Meldung der Schule');
	await page.getByRole('button', { name: 'Namen anzeigen' }).click();

	await page.waitForURL(casePath);
	await expect(page.getByTestId('reveal-banner')).toContainText('Klarnamen sichtbar bis');
	await expect(page.getByTestId('reveal-banner')).toContainText('§ 8a SGB VIII');
	await expect(page.getByRole('cell', { name: CHILD })).toBeVisible();
	await expect(page.getByRole('cell', { name: MOTHER })).toBeVisible();
	await expect(page.getByRole('cell', { name: '09.05.2017' })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Namen wieder verbergen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Namen werden wieder verborgen.');
	await expect(page.getByRole('cell', { name: CHILD })).toHaveCount(0);
	await expectNoNames(page, [CHILD, MOTHER]);

	// The security log shows who revealed which case and why, without any name.
	const admin = await signedIn(browser, 'admin@demo.example');
	await visit(admin, '/admin/audit?type=case.revealed');
	const row = admin.getByRole('row').filter({ hasText: code });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('asd.warstein@demo.example');
	await expect(row).toContainText('sgb8_8a');
	await expect(row).toContainText('Gefährdungseinschätzung nach Meldung der Schule');
	await expectNoNames(admin, [CHILD, MOTHER, 'Brüggemann']);
	await expectAccessible(admin);
	// The administrator (not a case worker) cannot reveal this case either.
	expect((await visit(admin, `${casePath}/reveal`))?.status()).toBe(403);
	await admin.context().close();
});

test('the police see pseudonyms only and get 403 on every path to key data', async ({ page }) => {
	await login(page, 'kripo@demo.example');
	const casePath = await warsteinCasePath(page);
	await expect(page.getByRole('row', { name: /Häusliche Gewalt nach Polizeieinsatz/ })).toContainText('Kind A, Kind B, Mutter A, Vater A');
	await expect(page.getByRole('row', { name: /Häusliche Gewalt nach Polizeieinsatz/ })).toContainText('Jugendamt Warstein');
	await expect(page.getByRole('link', { name: /Namen anzeigen/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Fall anlegen' })).toHaveCount(0);
	await expectNoNames(page, SEEDED_NAMES);
	await expectAccessible(page);

	// The case page: pseudonyms only, whatever the query asks for.
	for (const query of ['', '?reveal=1', '?reveal=true&names=1&grant=1']) {
		const response = await visit(page, casePath + query);
		expect(response?.status(), query).toBe(200);
		await expect(page.getByRole('cell', { name: 'Kind B', exact: true })).toBeVisible();
		await expect(page.getByText('Klarnamen kann nur das fallführende Jugendamt einsehen.')).toBeVisible();
		await expectNoNames(page, SEEDED_NAMES);
	}
	await expectAccessible(page);

	// The reveal route: 403 for the form and for the post, with and without JavaScript.
	const form = await visit(page, `${casePath}/reveal`);
	expect(form?.status()).toBe(403);
	await expectAccessible(page);
	const plain = await postForm(page, `${casePath}/reveal`, { legalBasis: 'sgb10_68', justification: 'Ermittlungsverfahren, bitte Namen nennen' });
	expect(plain.status()).toBe(403);
	expect(await plain.text()).not.toContain('Demir');
	const enhanced = await page.request.post(`${casePath}/reveal`, {
		form: { legalBasis: 'sgb10_68', justification: 'Ermittlungsverfahren, bitte Namen nennen' },
		headers: { origin: ORIGIN, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(enhanced.status()).toBe(403);
	const body = await enhanced.text();
	expect(JSON.parse(body)).toMatchObject({ type: 'error' });
	expect(body).not.toContain('Demir');

	// The case page afterwards: still no names (no grant was created).
	await visit(page, casePath);
	await expectNoNames(page, SEEDED_NAMES);

	// Writing to the case or registering one is refused as well.
	for (const action of ['close', 'reopen', 'addPerson']) {
		const response = await postForm(page, `${casePath}?/${action}`, { version: '1', role: 'child', name: 'Test Person' });
		expect(response.status(), action).toBe(403);
	}
	expect((await visit(page, '/cases/new'))?.status()).toBe(403);
	const register = await postForm(page, '/cases/new', { label: 'Ermittlungsverfahren', 'persons.0.role': 'child', 'persons.0.name': 'Test Person' });
	expect(register.status()).toBe(403);
});

test('another Jugendamt and a coordinator of another office cannot reveal a Warstein case; its own office can', async ({ browser }) => {
	for (const email of ['asd.lippstadt@demo.example', 'koordination@demo.example']) {
		const page = await signedIn(browser, email);
		const casePath = await warsteinCasePath(page);
		expect((await visit(page, `${casePath}/reveal`))?.status(), email).toBe(403);
		const post = await postForm(page, `${casePath}/reveal`, { legalBasis: 'sgb8_8a', justification: 'Gefährdungseinschätzung im Nachbarkreis' });
		expect(post.status(), email).toBe(403);
		await visit(page, casePath);
		await expectNoNames(page, SEEDED_NAMES);
		await page.context().close();
	}
	// The same post from the owning office succeeds: the 403 above is the access rule, not the form.
	const owner = await signedIn(browser, 'asd.warstein@demo.example');
	const casePath = await warsteinCasePath(owner);
	const post = await postForm(owner, `${casePath}/reveal`, { legalBasis: 'sgb8_8a', justification: 'Gefährdungseinschätzung vor der Fallkonferenz' });
	expect(post.status()).toBe(303);
	expect(post.headers().location).toBe(casePath);
	await visit(owner, casePath);
	await expect(owner.getByRole('cell', { name: 'Elif Demir' })).toBeVisible();
	await expectAccessible(owner);
	await owner.context().close();
});

test('a closed case past the retention period shows that its keys are deleted', async ({ page }) => {
	await login(page, 'asd.lippstadt@demo.example');
	await visit(page, '/cases');
	const row = page.getByRole('row', { name: /Inobhutnahme, Rückführung abgeschlossen/ });
	await expect(row).toContainText('Schlüssel gelöscht am');
	await expect(row.getByRole('link', { name: /Namen anzeigen/ })).toHaveCount(0);
	await row.getByRole('link').first().click();
	await page.waitForURL(/\/cases\/\d+$/);
	await expect(page.getByText('Die Schlüsseldaten wurden nach Ablauf der Löschfrist gelöscht.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Kind A', exact: true })).toBeVisible();
	await expectAccessible(page);
	expect((await visit(page, `${new URL(page.url()).pathname}/reveal`))?.status()).toBe(410);
});

test('a case worker links an agenda item to a case of their own office; the police are not offered it', async ({ page, browser }) => {
	await login(page, 'asd.warstein@demo.example');
	// The oldest of the three held Fallkonferenz meetings the demo filled (the newest one is the minutes tests').
	await visit(page, '/meetings?view=past');
	const href = await page.getByRole('row').filter({ hasText: 'Fallkonferenz' }).nth(2).getByRole('link').first().getAttribute('href');
	expect(href).toMatch(/^\/meetings\/\d+$/);
	await visit(page, `${href}/agenda`);
	const item = 'Lagebild häusliche Gewalt im Kreis';
	// The link's accessible name carries the item's title ("Mit Fall verknüpfen: …", no space before the colon).
	const linkFor = new RegExp(`^Mit Fall verknüpfen: ${item}$`);
	// The page lists no cases until an item is chosen: only the link per item without a case.
	await expect(page.getByLabel('Fall der eigenen Dienststelle')).toHaveCount(0);
	await page.getByRole('link', { name: linkFor }).click();
	const select = page.getByLabel('Fall der eigenen Dienststelle');
	await expect(select).toBeVisible();
	await expectAccessible(page);
	// Own office's open cases only: Lippstadt's case is not offered.
	const options = await select.locator('option').allTextContents();
	expect(options.some((o) => o.includes('Meldung der Kita'))).toBe(true);
	expect(options.some((o) => o.includes('Ungeklärte Verletzungen'))).toBe(false);
	const kita = options.find((o) => o.includes('Meldung der Kita'))!;
	const code = kita.split(' – ')[0].trim();
	await select.selectOption({ label: kita });
	await page.getByRole('button', { name: 'Mit Fall verknüpfen' }).click();
	await expect(page.getByRole('link', { name: linkFor })).toHaveCount(0);
	await expect(page.locator('article, li').filter({ hasText: item }).filter({ hasText: code }).first()).toBeVisible();

	const police = await (await browser.newContext()).newPage();
	await login(police, 'kripo@demo.example');
	await visit(police, `${href}/agenda`);
	await expect(police.getByRole('link', { name: /^Mit Fall verknüpfen/ })).toHaveCount(0);
});
