/** The object before the input: an unknown organisation or user is a 404 whatever the form says, and nothing is written. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { updateOrganisation, updateUser } from '.';
import { expectRefusedUnchanged } from '../testing/refused';

let w: TestWorld;
beforeEach(async () => {
	w = await setupDb();
});
afterEach(() => w.cleanup());

function refusedUnchanged(run: () => unknown, error: typeof NotFoundError | typeof ForbiddenError) {
	expectRefusedUnchanged([w.db.$client], run, error);
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
