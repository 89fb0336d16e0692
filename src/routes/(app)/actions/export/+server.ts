import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { guard } from '$lib/server/forms';
import { listActions, parseOverviewFilter } from '$lib/server/actions';
import { actionsCsv } from '$lib/server/actions/csv';
import { actionStatusLabel } from '$lib/action-labels';
import { m } from '$lib/paraglide/messages';

/** The filtered overview as a CSV file (all rows, not one page), for German Excel. */
export const GET: RequestHandler = ({ locals, url }) => {
	if (!locals.actor) error(401, m.error_login_required());
	const actor = locals.actor;
	const { rows, today } = guard(() => listActions(getDb(), actor, parseOverviewFilter(url.searchParams), { all: true }));
	const csv = actionsCsv(rows, {
		columns: {
			id: m.csv_id(),
			title: m.action_title(),
			status: m.action_status(),
			due: m.action_due_date(),
			overdue: m.action_overdue(),
			person: m.action_assignee_person(),
			organisation: m.action_assignee_organisation(),
			case: m.field_case(),
			series: m.field_series(),
			meeting: m.csv_meeting(),
			top: m.csv_top()
		},
		status: actionStatusLabel,
		yes: m.yes()
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${m.csv_filename()}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
