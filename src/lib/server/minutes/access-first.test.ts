/**
 * Access before input (access matrix, tests/zz-access-matrix.e2e.ts): invalid input to the minutes
 * of another series is the same 404 as valid input, a member without the permission gets the 403,
 * and nothing is written. A state conflict (minutes not started, 409) stays behind the validation,
 * so who may act gets the same answers as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { DURING, startedMinutes } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../access';
import { addGuest, finishMeeting, saveAttendance, saveMinutesEntry } from '.';
import { addOutcome } from './outcomes';
import { approveMinutes, commentOnMinutes, startCorrection, submitMinutes } from './approval';
import { expectRefusedUnchanged } from '../testing/refused';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let nextMeetingId: number;
let entryId: number;
let outsider: Actor;
const AFTER = { ...META, now: new Date('2026-02-05T09:00:00Z') };
const BASE = 'https://fallkonferenz.test';

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	let meetings: { id: number }[];
	({ meetingId, entryId, meetings } = startedMinutes(w, keys));
	nextMeetingId = meetings[1].id;
	outsider = w.addUser('fremd@test.example', ['member', 'coordinator'], 'other');
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

function refusedUnchanged(run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	expectRefusedUnchanged([w.db.$client, keys.$client], run, error);
}

describe('minutes: access before input', () => {
	it('saveMinutesEntry: a bad version is a 404 outside the series and a 403 for members who do not take the minutes', () => {
		const bad = { notes: 'x', version: 'alt' };
		refusedUnchanged(() => saveMinutesEntry(w.db, keys, outsider, entryId, bad, DURING), NotFoundError);
		refusedUnchanged(() => saveMinutesEntry(w.db, keys, w.police, entryId, bad, DURING), ForbiddenError);
		expect(() => saveMinutesEntry(w.db, keys, w.member, entryId, bad, DURING)).toThrow(ValidationError);
	});

	it('saveAttendance: an unknown presence is a 404 outside the series and a 403 for members who do not take the minutes', () => {
		const bad = [{ userId: w.police.id, presence: 'vielleicht', arrivedAt: '25:99' }];
		refusedUnchanged(() => saveAttendance(w.db, outsider, meetingId, bad, DURING), NotFoundError);
		refusedUnchanged(() => saveAttendance(w.db, w.police, meetingId, bad, DURING), ForbiddenError);
		expect(() => saveAttendance(w.db, w.member, meetingId, bad, DURING)).toThrow(ValidationError);
	});

	it('addGuest: empty fields are a 404 outside the series and a 403 for members; before the start the coordinator still gets the field errors first, then the 409', () => {
		const bad = { organisation: '', function: '' };
		refusedUnchanged(() => addGuest(w.db, outsider, meetingId, bad, DURING), NotFoundError);
		refusedUnchanged(() => addGuest(w.db, w.police, meetingId, bad, DURING), ForbiddenError);
		expect(() => addGuest(w.db, w.member, meetingId, bad, DURING)).toThrow(ValidationError);
		// Minutes of the next meeting are not started: a state conflict, not an access refusal.
		refusedUnchanged(() => addGuest(w.db, outsider, nextMeetingId, bad, DURING), NotFoundError);
		expect(() => addGuest(w.db, w.coordinator, nextMeetingId, bad, DURING)).toThrow(ValidationError);
		expect(() => addGuest(w.db, w.coordinator, nextMeetingId, { organisation: 'Schule', function: 'Leitung' }, DURING)).toThrow(expect.objectContaining({ code: 'minutes_not_started', status: 409 }));
	});

	it('addOutcome: an unknown kind is a 404 outside the series and a 403 for members who do not take the minutes', () => {
		const bad = { kind: 'vielleicht', text: '' };
		refusedUnchanged(() => addOutcome(w.db, keys, outsider, entryId, bad, DURING), NotFoundError);
		refusedUnchanged(() => addOutcome(w.db, keys, w.police, entryId, bad, DURING), ForbiddenError);
		expect(() => addOutcome(w.db, keys, w.member, entryId, bad, DURING)).toThrow(ValidationError);
	});

	it('submitMinutes and approveMinutes: an impossible date is a 404 outside the series; approving is a 403 for members', () => {
		finishMeeting(w.db, w.member, meetingId, AFTER);
		refusedUnchanged(() => submitMinutes(w.db, outsider, meetingId, { reviewUntil: '2026-02-30' }, AFTER), NotFoundError);
		expect(() => submitMinutes(w.db, w.member, meetingId, { reviewUntil: '2026-02-30' }, AFTER)).toThrow(ValidationError);
		refusedUnchanged(() => approveMinutes(w.db, outsider, meetingId, { approvedInMeetingOn: '2026-02-30' }, BASE, AFTER), NotFoundError);
		refusedUnchanged(() => approveMinutes(w.db, w.member, meetingId, { approvedInMeetingOn: '2026-02-30' }, BASE, AFTER), ForbiddenError);
		expect(() => approveMinutes(w.db, w.coordinator, meetingId, { approvedInMeetingOn: '2026-02-30' }, BASE, AFTER)).toThrow(ValidationError);
	});

	it('commentOnMinutes: an empty comment is a 404 outside the series and a 403 on a draft the member may not read', () => {
		refusedUnchanged(() => commentOnMinutes(w.db, keys, outsider, entryId, { text: '' }, DURING), NotFoundError);
		refusedUnchanged(() => commentOnMinutes(w.db, keys, w.police, entryId, { text: '' }, DURING), ForbiddenError);
		expect(() => commentOnMinutes(w.db, keys, w.member, entryId, { text: '' }, DURING)).toThrow(ValidationError);
	});

	it('startCorrection: no reason is a 404 outside the series and a 403 for members', () => {
		finishMeeting(w.db, w.member, meetingId, AFTER);
		approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
		refusedUnchanged(() => startCorrection(w.db, keys, outsider, meetingId, { reason: '' }, AFTER), NotFoundError);
		refusedUnchanged(() => startCorrection(w.db, keys, w.police, meetingId, { reason: '' }, AFTER), ForbiddenError);
		expect(() => startCorrection(w.db, keys, w.coordinator, meetingId, { reason: '' }, AFTER)).toThrow(ValidationError);
	});
});
