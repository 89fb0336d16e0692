import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { expectAccessible, hydrated, login, visit, ORIGIN } from './helpers';

/** The text of a single-part mail, decoded from quoted-printable or base64. */
function decodeMailBody(raw: string): string {
	const [head, ...rest] = raw.split(/\r?\n\r?\n/);
	const body = rest.join('\n\n');
	if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
		return body.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
	}
	return body;
}

/** Opens the "add an outcome" form of an item unless it is open already. */
async function outcomeForm(entry: ReturnType<Page['getByTestId']>) {
	if (!(await entry.locator('details.outcome-form').evaluate((d) => (d as HTMLDetailsElement).open))) await entry.locator('details.outcome-form > summary').click();
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, email);
	return page;
}

/** Opens an action item of "Meine Aufgaben" by its title and returns its path. */
async function openAction(page: Page, title: string): Promise<string> {
	await visit(page, '/actions');
	await page.getByRole('link', { name: title }).first().click();
	await page.waitForURL(/\/actions\/\d+$/);
	await hydrated(page);
	return new URL(page.url()).pathname;
}

test('minutes in review: a member comments, the coordinator records a decision and an action item, the police officer works it off in "Meine Aufgaben", the coordinator approves, members read the version', async ({ browser }) => {
	const police = await signedIn(browser, 'kripo@demo.example');
	// The dashboard counts the officer's items and says how many are overdue, in words.
	await expect(police.getByTestId('dashboard-actions')).toContainText(/Offene Aufgaben: \d+/);
	await expect(police.getByTestId('dashboard-actions')).toContainText(/davon überfällig: \d+/);
	await visit(police, '/actions');
	await expect(police.getByTestId('group-overdue')).toContainText('Ansprechpersonen für die Rufbereitschaft benennen');
	await expect(police.getByTestId('group-overdue')).toContainText('überfällig seit');
	await expect(police.getByTestId('group-recent')).toContainText('Gemeinsamen Hausbesuch planen');
	await expectAccessible(police);

	// From an item agreed in the newest meeting to its minutes, which are in review.
	await openAction(police, 'Kooperationsvereinbarung: Entwurf der Anlage 3');
	await police.getByRole('link', { name: /Fallkonferenz Kreis Soest, .*TOP 1/ }).click();
	await police.waitForURL(/\/meetings\/\d+\/minutes$/);
	await hydrated(police);
	const minutesPath = new URL(police.url()).pathname;
	await expect(police.getByText(/liegt den Mitgliedern bis .* zur Abstimmung vor/)).toBeVisible();
	const first = police.getByTestId('minutes-entry').first();
	await first.getByLabel('Anmerkung zu TOP 1').fill('Bitte ergänzen: Die Beratungsstelle war eingebunden.');
	await first.getByRole('button', { name: 'Anmerkung senden' }).click();
	await expect(first.getByRole('status')).toContainText('Anmerkung wurde gespeichert');
	await expect(first.locator('.comments')).toContainText('Frank Becker: Bitte ergänzen');
	await expectAccessible(police);

	// The coordinator sees the comment and records two more outcomes.
	const coordinator = await signedIn(browser, 'koordination@demo.example');
	await visit(coordinator, minutesPath);
	const entry = coordinator.getByTestId('minutes-entry').first();
	await expect(entry.locator('.comments')).toContainText('Bitte ergänzen');
	await outcomeForm(entry);
	await entry.getByRole('radio', { name: 'Beschluss' }).check();
	await entry.getByLabel('Text', { exact: true }).fill('Die Beratungsstelle wird zur nächsten Sitzung eingeladen.');
	await entry.getByRole('radio', { name: 'mit Stimmenzahl' }).check();
	await entry.getByLabel('Dafür').fill('5');
	await entry.getByLabel('Dagegen').fill('0');
	await entry.getByLabel('Enthaltungen').fill('1');
	await entry.getByRole('button', { name: 'Ergebnis hinzufügen' }).click();
	await expect(entry.getByTestId('outcomes')).toContainText('Beschluss: Die Beratungsstelle wird zur nächsten Sitzung eingeladen. (5 dafür, 0 dagegen, 1 Enthaltungen)');
	await outcomeForm(entry);
	await entry.getByRole('radio', { name: 'Aufgabe' }).check();
	await entry.getByRole('textbox', { name: 'Aufgabe', exact: true }).fill('Elternabend in der Kita vorbereiten');
	await entry.getByLabel('Verantwortliche Person').selectOption({ label: 'Frank Becker (Kreispolizeibehörde Soest)' });
	await entry.getByLabel('Fällig am').fill('2030-06-28');
	await entry.getByRole('button', { name: 'Ergebnis hinzufügen' }).click();
	await expect(entry.getByTestId('outcomes')).toContainText('Elternabend in der Kita vorbereiten – Verantwortlich: Frank Becker, fällig am 28.06.2030');
	// An action item without anyone responsible is refused with a message, and nothing is added.
	await outcomeForm(entry);
	await entry.getByRole('radio', { name: 'Aufgabe' }).check();
	await entry.getByRole('textbox', { name: 'Aufgabe', exact: true }).fill('Niemand zuständig');
	await entry.getByRole('button', { name: 'Ergebnis hinzufügen' }).click();
	await expect(entry.getByRole('alert')).toContainText('verantwortliche Person oder Stelle');
	await expect(entry.getByTestId('outcomes')).not.toContainText('Niemand zuständig');
	await expectAccessible(coordinator);

	// The officer finds the new item, notes progress and closes it.
	const actionPath = await openAction(police, 'Elternabend in der Kita vorbereiten');
	await expect(police.getByTestId('action-status')).toHaveText('offen');
	await police.getByLabel('Neuer Vermerk zum Sachstand').fill('Termin mit der Kitaleitung steht.');
	await police.getByRole('button', { name: 'Vermerk hinzufügen' }).click();
	await expect(police.getByTestId('action-timeline')).toContainText('Termin mit der Kitaleitung steht.');
	await police.getByRole('radio', { name: 'erledigt' }).check();
	await police.getByRole('button', { name: 'Speichern' }).click();
	await expect(police.getByTestId('action-status')).toHaveText('erledigt');
	await expect(police.getByTestId('action-timeline')).toContainText('Frank Becker: Stand: erledigt');
	await expectAccessible(police);

	// The coordinator approves; the minutes are locked and members read the approved version.
	await visit(coordinator, minutesPath);
	await coordinator.getByRole('button', { name: 'Protokoll genehmigen' }).click();
	await expect(coordinator.getByText('Das Protokoll ist genehmigt (Fassung 1)')).toBeVisible();
	await visit(police, minutesPath);
	await expect(police.getByText(/Genehmigt, Fassung 1/)).toBeVisible();
	await expect(police.getByRole('button', { name: 'Anmerkung senden' })).toHaveCount(0);
	await police.getByRole('link', { name: 'Fassungen und Änderungen ansehen' }).click();
	await hydrated(police);
	await expect(police.getByTestId('version-content')).toContainText('Elternabend in der Kita vorbereiten');
	await expectAccessible(police);
	// The member downloads the approved version as PDF/A: pseudonyms, the new action item, no real name.
	const pdf = await police.request.get(`${minutesPath}/pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true });
	expect(text).toContain('Vertraulich – pseudonymisiert');
	expect(text).toContain('Elternabend in der Kita vorbereiten');
	expect(text).toContain('Kind A');
	// The police officer is not a coordinator: the item's page offers no editing of the item.
	await visit(police, actionPath);
	await expect(police.getByText('Aufgabe bearbeiten')).toHaveCount(0);
});

test('the coordinator filters the overview by URL and exports it for Excel; corrections are versions with a word diff; the next agenda lists open items for Wiedervorlage', async ({ browser }) => {
	const coordinator = await signedIn(browser, 'koordination@demo.example');
	await visit(coordinator, '/actions/overview?overdue=1&sort=due');
	await expect(coordinator.getByLabel('nur überfällige')).toBeChecked();
	const rows = coordinator.getByTestId('action-row');
	expect(await rows.count()).toBeGreaterThanOrEqual(2);
	for (const text of await rows.allInnerTexts()) expect(text).toContain('überfällig seit');
	await expectAccessible(coordinator);
	const csv = await coordinator.request.get('/actions/export?overdue=1');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const body = await csv.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = body.toString('utf8').slice(1).split('\r\n');
	expect(lines[0]).toBe('Nr.;Aufgabe;Stand;Fällig am;Überfällig;Verantwortliche Person;Verantwortliche Stelle;Fall;Sitzungsreihe;Sitzung;TOP');
	expect(lines[1]).toMatch(/^\d+;[^;]+;(offen|in Bearbeitung);\d{2}\.\d{2}\.\d{4};ja;/);

	// The oldest minutes were corrected after approval: two versions, the change shown word by word.
	await visit(coordinator, '/actions');
	await visit(coordinator, '/actions/overview?status=done');
	await coordinator.getByRole('link', { name: 'Schutzplan mit der Beratungsstelle abstimmen' }).click();
	await coordinator.waitForURL(/\/actions\/\d+$/);
	const minutes = await coordinator.locator('main a[href$="/minutes"]').first().getAttribute('href');
	await visit(coordinator, `${minutes}/versions`);
	await expect(coordinator.getByTestId('versions')).toContainText('Ankunftszeit der Kriminalpolizei berichtigt.');
	const diff = coordinator.getByTestId('diff');
	// Word-level: in "14:15" → "14:30" only the changed part is marked.
	await expect(diff).toContainText('Frank Becker (Kreispolizeibehörde Soest): anwesend, später gekommen (Uhrzeit) 14:1530');
	await expect(diff.locator('del')).toHaveText(['15']);
	await expect(diff.locator('ins')).toHaveText(['30']);
	await expectAccessible(coordinator);

	// The next meeting lists what is still open under "Wiedervorlage", before the new items.
	await visit(coordinator, '/meetings');
	const next = await coordinator.locator('main a[href^="/meetings/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!).find((h) => /^\/meetings\/\d+$/.test(h))!);
	await visit(coordinator, `${next}/agenda`);
	await expect(coordinator.getByTestId('agenda-followups')).toContainText('Rückmeldung der Schule einholen');
	await expectAccessible(coordinator);

	// Outside the series nothing exists: the Leitungsrunde's item is a 404 for a Lippstadt case worker,
	// by page and by __data.json, and absent from the overview and the export.
	const police = await signedIn(browser, 'kripo@demo.example');
	await visit(police, '/actions/overview');
	const leadership = await police.getByRole('link', { name: 'Entwurf der Rufbereitschaftsliste abstimmen' }).getAttribute('href');
	const lippstadt = await signedIn(browser, 'asd.lippstadt@demo.example');
	expect((await lippstadt.request.get(leadership!)).status()).toBe(404);
	for (const invalidated of ['001', '111']) {
		const data = await (await lippstadt.request.get(`${leadership}/__data.json?x-sveltekit-invalidated=${invalidated}`)).text();
		expect(data).toMatch(/"status":404/);
		expect(data).not.toContain('Rufbereitschaftsliste');
	}
	const denied = await lippstadt.request.post(`${leadership}?/status`, { form: { status: 'done', version: '1' }, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' } });
	expect(await denied.json()).toMatchObject({ type: 'failure', status: 404 });
	await visit(police, leadership!);
	await expect(police.getByTestId('action-status')).toHaveText('offen');
	await visit(lippstadt, '/actions/overview');
	await expect(lippstadt.getByTestId('action-row').first()).toBeVisible();
	await expect(lippstadt.getByText('Entwurf der Rufbereitschaftsliste abstimmen')).toHaveCount(0);
	expect(await (await lippstadt.request.get('/actions/export')).text()).not.toContain('Rufbereitschaftsliste');
	// Nor the Leitungsrunde's minutes, their versions or their PDF.
	await visit(police, leadership!);
	const leadershipMinutes = await police.locator('main a[href$="/minutes"]').first().getAttribute('href');
	for (const path of [leadershipMinutes!, `${leadershipMinutes}/versions`, `${leadershipMinutes}/pdf`]) expect((await lippstadt.request.get(path!)).status(), path!).toBe(404);
	expect((await police.request.get(`${leadershipMinutes}/pdf`)).status()).toBe(200);
	expect((await coordinator.request.get('/actions/99999999')).status()).toBe(404);
});

test('the reminder mail of the daily job reaches the responsible officer through the outbox and a real SMTP server: links, no content', async () => {
	// At start the scheduler runs the day's reminders; the outbox delivers every 10 seconds.
	const mailDir = path.resolve('test-results/e2e-server/mail');
	let reminder: string | undefined;
	await expect
		.poll(
			() => {
				const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : [];
				reminder = files.map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8')).find((m) => m.startsWith('X-Envelope-To: kripo@demo.example') && m.includes('Erinnerung: Aufgaben aus der Fallkonferenz'));
				return !!reminder;
			},
			{ timeout: 30_000 }
		)
		.toBe(true);
	const body = decodeMailBody(reminder!);
	expect(body).toMatch(new RegExp(`${ORIGIN}/actions/\\d+`));
	expect(body).toContain('überfällig seit');
	for (const title of ['Ansprechpersonen', 'Rufbereitschaft', 'Kooperationsvereinbarung', 'F-']) expect(body).not.toContain(title);
});
