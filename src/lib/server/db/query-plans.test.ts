/**
 * The hot pages read by index (issue #12): every statement the domain functions behind them run is
 * captured with its parameters and asked for its query plan; a SCAN of a table that grows with the
 * years (meetings, agenda items and their events, action items and events, minutes, audit, outbox)
 * fails the test with the statement named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { BEFORE, DURING, startedMinutes, AFTER } from '../testing/minutes-fixture';
import { captureStatements, describeFindings, fullScans, hookStatements } from '../testing/query-plans';
import { openTestKeysDb } from '../keystore';
import { getMeeting, getSeries, listMeetings, listSeries } from '../meetings';
import { acceptedItems, getAgenda, reviewAgendaItem, submitAgendaItem } from '../agenda';
import { finishMeeting, getMinutes, saveMinutesEntry, setMinuteTaker, startMeeting } from '../minutes';
import { addOutcome, recordFollowUp } from '../minutes/outcomes';
import { approveMinutes, buildSnapshot, listVersions } from '../minutes/approval';
import { listActions, myActions, parseOverviewFilter } from '../actions';
import { search } from '../search';
import { calendarFeedFor, regenerateCalendarToken } from '../calendar/feed';
import { listAuditEvents } from '../audit';
import { listCases, registerCase } from '../cases';
import { getDashboard } from '../users/dashboard';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let nextId: number;
let seriesId: number;
let token: string;
const LATER = { ...META, now: new Date('2026-03-03T13:05:00Z') };
const NOW = new Date('2026-03-10T09:00:00Z');
const BASE = 'https://fallkonferenz.test';

beforeAll(async () => {
	w = await setupDb();
	// Before anything is prepared, so statements a module prepares once and keeps are seen too.
	hookStatements(w.db);
	keys = openTestKeysDb();
	let entryId: number;
	({ meetingId, entryId, seriesId } = startedMinutes(w, keys));
	const meetings = listMeetings(w.db, w.coordinator, { seriesId });
	nextId = meetings[1].id;
	registerCase(w.db, keys, w.member, { label: 'Schulabsentismus', persons: [{ role: 'child', name: 'Lena Schulte' }] }, BEFORE);
	saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Der **Schutzplan** wird fortgeschrieben.', version: 1 }, DURING);
	const actionId = addOutcome(w.db, keys, w.member, entryId, { kind: 'action', title: 'Schutzplan abstimmen', assigneeUserId: String(w.police.id), dueDate: '2026-02-20' }, DURING);
	addOutcome(w.db, keys, w.member, entryId, { kind: 'decision', text: 'Fallberatung fortsetzen.', vote: 'unanimous' }, DURING);
	finishMeeting(w.db, w.member, meetingId, AFTER);
	approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
	// An item deferred from the next meeting to the one after, and a follow-up recorded in the next meeting's minutes.
	const deferred = submitAgendaItem(w.db, keys, w.member, nextId, { kind: 'topic', title: 'Schulweg', text: 'Bitte *vertagen*.', requestedMinutes: 10 }, BEFORE);
	reviewAgendaItem(w.db, w.coordinator, deferred, { decision: 'defer', version: 1 }, BEFORE);
	const kept = submitAgendaItem(w.db, keys, w.member, nextId, { kind: 'topic', title: 'Lagebild März', text: '', requestedMinutes: 10 }, BEFORE);
	reviewAgendaItem(w.db, w.coordinator, kept, { decision: 'accept', version: 1 }, BEFORE);
	setMinuteTaker(w.db, w.coordinator, nextId, w.member.id, LATER);
	startMeeting(w.db, w.member, nextId, LATER);
	recordFollowUp(w.db, keys, w.coordinator, nextId, actionId, { note: 'Schule informiert.' }, LATER);
	token = regenerateCalendarToken(w.db, w.police, META);
	// No ANALYZE: the planner of a fresh installation has no statistics and must find the indexes by itself.
});
afterAll(() => {
	keys.cleanup();
	w.cleanup();
});

const hot: [string, () => unknown][] = [
	['dashboard', () => getDashboard(w.db, w.member, NOW)],
	['meetings upcoming', () => [listMeetings(w.db, w.coordinator, { from: NOW, limit: 100 }), listSeries(w.db, w.coordinator)]],
	['meetings past', () => listMeetings(w.db, w.member, { to: NOW, order: 'desc', limit: 100 })],
	['series page', () => getSeries(w.db, w.coordinator, seriesId)],
	['meeting page', () => [getMeeting(w.db, w.coordinator, meetingId), acceptedItems(w.db, meetingId)]],
	['agenda with a deferred item', () => [getMeeting(w.db, w.member, nextId), getAgenda(w.db, w.coordinator, nextId), getAgenda(w.db, w.member, nextId)]],
	['minutes (approved)', () => getMinutes(w.db, w.police, meetingId)],
	['minutes (draft with follow-ups)', () => getMinutes(w.db, w.coordinator, nextId)],
	['minutes print data', () => [buildSnapshot(w.db, meetingId), buildSnapshot(w.db, nextId)]],
	['versions', () => listVersions(w.db, w.member, meetingId)],
	['my actions', () => myActions(w.db, w.police, NOW)],
	['action overview, overdue', () => listActions(w.db, w.coordinator, parseOverviewFilter(new URLSearchParams('overdue=1')), { now: NOW })],
	['search', () => search(w.db, w.member, { q: 'Schutzplan' })],
	['calendar feed', () => calendarFeedFor(w.db, token, BASE, NOW)],
	['audit list', () => listAuditEvents(w.db, w.admin, {})],
	['audit list, one type', () => listAuditEvents(w.db, w.admin, { type: 'minutes.approved' })],
	['cases list', () => listCases(w.db, w.member)]
];

describe('query plans of the hot pages', () => {
	it.each(hot)('%s reads no large table whole', (_name, fn) => {
		const { statements } = captureStatements(w.db, fn);
		expect(statements.length).toBeGreaterThan(0);
		const findings = fullScans(w.db, statements);
		expect(findings, `full table scans:\n${describeFindings(findings)}`).toEqual([]);
	});

	it('names the statement of a full scan (the check itself works)', () => {
		const { statements } = captureStatements(w.db, () => w.db.$client.prepare('SELECT count(*) FROM agenda_item_event WHERE note = ?').get('x'));
		const findings = fullScans(w.db, statements);
		expect(findings).toEqual([expect.objectContaining({ table: 'agenda_item_event', detail: expect.stringMatching(/^SCAN agenda_item_event/), params: ['x'] })]);
		expect(describeFindings(findings)).toContain('SELECT count(*) FROM agenda_item_event WHERE note = ?');
		// Also through an alias, and for a statement prepared before the capture began (and kept).
		const kept = w.db.$client.prepare('SELECT * FROM action_event ae WHERE ae.note = ?');
		expect(fullScans(w.db, captureStatements(w.db, () => kept.all('x')).statements).map((f) => f.table)).toEqual(['action_event']);
	});
});
