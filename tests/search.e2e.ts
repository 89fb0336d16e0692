import { expect, test } from '@playwright/test';
import { expectAccessible, login, visit, ORIGIN } from './helpers';

test('search finds parts of words in what the member may read, marks them, and nothing of other series', async ({ browser }) => {
	const police = await (await browser.newContext()).newPage();
	await login(police, 'kripo@demo.example');
	await visit(police, '/search');
	await police.getByLabel('Suchbegriffe').fill('gefahrdungseinschatzung');
	await police.getByRole('button', { name: 'Suchen' }).click();
	await police.waitForURL(/\/search\?q=gefahrdungseinschatzung/);
	const hits = police.getByTestId('search-hits');
	await expect(hits.locator('li').first()).toBeVisible();
	await expect(hits.locator('mark').first()).toHaveText(/Gefährdungseinschätzung/i);
	await expectAccessible(police);
	// The Leitungsrunde's item: found by the police, who belong to it …
	await visit(police, '/search?q=Rufbereitschaftsliste+abstimmen');
	await expect(police.getByRole('status')).toHaveText('Treffer: 1');
	// … not by a Lippstadt case worker, by count or by snippet.
	const lippstadt = await (await browser.newContext()).newPage();
	await login(lippstadt, 'asd.lippstadt@demo.example');
	await visit(lippstadt, '/search?q=Rufbereitschaftsliste+abstimmen');
	await expect(lippstadt.getByRole('status')).toHaveText('Treffer: 0');
	await expect(lippstadt.getByTestId('search-hits').locator('li')).toHaveCount(0);
	expect(await lippstadt.content()).not.toContain('Entwurf der Rufbereitschaftsliste');
	// Too short a word is a hint; a malformed filter is a 400.
	await visit(lippstadt, '/search?q=ab');
	await expect(lippstadt.getByText('Jedes Suchwort braucht mindestens drei Zeichen.')).toBeVisible();
	expect((await lippstadt.request.get('/search?q=Kind&from=2026-02-30')).status()).toBe(400);
});

test('a stored placeholder reads in the language of its reader, in search and on the agenda', async ({ browser }) => {
	const page = await (await browser.newContext()).newPage();
	await login(page, 'koordination@demo.example');
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: ORIGIN }]);
	await visit(page, '/search?q=%5BPhone%5D');
	// The seeded item, wherever it ranks: earlier files (pii.e2e) add later items with a phone placeholder.
	const hit = page.getByTestId('search-hits').locator('li').filter({ hasText: 'Rufbereitschaft Jugendamt' });
	await expect(hit).toContainText('Rufbereitschaft Jugendamt: [Phone]');
	await expect(hit.locator('mark')).toHaveText('[Phone]');
	// The stored token never shows (the page data carry it; the page shows it in the reader's language).
	expect(await page.locator('main').innerText()).not.toContain('[[pii:');
	await expectAccessible(page);
	// The agenda the hit links to says the same; in German it is "[Telefon]".
	await hit.getByRole('link').first().click();
	await expect(page.getByText('Rufbereitschaft Jugendamt: [Phone]').first()).toBeVisible();
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'de', url: ORIGIN }]);
	await page.reload();
	await expect(page.getByText('Rufbereitschaft Jugendamt: [Telefon]').first()).toBeVisible();
	expect(await page.locator('main').innerText()).not.toContain('[[pii:');
});
