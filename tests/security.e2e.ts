import { expect, test, type Browser } from '@playwright/test';
import { login, ORIGIN } from './helpers';


async function signedIn(browser: Browser, email: string) {
	const page = await (await browser.newContext()).newPage();
	await login(page, email);
	return page;
}

test('admin data stay with admins, also through __data.json without the layout', async ({ browser }) => {
	for (const email of ['koordination@demo.example', 'kripo@demo.example', 'asd.warstein@demo.example']) {
		const page = await signedIn(browser, email);
		for (const path of ['/admin/organisations', '/admin/users/new', '/admin/users', '/admin/audit', '/admin/outbox']) {
			// "0001": SvelteKit runs only the page's own load, none of the layouts above it.
			for (const invalidated of ['0001', '1111']) {
				const res = await page.request.get(`${path}/__data.json?x-sveltekit-invalidated=${invalidated}`);
				const body = await res.text();
				expect(body, `${email} ${path} ${invalidated}`).not.toContain('Kreispolizeibehörde');
				expect(body).not.toContain('admin@demo.example');
				expect(body).toMatch(/"status":403|"type":"error"/);
			}
		}
		await page.context().close();
	}
});

test('redirect targets never leave the site, and control characters give no 500', async ({ browser, request }) => {
	for (const target of ['/%09/evil.example/', '//evil.example/', '/\\evil.example', '/%0D%0ASet-Cookie:%20x=1', 'https://evil.example/']) {
		const res = await request.post('/language', { form: { locale: 'de', redirectTo: decodeURIComponent(target) }, headers: { origin: ORIGIN }, maxRedirects: 0 });
		expect(res.status(), target).toBe(303);
		expect(res.headers()['location'], target).toBe('/');
	}
	const page = await signedIn(browser, 'asd.warstein@demo.example');
	for (const target of ['/%09/evil.example/', '%2F%2Fevil.example', '/%0D%0Ax']) {
		const res = await page.request.get(`/login?redirectTo=${target}`, { maxRedirects: 0 });
		expect(res.status(), target).toBe(303);
		expect(res.headers()['location'], target).toBe('/');
	}
	await page.context().close();
});

test('hostile form bodies get a 400 with a message, never a 500', async ({ browser }) => {
	const page = await signedIn(browser, 'koordination@demo.example');
	const post = (path: string, body: string, type: string) => page.request.post(path, { data: body, headers: { origin: ORIGIN, 'content-type': type }, maxRedirects: 0 });
	for (const path of ['/account?/password', '/cases/new', '/series/new', '/admin/organisations', '/language']) {
		for (const [body, type] of [
			['title=x', 'text/plain'],
			['--x\r\nbroken', 'multipart/form-data; boundary=x'],
			['a=b', 'multipart/form-data']
		]) {
			const res = await post(path, body, type);
			expect(res.status(), `${path} ${type}`).toBe(400);
			expect(await res.text()).toContain('Formulardaten');
		}
	}
	// Ids beyond the integer range, in hex or with signs are a 404, not a 500.
	for (const id of ['99999999999999999999', '0x10', '-1', '1e3']) {
		expect((await page.request.get(`/meetings/${id}`)).status(), id).toBe(404);
		expect((await page.request.get(`/cases/${id}`)).status(), id).toBe(404);
	}
	await page.context().close();
});
