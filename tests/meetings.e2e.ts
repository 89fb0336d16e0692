import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expectAccessible, login, logout, visit, ORIGIN } from './helpers';

test.describe.configure({ mode: 'serial' });

const tomorrow = new Date(Date.now() + 86_400_000);
const startDate = tomorrow.toISOString().slice(0, 10);
const weekday = String((tomorrow.getUTCDay() + 6) % 7);
let meetingUrl = '';
let lateMeetingUrl = '';

async function createSeries(page: Page, title: string, deadlineDays: string): Promise<string> {
	await visit(page, '/series/new');
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByLabel('Ort oder Videokonferenz').fill('Kreishaus Soest, Raum 2.14');
	await page.getByLabel('Dauer (Minuten)').fill('60');
	await page.getByLabel('Anmeldefrist').fill(deadlineDays);
	await page.getByLabel('Wiederholung').selectOption('weekly');
	await page.getByLabel('Wochentag').selectOption(weekday);
	await page.getByLabel('Uhrzeit').fill('14:00');
	await page.getByLabel('Erster Termin').fill(startDate);
	await page.locator('.check-row', { hasText: 'Julia Neumann' }).getByLabel('Mitglied').check();
	await page.getByRole('button', { name: 'Sitzungsreihe anlegen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Sitzungsreihe wurde angelegt');
	await expectAccessible(page);
	await page.getByRole('region', { name: 'Nächste Termine' }).or(page.locator('section', { hasText: 'Nächste Termine' })).getByRole('link').first().click();
	await page.waitForURL(/\/meetings\/\d+$/);
	return new URL(page.url()).pathname;
}

test('a coordinator creates series and publishes a meeting', async ({ page }) => {
	await login(page, 'koordination@demo.example');
	await visit(page, '/meetings');
	await expectAccessible(page);
	await visit(page, '/meetings?view=month');
	await expectAccessible(page);
	await visit(page, '/series/new');
	await expectAccessible(page);
	// A holiday is flagged as soon as the date is chosen, before anything is saved.
	await page.getByLabel('Erster Termin').fill('2027-12-25');
	await page.getByLabel('Erster Termin').dispatchEvent('change');
	await expect(page.getByTestId('holiday-hint')).toHaveText('Feiertag in NRW: 1. Weihnachtstag');
	await page.getByLabel('Erster Termin').fill('2027-12-28');
	await page.getByLabel('Erster Termin').dispatchEvent('change');
	await expect(page.getByTestId('holiday-hint')).toHaveText('');
	// Validation keeps the input.
	await page.getByLabel('Titel', { exact: true }).fill('E2');
	await page.getByLabel('Erster Termin').fill(startDate);
	await page.getByRole('button', { name: 'Sitzungsreihe anlegen' }).click();
	await expect(page.getByText('Bitte geben Sie einen Titel mit mindestens drei Zeichen an.')).toBeVisible();
	await expectAccessible(page);

	meetingUrl = await createSeries(page, 'E2E Fallkonferenz', '0');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Mitglieder einladen' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Die Einladungen wurden in den Postausgang gestellt.');
	lateMeetingUrl = await createSeries(page, 'E2E Frist abgelaufen', '30');
});

test('a coordinator opens the edit form of a series and saves it; a member is not offered it', async ({ page, browser }) => {
	await login(page, 'koordination@demo.example');
	await visit(page, '/meetings');
	await page.getByRole('link', { name: 'E2E Fallkonferenz', exact: true }).click();
	await page.waitForURL(/\/series\/\d+$/);
	const seriesPath = new URL(page.url()).pathname;
	// The view does not carry the form (and its list of every user) until it is opened.
	await expect(page.getByLabel('Wiederholung')).toHaveCount(0);
	await page.getByRole('link', { name: 'Sitzungsreihe bearbeiten' }).click();
	await page.waitForURL(`${seriesPath}?edit#edit-h`);
	const place = page.getByRole('region', { name: 'Sitzungsreihe bearbeiten' }).getByLabel('Ort oder Videokonferenz');
	await expect(place).toHaveValue('Kreishaus Soest, Raum 2.14');
	await expectAccessible(page);
	await place.fill('Kreishaus Soest, Raum 3.01');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Die Änderungen wurden gespeichert.' })).toBeVisible();
	await visit(page, seriesPath);
	await expect(page.getByText('Kreishaus Soest, Raum 3.01').first()).toBeVisible();

	// Julia Neumann (Warstein) is a member of the series, not its coordinator.
	const member = await (await browser.newContext()).newPage();
	await login(member, 'asd.warstein@demo.example');
	await visit(member, `${seriesPath}?edit`);
	await expect(member.getByRole('link', { name: 'Sitzungsreihe bearbeiten' })).toHaveCount(0);
	await expect(member.getByLabel('Wiederholung')).toHaveCount(0);
});

test('a member submits before the deadline and is refused after it; outsiders get 404', async ({ page }) => {
	await login(page, 'asd.warstein@demo.example');
	await visit(page, meetingUrl);
	await page.getByRole('button', { name: 'Zusage' }).click();
	await expect(page.getByText('Ihre Rückmeldung: Zusage')).toBeVisible();
	await visit(page, `${meetingUrl}/agenda`);
	await expectAccessible(page);
	for (const title of ['Schulabsentismus Kind A', 'Erreichbarkeit Rufbereitschaft']) {
		await page.getByLabel('Titel', { exact: true }).fill(title);
		await page.getByLabel('Beschreibung (Markdown)').fill('Sachstand **kurz** vortragen.');
		await page.getByRole('button', { name: 'Punkt anmelden' }).click();
		await expect(page.getByRole('status')).toContainText('Ihr Tagesordnungspunkt wurde angemeldet');
	}
	await expect(page.getByTestId('agenda-item')).toHaveCount(2);
	// An own proposed item is edited (through the PII review) and withdrawn.
	await page.getByLabel('Titel', { exact: true }).fill('Zum Zurückziehen');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Tagesordnungspunkt wurde angemeldet');
	const own = page.getByTestId('agenda-item').filter({ hasText: 'Zum Zurückziehen' });
	await own.getByText('Eigenen Punkt bearbeiten oder zurückziehen').click();
	await own.getByLabel('Titel ändern').fill('Zum Zurückziehen, Rücksprache mit Frau Brinkhoff');
	await own.getByRole('button', { name: 'Speichern' }).click();
	await expect(own.getByTestId('pii-finding')).toContainText('Brinkhoff');
	await expectAccessible(page);
	await own.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Rücksprache mit Frau [Name]' })).toHaveCount(1);
	const edited = page.getByTestId('agenda-item').filter({ hasText: 'Rücksprache mit Frau [Name]' });
	if (!(await edited.getByTestId('own-item-edit').evaluate((d) => (d as HTMLDetailsElement).open))) await edited.getByText('Eigenen Punkt bearbeiten oder zurückziehen').click();
	page.once('dialog', (dialog) => void dialog.accept());
	await edited.getByRole('button', { name: 'Punkt zurückziehen' }).click();
	await expect(page.getByRole('status')).toContainText('Der Punkt wurde zurückgezogen.');
	await expect(page.getByTestId('agenda-item')).toHaveCount(2);

	await visit(page, `${lateMeetingUrl}/agenda`);
	await expect(page.getByText('Die Anmeldefrist ist abgelaufen. Sie können einen Punkt nur noch als verspätete Anmeldung einreichen')).toBeVisible();
	await page.getByLabel('Titel', { exact: true }).fill('Zu spät eingereicht');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('alert')).toContainText('Die Anmeldefrist ist abgelaufen');
	await expect(page.getByLabel('Titel', { exact: true })).toHaveValue('Zu spät eingereicht');
	await expectAccessible(page);
	await logout(page);

	await login(page, 'kripo@demo.example');
	for (const path of [meetingUrl, `${meetingUrl}/agenda`, `${meetingUrl}/agenda/print`]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(404);
		await expect(page.getByText('Schulabsentismus')).toHaveCount(0);
	}
});

test('the coordinator accepts, defers and reorders items and publishes the agenda', async ({ page }) => {
	await login(page, 'koordination@demo.example');
	await visit(page, `${meetingUrl}/agenda`);
	const first = page.getByTestId('agenda-item').filter({ hasText: 'Schulabsentismus Kind A' });
	await first.getByRole('button', { name: 'Annehmen' }).click();
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Schulabsentismus Kind A' })).toContainText('aufgenommen');
	await page.getByTestId('agenda-item').filter({ hasText: 'Erreichbarkeit' }).getByRole('button', { name: 'Vertagen' }).click();
	await expect(page.getByRole('status')).toHaveText('Der Punkt wurde auf die nächste Sitzung der Reihe vertagt.');
	await expect(page.getByRole('heading', { name: 'Auf eine spätere Sitzung vertagt' })).toBeVisible();

	await page.getByLabel('Titel', { exact: true }).fill('Begrüßung und Protokoll');
	await page.getByLabel('Gewünschte Zeit (Minuten)').fill('5');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByTestId('agenda-item')).toHaveCount(2);
	await page.getByRole('button', { name: '„Begrüßung und Protokoll“ nach oben verschieben' }).click();
	await expect(page.getByTestId('agenda-item').first()).toContainText(/TOP 1\s*14:00 Uhr\s*Begrüßung und Protokoll/);
	await expect(page.getByTestId('agenda-item').nth(1)).toContainText(/TOP 2\s*14:05 Uhr\s*Schulabsentismus Kind A/);
	await expectAccessible(page);
	// Other people's items are sent as HTML only: their Markdown source is for the author's edit form.
	await expect(page.getByTestId('agenda-item').nth(1).locator('strong', { hasText: 'kurz' })).toBeVisible();
	const agendaData = await (await page.request.get(`${meetingUrl}/agenda/__data.json`)).text();
	expect(agendaData).toContain('kurz');
	expect(agendaData).not.toContain('**kurz**');

	await page.getByRole('button', { name: 'Tagesordnung veröffentlichen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Tagesordnung wurde veröffentlicht');
	await visit(page, `${meetingUrl}/agenda/print`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einladung und Tagesordnung');
	await expect(page.getByText('TOP 2')).toBeVisible();
	await expectAccessible(page);

	// The meeting page lists the accepted items' titles, not their texts, and no participant's e-mail address.
	await visit(page, meetingUrl);
	await expect(page.getByText('Schulabsentismus Kind A')).toBeVisible();
	const data = await (await page.request.get(`${meetingUrl}/__data.json`)).text();
	expect(data).toContain('Schulabsentismus Kind A');
	expect(data).not.toContain('Sachstand');
	expect(data).not.toContain('asd.warstein@demo.example');
});

test("the member's calendar feed has the meeting, then its cancellation", async ({ page, browser }) => {
	await login(page, 'asd.warstein@demo.example');
	await visit(page, '/account');
	await page.getByRole('button', { name: 'Kalender-Link erzeugen' }).click();
	const url = (await page.getByTestId('calendar-url').innerText()).trim();
	expect(url).toMatch(new RegExp(`^${ORIGIN}/calendar/[a-z2-7]{32}\\.ics$`));
	await expectAccessible(page);

	const feed = async () => {
		const response = await page.request.get(url);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('text/calendar');
		const events = ICAL.Component.fromString(await response.text()).getAllSubcomponents('vevent');
		return events.filter((e) => e.getFirstPropertyValue('summary') === 'E2E Fallkonferenz');
	};
	const before = await feed();
	expect(before.length).toBeGreaterThan(0);
	const start = (before[0].getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
	expect(start.getTime()).toBeGreaterThan(Date.now());
	expect(before[0].getFirstPropertyValue('status')).toBe('CONFIRMED');

	const coordinator = await browser.newPage();
	await login(coordinator, 'koordination@demo.example');
	await visit(coordinator, meetingUrl);
	await coordinator.getByLabel('Grund der Absage').fill('Terminkollision mit dem Kreistag');
	await coordinator.getByRole('button', { name: 'Sitzung absagen' }).click();
	await expect(coordinator.getByRole('status').first()).toHaveText('Die Sitzung wurde abgesagt.');
	await coordinator.close();

	const after = await feed();
	const cancelled = after.find((e) => (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime() === start.getTime());
	expect(cancelled?.getFirstPropertyValue('status')).toBe('CANCELLED');
	expect(cancelled?.getFirstPropertyValue('uid')).toBe(before[0].getFirstPropertyValue('uid'));

	// A new link disables the old one.
	await page.getByRole('button', { name: 'Neuen Kalender-Link erzeugen' }).click();
	await expect(page.getByRole('status')).toContainText('Ein neuer Kalender-Link wurde erzeugt');
	expect((await page.request.get(url)).status()).toBe(404);
});

test('the dashboard shows the next meetings and deadlines', async ({ page }) => {
	await login(page, 'asd.lippstadt@demo.example');
	await expect(page.getByRole('heading', { name: 'Nächste Sitzungen' })).toBeVisible();
	await expect(page.locator('section', { hasText: 'Nächste Sitzungen' }).getByRole('link').first()).toBeVisible();
	await expectAccessible(page);
});

test('rejected items follow the agenda, collapsed; a coordinator’s own item is confirmed as taken up', async ({ page }) => {
	await login(page, 'koordination@demo.example');
	await visit(page, '/meetings');
	// The demo rejected an item of the next Fallkonferenz whose deadline has not passed.
	const meetings = await page.locator('main a[href^="/meetings/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!).filter((h) => /^\/meetings\/\d+$/.test(h)))]);
	for (const href of meetings) {
		await visit(page, `${href}/agenda`);
		if (await page.getByTestId('rejected-items').count()) break;
	}
	const rejected = page.getByTestId('rejected-items');
	await expect(rejected).toContainText('Abgelehnte Punkte (1)');
	await expect(rejected).toContainText('Fortbildung Gesprächsführung');
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Fortbildung Gesprächsführung' })).toHaveCount(0);
	await page.getByLabel('Titel', { exact: true }).fill('Bericht aus der Leitungsrunde');
	await page.getByRole('button', { name: 'Punkt anmelden' }).click();
	await expect(page.getByRole('status')).toContainText('in die Tagesordnung aufgenommen');
	await expectAccessible(page);
});
