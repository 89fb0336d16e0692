/**
 * Access before input (access matrix, tests/zz-access-matrix.e2e.ts): an outsider who posts invalid
 * input about an agenda item or meeting of another series gets the same 404 as with valid input,
 * a member without the permission the 403, and nothing is written; who may act still learns what
 * was wrong with the input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld, type Db } from '../testing/fixtures';
import { openTestKeysDb } from '../keystore';
import { registerCase } from '../cases';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../access';
import { createSeries, listMeetings } from '../meetings';
import { moveAgendaItem, reviewAgendaItem, setAgendaSlot, submitAgendaItem, updateAgendaItem } from '.';
import { expectRefusedUnchanged } from '../testing/refused';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let outsider: Actor;
const BEFORE_DEADLINE = { ...META, now: new Date('2026-01-20T09:00:00Z') };
const item = (title: string) => ({ kind: 'topic' as const, title, text: '', requestedMinutes: 20 });

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: new Date('2026-01-10T09:00:00Z') });
	meetingId = listMeetings(w.db, w.coordinator, { seriesId })[0].id;
	outsider = w.addUser('fremd@test.example', ['member', 'coordinator'], 'other');
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

/** The call is refused with `error`, and neither database changed. */
function refusedUnchanged(db: Db, run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	expectRefusedUnchanged([db.$client, keys.$client], run, error);
}

describe('agenda: access before input', () => {
	it('submitAgendaItem: 404 for an outsider with no title or an unknown case; members still get the field errors', () => {
		refusedUnchanged(w.db, () => submitAgendaItem(w.db, keys, outsider, meetingId, { ...item(''), requestedMinutes: 0 }, BEFORE_DEADLINE), NotFoundError);
		refusedUnchanged(w.db, () => submitAgendaItem(w.db, keys, outsider, meetingId, { ...item('Fall'), kind: 'case', caseId: 999_999 } as never, BEFORE_DEADLINE), NotFoundError);
		expect(() => submitAgendaItem(w.db, keys, w.police, meetingId, item(''), BEFORE_DEADLINE)).toThrow(expect.objectContaining({ code: 'invalid_input', status: 400, fields: { title: 'title_required' } }));
	});

	it('updateAgendaItem: 404 outside the series, 403 for a member on an item not theirs, the field error for the submitter', () => {
		const id = submitAgendaItem(w.db, keys, w.member, meetingId, item('Schulabsentismus'), BEFORE_DEADLINE);
		refusedUnchanged(w.db, () => updateAgendaItem(w.db, keys, outsider, id, { ...item(''), version: 1 }, BEFORE_DEADLINE), NotFoundError);
		refusedUnchanged(w.db, () => updateAgendaItem(w.db, keys, w.police, id, { ...item(''), version: 1 }, BEFORE_DEADLINE), ForbiddenError);
		expect(() => updateAgendaItem(w.db, keys, w.member, id, { ...item(''), version: 1 }, BEFORE_DEADLINE)).toThrow(ValidationError);
	});

	it('reviewAgendaItem: 404 outside the series and 403 for members, whatever the decision; the coordinator gets the reason error', () => {
		const id = submitAgendaItem(w.db, keys, w.member, meetingId, item('Schulabsentismus'), BEFORE_DEADLINE);
		for (const input of [{ decision: 'reject', reason: 'x', version: 999 }, { decision: 'vielleicht', version: 1 }]) {
			refusedUnchanged(w.db, () => reviewAgendaItem(w.db, outsider, id, input, BEFORE_DEADLINE), NotFoundError);
			refusedUnchanged(w.db, () => reviewAgendaItem(w.db, w.police, id, input, BEFORE_DEADLINE), ForbiddenError);
		}
		expect(() => reviewAgendaItem(w.db, w.coordinator, id, { decision: 'reject', reason: 'x', version: 1 }, BEFORE_DEADLINE)).toThrow(expect.objectContaining({ code: 'reject_reason_required', status: 400 }));
	});

	it('moveAgendaItem: a rejected item (not in the order) is a 404 for outsiders and a 403 for members, order_invalid for the coordinator', () => {
		const id = submitAgendaItem(w.db, keys, w.member, meetingId, item('Schulabsentismus'), BEFORE_DEADLINE);
		reviewAgendaItem(w.db, w.coordinator, id, { decision: 'reject', reason: 'Gehört nicht hierher', version: 1 }, BEFORE_DEADLINE);
		refusedUnchanged(w.db, () => moveAgendaItem(w.db, outsider, id, 'up'), NotFoundError);
		refusedUnchanged(w.db, () => moveAgendaItem(w.db, w.member, id, 'up'), ForbiddenError);
		expect(() => moveAgendaItem(w.db, w.coordinator, id, 'up')).toThrow(expect.objectContaining({ code: 'order_invalid', status: 400 }));
	});

	it('setAgendaSlot: an impossible slot is a 404 for outsiders and a 403 for members, minutes_invalid for the coordinator', () => {
		const id = submitAgendaItem(w.db, keys, w.member, meetingId, item('Schulabsentismus'), BEFORE_DEADLINE);
		refusedUnchanged(w.db, () => setAgendaSlot(w.db, outsider, id, 9999), NotFoundError);
		refusedUnchanged(w.db, () => setAgendaSlot(w.db, w.member, id, -1), ForbiddenError);
		expect(() => setAgendaSlot(w.db, w.coordinator, id, 9999)).toThrow(expect.objectContaining({ code: 'minutes_invalid', status: 400 }));
	});

	it('registering a person from the review: the case and the permission before the role (404 unknown case, 403 another office)', () => {
		const { id: caseId } = registerCase(w.db, keys, w.member, { label: 'Vernachlässigung', persons: [{ role: 'child', name: 'Mia Krause' }] }, BEFORE_DEADLINE);
		const text = (name: string) => ({ ...item('Hinweis'), text: `Nachbar ${name} meldete Lärm.` });
		refusedUnchanged(w.db, () => submitAgendaItem(w.db, keys, w.police, meetingId, { ...text('Goran Ilić'), decisions: { 'person|Goran Ilić': { action: 'register', caseId, role: 'erfunden' } } }, BEFORE_DEADLINE), ForbiddenError);
		refusedUnchanged(w.db, () => submitAgendaItem(w.db, keys, w.member, meetingId, { ...text('Goran Ilić'), decisions: { 'person|Goran Ilić': { action: 'register', caseId: 999_999, role: 'erfunden' } } }, BEFORE_DEADLINE), NotFoundError);
		// The owning office still learns that the role is wrong.
		expect(() => submitAgendaItem(w.db, keys, w.member, meetingId, { ...text('Goran Ilić'), decisions: { 'person|Goran Ilić': { action: 'register', caseId, role: 'erfunden' } } }, BEFORE_DEADLINE)).toThrow(
			expect.objectContaining({ code: 'role_invalid', status: 400 })
		);
	});
});
