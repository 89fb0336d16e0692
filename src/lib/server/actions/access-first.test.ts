/**
 * Access before input (access matrix, tests/zz-access-matrix.e2e.ts): invalid input about an
 * action item of another series is the same 404 as valid input, a member who may not update it
 * gets the 403, and nothing is written; who may act still learns what was wrong with the input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { DURING, startedMinutes } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../access';
import { getMinutes } from '../minutes';
import { addOutcome } from '../minutes/outcomes';
import { addActionNote, changeActionStatus, editAction } from '.';
import { expectRefusedUnchanged } from '../testing/refused';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let actionId: number;
let outsider: Actor;
const LATER = { ...META, now: new Date('2026-02-20T09:00:00Z') };

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const { meetingId, entryId } = startedMinutes(w, keys);
	// Assigned to the police: the Jugendamt member (no coordinator) reads it but may not update it.
	addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title: 'Gefährdungseinschätzung teilen', assigneeUserId: '', assigneeOrganisationId: String(w.orgs.polizei), dueDate: '2026-02-13' }, DURING);
	actionId = getMinutes(w.db, w.coordinator, meetingId).outcomes[0].actionItemId!;
	outsider = w.addUser('fremd@test.example', ['member', 'coordinator'], 'other');
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

function refusedUnchanged(run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	expectRefusedUnchanged([w.db.$client, keys.$client], run, error);
}

describe('action items: access before input', () => {
	it('changeActionStatus: an unknown status is a 404 outside the series and a 403 for who may not update; the field error for the responsible', () => {
		const bad = { status: 'vielleicht', note: '', version: 'alt' };
		refusedUnchanged(() => changeActionStatus(w.db, keys, outsider, actionId, bad, LATER), NotFoundError);
		refusedUnchanged(() => changeActionStatus(w.db, keys, w.member, actionId, bad, LATER), ForbiddenError);
		expect(() => changeActionStatus(w.db, keys, w.police, actionId, bad, LATER)).toThrow(ValidationError);
	});

	it('addActionNote: an empty note is a 404 outside the series and a 403 for who may not update; action_note_required for the responsible', () => {
		refusedUnchanged(() => addActionNote(w.db, keys, outsider, actionId, { note: '' }, LATER), NotFoundError);
		refusedUnchanged(() => addActionNote(w.db, keys, w.member, actionId, { note: '' }, LATER), ForbiddenError);
		expect(() => addActionNote(w.db, keys, w.police, actionId, { note: '' }, LATER)).toThrow(expect.objectContaining({ fields: { note: 'action_note_required' } }));
	});

	it('editAction: no title and no assignee is a 404 outside the series and a 403 for members, the field errors for the coordinator', () => {
		const bad = { title: '', assigneeUserId: '', assigneeOrganisationId: '', version: 'alt' };
		refusedUnchanged(() => editAction(w.db, keys, outsider, actionId, bad, LATER), NotFoundError);
		refusedUnchanged(() => editAction(w.db, keys, w.police, actionId, bad, LATER), ForbiddenError);
		expect(() => editAction(w.db, keys, w.coordinator, actionId, bad, LATER)).toThrow(ValidationError);
	});
});
