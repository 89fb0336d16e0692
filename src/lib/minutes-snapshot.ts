/** A version of the minutes as it was approved: everything the record says, nothing looked up later. */
export interface MinutesSnapshot {
	seriesTitle: string;
	startsAt: string;
	endsAt: string;
	place: string;
	minuteTaker: string | null;
	attendance: { name: string; organisation: string; presence: string; arrivedAt: string | null; leftAt: string | null }[];
	guests: { organisation: string; function: string }[];
	entries: {
		topLabel: string;
		title: string;
		caseCode: string | null;
		notes: string;
		outcomes: { kind: string; text: string; vote: string | null; votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null; assignee: string | null; dueDate: string | null }[];
	}[];
	followUps: { topLabel: string; title: string; status: string | null; note: string }[];
}
