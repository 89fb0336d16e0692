import { describe, expect, it } from 'vitest';
import { evaluate, formatFigures, loadCorpus } from './evaluate';

const KINDS = ['person', 'birthdate', 'address', 'phone', 'email', 'iban', 'plate'];
const corpus = loadCorpus();

describe('PII corpus', () => {
	it('is well-formed', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(70);
		expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
		for (const entry of corpus) {
			let last = 0;
			for (const e of entry.expected) {
				expect(KINDS, entry.id).toContain(e.kind);
				expect(e.start, entry.id).toBeGreaterThanOrEqual(last);
				expect(e.end, entry.id).toBeGreaterThan(e.start);
				expect(e.end, entry.id).toBeLessThanOrEqual(entry.text.length);
				last = e.end;
			}
		}
		const kinds = new Set(corpus.flatMap((c) => c.expected.map((e) => e.kind)));
		expect([...kinds].sort()).toEqual([...KINDS].sort());
	});

	it('meets the quality thresholds (known persons 100 % with the right pseudonym, 0 misattributions, recall ≥ 97 %, precision ≥ 95 %)', () => {
		const figures = evaluate(corpus);
		console.log(formatFigures('whole corpus', figures));
		for (const [label, prefix] of [['blind batch 1', 'blind-'], ['blind batch 2', 'blind2-']] as const) {
			console.log(formatFigures(label, evaluate(corpus.filter((c) => c.id.startsWith(prefix)))));
		}
		expect(figures.knownRecall).toBe(1);
		expect(figures.misattributions).toEqual([]);
		expect(figures.recall).toBeGreaterThanOrEqual(0.97);
		expect(figures.precision).toBeGreaterThanOrEqual(0.95);
	});
});
