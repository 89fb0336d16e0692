import { describe, expect, it } from 'vitest';
import { editingNow, PRESENCE_TTL_MS, publishChange, setCurrentItem, setEditing, subscribe, type LiveEvent } from './live';

describe('live minutes', () => {
	it('tells the subscribers of one meeting what changed and who edits which item, and forgets silent editors', () => {
		const seen: LiveEvent[] = [];
		const other: LiveEvent[] = [];
		const stop = subscribe(1, (e) => seen.push(e));
		const stopOther = subscribe(2, (e) => other.push(e));
		publishChange(1, { entryId: 7, by: 'Julia Neumann' });
		setEditing(1, { id: 3, name: 'Julia Neumann' }, 7, 1_000);
		setEditing(1, { id: 3, name: 'Julia Neumann' }, 7, 2_000);
		setEditing(1, { id: 2, name: 'Thomas Brandt' }, 8, 2_000);
		expect(seen).toEqual([
			{ type: 'change', entryId: 7, by: 'Julia Neumann' },
			{ type: 'presence', editing: [{ entryId: 7, name: 'Julia Neumann' }], current: null },
			{ type: 'presence', editing: [{ entryId: 7, name: 'Julia Neumann' }, { entryId: 8, name: 'Thomas Brandt' }], current: null }
		]);
		expect(other).toEqual([]);
		expect(editingNow(1, 2_000 + PRESENCE_TTL_MS + 1)).toEqual([]);
		setEditing(1, { id: 2, name: 'Thomas Brandt' }, null, 3_000);
		setCurrentItem(1, 8, 3_000);
		expect(seen[3]).toEqual({ type: 'presence', editing: [], current: 8 });
		stop();
		stopOther();
		publishChange(1);
		// Expired editors were forgotten already, so stopping is no news; after unsubscribing nothing arrives.
		expect(seen).toHaveLength(4);
	});
});
