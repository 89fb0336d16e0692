/**
 * Quality figures of the scanner on the labelled corpus (tests/fixtures/pii/corpus.json).
 * Shared by corpus.test.ts and bench/pii.ts.
 *
 * Matching rule: a finding is a true positive if its span overlaps an expected span of the
 * same kind. An expected span is recalled if such a finding exists; for a known person the
 * finding must also be marked known. Spans need not match exactly ("Frau Schulte" vs
 * "Schulte"), because either replacement removes the name; exact matches are counted too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScanner, type PiiKind, type ScanContext } from './scanner';

export interface ExpectedSpan {
	start: number;
	end: number;
	kind: PiiKind;
	known?: boolean;
	/** Where labelled: the pseudonym the known-person finding must carry. */
	pseudonym?: string;
}

export interface CorpusEntry {
	id: string;
	text: string;
	context: ScanContext;
	expected: ExpectedSpan[];
}

export interface Miss {
	id: string;
	kind: PiiKind;
	text: string;
}

export interface Figures {
	passages: number;
	expected: number;
	findings: number;
	truePositives: number;
	recall: number;
	precision: number;
	knownExpected: number;
	knownRecall: number;
	exactSpans: number;
	/**
	 * Findings that tie text to a registered person wrongly: a known-person finding on a span
	 * labelled as another (unregistered) person, on text that is no person, or with another
	 * pseudonym than the labelled one. The bar is 0.
	 */
	misattributions: Miss[];
	byKind: Record<string, { expected: number; recalled: number; findings: number; correct: number }>;
	falseNegatives: Miss[];
	falsePositives: Miss[];
}

export const CORPUS_PATH = fileURLToPath(
	new URL('../../../../tests/fixtures/pii/corpus.json', import.meta.url)
);

export function loadCorpus(path = CORPUS_PATH): CorpusEntry[] {
	return JSON.parse(readFileSync(path, 'utf8')) as CorpusEntry[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

export function evaluate(corpus: CorpusEntry[]): Figures {
	const f: Figures = {
		passages: corpus.length,
		expected: 0,
		findings: 0,
		truePositives: 0,
		recall: 0,
		precision: 0,
		knownExpected: 0,
		knownRecall: 0,
		exactSpans: 0,
		misattributions: [],
		byKind: {},
		falseNegatives: [],
		falsePositives: []
	};
	let recalled = 0;
	let knownRecalled = 0;
	const kind = (k: string) => (f.byKind[k] ??= { expected: 0, recalled: 0, findings: 0, correct: 0 });

	for (const entry of corpus) {
		const { findings } = createScanner(entry.context).scan(entry.text);
		for (const fi of findings) {
			f.findings++;
			kind(fi.kind).findings++;
			if (fi.known) {
				const right = entry.expected.some((e) => e.known && overlaps(e, fi) && (!e.pseudonym || e.pseudonym === fi.replacement));
				if (!right) f.misattributions.push({ id: entry.id, kind: fi.kind, text: `${fi.text} → ${fi.replacement}` });
			}
			if (entry.expected.some((e) => e.kind === fi.kind && overlaps(e, fi))) {
				f.truePositives++;
				kind(fi.kind).correct++;
			} else {
				f.falsePositives.push({ id: entry.id, kind: fi.kind, text: fi.text });
			}
		}
		for (const e of entry.expected) {
			f.expected++;
			kind(e.kind).expected++;
			if (e.known) f.knownExpected++;
			const hit = findings.find((fi) => fi.kind === e.kind && overlaps(e, fi) && (!e.known || (fi.known && (!e.pseudonym || fi.replacement === e.pseudonym))));
			if (hit) {
				recalled++;
				kind(e.kind).recalled++;
				if (e.known) knownRecalled++;
				if (hit.start === e.start && hit.end === e.end) f.exactSpans++;
			} else {
				f.falseNegatives.push({ id: entry.id, kind: e.kind, text: entry.text.slice(e.start, e.end) });
			}
		}
	}
	f.recall = f.expected ? recalled / f.expected : 1;
	f.precision = f.findings ? f.truePositives / f.findings : 1;
	f.knownRecall = f.knownExpected ? knownRecalled / f.knownExpected : 1;
	return f;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function formatFigures(label: string, f: Figures): string {
	const lines = [
		`${label}: ${f.passages} passages, ${f.expected} expected spans, ${f.findings} findings`,
		`  recall ${pct(f.recall)}, precision ${pct(f.precision)}, known-person recall ${pct(f.knownRecall)} (${f.knownExpected} spans), misattributions ${f.misattributions.length}, exact spans ${pct(f.expected ? f.exactSpans / f.expected : 1)}`
	];
	for (const [k, v] of Object.entries(f.byKind).sort()) {
		lines.push(`  ${k.padEnd(9)} recall ${v.recalled}/${v.expected}, precision ${v.correct}/${v.findings}`);
	}
	for (const m of f.falseNegatives) lines.push(`  missed   ${m.id} ${m.kind} "${m.text}"`);
	for (const m of f.falsePositives) lines.push(`  spurious ${m.id} ${m.kind} "${m.text}"`);
	for (const m of f.misattributions) lines.push(`  misattributed ${m.id} "${m.text}"`);
	return lines.join('\n');
}
