import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, login, visit, ORIGIN } from './helpers';

async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, email);
	return page;
}

/** The demo's next Fallkonferenz with a published agenda (it has a rejected item). */
async function nextPublishedMeeting(page: Page): Promise<string> {
	await visit(page, '/meetings');
	const meetings = await page.locator('main a[href^="/meetings/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!).filter((h) => /^\/meetings\/\d+$/.test(h)))]);
	for (const href of meetings) {
		await visit(page, `${href}/agenda`);
		if (await page.getByTestId('rejected-items').count()) return href;
	}
	throw new Error('no published demo meeting found');
}

test('the coordinator names the minute-taker and starts the meeting; notes are stored pseudonymised; members wait for the draft; a conflicting save shows both texts', async ({ browser }) => {
	const coordinator = await signedIn(browser, 'koordination@demo.example');
	const meeting = await nextPublishedMeeting(coordinator);
	await visit(coordinator, `${meeting}/minutes`);
	await expect(coordinator.getByText('Das Protokoll wird mit Beginn der Sitzung angelegt.')).toBeVisible();
	await coordinator.getByLabel('Protokollführung bestimmen').selectOption({ label: 'Julia Neumann (Jugendamt Warstein)' });
	await coordinator.getByRole('button', { name: 'Speichern' }).click();
	await expect(coordinator.getByText('Protokollführung: Julia Neumann')).toBeVisible();
	await coordinator.getByRole('button', { name: 'Sitzung beginnen' }).click();
	await expect(coordinator.getByRole('status')).toContainText('Die Sitzung hat begonnen');
	const entries = coordinator.getByTestId('minutes-entry');
	await expect(entries.first()).toContainText('TOP 1');
	// Attendance starts from the answers (the police answered "vielleicht": absent until recorded).
	const attendance = coordinator.getByTestId('attendance');
	await attendance.getByLabel('Anwesenheit: Frank Becker').selectOption('present');
	await attendance.getByLabel('später gekommen (Uhrzeit): Frank Becker').fill('14:20');
	await coordinator.getByRole('button', { name: 'Anwesenheit speichern' }).click();
	await expect(coordinator.locator('#attendance-h ~ [role=status]')).toContainText('gespeichert');
	await visit(coordinator, `${meeting}/minutes`);
	await expect(attendance.getByLabel('Anwesenheit: Frank Becker')).toHaveValue('present');
	await expect(attendance.getByLabel('später gekommen (Uhrzeit): Frank Becker')).toHaveValue('14:20');
	// Guests by organisation and function, never by name.
	await coordinator.getByLabel('Organisation', { exact: true }).fill('Schulamt Kreis Soest');
	await coordinator.getByLabel('Funktion', { exact: true }).fill('Frau Brinkhoff');
	await coordinator.getByRole('button', { name: 'Gast hinzufügen' }).click();
	await expect(coordinator.getByRole('alert')).toContainText('ohne Namen');
	await coordinator.getByLabel('Funktion', { exact: true }).fill('Schulpsychologischer Dienst');
	await coordinator.getByRole('button', { name: 'Gast hinzufügen' }).click();
	await expect(coordinator.getByText('Schulamt Kreis Soest – Schulpsychologischer Dienst')).toBeVisible();
	await expectAccessible(coordinator);

	// The minute-taker of Jugendamt Warstein names persons of her own case: stored as pseudonyms.
	const taker = await signedIn(browser, 'asd.warstein@demo.example');
	await visit(taker, `${meeting}/minutes`);
	const first = taker.getByTestId('minutes-entry').first();
	await first.getByRole('textbox').fill('Elif war mit ihrer Mutter Ayşe Demir beim Kinderarzt; die Polizei wird informiert.');
	await first.getByRole('button', { name: 'Speichern' }).click();
	await expect(first.getByRole('status')).toContainText('gespeichert');
	await visit(taker, `${meeting}/minutes`);
	const stored = await taker.getByTestId('minutes-entry').first().getByRole('textbox').inputValue();
	expect(stored).toMatch(/^Kind A \(F-\w{4}\) war mit ihrer Mutter A \(F-\w{4}\) beim Kinderarzt; die Polizei wird informiert\.$/);
	const html = await taker.content();
	for (const name of ['Elif', 'Demir', 'Ayşe']) expect(html).not.toContain(name);

	// The police see that minutes are being written, not the draft.
	const police = await signedIn(browser, 'kripo@demo.example');
	await visit(police, `${meeting}/minutes`);
	await expect(police.getByText('Das Protokoll wird noch erstellt.')).toBeVisible();
	await expect(police.getByTestId('minutes-entry')).toHaveCount(0);
	await expectAccessible(police);

	// Live: the coordinator's page, open all along, shows the taker's text without a reload, and who edits.
	const coordEntry = coordinator.getByTestId('minutes-entry').first();
	await expect(coordEntry.getByRole('textbox')).toHaveValue(stored);
	const takerEntry = taker.getByTestId('minutes-entry').first();
	await takerEntry.getByRole('textbox').focus();
	await expect(coordEntry.getByTestId('editing-now')).toContainText('Bearbeitet gerade: Julia Neumann');
	// The coordinator marks the item under discussion; the taker's page highlights it.
	await coordEntry.getByRole('button', { name: 'Als aktuellen Punkt markieren' }).click();
	await expect(takerEntry).toHaveAttribute('aria-current', 'step');
	await expect(takerEntry.getByText('wird gerade beraten')).toBeVisible();
	// Both write at once: the coordinator's save after the taker's shows the stored text to merge.
	await coordEntry.getByRole('textbox').fill('Kurz besprochen.');
	await takerEntry.getByRole('textbox').fill(`${stored} Termin folgt.`);
	await takerEntry.getByRole('button', { name: 'Speichern' }).click();
	await expect(takerEntry.getByRole('status')).toContainText('gespeichert');
	await coordEntry.getByRole('button', { name: 'Speichern' }).click();
	const conflict = coordinator.getByTestId('minutes-conflict');
	await expect(conflict).toContainText('Gespeicherte Fassung von Julia Neumann');
	await expect(conflict).toContainText('Termin folgt.');
	await expect(coordEntry.getByRole('textbox')).toHaveValue('Kurz besprochen.');
	await expectAccessible(coordinator);
	// Saving again after looking at both texts goes through.
	await coordEntry.getByRole('textbox').fill('Kind A war beim Kinderarzt. Kurz besprochen.');
	await coordEntry.getByRole('button', { name: 'Speichern' }).click();
	await expect(coordinator.getByTestId('minutes-conflict')).toHaveCount(0);
	// The police, a member of the series but not the minute-taker: no draft in __data.json, and every
	// form action of the page is refused without a change.
	const data = await police.request.get(`${meeting}/minutes/__data.json?x-sveltekit-invalidated=0001`);
	expect(await data.text()).not.toContain('Kind A war beim Kinderarzt');
	const origin = { origin: ORIGIN, 'x-sveltekit-action': 'true', accept: 'application/json' };
	for (const [action, form] of [
		['save', { entry: '1', notes: 'x', version: '99' }],
		['attendance', { userId: '1', presence_1: 'present' }],
		['guest', { organisation: 'Schulamt', function: 'Beratung' }],
		['taker', { userId: '1' }],
		['start', {}],
		['finish', {}]
	] as const) {
		const res = await police.request.post(`${meeting}/minutes?/${action}`, { form, headers: origin });
		expect(JSON.parse(await res.text()), action).toMatchObject({ type: 'failure' });
	}
	// Nor the live stream or the presence of the draft.
	expect((await police.request.get(`${meeting}/minutes/live`)).status()).toBe(404);
	expect((await police.request.post(`${meeting}/minutes/live`, { form: { entry: '1' }, headers: { origin: ORIGIN } })).status()).toBe(404);
	await visit(coordinator, `${meeting}/minutes`);
	await expect(coordinator.getByTestId('minutes-entry').first().getByRole('textbox')).toHaveValue('Kind A war beim Kinderarzt. Kurz besprochen.');
	await expect(coordinator.getByText('Schulamt – Beratung')).toHaveCount(0);

	// The printable minutes, for whoever may read them now.
	await visit(coordinator, `${meeting}/minutes/print`);
	await expect(coordinator.getByText('Vertraulich – pseudonymisiert')).toBeVisible();
	await expect(coordinator.getByTestId('version-content')).toContainText('Kind A war beim Kinderarzt. Kurz besprochen.');
	await expectAccessible(coordinator);
	expect((await police.request.get(`${meeting}/minutes/print`)).status()).toBe(404);
	await visit(coordinator, `${meeting}/minutes`);

	// Autosave a few seconds after typing; with the connection lost the draft waits in the tab and is
	// saved when the browser is back online.
	const entryNow = coordinator.getByTestId('minutes-entry').first();
	await coordinator.context().setOffline(true);
	await entryNow.getByRole('textbox').fill('Kind A war beim Kinderarzt. Ohne Verbindung ergänzt.');
	await expect(entryNow.getByTestId('autosave-status')).toContainText('Keine Verbindung', { timeout: 15_000 });
	await coordinator.context().setOffline(false);
	await expect(entryNow.getByTestId('autosave-status')).toContainText('Automatisch gespeichert', { timeout: 15_000 });
	await visit(coordinator, `${meeting}/minutes`);
	await expect(coordinator.getByTestId('minutes-entry').first().getByRole('textbox')).toHaveValue('Kind A war beim Kinderarzt. Ohne Verbindung ergänzt.');
	for (const p of [coordinator, taker, police]) await p.context().close();
});
