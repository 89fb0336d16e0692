import { expect, test } from '@playwright/test';
import { expectAccessible, visit, login, logout, totpCode, ORIGIN } from './helpers';

test('admin invites a new user, who sets a password, enrols TOTP and signs in with a code', async ({ page }) => {
	const email = `neu.${Date.now()}@demo.example`;
	const password = 'Ein langer Satz als Passwort 2026';

	await login(page, 'admin@demo.example');
	await visit(page, '/admin/users');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Benutzerkonto anlegen' }).click();
	await expectAccessible(page);

	// Validation first: nothing is lost, the errors sit at their fields.
	await page.getByLabel('Name').fill('Petra Sommer');
	// Passes the browser's own check, not the server's (which wants a domain with a dot).
	await page.getByLabel('E-Mail-Adresse').fill('petra@localhost');
	await page.getByLabel('Organisation').selectOption({ label: 'Jugendamt Soest' });
	await page.getByRole('button', { name: 'Anlegen und einladen' }).click();
	await expect(page.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.')).toBeVisible();
	await expect(page.getByLabel('Name')).toHaveValue('Petra Sommer');
	await expectAccessible(page);

	await page.getByLabel('E-Mail-Adresse').fill(email);
	await expect(page.getByLabel('Organisation')).toHaveValue(/\d+/);
	await page.getByRole('button', { name: 'Anlegen und einladen' }).click();
	await expect(page.getByRole('status')).toHaveText('Das Konto für Petra Sommer wurde angelegt.');
	const link = (await page.getByTestId('invitation-link').innerText()).trim();
	expect(link).toMatch(new RegExp(`^${ORIGIN}/invite/[a-z2-7]{32}$`));
	await expectAccessible(page);

	// The invitation is queued as an e-mail.
	await visit(page, '/admin/outbox');
	await expect(page.getByText(email).first()).toBeVisible();
	await expectAccessible(page);
	await visit(page, '/admin/audit?type=invitation.created');
	await expect(page.getByRole('cell', { name: 'invitation.created' }).first()).toBeVisible();
	await expectAccessible(page);
	await logout(page);

	await visit(page, link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einladung annehmen');
	await expectAccessible(page);
	// Long enough for the browser's own check; the server refuses the rest.
	await page.getByLabel('Neues Passwort', { exact: true }).fill('aaaaaaaaaaaaaaaa');
	await page.getByLabel('Neues Passwort wiederholen').fill('aaaaaaaaaaaaaaaa');
	await page.getByRole('button', { name: 'Passwort festlegen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Das Passwort darf nicht aus einem einzigen wiederholten Zeichen bestehen.');
	await expectAccessible(page);
	await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
	await page.getByLabel('Neues Passwort wiederholen').fill(password + ' anders');
	await page.getByRole('button', { name: 'Passwort festlegen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Die beiden Passwörter stimmen nicht überein.');
	await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
	await page.getByLabel('Neues Passwort wiederholen').fill(password);
	await page.getByRole('button', { name: 'Passwort festlegen' }).click();

	await expect(page).toHaveURL('/login/2fa/setup');
	await expectAccessible(page);
	// Without the second factor nothing else is reachable.
	await visit(page, '/');
	await expect(page).toHaveURL('/login/2fa/setup');
	const secret = (await page.getByTestId('totp-secret').innerText()).trim();
	await page.getByRole('textbox', { name: 'Code' }).fill('000000' === totpCode(secret) ? '111111' : '000000');
	await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
	await expect(page.getByRole('alert')).toContainText('Der Code ist nicht gültig');
	await page.getByRole('textbox', { name: 'Code' }).fill(totpCode(secret));
	await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
	await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(8);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Weiter zur Übersicht' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Guten Tag, Petra Sommer');

	// The link is single-use.
	await logout(page);
	const reused = await visit(page, link);
	expect(reused?.status()).toBe(410);

	// Sign in again: password, then a TOTP code computed here. The code of the next time step
	// is accepted (clock drift) and is not the one already used for the enrolment.
	await login(page, email, password);
	await expect(page).toHaveURL('/login/2fa');
	await expectAccessible(page);
	await page.getByRole('textbox', { name: 'Code' }).fill('123');
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('alert')).toContainText('Der Code ist nicht gültig');
	await page.getByRole('textbox', { name: 'Code' }).fill(totpCode(secret, 1));
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page).toHaveURL('/');
	await visit(page, '/account');
	await expect(page.getByText('Unbenutzte Wiederherstellungscodes: 8')).toBeVisible();
	await expectAccessible(page);
});
