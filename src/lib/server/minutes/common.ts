/**
 * What every minutes operation asks first: the actor's role in the series, the minutes row, and
 * the policy resource built from both.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { prepared } from '../db/prepared';
import { minutes } from '../db/schema-meetings';
import { assertCan, requireSeriesRole, type Actor, type SeriesRole } from '../access';
import { DomainError } from '../errors';
import { loadMeeting, seriesRole } from '../meetings';
import type { LifecycleActor } from '../meetings/lifecycle';

export type Minutes = typeof minutes.$inferSelect;

export function roleIn(db: Db | Tx, actor: Actor, seriesId: number): SeriesRole {
	return requireSeriesRole(seriesRole(db, actor, seriesId));
}

export function minutesResource(role: SeriesRole, m: Pick<Minutes, 'status' | 'minuteTakerId'> | null) {
	return { type: 'minutes' as const, role, status: m?.status ?? ('draft' as const), minuteTakerId: m?.minuteTakerId ?? null };
}

export function lifecycleActors(role: SeriesRole, actor: Actor, m: Pick<Minutes, 'minuteTakerId'> | null): LifecycleActor[] {
	const who: LifecycleActor[] = [];
	if (role === 'coordinator') who.push('coordinator');
	if (m?.minuteTakerId === actor.id) who.push('minute_taker');
	return who;
}

const minutesOfMeeting = prepared((db) => db.select().from(minutes).where(eq(minutes.meetingId, sql.placeholder('meetingId'))).prepare());

export function loadMinutes(db: Db | Tx, meetingId: number): Minutes | null {
	return minutesOfMeeting(db).get({ meetingId }) ?? null;
}

/** The minutes exist and the actor may edit them (minute-taker or coordinator, not approved). */
export function editableMinutes(db: Db | Tx, actor: Actor, meetingId: number) {
	const mt = loadMeeting(db, meetingId);
	const role = roleIn(db, actor, mt.seriesId);
	const m = loadMinutes(db, meetingId);
	if (!m?.startedAt) throw new DomainError('minutes_not_started', 409);
	assertCan(actor, 'minutes.edit', minutesResource(role, m));
	return { mt, role, m };
}

