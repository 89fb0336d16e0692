/**
 * Access before input (access matrix, tests/zz-access-matrix.e2e.ts): invalid input to a series or
 * meeting of another series is the same 404 as valid input, a member without the permission gets
 * the 403, and nothing is written; who may act still learns what was wrong with the input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../access';
import { cancelMeeting, createExtraMeeting, createSeries, listMeetings, moveMeeting, respondToMeeting, updateSeries } from '.';
import { expectRefusedUnchanged } from '../testing/refused';

let w: TestWorld;
let seriesId: number;
let meetingId: number;
let outsider: Actor;
const meta = { ...META, now: new Date('2026-01-10T09:00:00Z') };
const BASE = 'https://fk.example';
const IMPOSSIBLE = { date: '2027-02-30', time: '25:00', durationMinutes: '5', place: '' };

beforeEach(async () => {
	w = await setupDb();
	seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), meta);
	meetingId = listMeetings(w.db, w.coordinator, { seriesId })[0].id;
	// Another office's coordinator: the global role gives nothing in a series they do not belong to.
	outsider = w.addUser('fremd@test.example', ['member', 'coordinator'], 'other');
});
afterEach(() => w.cleanup());

function refusedUnchanged(run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	expectRefusedUnchanged([w.db.$client], run, error);
}

describe('meetings: access before input', () => {
	it('updateSeries: 404 outside the series, 403 for members, the field errors for the coordinator', () => {
		const invalid = { ...monthlySeriesInput(w), title: '', durationMinutes: 1, version: 999 };
		refusedUnchanged(() => updateSeries(w.db, outsider, seriesId, invalid, meta), NotFoundError);
		refusedUnchanged(() => updateSeries(w.db, w.police, seriesId, invalid, meta), ForbiddenError);
		expect(() => updateSeries(w.db, w.coordinator, seriesId, invalid, meta)).toThrow(ValidationError);
	});

	it('moveMeeting and createExtraMeeting: an impossible date is a 404 outside the series and a 403 for members', () => {
		refusedUnchanged(() => moveMeeting(w.db, outsider, meetingId, { ...IMPOSSIBLE, version: 1 }, BASE, meta), NotFoundError);
		refusedUnchanged(() => moveMeeting(w.db, w.member, meetingId, { ...IMPOSSIBLE, version: 1 }, BASE, meta), ForbiddenError);
		expect(() => moveMeeting(w.db, w.coordinator, meetingId, { ...IMPOSSIBLE, version: 1 }, BASE, meta)).toThrow(ValidationError);
		refusedUnchanged(() => createExtraMeeting(w.db, outsider, seriesId, IMPOSSIBLE, meta), NotFoundError);
		refusedUnchanged(() => createExtraMeeting(w.db, w.police, seriesId, IMPOSSIBLE, meta), ForbiddenError);
		expect(() => createExtraMeeting(w.db, w.coordinator, seriesId, IMPOSSIBLE, meta)).toThrow(ValidationError);
	});

	it('cancelMeeting: no reason is a 404 outside the series and a 403 for members, cancel_reason_required for the coordinator', () => {
		refusedUnchanged(() => cancelMeeting(w.db, outsider, meetingId, { reason: '', version: 1 }, BASE, meta), NotFoundError);
		refusedUnchanged(() => cancelMeeting(w.db, w.member, meetingId, { reason: '', version: 1 }, BASE, meta), ForbiddenError);
		expect(() => cancelMeeting(w.db, w.coordinator, meetingId, { reason: '', version: 1 }, BASE, meta)).toThrow(expect.objectContaining({ code: 'cancel_reason_required', status: 400 }));
	});

	it('respondToMeeting: a bad answer is a 404 outside the series, answer_invalid for members', () => {
		refusedUnchanged(() => respondToMeeting(w.db, outsider, meetingId, 'vielleicht', meta), NotFoundError);
		refusedUnchanged(() => respondToMeeting(w.db, w.admin, meetingId, 'vielleicht', meta), NotFoundError);
		expect(() => respondToMeeting(w.db, w.police, meetingId, 'vielleicht', meta)).toThrow(expect.objectContaining({ code: 'answer_invalid', status: 400 }));
	});
});
