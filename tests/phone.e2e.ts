import { expect, test } from '@playwright/test';
import { login, visit, ORIGIN } from './helpers';

// A police officer on a phone: no page may scroll sideways at 390 px (tables scroll inside their region).
test.use({ viewport: { width: 390, height: 844 } });

for (const locale of ['de', 'en']) test(`no page scrolls horizontally at 390 px (${locale})`, async ({ page, browser }) => {
	await login(page, 'asd.warstein@demo.example');
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ORIGIN }]);
	await visit(page, '/meetings');
	const meeting = await page.locator('main a[href^="/meetings/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!).find((h) => /^\/meetings\/\d+$/.test(h))!);
	const series = await page.locator('main a[href^="/series/"]').first().getAttribute('href');
	await visit(page, '/cases');
	const kase = await page.locator('main a[href^="/cases/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!).find((h) => /^\/cases\/\d+$/.test(h))!);
	await visit(page, '/actions/overview');
	const action = await page.locator('main a[href^="/actions/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!).find((h) => /^\/actions\/\d+$/.test(h))!);
	await visit(page, action);
	const minutes = await page.locator('main a[href$="/minutes"]').first().getAttribute('href');
	const widths: Record<string, number> = {};
	for (const path of ['/', '/meetings', series!, meeting, `${meeting}/agenda`, `${meeting}/agenda/print`, `${meeting}/minutes`, '/cases', kase, '/account', '/actions', '/actions/overview', action, minutes!, `${minutes}/versions`, `${minutes}/print`, '/search?q=Kind']) {
		await visit(page, path);
		widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
	}
	expect(await page.locator('html').getAttribute('lang')).toBe(locale);
	// The minutes keep the item labels they began with ("TOP 1"); they read in the page's language.
	await visit(page, `${minutes}/print`);
	await expect(page.locator('.top').first()).toHaveText(locale === 'en' ? /^Item \d+$/ : /^TOP \d+$/);
	// A coordinator's series page with its edit form opened.
	const coordinator = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
	await login(coordinator, 'koordination@demo.example');
	await coordinator.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ORIGIN }]);
	await visit(coordinator, `${series}?edit`);
	await expect(coordinator.locator('#edit-h')).toBeVisible();
	widths[`${series}?edit`] = await coordinator.evaluate(() => document.documentElement.scrollWidth);
	expect(Object.entries(widths).filter(([, w]) => w > 390)).toEqual([]);
	});
