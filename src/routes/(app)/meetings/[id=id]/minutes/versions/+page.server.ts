import type { PageServerLoad } from './$types';
import { meetingHeader } from '$lib/server/meetings';
import { diffVersions, listVersions } from '$lib/server/minutes/approval';
import { recordLoad } from '$lib/server/forms';
import { notesHtml, versionId } from '$lib/server/minutes/rendered';

/** The approved versions of the minutes and a word-level comparison of two of them (?from=1&to=2). */
export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		const view = meetingHeader(db, actor, id);
		const versions = listVersions(db, actor, id);
		const numbers = versions.map((v) => v.number);
		const pick = (name: string, fallback: number | undefined) => {
			const n = Number(event.url.searchParams.get(name));
			return numbers.includes(n) ? n : fallback;
		};
		const to = pick('to', numbers[0]);
		const from = pick('from', numbers.find((n) => to !== undefined && n < to));
		// The version to read (?version=N), the newest by default.
		const shown = versions.find((v) => v.number === pick('version', numbers[0])) ?? null;
		// An approved version never changes: its notes come rendered from the cache (access checked by listVersions).
		const shownHtml = shown ? notesHtml(db, versionId(db, id, shown.number), shown.snapshot.entries.map((e) => e.notes)) : [];
		return {
			shown: shown ? { number: shown.number, ...shown.snapshot, entries: shown.snapshot.entries.map((e, i) => ({ ...e, html: shownHtml[i] })) } : null,
			series: { title: view.series.title },
			meeting: { id, startsAt: view.meeting.startsAt },
			versions: versions.map((v) => ({ number: v.number, reason: v.reason, approvedInMeetingOn: v.approvedInMeetingOn, createdAt: v.createdAt, approvedByName: v.approvedByName })),
			from: from ?? null,
			to: to ?? null,
			diff: from !== undefined && to !== undefined && from !== to ? diffVersions(versions, from, to) : null
		};
	});
