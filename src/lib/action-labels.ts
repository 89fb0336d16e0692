import { m } from '$lib/paraglide/messages';

type Fn = () => string;

export function actionStatusLabel(status: string | null): string {
	return ({ open: m.action_status_open, in_progress: m.action_status_in_progress, done: m.action_status_done, dropped: m.action_status_dropped } as Record<string, Fn>)[status ?? '']?.() ?? (status ?? '');
}

export function outcomeKindLabel(kind: string): string {
	return ({ information: m.outcome_kind_information, decision: m.outcome_kind_decision, action: m.outcome_kind_action } as Record<string, Fn>)[kind]?.() ?? kind;
}

/** "einstimmig" or "5 dafür, 1 dagegen, 0 Enthaltungen". */
export function voteLabel(o: { vote: string | null; votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null }): string {
	if (o.vote === 'unanimous') return m.vote_unanimous();
	if (o.vote === 'counted') return m.vote_counted({ yes: o.votesFor ?? 0, no: o.votesAgainst ?? 0, abstain: o.votesAbstain ?? 0 });
	return '';
}

/** "Frau X (Jugendamt Y)", "Jugendamt Y" or "–". */
export function assigneeLabel(a: { assigneeName: string | null; assigneeOrganisationName: string | null }): string {
	if (a.assigneeName && a.assigneeOrganisationName) return `${a.assigneeName} (${a.assigneeOrganisationName})`;
	return a.assigneeName ?? a.assigneeOrganisationName ?? '–';
}
