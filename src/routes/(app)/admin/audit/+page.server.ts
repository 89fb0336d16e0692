import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AUDIT_TYPES, listAuditEvents } from '$lib/server/audit';
import { verifyAnchoredChainInSlices } from '$lib/server/audit/anchor';
import { getKeysDb } from '$lib/server/keystore';
import { guard } from '$lib/server/forms';
import { isRealIsoDate } from '$lib/server/validation';

function date(value: string | null, endOfDay = false): Date | undefined {
	if (!value || !isRealIsoDate(value)) return undefined;
	const d = new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}`);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = url.searchParams;
	const filter = {
		type: q.get('type') || undefined,
		actor: q.get('actor')?.trim() || undefined,
		from: date(q.get('from')),
		to: date(q.get('to'), true),
		page: Math.max(1, Number(q.get('page')) || 1)
	};
	const db = getDb();
	const page = guard(() => listAuditEvents(db, locals.actor!, filter));
	// After the permission check in listAuditEvents. In slices, so other users are not kept waiting.
	const chain = q.has('verify') ? await verifyAnchoredChainInSlices(db, getKeysDb()) : null;
	return {
		...page,
		chain,
		types: AUDIT_TYPES,
		filter: { type: q.get('type') ?? '', actor: q.get('actor') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' }
	};
};
