import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { DURING, startedMinutes } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { NotFoundError } from '../errors';
import { finishMeeting, getMinutes, saveMinutesEntry } from '.';
import { approveMinutes, startCorrection } from './approval';
import { CACHE_LIMITS, minutesCaches, minutesPdfFor, minutesWithHtml, notesHtml, renderCounts, versionId } from './rendered';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let entryId: number;
const AFTER = { ...META, now: new Date('2026-02-05T09:00:00Z') };
const BASE = 'https://fallkonferenz.test';

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	({ meetingId, entryId } = startedMinutes(w, keys));
	saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Der **Schutzplan** gilt.', version: 1 }, DURING);
	finishMeeting(w.db, w.member, meetingId, AFTER);
	approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

const counts = () => ({ ...renderCounts });

describe('rendered notes of approved minutes', () => {
	it('renders an approved version once per language; a second request comes from the cache', () => {
		const before = counts();
		const first = minutesWithHtml(w.db, w.police, meetingId, 'de');
		expect(first.entries[0].html).toContain('<strong>Schutzplan</strong>');
		expect(renderCounts.notes - before.notes).toBe(1);
		const again = minutesWithHtml(w.db, w.coordinator, meetingId, 'de');
		expect(again.entries[0].html).toBe(first.entries[0].html);
		expect(renderCounts.notes - before.notes).toBe(1);
		// The print view and the versions page read the same version's notes.
		notesHtml(w.db, versionId(w.db, meetingId, 1), ['Der **Schutzplan** gilt.'], 'de');
		expect(renderCounts.notes - before.notes).toBe(1);
		minutesWithHtml(w.db, w.police, meetingId, 'en');
		expect(renderCounts.notes - before.notes).toBe(2);
	});

	it('never caches a draft, and a new version is not served the old one', () => {
		minutesWithHtml(w.db, w.coordinator, meetingId, 'de');
		startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'Schreibfehler im Protokoll berichtigt' }, AFTER);
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Der *Hilfeplan* gilt.', version: 2 }, AFTER);
		const before = counts();
		expect(minutesWithHtml(w.db, w.coordinator, meetingId, 'de').entries[0].html).toContain('<em>Hilfeplan</em>');
		minutesWithHtml(w.db, w.coordinator, meetingId, 'de');
		expect(renderCounts.notes - before.notes).toBe(2);
		approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
		const v2 = minutesWithHtml(w.db, w.police, meetingId, 'de');
		expect(v2.minutes?.approvedVersion).toBe(2);
		expect(v2.entries[0].html).toContain('<em>Hilfeplan</em>');
		expect(v2.entries[0].html).not.toContain('Schutzplan');
	});

	it('gives a refused actor nothing, whatever the cache holds', () => {
		minutesWithHtml(w.db, w.coordinator, meetingId, 'de');
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(() => minutesWithHtml(w.db, outsider, meetingId, 'de')).toThrow(NotFoundError);
	});
});

describe('PDF of approved minutes', () => {
	it('renders once per version and language, shares concurrent requests and serves a new version its own file', async () => {
		const before = counts();
		const [a, b] = await Promise.all([minutesPdfFor(w.db, w.police, meetingId, null, 'de'), minutesPdfFor(w.db, w.member, meetingId, null, 'de')]);
		expect(renderCounts.pdf - before.pdf).toBe(1);
		expect(a!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(b!.pdf).toBe(a!.pdf);
		expect((await minutesPdfFor(w.db, w.coordinator, meetingId, '1', 'de'))!.pdf).toBe(a!.pdf);
		expect(renderCounts.pdf - before.pdf).toBe(1);
		expect(await minutesPdfFor(w.db, w.coordinator, meetingId, '7', 'de')).toBeNull();

		startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'Schreibfehler im Protokoll berichtigt' }, AFTER);
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Der Hilfeplan gilt.', version: 2 }, AFTER);
		approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
		const v2 = await minutesPdfFor(w.db, w.police, meetingId, null, 'de');
		expect(v2!.version.number).toBe(2);
		expect(v2!.pdf).not.toBe(a!.pdf);
		expect(renderCounts.pdf - before.pdf).toBe(2);
		expect((await minutesPdfFor(w.db, w.police, meetingId, '1', 'de'))!.pdf).toBe(a!.pdf);
	});

	it('refuses an outsider before the cache is asked', async () => {
		await minutesPdfFor(w.db, w.coordinator, meetingId, null, 'de');
		const before = counts();
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		await expect(minutesPdfFor(w.db, outsider, meetingId, null, 'de')).rejects.toThrow(NotFoundError);
		expect(renderCounts.pdf).toBe(before.pdf);
		// A draft under correction: members still read the approved version; nobody gets a PDF of the draft.
		startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'Schreibfehler im Protokoll berichtigt' }, AFTER);
		expect(getMinutes(w.db, w.police, meetingId).hidden).toBe(true);
		expect((await minutesPdfFor(w.db, w.police, meetingId, null, 'de'))!.version.number).toBe(1);
	});

	it('stays within its byte limit', async () => {
		const cache = minutesCaches(w.db).pdf;
		for (let i = 0; i < CACHE_LIMITS.pdf.maxEntries + 5; i++) cache.set(`x${i}`, Buffer.alloc(Math.ceil(CACHE_LIMITS.pdf.maxBytes / 4)));
		expect(cache.bytes).toBeLessThanOrEqual(CACHE_LIMITS.pdf.maxBytes);
		expect(cache.size).toBeLessThanOrEqual(4);
		await minutesPdfFor(w.db, w.coordinator, meetingId, null, 'de');
		expect(cache.bytes).toBeLessThanOrEqual(CACHE_LIMITS.pdf.maxBytes);
		expect(cache.size).toBeLessThanOrEqual(CACHE_LIMITS.pdf.maxEntries);
	});
});
