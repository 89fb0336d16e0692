/**
 * Outcomes of an agenda item in the minutes: information, a decision (with "einstimmig" or the
 * vote count), or an action item, which becomes a tracked item of the actions module in the same
 * transaction. Texts pass the PII review like the notes.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { prepared } from '../db/prepared';
import { organisation, user } from '../db/schema';
import { actionEvent, actionItem, agendaItem, meeting, minutesEntry, minutesOutcome, OUTCOME_KINDS } from '../db/schema-meetings';
import { accessFirst, assertCan, type Actor } from '../access';
import { DomainError, NotFoundError, parseInput } from '../errors';
import type { RequestMeta } from '../auth/login';
import { recordAuditEvent } from '../audit';
import { transactionWithKeys, type KeysDb } from '../keystore';
import { reviewFreeText } from '../pii/protect';
import type { FindingDecision } from '../pii/review';
import { actionFieldsSchema, addActionNote, changeActionStatus, checkAssignees, deletableAction, insertActionItem, openActionsBefore, type ActionFieldsInput } from '../actions';
import { editableMinutes, minutesResource } from './common';
import { publishChange } from './live';

const votes = z
	.union([z.literal(''), z.null(), z.coerce.number().int('vote_count_invalid').min(0, 'vote_count_invalid').max(999, 'vote_count_invalid')])
	.optional()
	.transform((v) => (typeof v === 'number' ? v : null));
const outcomeText = z.string().trim().min(3, 'outcome_text_required').max(5000, 'too_long');

const informationSchema = z.object({ text: outcomeText });
const decisionSchema = z
	.object({
		text: outcomeText,
		vote: z.enum(['unanimous', 'counted'], 'vote_invalid'),
		votesFor: votes,
		votesAgainst: votes,
		votesAbstain: votes
	})
	.refine((d) => d.vote === 'unanimous' || d.votesFor !== null, { path: ['votesFor'], message: 'vote_count_required' });

export type OutcomeInput = { kind: string; text?: string; vote?: string; votesFor?: string | number; votesAgainst?: string | number; votesAbstain?: string | number } & Partial<ActionFieldsInput>;

/** Validates an outcome completely: the kind, its fields, and for an action item who is responsible. */
function parseOutcome(input: OutcomeInput) {
	const kind = parseInput(z.enum(OUTCOME_KINDS, 'outcome_kind_invalid'), input.kind);
	if (kind === 'information') return { kind, ...parseInput(informationSchema, input) } as const;
	if (kind === 'decision') {
		const d = parseInput(decisionSchema, input);
		const counted = d.vote === 'counted';
		return { kind, text: d.text, vote: d.vote, votesFor: counted ? d.votesFor : null, votesAgainst: counted ? (d.votesAgainst ?? 0) : null, votesAbstain: counted ? (d.votesAbstain ?? 0) : null } as const;
	}
	return { kind, action: parseInput(actionFieldsSchema, input) } as const;
}

/** Adds an outcome to an item of the minutes; an action item is created with it. */
export function addOutcome(db: Db, keysDb: KeysDb, actor: Actor, entryId: number, input: OutcomeInput & { decisions?: Record<string, FindingDecision> }, meta: RequestMeta): number {
	// Access first (404 outside the series, 403 for who may not edit), then the input.
	const entry = db.select().from(minutesEntry).where(eq(minutesEntry.id, entryId)).get();
	if (!entry) throw new NotFoundError();
	accessFirst(() => editableMinutes(db, actor, entry.meetingId));
	const outcome = parseOutcome(input);
	const { mt, role, m } = editableMinutes(db, actor, entry.meetingId);
	const item = db.select({ caseId: agendaItem.caseId }).from(agendaItem).where(eq(agendaItem.id, entry.agendaItemId)).get();
	const caseId = item?.caseId ?? null;
	if (outcome.kind === 'action') {
		assertCan(actor, 'action.create', minutesResource(role, m));
		checkAssignees(db, mt.seriesId, outcome.action);
	}
	const fields: Record<string, string> = outcome.kind === 'action' ? { title: outcome.action.title, description: outcome.action.description } : { text: outcome.text };
	const pii = reviewFreeText(db, keysDb, actor, fields, input.decisions ?? {}, { caseId, meta, subject: { type: 'minutes_entry', id: entryId } });
	const now = meta.now ?? new Date();
	const id = transactionWithKeys(db, keysDb, (tx, keys) => {
		const { m: current } = editableMinutes(tx, actor, entry.meetingId);
		if (current?.status === 'approved') throw new DomainError('minutes_locked', 409);
		const text = pii.commit(tx, keys);
		let actionItemId: number | null = null;
		if (outcome.kind === 'action') {
			actionItemId = insertActionItem(tx, actor, { seriesId: mt.seriesId, meetingId: mt.id, agendaItemId: entry.agendaItemId, topLabel: entry.topLabel, caseId }, { ...outcome.action, title: text.title, description: text.description }, now);
		}
		const outcomeId = tx
			.insert(minutesOutcome)
			.values({
				meetingId: mt.id,
				entryId,
				kind: outcome.kind,
				text: outcome.kind === 'action' ? '' : text.text,
				vote: outcome.kind === 'decision' ? outcome.vote : null,
				votesFor: outcome.kind === 'decision' ? outcome.votesFor : null,
				votesAgainst: outcome.kind === 'decision' ? outcome.votesAgainst : null,
				votesAbstain: outcome.kind === 'decision' ? outcome.votesAbstain : null,
				actionItemId,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: minutesOutcome.id })
			.get().id;
		recordAuditEvent(tx, { type: 'minutes.outcome_added', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: mt.id, ip: meta.ip, details: { entryId, kind: outcome.kind, actionItemId } });
		return outcomeId;
	});
	publishChange(mt.id, { entryId, by: actor.name });
	return id;
}

/** Removes an outcome while the minutes are open; an action item goes with it only if nothing happened to it yet. */
export function removeOutcome(db: Db, actor: Actor, meetingId: number, outcomeId: number, meta: RequestMeta): void {
	db.transaction((tx) => {
		editableMinutes(tx, actor, meetingId);
		const row = tx.select().from(minutesOutcome).where(and(eq(minutesOutcome.id, outcomeId), eq(minutesOutcome.meetingId, meetingId))).get();
		if (!row) throw new NotFoundError();
		tx.delete(minutesOutcome).where(eq(minutesOutcome.id, outcomeId)).run();
		if (row.actionItemId) {
			deletableAction(tx, row.actionItemId);
			tx.delete(actionItem).where(eq(actionItem.id, row.actionItemId)).run();
		}
		recordAuditEvent(tx, { type: 'minutes.outcome_removed', actorId: actor.id, actorEmail: actor.email, subjectType: 'meeting', subjectId: meetingId, ip: meta.ip, details: { outcomeId, kind: row.kind, actionItemId: row.actionItemId } });
	});
	publishChange(meetingId, { by: actor.name });
}

const outcomesOfMeeting = prepared((db) =>
	db
		.select({
			id: minutesOutcome.id,
			entryId: minutesOutcome.entryId,
			kind: minutesOutcome.kind,
			text: minutesOutcome.text,
			vote: minutesOutcome.vote,
			votesFor: minutesOutcome.votesFor,
			votesAgainst: minutesOutcome.votesAgainst,
			votesAbstain: minutesOutcome.votesAbstain,
			actionItemId: minutesOutcome.actionItemId,
			actionTitle: actionItem.title,
			actionStatus: actionItem.status,
			actionDueDate: actionItem.dueDate,
			assigneeName: user.name,
			assigneeOrganisationName: organisation.name
		})
		.from(minutesOutcome)
		.leftJoin(actionItem, eq(minutesOutcome.actionItemId, actionItem.id))
		.leftJoin(user, eq(actionItem.assigneeUserId, user.id))
		.leftJoin(organisation, eq(actionItem.assigneeOrganisationId, organisation.id))
		.where(eq(minutesOutcome.meetingId, sql.placeholder('meetingId')))
		.orderBy(asc(minutesOutcome.id))
		.prepare()
);

/** The outcomes of a meeting's minutes, in order, with their action items. The caller checked minutes.view. */
export function outcomesOf(db: Db | Tx, meetingId: number) {
	return outcomesOfMeeting(db).all({ meetingId });
}

const followUpsOfMeeting = prepared((db) =>
	db
		.select({ id: actionEvent.id, actionItemId: actionEvent.actionItemId, kind: actionEvent.kind, status: actionEvent.status, note: actionEvent.note, title: actionItem.title, topLabel: actionItem.topLabel, fromMeetingStartsAt: meeting.startsAt, actorName: user.name })
		.from(actionEvent)
		.innerJoin(actionItem, eq(actionEvent.actionItemId, actionItem.id))
		.innerJoin(meeting, eq(actionItem.meetingId, meeting.id))
		.innerJoin(user, eq(actionEvent.actorId, user.id))
		.where(and(eq(actionEvent.meetingId, sql.placeholder('meetingId')), ne(actionEvent.kind, 'created')))
		.orderBy(asc(actionEvent.id))
		.prepare()
);

/** Updates of earlier action items recorded while this meeting's minutes were taken (Wiedervorlage). */
export function followUpsRecorded(db: Db | Tx, meetingId: number) {
	return followUpsOfMeeting(db).all({ meetingId });
}

/**
 * Wiedervorlage while the minutes are taken: a status change or note on an open item of an earlier
 * meeting of the same series, recorded in these minutes. Only who may edit these minutes records
 * here, and only items this meeting follows up; the item's own rules (who may update it) apply too.
 */
export function recordFollowUp(
	db: Db,
	keysDb: KeysDb,
	actor: Actor,
	meetingId: number,
	actionId: number,
	input: { status?: string; note?: string; version?: number | string; decisions?: Record<string, FindingDecision> },
	meta: RequestMeta
): void {
	const { mt } = editableMinutes(db, actor, meetingId);
	if (!openActionsBefore(db, mt.seriesId, mt.startsAt).some((a) => a.id === actionId)) throw new NotFoundError();
	if (input.status) changeActionStatus(db, keysDb, actor, actionId, { status: input.status, note: input.note, version: input.version ?? '', decisions: input.decisions, meetingId }, meta);
	else addActionNote(db, keysDb, actor, actionId, { note: input.note ?? '', decisions: input.decisions, meetingId }, meta);
}
