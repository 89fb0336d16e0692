import type { PageServerLoad } from './$types';
import { minutesAccess, readableMinutes } from '$lib/server/minutes';
import { buildSnapshot } from '$lib/server/minutes/approval';
import { currentApprovedVersionId, notesHtml } from '$lib/server/minutes/rendered';
import { recordLoad } from '$lib/server/forms';

/**
 * A document to print, nothing to interact with: no client (no scripts, no hydration). The page is
 * sent once as HTML instead of also as serialised data; the long minutes' print view of the
 * benchmark answers about 1.7 times as many requests (bench/README.md). Links to it load it in full
 * (data-sveltekit-reload).
 */
export const csr = false;

/** The minutes as they stand, for printing: for whoever may read them now (drafts: taker and coordinators). */
export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		// Access only: the document itself is the snapshot below.
		const access = minutesAccess(db, actor, id);
		const minutes = readableMinutes(access);
		const doc = buildSnapshot(db, id);
		// Approved minutes are locked: their notes come rendered from the version's cache (access checked above).
		const html = notesHtml(db, currentApprovedVersionId(db, id, minutes), doc.entries.map((e) => e.notes));
		return {
			meetingId: id,
			status: minutes.status,
			approvedVersion: minutes.approvedVersion,
			doc: { ...doc, entries: doc.entries.map((e, i) => ({ ...e, html: html[i] })) }
		};
	});
