import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setupDb, META, type TestWorld } from '../testing/fixtures';
import { BEFORE, DURING, startedMinutes } from '../testing/minutes-fixture';
import { openTestKeysDb } from '../keystore';
import { registerCase } from '../cases';
import { getMeeting } from '../meetings';
import { PiiReviewRequired } from '../pii/protect';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { dumpRows } from '../testing/dump';
import { outbox } from '../db/schema';
import { finishMeeting, getMinutes, saveMinutesEntry } from '.';
import { addOutcome, removeOutcome } from './outcomes';
import { approveMinutes, commentOnMinutes, diffVersions, listVersions, startCorrection, submitMinutes } from './approval';
import { changeActionStatus, getAction } from '../actions';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingId: number;
let entryId: number;
const AFTER = { ...META, now: new Date('2026-02-05T09:00:00Z') };
const BASE = 'https://fallkonferenz.test';

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	({ meetingId, entryId } = startedMinutes(w, keys));
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

const actionInput = (over: Record<string, unknown> = {}) => ({ kind: 'action', title: 'Schutzkonzept abstimmen', description: '', assigneeUserId: String(w.police.id), assigneeOrganisationId: '', dueDate: '2026-02-20', ...over });

describe('outcomes', () => {
	it('records information, decisions with their vote and action items that become tracked items with the TOP label', () => {
		addOutcome(w.db, keys, w.member, entryId, { kind: 'information', text: 'Die Schule wurde informiert.' }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'decision', text: 'Fallberatung im März fortsetzen.', vote: 'unanimous' }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'decision', text: 'Hausbesuch gemeinsam.', vote: 'counted', votesFor: '5', votesAgainst: '1', votesAbstain: '' }, DURING);
		addOutcome(w.db, keys, w.member, entryId, actionInput(), DURING);
		const view = getMinutes(w.db, w.coordinator, meetingId);
		expect(view.outcomes.map((o) => [o.kind, o.text || o.actionTitle, o.vote, o.votesFor, o.votesAgainst, o.votesAbstain])).toEqual([
			['information', 'Die Schule wurde informiert.', null, null, null, null],
			['decision', 'Fallberatung im März fortsetzen.', 'unanimous', null, null, null],
			['decision', 'Hausbesuch gemeinsam.', 'counted', 5, 1, 0],
			['action', 'Schutzkonzept abstimmen', null, null, null, null]
		]);
		const action = getAction(w.db, w.police, view.outcomes[3].actionItemId!);
		expect(action.item).toMatchObject({ topLabel: 'TOP 1', status: 'open', dueDate: '2026-02-20', assigneeName: w.police.name });
		expect(action.timeline.map((e) => e.kind)).toEqual(['created']);
	});

	it('validates completely and writes nothing when refused', () => {
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		const before = dumpRows(w.db.$client);
		expect(() => addOutcome(w.db, keys, w.member, entryId, { kind: 'decision', text: 'Beschluss', vote: 'counted' }, DURING)).toThrow(expect.objectContaining({ fields: { votesFor: 'vote_count_required' } }));
		expect(() => addOutcome(w.db, keys, w.member, entryId, { kind: 'wish', text: 'x' }, DURING)).toThrow(ValidationError);
		expect(() => addOutcome(w.db, keys, w.member, entryId, actionInput({ assigneeUserId: '' }), DURING)).toThrow(expect.objectContaining({ fields: { assignee: 'action_assignee_required' } }));
		expect(() => addOutcome(w.db, keys, w.member, entryId, actionInput({ assigneeUserId: String(outsider.id) }), DURING)).toThrow(expect.objectContaining({ fields: { assigneeUserId: 'action_assignee_invalid' } }));
		expect(() => addOutcome(w.db, keys, w.member, entryId, actionInput({ dueDate: '2026-02-30' }), DURING)).toThrow(expect.objectContaining({ fields: { dueDate: 'date_invalid' } }));
		// Not the minute-taker, not a coordinator: the police member reads, but records nothing.
		expect(() => addOutcome(w.db, keys, w.police, entryId, { kind: 'information', text: 'Hinweis' }, DURING)).toThrow(ForbiddenError);
		expect(() => addOutcome(w.db, keys, outsider, entryId, { kind: 'information', text: 'Hinweis' }, DURING)).toThrow(NotFoundError);
		// A name nobody decided about: nothing is stored while the finding is open.
		expect(() => addOutcome(w.db, keys, w.member, entryId, actionInput({ title: 'Frau Brinkhoff zum Gespräch einladen' }), DURING)).toThrow(PiiReviewRequired);
		expect(dumpRows(w.db.$client)).toEqual(before);
	});

	it('pseudonymises a case person in an action title for the owning office, and removes an untouched action item with its outcome', () => {
		registerCase(w.db, keys, w.member, { label: 'Schutzplan', persons: [{ role: 'child', name: 'Lena Schulte' }] }, BEFORE);
		const id = addOutcome(w.db, keys, w.member, entryId, actionInput({ title: 'Lena Schulte in der Kita anmelden' }), DURING);
		const [outcome] = getMinutes(w.db, w.coordinator, meetingId).outcomes;
		expect(outcome.actionTitle).toMatch(/^Kind A \(F-[^)]+\) in der Kita anmelden$/);
		removeOutcome(w.db, w.member, meetingId, id, DURING);
		expect(getMinutes(w.db, w.coordinator, meetingId).outcomes).toEqual([]);
		expect(() => getAction(w.db, w.coordinator, outcome.actionItemId!)).toThrow(NotFoundError);
	});

	it('keeps an action item that has progress: its outcome cannot be removed', () => {
		const id = addOutcome(w.db, keys, w.member, entryId, actionInput(), DURING);
		const actionId = getMinutes(w.db, w.coordinator, meetingId).outcomes[0].actionItemId!;
		changeActionStatus(w.db, keys, w.police, actionId, { status: 'in_progress', version: 1 }, DURING);
		expect(() => removeOutcome(w.db, w.member, meetingId, id, DURING)).toThrow(expect.objectContaining({ code: 'action_has_progress', status: 409 }));
		expect(getMinutes(w.db, w.coordinator, meetingId).outcomes).toHaveLength(1);
	});

	it('answers arbitrary form input with a domain error or a stored outcome, never anything else', () => {
		const field = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '0', '-1', '1e3', '999', '1000', '2026-02-30', '2026-03-01', 'unanimous', 'counted'));
		fc.assert(
			fc.property(fc.constantFrom('information', 'decision', 'action', '', 'x'), field, field, field, field, (kind, text, vote, votesFor, dueDate) => {
				try {
					addOutcome(w.db, keys, w.member, entryId, { kind, text, vote, votesFor, title: text, assigneeUserId: String(w.police.id), dueDate }, DURING);
				} catch (e) {
					expect(e).toBeInstanceOf(DomainError);
					expect((e as DomainError).status).toBeLessThan(500);
				}
			}),
			{ numRuns: 150 }
		);
	});
});

describe('review, approval and versions', () => {
	it('goes from draft through review to approved minutes, announced by mail with a link only', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Lage unverändert.', version: 1 }, DURING);
		addOutcome(w.db, keys, w.member, entryId, { kind: 'decision', text: 'Weiter beobachten.', vote: 'unanimous' }, DURING);
		finishMeeting(w.db, w.member, meetingId, DURING);
		expect(getMinutes(w.db, w.police, meetingId).hidden).toBe(true);
		expect(() => submitMinutes(w.db, w.member, meetingId, { reviewUntil: '2026-02-01' }, AFTER)).toThrow(expect.objectContaining({ fields: { reviewUntil: 'review_until_past' } }));
		submitMinutes(w.db, w.member, meetingId, { reviewUntil: '2026-02-10' }, AFTER);
		expect(getMeeting(w.db, w.coordinator, meetingId).meeting.status).toBe('minutes_review');
		// In review every member reads and may comment until the date; nobody outside the series does.
		const police = getMinutes(w.db, w.police, meetingId, AFTER.now);
		expect(police).toMatchObject({ hidden: false, can: { comment: true, edit: false } });
		expect(police.entries[0].notes).toBe('Lage unverändert.');
		commentOnMinutes(w.db, keys, w.police, entryId, { text: 'Bitte ergänzen: Rückmeldung der Schule liegt vor.' }, AFTER);
		expect(() => commentOnMinutes(w.db, keys, w.police, entryId, { text: 'Zu spät.' }, { ...META, now: new Date('2026-02-11T10:00:00Z') })).toThrow(expect.objectContaining({ code: 'review_period_over' }));
		expect(() => approveMinutes(w.db, w.member, meetingId, {}, BASE, AFTER)).toThrow(ForbiddenError);
		expect(() => approveMinutes(w.db, w.coordinator, meetingId, { approvedInMeetingOn: '2026-01-01' }, BASE, AFTER)).toThrow(expect.objectContaining({ fields: { approvedInMeetingOn: 'approved_before_meeting' } }));

		const mailsBefore = w.db.select().from(outbox).all().length;
		expect(approveMinutes(w.db, w.coordinator, meetingId, { approvedInMeetingOn: '2026-02-05' }, BASE, AFTER)).toBe(1);
		expect(getMeeting(w.db, w.coordinator, meetingId).meeting.status).toBe('minutes_approved');
		const mails = w.db.select().from(outbox).all().slice(mailsBefore);
		expect(mails.map((m) => m.recipient).sort()).toEqual([w.coordinator.email, w.member.email, w.police.email].sort());
		for (const mail of mails) {
			expect(mail.body).toContain(`${BASE}/meetings/${meetingId}/minutes`);
			expect(mail.body).not.toContain('Lage unverändert');
			expect(mail.body).not.toContain('Weiter beobachten');
		}
		// Locked: no edit, no outcome, no comment.
		expect(() => saveMinutesEntry(w.db, keys, w.coordinator, entryId, { notes: 'Nachträglich', version: 2 }, AFTER)).toThrow(ForbiddenError);
		expect(() => addOutcome(w.db, keys, w.coordinator, entryId, { kind: 'information', text: 'Nachtrag' }, AFTER)).toThrow(ForbiddenError);
		expect(listVersions(w.db, w.police, meetingId).map((v) => [v.number, v.approvedInMeetingOn])).toEqual([[1, '2026-02-05']]);
	});

	it('makes a correction a new version with its reason, and shows the change word by word', () => {
		saveMinutesEntry(w.db, keys, w.member, entryId, { notes: 'Die Schule meldet Fehlzeiten.', version: 1 }, DURING);
		finishMeeting(w.db, w.member, meetingId, DURING);
		approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER);
		expect(() => startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'kurz' }, AFTER)).toThrow(ValidationError);
		expect(() => startCorrection(w.db, keys, w.member, meetingId, { reason: 'Fehlzeiten wurden falsch wiedergegeben.' }, AFTER)).toThrow(ForbiddenError);
		// The reason is free text: a name in it needs the author's decision, and nothing changes until then.
		const before = dumpRows(w.db.$client);
		expect(() => startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'Frau Brinkhoff hat die Fehlzeiten berichtigt.' }, AFTER)).toThrow(PiiReviewRequired);
		expect(dumpRows(w.db.$client)).toEqual(before);
		startCorrection(w.db, keys, w.coordinator, meetingId, { reason: 'Fehlzeiten wurden falsch wiedergegeben.' }, AFTER);
		expect(getMinutes(w.db, w.coordinator, meetingId).minutes?.status).toBe('draft');
		// While the correction is drafted, members keep reading the approved version (and not the draft).
		expect(getMinutes(w.db, w.police, meetingId).hidden).toBe(true);
		expect(listVersions(w.db, w.police, meetingId)).toHaveLength(1);
		saveMinutesEntry(w.db, keys, w.coordinator, entryId, { notes: 'Die Schule meldet keine Fehlzeiten.', version: 2 }, AFTER);
		expect(approveMinutes(w.db, w.coordinator, meetingId, {}, BASE, AFTER)).toBe(2);
		const versions = listVersions(w.db, w.member, meetingId);
		expect(versions.map((v) => [v.number, v.reason])).toEqual([
			[2, 'Fehlzeiten wurden falsch wiedergegeben.'],
			[1, '']
		]);
		const diff = diffVersions(versions, 1, 2);
		expect(diff.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['keine']);
		expect(diff.filter((p) => p.removed)).toEqual([]);
		const outsider = w.addUser('fremd@test.example', ['member'], 'other');
		expect(() => listVersions(w.db, outsider, meetingId)).toThrow(NotFoundError);
	});
});
