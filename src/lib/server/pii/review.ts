import { applyReplacements, createScanner, type Finding, type PiiKind, type ScanContext } from './scanner';
import { normalisePlaceholders } from '../../placeholders';

/**
 * What the author decided about a finding that is not a known case person:
 * replace it with a placeholder, confirm that it is not personal data, or register it as a person
 * of a case (which gives it a pseudonym).
 */
export type FindingDecision = { action: 'placeholder' } | { action: 'ignore' } | { action: 'register'; caseId: number; role: string };

/** Decisions are keyed by kind and text, so they survive edits that shift offsets. */
export function findingKey(f: Pick<Finding, 'kind' | 'text'>): string {
	return `${f.kind}|${f.text}`;
}

export interface OpenFinding {
	key: string;
	kind: PiiKind;
	text: string;
	replacement: string;
}

/**
 * The text as it will be stored, in pieces: plain text, a known person (always its pseudonym), or
 * a finding the author decides about (`key`): shown as `replacement` unless confirmed as not
 * personal. The review form renders it live from the author's choices.
 */
export type PreviewSegment = { text: string } | { key: string; original: string; replacement: string } | { pseudonym: string };

export interface ReviewedText {
	/** Known persons replaced by pseudonyms and placeholders applied where the author chose them. */
	text: string;
	/** Findings without a decision: the text must not be saved while there are any. */
	open: OpenFinding[];
	ignored: OpenFinding[];
	register: (OpenFinding & { caseId: number; role: string })[];
	preview: PreviewSegment[];
}

/**
 * Every free-text field passes here before it is stored (reviewFreeText, pseudonymiseKnownPersons).
 * Placeholders the author typed or got back in an edit field ("[Telefon]", "[Phone]") become the
 * stored tokens first (src/lib/placeholders.ts); the scanner never flags a token.
 */
export function reviewText(input: string, ctx: ScanContext | ReturnType<typeof createScanner>, decisions: Record<string, FindingDecision> = {}): ReviewedText {
	const text = normalisePlaceholders(input);
	const scanner = 'scan' in ctx ? ctx : createScanner(ctx);
	const { findings } = scanner.scan(text);
	const apply: Finding[] = [];
	const result: ReviewedText = { text, open: [], ignored: [], register: [], preview: [] };
	const seen = new Set<string>();
	let pos = 0;
	for (const f of findings) {
		if (f.start > pos) result.preview.push({ text: text.slice(pos, f.start) });
		pos = f.end;
		if (f.known) {
			apply.push(f);
			result.preview.push({ pseudonym: f.replacement });
			continue;
		}
		const key = findingKey(f);
		result.preview.push({ key, original: f.text, replacement: f.replacement });
		const decision = decisions[key];
		const entry = { key, kind: f.kind, text: f.text, replacement: f.replacement };
		if (decision?.action === 'placeholder') apply.push(f);
		else if (!seen.has(key)) {
			if (decision?.action === 'ignore') result.ignored.push(entry);
			else if (decision?.action === 'register') result.register.push({ ...entry, caseId: decision.caseId, role: decision.role });
			else result.open.push(entry);
		}
		seen.add(key);
	}
	if (pos < text.length) result.preview.push({ text: text.slice(pos) });
	result.text = applyReplacements(text, apply);
	return result;
}

/** Reads the decisions of the review form: fields `pii_<n>_key`, `pii_<n>_action`, `pii_<n>_case`, `pii_<n>_role`. */
export function decisionsFromForm(data: FormData): Record<string, FindingDecision> {
	const decisions: Record<string, FindingDecision> = {};
	for (const [name, value] of data) {
		const m = /^pii_(\d+)_key$/.exec(name);
		if (!m || typeof value !== 'string') continue;
		const action = String(data.get(`pii_${m[1]}_action`) ?? '');
		if (action === 'placeholder' || action === 'ignore') decisions[value] = { action };
		else if (action === 'register') {
			const caseId = Number(data.get(`pii_${m[1]}_case`));
			const role = String(data.get(`pii_${m[1]}_role`) ?? '');
			if (Number.isInteger(caseId) && caseId > 0 && role) decisions[value] = { action: 'register', caseId, role };
		}
	}
	return decisions;
}
