import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getKeysDb } from '$lib/server/keystore';
import { CASE_ROLES } from '$lib/server/db/schema';
import { addActionNote, changeActionStatus, editAction, getAction } from '$lib/server/actions';
import { decisionsFromForm } from '$lib/server/pii/review';
import { formAction, idParam, recordLoad, requestMeta, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => recordLoad(event, ({ db, actor, id }) => ({ ...getAction(db, actor, id), caseRoles: [...CASE_ROLES] }));

export const actions: Actions = {
	status: formAction(
		'status',
		(e, d, actor) => changeActionStatus(getDb(), getKeysDb(), actor, idParam(e.params.id), { status: str(d, 'status'), note: str(d, 'note'), version: str(d, 'version'), decisions: decisionsFromForm(d) }, requestMeta(e)),
		() => m.saved()
	),
	note: formAction('note', (e, d, actor) => addActionNote(getDb(), getKeysDb(), actor, idParam(e.params.id), { note: str(d, 'note'), decisions: decisionsFromForm(d) }, requestMeta(e)), () => m.action_note_added()),
	edit: formAction(
		'edit',
		(e, d, actor) =>
			editAction(
				getDb(),
				getKeysDb(),
				actor,
				idParam(e.params.id),
				{
					title: str(d, 'title'),
					description: str(d, 'description'),
					assigneeUserId: str(d, 'assigneeUserId'),
					assigneeOrganisationId: str(d, 'assigneeOrganisationId'),
					dueDate: str(d, 'dueDate'),
					version: str(d, 'version'),
					decisions: decisionsFromForm(d)
				},
				requestMeta(e)
			),
		() => m.saved()
	)
};
