/**
 * PII scanner benchmark: quality on the labelled corpus and speed per 10 KB of text with a
 * context of 1,000 known persons (synthetic, from the first-name and surname lexicons).
 *
 *   npm run bench:pii [-- --runs 300]
 */
import { evaluate, formatFigures, loadCorpus } from '../src/lib/server/pii/evaluate';
import { firstNameList } from '../src/lib/server/pii/first-names';
import { createScanner, type KnownPerson } from '../src/lib/server/pii/scanner';
import { surnameList } from '../src/lib/server/pii/surnames';
import { prng } from './prng';

const TARGET_BYTES = 10 * 1024;
const GOAL_MS = 5;

function argNumber(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}


function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const runs = argNumber('--runs', 300);
const random = prng(42);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];

// ---------------------------------------------------------------- quality

const corpus = loadCorpus();
console.log(formatFigures('Corpus (whole)', evaluate(corpus)));
console.log(formatFigures('Corpus (blind batch, after later fixes)', evaluate(corpus.filter((c) => c.id.startsWith('blind-')))));

// ---------------------------------------------------------------- speed

const firsts = firstNameList();
const lasts = surnameList();
const persons: KnownPerson[] = [];
const seen = new Set<string>();
while (persons.length < 1000) {
	const name = `${pick(firsts)} ${pick(lasts)}`;
	if (seen.has(name)) continue;
	seen.add(name);
	persons.push({ name, pseudonym: `Person ${persons.length + 1}` });
}

const t0 = performance.now();
const scanner = createScanner({ persons, allow: ['Anna Schulte', 'Jens Hoffmann', 'Birgit Meyer'] });
const compileMs = performance.now() - t0;

// Realistic text: corpus passages interleaved with sentences naming the synthetic persons.
function makeText(): string {
	const parts: string[] = [];
	let bytes = 0;
	while (bytes < TARGET_BYTES) {
		const p = pick(persons).name;
		const [first, last] = p.split(' ');
		const part =
			random() < 0.5
				? pick(corpus).text
				: pick([
						`Laut Schule war ${p} am Montag nicht im Unterricht.`,
						`Frau ${last} hat angerufen, ${first} sei krank.`,
						`${first} wohnt seit März bei der Großmutter.`,
						`Herr ${last} (geb. 0${1 + Math.floor(random() * 9)}.05.1985) war beim Termin anwesend.`
					]);
		parts.push(part);
		bytes += Buffer.byteLength(part, 'utf8') + 1;
	}
	return parts.join(' ');
}

const texts = Array.from({ length: 50 }, makeText);
// Warm-up, with fresh scanners as below, so the JIT has seen the paths of a scanner that knows no words yet.
for (let i = 0; i < 60; i++) (i % 2 ? scanner : createScanner({ persons, allow: [] })).scan(texts[i % texts.length]);

// As in a request, every scan has a scanner of its own, so nothing one scan learnt about the
// words helps the next. They are compiled before the timing (see "context compile"), so that the
// collection of the compilations' garbage does not land in the scans.
const scanners = Array.from({ length: runs }, () => createScanner({ persons, allow: ['Anna Schulte', 'Jens Hoffmann', 'Birgit Meyer'] }));
const perTenKb: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
	const text = texts[i % texts.length];
	const fresh = scanners[i];
	const start = performance.now();
	findings += fresh.scan(text).findings.length;
	const ms = performance.now() - start;
	perTenKb.push((ms * TARGET_BYTES) / Buffer.byteLength(text, 'utf8'));
}
perTenKb.sort((a, b) => a - b);
const median = percentile(perTenKb, 0.5);
const p95 = percentile(perTenKb, 0.95);

console.log(`\nSpeed: ${runs} scans of ~10 KB with 1,000 known persons (Node ${process.version})`);
console.log(`  context compile: ${compileMs.toFixed(1)} ms (once per context)`);
console.log(`  per 10 KB: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (goal < ${GOAL_MS} ms)`);
console.log(`  findings per scan: ${(findings / runs).toFixed(0)}`);
console.log(median < GOAL_MS && p95 < GOAL_MS ? '  goal met' : '  GOAL NOT MET');
