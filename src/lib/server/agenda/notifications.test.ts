import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthlySeriesInput, setupDb, META, type TestWorld } from '../testing/fixtures';
import { openTestKeysDb } from '../keystore';
import { createSeries, listMeetings } from '../meetings';
import { outbox } from '../db/schema';
import { reviewAgendaItem, submitAgendaItem } from '.';
import { runJob } from '../jobs';

let w: TestWorld;
let keys: ReturnType<typeof openTestKeysDb>;
let meetingIds: number[];
const BEFORE = { ...META, now: new Date('2026-01-20T09:00:00Z') };
const item = (title: string) => ({ kind: 'topic' as const, title, text: '', requestedMinutes: 10 });

beforeEach(async () => {
	w = await setupDb();
	keys = openTestKeysDb();
	const seriesId = createSeries(w.db, w.coordinator, monthlySeriesInput(w), { ...META, now: new Date('2026-01-10T09:00:00Z') });
	meetingIds = listMeetings(w.db, w.coordinator, { seriesId }).map((mt) => mt.id);
});
afterEach(() => {
	keys.cleanup();
	w.cleanup();
});

const mailsTo = (email: string) => w.db.select().from(outbox).all().filter((o) => o.recipient === email);

describe('agenda notifications', () => {
	it('tells the submitter the decision in their language (reason, new date), with a link and without the item text', () => {
		w.db.$client.prepare("UPDATE user SET locale = 'en' WHERE id = ?").run(w.police.id);
		const a = submitAgendaItem(w.db, keys, w.member, meetingIds[0], item('Schulweg Kind A'), BEFORE);
		const b = submitAgendaItem(w.db, keys, w.police, meetingIds[0], item('Lagebild Einsätze'), BEFORE);
		const c = submitAgendaItem(w.db, keys, w.member, meetingIds[0], item('Fortbildung'), BEFORE);
		reviewAgendaItem(w.db, w.coordinator, a, { decision: 'accept', version: 1 }, BEFORE);
		reviewAgendaItem(w.db, w.coordinator, b, { decision: 'reject', reason: 'Bitte in der Leitungsrunde', version: 1 }, BEFORE);
		reviewAgendaItem(w.db, w.coordinator, c, { decision: 'defer', version: 1 }, BEFORE);
		const member = mailsTo(w.member.email).map((o) => o.body);
		expect(member[0]).toContain('in die Tagesordnung aufgenommen');
		expect(member[1]).toMatch(/auf die Sitzung am \d{2}\.\d{2}\.2026 vertagt/);
		expect(member.join('\n')).not.toMatch(/Schulweg|Fortbildung/);
		const police = mailsTo(w.police.email);
		expect(police[0].subject).toMatch(/^Your agenda item/);
		expect(police[0].body).toContain('Reason: Bitte in der Leitungsrunde');
		// The coordinator's own item needs no mail to themselves.
		const own = submitAgendaItem(w.db, keys, w.coordinator, meetingIds[1], item('Eigener Punkt'), BEFORE);
		expect(own).toBeGreaterThan(0);
		expect(mailsTo(w.coordinator.email)).toEqual([]);
	});

	it('sends coordinators one digest a day of new proposals', async () => {
		submitAgendaItem(w.db, keys, w.member, meetingIds[0], item('Neu eins'), BEFORE);
		submitAgendaItem(w.db, keys, w.police, meetingIds[0], item('Neu zwei'), BEFORE);
		const at = new Date(BEFORE.now.getTime() + 3 * 3_600_000);
		expect(await runJob(w.db, 'proposal-digest', { now: at })).toMatchObject({ ran: true, result: { mails: 1, proposals: 2 } });
		expect(await runJob(w.db, 'proposal-digest', { now: at })).toEqual({ ran: false });
		const [digest] = mailsTo(w.coordinator.email);
		expect(digest.subject).toBe('Neue Tagesordnungspunkte zur Entscheidung (2)');
		expect(digest.body).toMatch(/2 neue Punkte – http:\/\/localhost:\d+\/meetings\/\d+\/agenda/);
		expect(digest.body).not.toContain('Neu eins');
	});
});
