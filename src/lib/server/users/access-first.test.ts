/** The object before the input: an unknown organisation or user is a 404 whatever the form says, and nothing is written. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { dumpRows } from '../testing/dump';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { updateOrganisation, updateUser } from '.';

let w: TestWorld;
beforeEach(async () => {
	w = await setupDb();
});
afterEach(() => w.cleanup());

function refusedUnchanged(run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	const before = dumpRows(w.db.$client);
	expect(run).toThrow(error);
	expect(dumpRows(w.db.$client)).toEqual(before);
}

describe('administration: the object before the input', () => {
	it('updateOrganisation: 403 for non-admins, 404 for an unknown id, the field errors for a known one', () => {
		const bad = { name: '', kind: 'verein', active: true, version: 1 };
		refusedUnchanged(() => updateOrganisation(w.db, w.coordinator, w.orgs.polizei, bad, META), ForbiddenError);
		refusedUnchanged(() => updateOrganisation(w.db, w.admin, 999_999, bad, META), NotFoundError);
		expect(() => updateOrganisation(w.db, w.admin, w.orgs.polizei, bad, META)).toThrow(ValidationError);
	});

	it('updateUser: 403 for non-admins, 404 for an unknown id, the field errors for a known one', () => {
		const bad = { name: '', email: 'kein-mail', organisationId: '', roles: [], active: true, version: 1 };
		refusedUnchanged(() => updateUser(w.db, w.coordinator, w.police.id, bad, META), ForbiddenError);
		refusedUnchanged(() => updateUser(w.db, w.admin, 999_999, bad, META), NotFoundError);
		expect(() => updateUser(w.db, w.admin, w.police.id, bad, META)).toThrow(ValidationError);
	});
});
