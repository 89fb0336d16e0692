/**
 * Live minutes: who changed what, and who is editing which item, pushed to the open minutes pages
 * of a meeting over server-sent events. One process holds the subscribers and the presence in
 * memory (the app runs as one server process per district, see the README); nothing here is
 * stored, and the events carry no text, only what changed, so a page reloads what its reader may see.
 */
import { EventEmitter } from 'node:events';

export type LiveEvent = { type: 'change'; entryId?: number; by?: string } | { type: 'presence'; editing: { entryId: number; name: string }[]; current: number | null };

const bus = new EventEmitter();
bus.setMaxListeners(0);

/** Someone is editing an item; forgotten after this long without a sign of life. */
export const PRESENCE_TTL_MS = 45_000;
const presence = new Map<number, Map<number, { entryId: number; name: string; at: number }>>();
/** The item under discussion, as the minute-taker or a coordinator set it (highlighted for everyone). */
const current = new Map<number, number>();

export function currentItem(meetingId: number): number | null {
	return current.get(meetingId) ?? null;
}

export function setCurrentItem(meetingId: number, entryId: number | null, now = Date.now()): void {
	if (entryId === null) current.delete(meetingId);
	else current.set(meetingId, entryId);
	bus.emit(`m${meetingId}`, { type: 'presence', editing: editingNow(meetingId, now), current: currentItem(meetingId) } satisfies LiveEvent);
}

export function publishChange(meetingId: number, detail: { entryId?: number; by?: string } = {}): void {
	bus.emit(`m${meetingId}`, { type: 'change', ...detail } satisfies LiveEvent);
}

export function subscribe(meetingId: number, listener: (e: LiveEvent) => void): () => void {
	bus.on(`m${meetingId}`, listener);
	return () => bus.off(`m${meetingId}`, listener);
}

export function editingNow(meetingId: number, now = Date.now()): { entryId: number; name: string }[] {
	const users = presence.get(meetingId);
	if (!users) return [];
	for (const [userId, p] of users) if (now - p.at > PRESENCE_TTL_MS) users.delete(userId);
	return [...users.values()].map(({ entryId, name }) => ({ entryId, name })).sort((a, b) => a.entryId - b.entryId || a.name.localeCompare(b.name, 'de'));
}

/** Records that a user edits an item (or stopped: entryId null) and tells the other pages. */
export function setEditing(meetingId: number, user: { id: number; name: string }, entryId: number | null, now = Date.now()): void {
	const users = presence.get(meetingId) ?? new Map();
	presence.set(meetingId, users);
	const before = users.get(user.id)?.entryId ?? null;
	if (entryId === null) users.delete(user.id);
	else users.set(user.id, { entryId, name: user.name, at: now });
	if (before !== entryId) bus.emit(`m${meetingId}`, { type: 'presence', editing: editingNow(meetingId, now), current: currentItem(meetingId) } satisfies LiveEvent);
}
