import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { DURING, startedMinutes } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { cancelMeeting } from '../meetings';
import { getAgenda } from '../agenda';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { dumpRows } from '../testing/dump';
import { getMinutes, setMinuteTaker, startMeeting } from '../minutes';
import { addOutcome, recordFollowUp } from '../minutes/outcomes';
import { addActionNote, canChangeStatus, changeActionStatus, editAction, getAction, listActions, myActionCounts, myActions, parseOverviewFilter } from '.';
import { actionsCsv, neutraliseFormula } from './csv';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetings: { id: number }[];
let entryId: number;
const LATER = { ...META, now: new Date('2026-02-20T09:00:00Z') };

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	({ meetings, entryId } = startedMinutes(w, keys));
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

function agree(title: string, over: Record<string, string> = {}): number {
	addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title, assigneeUserId: '', assigneeOrganisationId: String(w.orgs.polizei), dueDate: '2026-02-13', ...over }, DURING);
	const outcomes = getMinutes(w.db, w.coordinator, meetings[0].id).outcomes;
	return outcomes[outcomes.length - 1].actionItemId!;
}

describe('who may do what', () => {
	it('lets the responsible organisation update, coordinators change everything, other members read, outsiders see nothing', () => {
		const id = agree('Gefährdungseinschätzung teilen');
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		const colleague = w.addUser('polizei2@test.example', ['member'], 'polizei');
		expect(getAction(w.db, w.member, id).can).toEqual({ update: false, edit: false });
		expect(getAction(w.db, colleague, id).can).toEqual({ update: true, edit: false });
		expect(getAction(w.db, w.coordinator, id).can).toEqual({ update: true, edit: true });
		expect(() => getAction(w.db, outsider, id)).toThrow(NotFoundError);
		expect(listActions(w.db, outsider, parseOverviewFilter(new URLSearchParams())).rows).toEqual([]);
		expect(myActions(w.db, outsider, LATER.now).overdue).toEqual([]);

		const before = dumpRows(w.db.$client);
		expect(() => changeActionStatus(w.db, keys, w.member, id, { status: 'done', version: 1 }, LATER)).toThrow(ForbiddenError);
		expect(() => addActionNote(w.db, keys, w.member, id, { note: 'Erledigt?' }, LATER)).toThrow(ForbiddenError);
		expect(() => changeActionStatus(w.db, keys, outsider, id, { status: 'done', version: 1 }, LATER)).toThrow(NotFoundError);
		expect(() => editAction(w.db, keys, w.police, id, { title: 'Neu', assigneeUserId: String(w.police.id), version: 1 }, LATER)).toThrow(ForbiddenError);
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'dropped', note: '', version: 1 }, LATER)).toThrow(expect.objectContaining({ fields: { note: 'action_drop_reason_required' } }));
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'finished', version: 1 }, LATER)).toThrow(ValidationError);
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'open', version: 1 }, LATER)).toThrow(expect.objectContaining({ fields: { status: 'action_status_unchanged' } }));
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'in_progress', note: 'Gespräch mit Herrn Brinkhoff', version: 1 }, LATER)).toThrow(expect.objectContaining({ code: 'pii_review_required' }));
		expect(dumpRows(w.db.$client)).toEqual(before);

		changeActionStatus(w.db, keys, colleague, id, { status: 'in_progress', note: 'Termin vereinbart.', version: 1 }, LATER);
		addActionNote(w.db, keys, w.police, id, { note: 'Bericht folgt bis Monatsende.' }, LATER);
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'done', version: 1 }, LATER)).toThrow(ConflictError);
		changeActionStatus(w.db, keys, w.police, id, { status: 'done', version: 2 }, LATER);
		// Only coordinators take a closed item back.
		expect(() => changeActionStatus(w.db, keys, w.police, id, { status: 'open', version: 3 }, LATER)).toThrow(ForbiddenError);
		changeActionStatus(w.db, keys, w.coordinator, id, { status: 'open', note: 'Bericht unvollständig.', version: 3 }, LATER);
		const view = getAction(w.db, w.member, id);
		expect(view.timeline.map((e) => [e.kind, e.status, e.note])).toEqual([
			['created', 'open', ''],
			['status', 'in_progress', 'Termin vereinbart.'],
			['note', null, 'Bericht folgt bis Monatsende.'],
			['status', 'done', ''],
			['status', 'open', 'Bericht unvollständig.']
		]);
	});

	it('allows exactly the documented status changes', () => {
		expect(canChangeStatus('open', 'done', false)).toBe(true);
		expect(canChangeStatus('in_progress', 'open', false)).toBe(true);
		expect(canChangeStatus('done', 'open', false)).toBe(false);
		expect(canChangeStatus('done', 'open', true)).toBe(true);
		expect(canChangeStatus('dropped', 'done', true)).toBe(false);
		expect(canChangeStatus('open', 'open', true)).toBe(false);
	});

	it('lets a coordinator reassign and reschedule, only to participants of the series', () => {
		const id = agree('Bericht an das Familiengericht');
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(() => editAction(w.db, keys, w.coordinator, id, { title: 'Bericht', assigneeUserId: String(outsider.id), version: 1 }, LATER)).toThrow(expect.objectContaining({ fields: { assigneeUserId: 'action_assignee_invalid' } }));
		editAction(w.db, keys, w.coordinator, id, { title: 'Bericht an das Familiengericht senden', assigneeUserId: String(w.member.id), assigneeOrganisationId: '', dueDate: '2026-03-01', version: 1 }, LATER);
		expect(getAction(w.db, w.member, id).item).toMatchObject({ title: 'Bericht an das Familiengericht senden', assigneeUserId: w.member.id, assigneeOrganisationId: null, dueDate: '2026-03-01' });
		expect(getAction(w.db, w.police, id).can.update).toBe(false);
	});
});

describe('views', () => {
	it('groups my items and my organisation’s into overdue, due soon, later and recently closed (Berlin calendar days)', () => {
		const overdue = agree('Überfällige Aufgabe', { dueDate: '2026-02-19' });
		const today = agree('Heute fällig', { dueDate: '2026-02-20' });
		agree('Ohne Frist', { dueDate: '' });
		agree('In drei Wochen', { dueDate: '2026-03-13' });
		const closed = agree('Erledigt', { dueDate: '2026-02-10' });
		changeActionStatus(w.db, keys, w.police, closed, { status: 'done', version: 1 }, LATER);
		agree('Für das Jugendamt', { assigneeOrganisationId: String(w.orgs.jugendamt) });
		// 23:30 in Berlin is still the 20th: the item due on the 20th is not overdue yet.
		const g = myActions(w.db, w.police, new Date('2026-02-20T22:30:00Z'));
		expect(g.overdue.map((r) => r.id)).toEqual([overdue]);
		expect(g.soon.map((r) => r.id)).toEqual([today]);
		expect(g.later.map((r) => r.title)).toEqual(['In drei Wochen', 'Ohne Frist']);
		expect(g.recent.map((r) => r.title)).toEqual(['Erledigt']);
		expect(myActionCounts(w.db, w.police, new Date('2026-02-20T22:30:00Z'))).toEqual({ open: 4, overdue: 1 });
		expect(myActionCounts(w.db, w.police, new Date('2026-02-20T23:30:00Z'))).toEqual({ open: 4, overdue: 2 });
		expect(myActions(w.db, w.member, LATER.now).overdue.map((r) => r.title)).toEqual(['Für das Jugendamt']);
	});

	it('filters the overview by URL, and never fails on a hostile query', () => {
		agree('Polizei A', { dueDate: '2026-02-01' });
		agree('Jugendamt B', { assigneeOrganisationId: String(w.orgs.jugendamt), dueDate: '2026-03-01' });
		const list = (q: string) => listActions(w.db, w.coordinator, parseOverviewFilter(new URLSearchParams(q)), { now: LATER.now }).rows.map((r) => r.title);
		expect(list('')).toEqual(['Polizei A', 'Jugendamt B']);
		expect(list(`organisation=${w.orgs.jugendamt}`)).toEqual(['Jugendamt B']);
		expect(list('overdue=1')).toEqual(['Polizei A']);
		expect(list('status=done')).toEqual([]);
		expect(list('sort=created')).toEqual(['Jugendamt B', 'Polizei A']);
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('series', 'organisation', 'person', 'status', 'overdue', 'case', 'sort', 'page'), fc.string({ maxLength: 30 })), (params) => {
				const result = listActions(w.db, w.coordinator, parseOverviewFilter(new URLSearchParams(params)), { now: LATER.now });
				expect(result.total).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 200 }
		);
	});

	it('exports CSV for German Excel: BOM, semicolons, dd.mm.yyyy, formulas neutralised', () => {
		agree('=HYPERLINK("http://evil.example")', { dueDate: '2026-02-13' });
		agree('Rückruf; "dringend"', { dueDate: '' });
		const { rows } = listActions(w.db, w.coordinator, parseOverviewFilter(new URLSearchParams()), { now: LATER.now, all: true });
		const csv = actionsCsv(rows, {
			columns: { id: 'Nr.', title: 'Aufgabe', status: 'Stand', due: 'Fällig am', overdue: 'Überfällig', person: 'Person', organisation: 'Stelle', case: 'Fall', series: 'Reihe', meeting: 'Sitzung', top: 'TOP' },
			status: (s) => s,
			yes: 'ja'
		});
		expect(csv.startsWith('\uFEFFNr.;Aufgabe;Stand;Fällig am;')).toBe(true);
		expect(csv).toContain('\r\n');
		const parsed = parse(csv.slice(1), { delimiter: ';' }) as string[][];
		expect(parsed[1].slice(1, 5)).toEqual(['\'=HYPERLINK("http://evil.example")', 'open', '13.02.2026', 'ja']);
		expect(parsed[2][1]).toBe('Rückruf; "dringend"');
		expect(parsed[1][9]).toBe('03.02.2026');
		for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(v).startsWith("'")).toBe(true);
		expect(neutraliseFormula('Bericht')).toBe('Bericht');
	});
});

describe('Wiedervorlage', () => {
	it('records follow-ups only in minutes the actor may edit, and only for items that meeting follows up', () => {
		const id = agree('Schulbesuch abstimmen');
		const before = dumpRows(w.db.$client);
		// The responsible officer may update the item, but not write into another meeting's minutes.
		expect(() => recordFollowUp(w.db, keys, w.police, meetings[1].id, id, { note: 'Erledigt laut Schule.' }, LATER)).toThrow(expect.objectContaining({ status: 409 }));
		setMinuteTaker(w.db, w.coordinator, meetings[1].id, w.member.id, LATER);
		startMeeting(w.db, w.member, meetings[1].id, LATER);
		const started = dumpRows(w.db.$client);
		expect(() => recordFollowUp(w.db, keys, w.police, meetings[1].id, id, { note: 'Erledigt laut Schule.' }, LATER)).toThrow(ForbiddenError);
		// The meeting that agreed the item does not follow it up.
		expect(() => recordFollowUp(w.db, keys, w.coordinator, meetings[0].id, id, { note: 'Vermerk' }, LATER)).toThrow(NotFoundError);
		expect(dumpRows(w.db.$client)).toEqual(started);
		expect(before).not.toEqual(started);
		// The open item to record is listed for who edits these minutes, not for who only reads them.
		expect(getMinutes(w.db, w.member, meetings[1].id, LATER.now).followUps.map((f) => f.title)).toEqual(['Schulbesuch abstimmen']);
		expect(getMinutes(w.db, w.police, meetings[1].id, LATER.now)).toMatchObject({ can: { edit: false }, followUps: [] });
		recordFollowUp(w.db, keys, w.coordinator, meetings[1].id, id, { status: 'done', note: 'Schule bestätigt.', version: '1' }, LATER);
		expect(getMinutes(w.db, w.coordinator, meetings[1].id).recordedFollowUps.map((f) => [f.title, f.status])).toEqual([['Schulbesuch abstimmen', 'done']]);
	});


	it('lists open items of earlier meetings on the next agenda until they are done, skipping cancelled meetings', () => {
		const id = agree('Schulbesuch abstimmen');
		cancelMeeting(w.db, w.coordinator, meetings[1].id, { reason: 'Feiertag', version: 1 }, 'https://fallkonferenz.test', DURING);
		expect(getAgenda(w.db, w.coordinator, meetings[1].id).followUps).toEqual([]);
		expect(getAgenda(w.db, w.police, meetings[2].id).followUps.map((a) => a.title)).toEqual(['Schulbesuch abstimmen']);
		// The meeting that agreed the item does not list it as a follow-up of itself.
		expect(getMinutes(w.db, w.coordinator, meetings[0].id).followUps).toEqual([]);
		changeActionStatus(w.db, keys, w.police, id, { status: 'done', version: 1 }, LATER);
		expect(getAgenda(w.db, w.police, meetings[2].id).followUps).toEqual([]);
	});
});
