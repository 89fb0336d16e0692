import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld } from './testing/fixtures';
import { openTestKeysDb, type KeysDb } from './keystore';
import { DomainError } from './errors';
import { pageInfo, parsePage } from './pagination';
import { createSeries, listMeetingsPage, listSeries } from './meetings';
import { submitAgendaItem, myAgendaItems } from './agenda';
import { getDashboard, DASHBOARD_WEEKS } from './users/dashboard';
import { eq } from 'drizzle-orm';
import { organisation, user } from './db/schema';
import { consumeRecoveryCode, newTotpKey, replaceRecoveryCodes, sealTotpKey } from './auth/totp';
import { createSession, generateSessionToken } from './auth/session';
import { hasLinkableOpenCase, listCases, listOpenCaseChoices, openCasesFitList, registerCase, closeCase } from './cases';

let w: TestWorld;
let keys: KeysDb & { cleanup(): void };
const NOW = new Date('2026-01-10T09:00:00Z');
const meta = { ...META, now: NOW };

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

describe('page parameter', () => {
	it('is 1 when missing, a 400 when not a positive whole number, and clamps to the last page', () => {
		expect(parsePage(null)).toBe(1);
		expect(parsePage('')).toBe(1);
		expect(parsePage('7')).toBe(7);
		for (const bad of ['0', '-1', '1.5', 'abc', '2e3', ' 2', '0x10', '1000001', '99999999999999999999']) {
			expect(() => parsePage(bad), bad).toThrow(DomainError);
			try {
				parsePage(bad);
			} catch (e) {
				expect((e as DomainError).status).toBe(400);
				expect((e as DomainError).code).toBe('page_invalid');
			}
		}
		expect(pageInfo(0, 5, 25)).toEqual({ page: 1, pages: 1, total: 0, pageSize: 25, offset: 0 });
		expect(pageInfo(51, 3, 25)).toEqual({ page: 3, pages: 3, total: 51, pageSize: 25, offset: 50 });
		expect(pageInfo(51, 9, 25)).toMatchObject({ page: 3, offset: 50 });
	});
});

describe('meetings list', () => {
	it('pages upcoming (earliest first) and past (latest first) meetings without gaps or repeats', () => {
		const id = createSeries(w.db, w.coordinator, monthlySeriesInput(w), meta);
		// Twelve monthly meetings from February 2026 to January 2027.
		const p1 = listMeetingsPage(w.db, w.member, { view: 'upcoming', seriesId: id, page: 1, pageSize: 5, now: NOW });
		const p2 = listMeetingsPage(w.db, w.member, { view: 'upcoming', seriesId: id, page: 2, pageSize: 5, now: NOW });
		const p3 = listMeetingsPage(w.db, w.member, { view: 'upcoming', seriesId: id, page: 3, pageSize: 5, now: NOW });
		expect([p1.total, p1.pages, p1.meetings.length, p2.meetings.length, p3.meetings.length]).toEqual([12, 3, 5, 5, 2]);
		const starts = [...p1.meetings, ...p2.meetings, ...p3.meetings].map((mt) => mt.startsAt.getTime());
		expect(new Set(starts).size).toBe(12);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(p2.meetings[0].startsAt > p1.meetings[4].startsAt).toBe(true);
		// Beyond the end: the last page, and it says so.
		const beyond = listMeetingsPage(w.db, w.member, { view: 'upcoming', seriesId: id, page: 40, pageSize: 5, now: NOW });
		expect(beyond).toMatchObject({ page: 3, pages: 3 });
		expect(beyond.meetings.map((mt) => mt.id)).toEqual(p3.meetings.map((mt) => mt.id));
		// A year later all of them are past: latest first.
		const later = new Date('2027-06-01T00:00:00Z');
		const past = listMeetingsPage(w.db, w.police, { view: 'past', page: 1, pageSize: 5, now: later });
		expect(past.total).toBe(12);
		expect(past.meetings[0].startsAt.getTime()).toBe(Math.max(...starts));
		expect(listMeetingsPage(w.db, w.member, { view: 'upcoming', page: 1, now: later })).toMatchObject({ total: 0, pages: 1, meetings: [] });
		// Rows carry what the list shows.
		expect(p1.meetings[0]).toMatchObject({ seriesTitle: 'Fallkonferenz', holiday: null });
		expect(p1.meetings[0].deadline.getTime()).toBe(p1.meetings[0].startsAt.getTime() - 7 * 86_400_000);
	});

	it('shows outsiders nothing and reads every series role in one go', () => {
		const id = createSeries(w.db, w.coordinator, monthlySeriesInput(w), meta);
		const outsider = w.addUser('schule@test.example', ['member'], 'other');
		expect(listMeetingsPage(w.db, outsider, { view: 'upcoming', now: NOW })).toMatchObject({ total: 0, pages: 1, meetings: [] });
		expect(listMeetingsPage(w.db, outsider, { view: 'upcoming', seriesId: id, now: NOW }).meetings).toEqual([]);
		expect(listSeries(w.db, w.coordinator).map((s) => s.role)).toEqual(['coordinator']);
		expect(listSeries(w.db, w.member).map((s) => s.role)).toEqual(['member']);
		expect(listSeries(w.db, w.police).map((s) => s.role)).toEqual(['member']);
		expect(listSeries(w.db, outsider)).toEqual([]);
	});
});

describe('dashboard', () => {
	it("states the account's own facts: organisation, second factor, unused recovery codes, sessions", () => {
		const facts = (a: TestWorld['member']) => {
			const d = getDashboard(w.db, a, NOW);
			return [d.organisationName, d.hasTotp, d.recoveryCodesLeft, d.sessions];
		};
		const org = w.db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, w.member.organisationId)).get()!.name;
		expect(facts(w.member)).toEqual([org, false, 0, 0]);
		w.db.update(user).set({ totpKey: sealTotpKey(newTotpKey()) }).where(eq(user.id, w.member.id)).run();
		const codes = replaceRecoveryCodes(w.db, w.member.id);
		expect(consumeRecoveryCode(w.db, w.member.id, codes[0])).toBe(true);
		createSession(w.db, generateSessionToken(), w.member.id, { twoFactorVerified: true });
		createSession(w.db, generateSessionToken(), w.member.id);
		createSession(w.db, generateSessionToken(), w.police.id);
		expect(facts(w.member)).toEqual([org, true, codes.length - 1, 2]);
		// Someone else's are not counted.
		expect(facts(w.police).slice(1)).toEqual([false, 0, 1]);
	});

	it('looks DASHBOARD_WEEKS weeks ahead only and bounds the own items', () => {
		createSeries(w.db, w.coordinator, monthlySeriesInput(w), meta);
		const d = getDashboard(w.db, w.member, NOW);
		const until = NOW.getTime() + DASHBOARD_WEEKS * 7 * 86_400_000;
		expect(d.nextMeetings.length).toBeGreaterThan(0);
		expect(d.nextMeetings.every((mt) => mt.startsAt.getTime() >= NOW.getTime() && mt.startsAt.getTime() < until)).toBe(true);
		// 3 February and 3 March 2026; 7 April is beyond eight weeks.
		expect(d.nextMeetings).toHaveLength(2);
		// Deadlines are not cut at the window: the next five open ones, so a cancelled or moved
		// meeting never leaves the list empty while later meetings take submissions.
		expect(d.deadlines.slice(0, 2).map((mt) => mt.id)).toEqual(d.nextMeetings.map((mt) => mt.id));
		expect(d.deadlines).toHaveLength(5);
		expect(d.deadlines[4].startsAt.getTime()).toBeGreaterThan(until);
	});

	it('lists own items of upcoming meetings only, earliest first, at most the limit', () => {
		const id = createSeries(w.db, w.coordinator, monthlySeriesInput(w), meta);
		const meetings = listMeetingsPage(w.db, w.member, { view: 'upcoming', seriesId: id, now: NOW }).meetings;
		for (const [i, mt] of meetings.slice(0, 3).entries()) {
			for (const n of [1, 2]) submitAgendaItem(w.db, keys, w.member, mt.id, { kind: 'topic', title: `Thema ${i + 1}.${n}`, text: 'Austausch', requestedMinutes: 10 }, meta);
		}
		expect(myAgendaItems(w.db, w.member, NOW).map((r) => r.item.title)).toEqual(['Thema 1.1', 'Thema 1.2', 'Thema 2.1', 'Thema 2.2', 'Thema 3.1', 'Thema 3.2']);
		expect(myAgendaItems(w.db, w.member, NOW, 3)).toHaveLength(3);
		// After the first meeting: its items are gone from the list.
		expect(myAgendaItems(w.db, w.member, new Date(meetings[0].startsAt.getTime() + 1)).map((r) => r.item.title)[0]).toBe('Thema 2.1');
		expect(myAgendaItems(w.db, w.coordinator, NOW)).toEqual([]);
	});
});

describe('cases list', () => {
	const input = (label: string) => ({ label, persons: [{ role: 'child', name: 'Lena Krause', birthDate: '2018-03-12', address: '' }] });

	it('pages the cases (open first, newest first), filters by status and text, pseudonyms per page only', () => {
		const codes = ['F-2A22', 'F-3B33', 'F-4C44', 'F-5D55', 'F-6E66'];
		const ids = codes.map((code, i) => registerCase(w.db, keys, w.member, input(`Meldung Nummer ${i + 1}`), META, { generateCode: () => code }).id);
		closeCase(w.db, w.member, ids[0], { version: 1 }, META);
		const p1 = listCases(w.db, w.police, { page: 1, pageSize: 2 });
		const p2 = listCases(w.db, w.police, { page: 2, pageSize: 2 });
		const p3 = listCases(w.db, w.police, { page: 3, pageSize: 2 });
		expect([p1.total, p1.pages, p1.cases.length, p2.cases.length, p3.cases.length]).toEqual([5, 3, 2, 2, 1]);
		const order = [...p1.cases, ...p2.cases, ...p3.cases].map((c) => c.code);
		expect(order).toEqual(['F-6E66', 'F-5D55', 'F-4C44', 'F-3B33', 'F-2A22']);
		expect(p1.cases[0].pseudonyms).toEqual(['Kind A']);
		expect(listCases(w.db, w.police, { page: 99, pageSize: 2 })).toMatchObject({ page: 3, pages: 3 });
		expect(listCases(w.db, w.police, { status: 'closed' }).cases.map((c) => c.code)).toEqual(['F-2A22']);
		expect(listCases(w.db, w.police, { status: 'open' }).total).toBe(4);
		expect(listCases(w.db, w.police, { q: '4c4' }).cases.map((c) => c.code)).toEqual(['F-4C44']);
		expect(listCases(w.db, w.police, { q: 'nummer 5' }).cases.map((c) => c.code)).toEqual(['F-6E66']);
		// LIKE wildcards in the text are literal.
		expect(listCases(w.db, w.police, { q: '%' }).total).toBe(0);
		expect(listCases(w.db, w.police, { q: '_' }).total).toBe(0);
		expect(listCases(w.db, w.police).pageSize).toBe(50);
		// The agenda's choices: open cases only, without pseudonyms.
		const choices = listOpenCaseChoices(w.db, w.member);
		expect(choices.map((c) => c.code)).toEqual(['F-6E66', 'F-5D55', 'F-4C44', 'F-3B33']);
		expect(choices.every((c) => c.canReveal)).toBe(true);
		expect(listOpenCaseChoices(w.db, w.police).some((c) => c.canReveal)).toBe(false);
		expect(Object.keys(choices[0]).sort()).toEqual(['canReveal', 'code', 'id', 'label']);
	});

	it('lists the open cases for the submit form only while they fit a list, counting open cases only', () => {
		expect(openCasesFitList(w.db, w.police, 2)).toBe(true);
		const ids = ['F-2A22', 'F-3B33', 'F-4C44'].map((code, i) => registerCase(w.db, keys, w.member, input(`Meldung ${i + 1}`), META, { generateCode: () => code }).id);
		expect(openCasesFitList(w.db, w.police, 2)).toBe(false);
		expect(openCasesFitList(w.db, w.police, 3)).toBe(true);
		expect(openCasesFitList(w.db, w.police)).toBe(true);
		closeCase(w.db, w.member, ids[0], { version: 1 }, META);
		expect(openCasesFitList(w.db, w.police, 2)).toBe(true);
	});

	it('knows whether there is a case to link without reading them all, as the full list says', () => {
		const linkable = (actor: TestWorld['member']) => listOpenCaseChoices(w.db, actor).some((c) => c.canReveal);
		const everyone = [w.admin, w.coordinator, w.member, w.police];
		const agree = () => everyone.map((a) => hasLinkableOpenCase(w.db, a) === linkable(a));
		expect(everyone.map((a) => hasLinkableOpenCase(w.db, a))).toEqual([false, false, false, false]);
		const ids = ['F-2A22', 'F-3B33'].map((code, i) => registerCase(w.db, keys, w.member, input(`Meldung ${i + 1}`), META, { generateCode: () => code }).id);
		expect(hasLinkableOpenCase(w.db, w.member)).toBe(true);
		expect(hasLinkableOpenCase(w.db, w.police)).toBe(false);
		expect(agree()).toEqual([true, true, true, true]);
		// Closed cases cannot be linked any more.
		closeCase(w.db, w.member, ids[0], { version: 1 }, META);
		expect(hasLinkableOpenCase(w.db, w.member)).toBe(true);
		closeCase(w.db, w.member, ids[1], { version: 1 }, META);
		expect(hasLinkableOpenCase(w.db, w.member)).toBe(false);
		expect(agree()).toEqual([true, true, true, true]);
	});
});
