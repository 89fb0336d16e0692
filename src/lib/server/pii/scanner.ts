/**
 * German PII scanner for case-conference notes. Finds known case persons (with their
 * pseudonyms), other likely person names, birth dates, addresses, phone numbers, e-mail
 * addresses, IBANs and licence plates, and produces a pseudonymised copy of the text.
 *
 * Design and limits: docs/pii-scanner.md. Everything runs locally; no text leaves the process.
 */
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, type Gender } from './first-names';
import { findIbans } from './iban';
import {
	FOREIGN_LETTERS_RE,
	isAllCaps,
	isCapitalised,
	isUpper,
	looseKey,
	nameKey
} from './normalise';
import { DATE_AFTER_NAME_RE, findAddresses, findBirthDates, findEmails, findPhones } from './patterns';
import { findPlates, type Span } from './plates';
import { COMMON_WORD_SURNAMES, DISTINCT_SURNAMES, SURNAMES } from './surnames';
import {
	DETERMINERS,
	FUNCTION_WORD_SET,
	GERMAN_PARTICLES,
	HONORIFICS,
	LOWERCASE_NOT_NAMES,
	LOWERCASE_WORDS,
	NAME_PARTICLES,
	NAMING_CUES,
	NOT_AFTER_HONORIFIC,
	NOUN_SUFFIX_RE,
	PLACE_SET,
	RANK_WORDS,
	RELATION_CUES,
	ROLE_TITLES,
	STOP_WORDS,
	TITLE_WORDS
} from './words';

export type PiiKind = 'person' | 'birthdate' | 'address' | 'phone' | 'email' | 'iban' | 'plate';

export interface KnownPerson {
	name: string;
	pseudonym: string;
}

export interface ScanContext {
	persons: KnownPerson[];
	/** Names of app users/staff; never flagged when they appear (see docs for details). */
	allow: string[];
	/** Case codes of this installation ("F-7QK3", also older formats): never flagged. */
	codes?: string[];
}

export interface Finding {
	start: number;
	end: number;
	kind: PiiKind;
	text: string;
	replacement: string;
	known?: boolean;
}

export interface ScanResult {
	findings: Finding[];
	pseudonymised: string;
}

export const PLACEHOLDERS: Record<PiiKind, string> = {
	person: '[Name]',
	birthdate: '[Geburtsdatum]',
	address: '[Adresse]',
	phone: '[Telefon]',
	email: '[E-Mail]',
	iban: '[IBAN]',
	plate: '[Kennzeichen]'
};

// When findings overlap, the higher priority wins, then the longer one.
const PRIORITY: Record<PiiKind | 'known', number> = {
	email: 100,
	iban: 95,
	address: 90,
	known: 80,
	phone: 75,
	plate: 75,
	birthdate: 70,
	person: 50
};

// ---------------------------------------------------------------- tokens

interface Token {
	text: string;
	start: number;
	end: number;
	key: string;
	loose: string;
	/** First letter upper case. */
	cap: boolean;
	/** All lower case. */
	lower: boolean;
}

const ASCII_WORD_RE = /^[A-Za-z'-]+$/;
const UMLAUT_RE = /[äöüÄÖÜ]/;

// Character classes by UTF-16 code unit, filled lazily: 1 letter, 2 combining mark, 3 other.
// A hand-written tokenizer over this table is several times faster than a Unicode regex.
const charClass = new Uint8Array(65536);
const LETTER_RE = /\p{L}/u;
const MARK_RE = /\p{M}/u;
function classOf(code: number): number {
	let c = charClass[code];
	if (c === 0) {
		const ch = String.fromCharCode(code);
		c = LETTER_RE.test(ch) ? 1 : MARK_RE.test(ch) ? 2 : 3;
		charClass[code] = c;
	}
	return c;
}
const isLetter = (text: string, i: number) => i < text.length && classOf(text.charCodeAt(i)) === 1;

function makeToken(text: string, start: number, end: number): Token {
	const word = text.slice(start, end);
	const lowerText = word.toLowerCase();
	const key = ASCII_WORD_RE.test(word) ? lowerText : nameKey(word);
	return {
		text: word,
		start,
		end,
		key,
		loose: UMLAUT_RE.test(word) ? looseKey(word) : key,
		cap: word[0] !== lowerText[0] && isCapitalised(word),
		lower: lowerText === word
	};
}

/** Words (letters and combining marks) with inner hyphens ("Al-Hassan") and O'/D' prefixes. */
function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	const n = text.length;
	let i = 0;
	while (i < n) {
		if (!isLetter(text, i)) {
			i++;
			continue;
		}
		const start = i;
		i++;
		for (;;) {
			while (i < n && classOf(text.charCodeAt(i)) <= 2) i++;
			const ch = text[i];
			if (ch === '-' && isLetter(text, i + 1)) {
				i++;
				continue;
			}
			// "O'Brien", "D'Angelo": a one-letter prefix before an apostrophe and a capital.
			if ((ch === "'" || ch === '’') && i - start === 1 && isLetter(text, i + 1) && isUpper(text[i + 1])) {
				i++;
				continue;
			}
			break;
		}
		tokens.push(makeToken(text, start, i));
	}
	return tokens;
}

const BLANK_RE = /^[ \t\u00A0]+$/;

// Case codes as issued by cases/index.ts (kept here so the scanner has no database dependency).
const CASE_CODE_IN_TEXT_RE = /(?<![\p{L}\p{N}-])F-[A-Z0-9]{4}(?![\p{L}\p{N}])/giu;
const CURRENT_CASE_CODE_RE = /^F-[2-9][ABCDEFGHJKMNPQRSTUVWXYZ][23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2}$/;
const INDEFINITE = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines']);

/** Tokens i and j are neighbours on the same line, separated by blanks only. */
function adjacent(text: string, tokens: Token[], i: number, j: number): boolean {
	return j < tokens.length && BLANK_RE.test(text.slice(tokens[i].end, tokens[j].start));
}

// ---------------------------------------------------------------- context index

type Role = 'first' | 'last';

interface PersonEntry {
	pseudonym: string;
	family: boolean;
	gender: Gender | undefined;
	child: boolean;
	firstInitials: string;
	lastInitial: string;
}

interface IndexHit {
	person: number;
	role: Role;
}

const CHILD_PSEUDONYM_RE =
	/^(?:Kind|Jugendliche[r]?|Tochter|Sohn|Baby|Säugling|Mädchen|Junge|Geschwister|Schwester|Bruder)\b/i;
const FAMILY_PREFIX_RE = /^(?:Familie|Fam\.)\s+/i;

function nameParts(name: string): string[] {
	return name
		.split(/[\s,]+/)
		.map((p) => p.replace(/\.$/, ''))
		.filter((p) => p && !TITLE_WORDS.has(nameKey(p)) && !HONORIFICS.has(nameKey(p)));
}

interface CompiledContext {
	persons: PersonEntry[];
	index: Map<string, IndexHit[]>;
	/** Allow-listed full names as key sequences, by first key. */
	allowSequences: Map<string, string[][]>;
	allowParts: Set<string>;
	pseudonymRe: RegExp | null;
	codes: Set<string>;
}

function addHit(index: Map<string, IndexHit[]>, key: string, hit: IndexHit): void {
	if (key.length < 2) return;
	const list = index.get(key) ?? [];
	if (!list.some((h) => h.person === hit.person && h.role === hit.role)) list.push(hit);
	index.set(key, list);
}

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(ctx: ScanContext): CompiledContext {
	const persons: PersonEntry[] = [];
	const index = new Map<string, IndexHit[]>();

	const knownNames = new Set<string>();
	for (const p of ctx.persons) {
		const family = FAMILY_PREFIX_RE.test(p.name.trim());
		const parts = nameParts(p.name.trim().replace(FAMILY_PREFIX_RE, ''));
		const named = parts.filter((w) => !NAME_PARTICLES.has(w.toLowerCase()) || /^\p{Lu}/u.test(w));
		let firsts: string[];
		let last: string | null;
		if (named.length === 0) continue;
		if (named.length === 1 && !family && FIRST_NAMES.has(nameKey(named[0]))) {
			firsts = named;
			last = null;
		} else {
			firsts = family ? [] : named.slice(0, -1);
			last = named[named.length - 1];
		}
		const entry: PersonEntry = {
			pseudonym: p.pseudonym,
			family: family || (named.length === 1 && last !== null),
			gender: firsts.length ? FIRST_NAMES.get(nameKey(firsts[0])) : undefined,
			child: CHILD_PSEUDONYM_RE.test(p.pseudonym.trim()),
			firstInitials: firsts.map((f) => nameKey(f)[0]).join(''),
			lastInitial: last ? nameKey(last)[0] : ''
		};
		persons.push(entry);
		const add = (word: string, role: Role) => {
			const hit = { person: persons.length - 1, role };
			addHit(index, nameKey(word), hit);
			addHit(index, looseKey(word), hit);
			// Hyphenated parts on their own ("Frau Müller" for "Müller-Schmidt").
			if (word.includes('-')) for (const part of word.split('-')) addHit(index, nameKey(part), hit);
		};
		for (const f of firsts) add(f, 'first');
		if (last) add(last, 'last');
		knownNames.add(named.map(nameKey).join(' '));
	}

	const allowSequences = new Map<string, string[][]>();
	const allowParts = new Set<string>();
	for (const name of ctx.allow) {
		const parts = nameParts(name).map(nameKey);
		if (parts.length === 0) continue;
		for (const p of parts) allowParts.add(p);
		// A single word is no full name; a colleague named exactly like a case person is not
		// allowed to hide that person.
		if (parts.length < 2 || knownNames.has(parts.join(' '))) continue;
		const variants = [parts];
		// "Schulte, Anna" and "A. Schulte" refer to the same colleague.
		variants.push([parts[parts.length - 1], ...parts.slice(0, -1)]);
		variants.push([parts[0][0], parts[parts.length - 1]]);
		for (const seq of variants) {
			const list = allowSequences.get(seq[0]) ?? [];
			list.push(seq);
			allowSequences.set(seq[0], list);
		}
	}

	const pseudonyms = ctx.persons.map((p) => p.pseudonym.trim()).filter((p) => p.length > 0);
	const pseudonymRe = pseudonyms.length
		? new RegExp(
				`(?<![\\p{L}\\p{N}])(?:${pseudonyms.sort((a, b) => b.length - a.length).map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`,
				'gu'
			)
		: null;

	const codes = new Set((ctx.codes ?? []).map((c) => c.trim().toUpperCase()));
	return { persons, index, allowSequences, allowParts, pseudonymRe, codes };
}

// ---------------------------------------------------------------- scanning

interface Candidate extends Span {
	kind: PiiKind;
	replacement: string;
	known?: boolean;
	priority: number;
}

interface Lookup {
	hits: IndexHit[];
	start: number;
	end: number;
	/** Matched without a genitive s or as part of a hyphenated word: the name ends here. */
	closed: boolean;
}

function hitsFor(cc: CompiledContext, key: string, loose: string): IndexHit[] {
	return cc.index.get(key) ?? cc.index.get(loose) ?? [];
}

function lookupKnown(cc: CompiledContext, tok: Token): Lookup | null {
	if (tok.text.length < 2) return null;
	const lower = tok.lower;
	// "lange", "klein", "braun" in lower case are words, even if a surname is Lange or Klein.
	if (lower && (LOWERCASE_WORDS.has(tok.key) || LOWERCASE_NOT_NAMES.has(tok.key) || STOP_WORDS.has(tok.key))) {
		return null;
	}
	const direct = hitsFor(cc, tok.key, tok.loose);
	if (direct.length) return { hits: direct, start: tok.start, end: tok.end, closed: false };
	// Genitive: "Lenas", "Schultes" (but "Jonas" is a name of its own).
	if (/s$/i.test(tok.text) && tok.text.length > 3 && !FIRST_NAMES.has(tok.key)) {
		const hits = hitsFor(cc, tok.key.slice(0, -1), tok.loose.slice(0, -1));
		if (hits.length) return { hits, start: tok.start, end: tok.end - 1, closed: true };
	}
	// Hyphenated compounds: "Schulte-Kinder", "Anna-Lena".
	if (tok.text.includes('-')) {
		let offset = tok.start;
		for (const part of tok.text.split('-')) {
			const hits = part.length > 1 ? hitsFor(cc, nameKey(part), looseKey(part)) : [];
			if (hits.length) return { hits, start: offset, end: offset + part.length, closed: true };
			offset += part.length + 1;
		}
	}
	return null;
}

function choosePerson(cc: CompiledContext, hits: IndexHit[], cue: string | null): number {
	const people = [...new Set(hits.map((h) => h.person))];
	if (people.length === 1) return people[0];
	const onlySurname = hits.every((h) => h.role === 'last');
	if (!onlySurname) {
		const firsts = hits.filter((h) => h.role === 'first').map((h) => h.person);
		return Math.min(...firsts);
	}
	// A surname shared by several registered persons (mother and child).
	const score = (i: number): number => {
		const p = cc.persons[i];
		let s = 0;
		if (cue === 'familie' || cue === 'fam' || cue === null) s += p.family ? 8 : 0;
		if (cue === 'herr' || cue === 'herrn') s += (p.gender === 'm' || p.gender === 'u' ? 4 : 0) - (p.family ? 8 : 0);
		if (cue === 'frau') s += (p.gender === 'f' || p.gender === 'u' ? 4 : 0) - (p.family ? 8 : 0);
		if (!p.child) s += 2;
		return s;
	};
	return people.reduce((best, i) => (score(i) > score(best) ? i : best), people[0]);
}

class Scan {
	private readonly tokens: Token[];
	/** Token indexes that must never become part of a person finding. */
	private readonly blocked: Set<number> = new Set();
	/** Token indexes already covered by a person finding. */
	private readonly taken: Set<number> = new Set();
	/** Case codes in the text: nothing that overlaps them is a finding. */
	private readonly codeSpans: Span[] = [];
	readonly candidates: Candidate[] = [];

	constructor(
		private readonly cc: CompiledContext,
		private readonly text: string
	) {
		this.tokens = tokenize(text);
	}

	run(): Candidate[] {
		this.blockCaseCodes();
		this.blockPseudonyms();
		this.blockAllowed();
		this.findKnown();
		this.findUnknown();
		this.findStructured();
		return this.candidates;
	}

	private add(start: number, end: number, kind: PiiKind, replacement?: string, known = false) {
		if (this.codeSpans.some((c) => start < c.end && c.start < end)) return;
		this.candidates.push({
			start,
			end,
			kind,
			replacement: replacement ?? PLACEHOLDERS[kind],
			...(known ? { known: true } : {}),
			priority: known ? PRIORITY.known : PRIORITY[kind]
		});
	}

	/** Indexes of the tokens overlapping [start, end) (binary search; tokens are sorted). */
	private tokensIn(start: number, end: number): number[] {
		const { tokens } = this;
		let lo = 0;
		let hi = tokens.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (tokens[mid].end <= start) lo = mid + 1;
			else hi = mid;
		}
		const out: number[] = [];
		for (let i = lo; i < tokens.length && tokens[i].start < end; i++) out.push(i);
		return out;
	}

	/** Case codes of the current format, and every code of this installation, are never PII. */
	private blockCaseCodes(): void {
		if (this.text.indexOf('-') < 0) return;
		for (const m of this.text.matchAll(CASE_CODE_IN_TEXT_RE)) {
			const code = m[0].toUpperCase();
			if (!CURRENT_CASE_CODE_RE.test(code) && !this.cc.codes.has(code)) continue;
			const span = { start: m.index, end: m.index + m[0].length };
			this.codeSpans.push(span);
			for (const i of this.tokensIn(span.start, span.end)) this.blocked.add(i);
		}
	}

	private blockPseudonyms(): void {
		const re = this.cc.pseudonymRe;
		if (!re) return;
		for (const m of this.text.matchAll(re)) {
			for (const i of this.tokensIn(m.index, m.index + m[0].length)) this.blocked.add(i);
		}
	}

	private blockAllowed(): void {
		const { tokens, text } = this;
		for (let i = 0; i < tokens.length; i++) {
			const seqs = this.cc.allowSequences.get(tokens[i].key);
			if (!seqs) continue;
			for (const seq of seqs) {
				let j = i;
				let ok = true;
				for (let k = 1; k < seq.length && ok; k++) {
					const sep = text.slice(tokens[j].end, tokens[j + 1]?.start ?? text.length);
					ok = j + 1 < tokens.length && /^[ \t\u00A0]*[.,]?[ \t\u00A0]*$/.test(sep) && tokens[j + 1].key === seq[k];
					j++;
				}
				if (ok) for (let k = i; k <= j; k++) this.blocked.add(k);
			}
		}
	}

	/** "Der Koch der Kita", "ein Bauer": a surname that is also a noun, used as the noun. */
	private isNounUse(i: number): boolean {
		const key = this.tokens[i].key;
		if (!COMMON_WORD_SURNAMES.has(key) && !STOP_WORDS.has(key) && !LOWERCASE_WORDS.has(key)) return false;
		return i > 0 && adjacent(this.text, this.tokens, i - 1, i) && DETERMINERS.has(this.tokens[i - 1].key);
	}

	private cueBefore(i: number): string | null {
		if (i === 0 || !adjacent(this.text, this.tokens, i - 1, i)) return null;
		const key = this.tokens[i - 1].key;
		return HONORIFICS.has(key) ? key : null;
	}

	private findKnown(): void {
		const { tokens, text, cc } = this;
		for (let i = 0; i < tokens.length; i++) {
			if (this.blocked.has(i)) continue;
			const first = lookupKnown(cc, tokens[i]);
			if (!first) continue;
			let hits = first.hits;
			const startTok = i;
			let endTok = i;
			let start = first.start;
			let end = first.end;
			// Extend over further parts of the same person: "Lena Schulte", "Schulte, Lena".
			let closed = first.closed;
			while (!closed && endTok + 1 < tokens.length && !this.blocked.has(endTok + 1)) {
				const sep = text.slice(tokens[endTok].end, tokens[endTok + 1].start);
				// "Schulte, Lena" (a list entry), but not "Frau Schulte, Lena ist …".
				const comma = /^,[ \t\u00A0]*$/.test(sep) && this.cueBefore(startTok) === null;
				if (!BLANK_RE.test(sep) && !comma) break;
				const next = lookupKnown(cc, tokens[endTok + 1]);
				if (!next) break;
				const persons = new Set(hits.map((h) => h.person));
				let shared = next.hits.filter((h) => persons.has(h.person));
				if (comma) {
					// Only "Surname, First name" joins across a comma.
					const lastOf = new Set(hits.filter((h) => h.role === 'last').map((h) => h.person));
					shared = shared.filter((h) => h.role === 'first' && lastOf.has(h.person));
				}
				if (!shared.length) break;
				const keep = new Set(shared.map((h) => h.person));
				hits = [...hits.filter((h) => keep.has(h.person)), ...shared];
				endTok++;
				end = next.end;
				closed = next.closed;
			}
			const cue = this.cueBefore(startTok);
			let person = choosePerson(cc, hits, cue);
			const roles = new Set(hits.filter((h) => h.person === person).map((h) => h.role));
			if (!roles.has('first') && endTok === startTok && this.isNounUse(startTok)) continue;

			// "N. Schulte": an initial before a surname.
			if (roles.has('last') && !roles.has('first') && startTok > 0) {
				const prev = tokens[startTok - 1];
				const gap = text.slice(prev.end, tokens[startTok].start);
				if (prev.text.length === 1 && /^\p{Lu}$/u.test(prev.text) && /^\.[ \t\u00A0]*$/.test(gap)) {
					const match = hits.find((h) => cc.persons[h.person].firstInitials.includes(nameKey(prev.text)));
					if (match) {
						person = match.person;
						start = prev.start;
					}
				}
			}
			// "Nadine S.": a first name followed by the initial of the surname.
			if (roles.has('first') && !roles.has('last') && !closed) {
				const m = /^[ \t\u00A0]+(\p{Lu})\.(?!\p{L})/u.exec(text.slice(end, end + 4));
				if (m && nameKey(m[1]) === cc.persons[person].lastInitial) end += m[0].length;
			}
			// "Familie Krause" with pseudonym "Familie K": swallow the title, avoid "Familie Familie K".
			const pseudonym = cc.persons[person].pseudonym;
			if (startTok > 0 && start === tokens[startTok].start && adjacent(text, tokens, startTok - 1, startTok)) {
				const firstWord = nameKey(pseudonym.split(/\s+/)[0] ?? '');
				if (tokens[startTok - 1].key === firstWord) start = tokens[startTok - 1].start;
			}
			this.add(start, end, 'person', pseudonym, true);
			for (let k = startTok; k <= endTok; k++) this.taken.add(k);
			i = endTok;
		}
	}

	// ------------------------------------------------------------ unknown persons

	/** How much a capitalised word looks like a (sur)name. */
	private nameLike(i: number): 'strong' | 'weak' | 'no' {
		const tok = this.tokens[i];
		if (this.blocked.has(i) || this.taken.has(i)) return 'no';
		if (!tok.cap || tok.text.length < 2) return 'no';
		const key = tok.key;
		if (FIRST_NAMES.has(key) && !AMBIGUOUS_FIRST_NAMES.has(key)) return 'strong';
		if (SURNAMES.has(key) || looksForeign(tok)) return 'strong';
		if (STOP_WORDS.has(key) || PLACE_SET.has(key) || RELATION_CUES.has(key)) return 'no';
		if (HONORIFICS.has(key) || RANK_WORDS.has(key) || TITLE_WORDS.has(key)) return 'no';
		if (isAllCaps(tok.text) || NOUN_SUFFIX_RE.test(tok.text.toLowerCase())) return 'no';
		return 'weak';
	}

	private isFirstName(i: number): boolean {
		const tok = this.tokens[i];
		if (!FIRST_NAMES.has(tok.key) || AMBIGUOUS_FIRST_NAMES.has(tok.key) || isAllCaps(tok.text)) return false;
		if (tok.cap) return true;
		// Quick notes are often typed in lower case ("kommt mit tarik vorbei"); the listed names
		// that are also lower-case German words are excluded.
		return tok.lower && tok.text.length > 2 && !LOWERCASE_NOT_NAMES.has(tok.key) && !STOP_WORDS.has(tok.key);
	}

	/**
	 * Extends a name run from token `from` (already accepted) over further name-like words,
	 * lowercase particles ("von der") and a trailing initial ("Nadine S."). Returns the end offset
	 * and the last token index.
	 */
	private extendRun(from: number): { end: number; last: number } {
		const { tokens, text } = this;
		let last = from;
		let end = tokens[from].end;
		let count = 1;
		let j = from + 1;
		while (count < 4 && j < tokens.length && adjacent(text, tokens, j - 1, j)) {
			if (NAME_PARTICLES.has(tokens[j].text) && j + 1 < tokens.length && adjacent(text, tokens, j, j + 1)) {
				// "von der Schule" follows names far more often than "von der Leyen" does.
				let k = j;
				while (k < tokens.length && NAME_PARTICLES.has(tokens[k].text)) k++;
				const german = tokens.slice(j, k).some((t) => GERMAN_PARTICLES.has(t.text));
				if (k < tokens.length && (german ? this.nameLike(k) === 'strong' : this.nameLike(k) !== 'no')) {
					j = k;
					continue;
				}
				break;
			}
			if (this.nameLike(j) === 'no') break;
			last = j;
			end = tokens[j].end;
			count++;
			j++;
		}
		if (last === from || this.nameLike(last) !== 'no') {
			const m = /^[ \t\u00A0]+\p{Lu}\.(?!\p{L})/u.exec(text.slice(end, end + 4));
			if (m) end += m[0].length;
		}
		return { end, last };
	}

	private addUnknown(firstTok: number, lastTok: number, end: number): void {
		const { tokens } = this;
		const parts = [];
		for (let k = firstTok; k <= lastTok; k++) {
			if (this.blocked.has(k) || this.taken.has(k)) return;
			parts.push(tokens[k].key);
		}
		// Colleagues on the allow list are not flagged by their surname or first name alone.
		if (parts.every((p) => this.cc.allowParts.has(p) || NAME_PARTICLES.has(p))) return;
		let finalEnd = end;
		// Genitive s on an unknown first name: "Mehmets Bruder" keeps its "s" outside the span.
		const lastToken = tokens[lastTok];
		if (end === lastToken.end && firstTok === lastTok && /s$/.test(lastToken.text) && !FIRST_NAMES.has(lastToken.key)) {
			if (FIRST_NAMES.has(lastToken.key.slice(0, -1))) finalEnd = end - 1;
		}
		this.add(tokens[firstTok].start, finalEnd, 'person');
		for (let k = firstTok; k <= lastTok; k++) this.taken.add(k);
	}

	/** A cue word at i ("Frau", "Tante", "KHK", "Dr.") that introduces a name. */
	private cueStrength(i: number): 'strong' | 'weak' | null {
		const { tokens, text } = this;
		const key = tokens[i].key;
		const prevKey = i > 0 ? tokens[i - 1].key : '';
		const prevLower = i > 0 && tokens[i - 1].lower;
		if (HONORIFICS.has(key) && tokens[i].cap) {
			// "eine Frau Mitte 40", "seine Frau" use Frau as a noun.
			return prevLower && DETERMINERS.has(prevKey) ? 'weak' : 'strong';
		}
		if (RANK_WORDS.has(key) && isAllCaps(tokens[i].text)) return 'strong';
		if ((key === 'dr' || key === 'prof') && text[tokens[i].end] === '.') return 'strong';
		if (key === 'geb' && text[tokens[i].end] === '.') return 'strong'; // maiden name
		if (NAMING_CUES.has(key)) return 'strong';
		if (RELATION_CUES.has(key)) return 'weak';
		return null;
	}

	private findUnknown(): void {
		const { tokens, text } = this;
		for (let i = 0; i < tokens.length; i++) {
			if (this.taken.has(i) || this.blocked.has(i)) continue;
			const strength = this.cueStrength(i);
			if (strength) {
				// Skip titles and further cues: "Nachbarin Frau Dr. med. Weber".
				let j = i + 1;
				let mode = strength;
				while (j < tokens.length && this.gapOk(j - 1, j)) {
					const k = tokens[j].key;
					if (TITLE_WORDS.has(k) || RANK_WORDS.has(k)) {
						mode = 'strong';
						j++;
					} else if (
						mode === 'strong' &&
						ROLE_TITLES.has(k) &&
						adjacent(text, tokens, j, j + 1) &&
						tokens[j + 1].cap
					) {
						j++; // "Herr Staatsanwalt Reuter"
					} else if (HONORIFICS.has(k) && tokens[j].cap) {
						mode = 'strong';
						j++;
					} else break;
				}
				if (j >= tokens.length || !this.gapOk(j - 1, j)) continue;
				if (this.taken.has(j) || this.blocked.has(j)) {
					i = j;
					continue;
				}
				const tok = tokens[j];
				let ok: boolean;
				if (mode === 'strong') {
					ok =
						tok.cap &&
						tok.text.length > 1 &&
						!FUNCTION_WORD_SET.has(tok.key) &&
						!NOT_AFTER_HONORIFIC.has(tok.key) &&
						!PLACE_SET.has(tok.key) &&
						!RELATION_CUES.has(tok.key) &&
						!(isAllCaps(tok.text) && tok.text.length <= 4);
				} else if (i > 0 && INDEFINITE.has(tokens[i - 1].key)) {
					// "ein Nachbar Rauch aus dem Keller": a person introduced without a name.
					ok = this.nameLike(j) === 'strong';
				} else {
					ok = this.nameLike(j) !== 'no' || (tok.cap && FIRST_NAMES.has(tok.key));
				}
				if (!ok) continue;
				const { end, last } = this.extendRun(j);
				this.addUnknown(j, last, end);
				i = last;
				continue;
			}
			if (this.isFirstName(i) && !this.afterSaint(i)) {
				const { end, last } = this.extendRun(i);
				this.addUnknown(i, last, end);
				i = last;
				continue;
			}
			// Ambiguous first names ("August", "Mark") only with a clear surname after them.
			if (tokens[i].cap && AMBIGUOUS_FIRST_NAMES.has(tokens[i].key) && FIRST_NAMES.has(tokens[i].key)) {
				const next = i + 1;
				if (adjacent(text, tokens, i, next) && this.nameLike(next) === 'strong' && !this.isFirstName(next)) {
					const { end, last } = this.extendRun(i);
					this.addUnknown(i, last, end);
					i = last;
				}
				continue;
			}
			// A surname standing alone: distinctive surnames and obviously foreign names.
			const tok = tokens[i];
			if (
				tok.cap &&
				!isAllCaps(tok.text) &&
				(DISTINCT_SURNAMES.has(tok.key) || looksForeign(tok)) &&
				!PLACE_SET.has(tok.key) &&
				!STOP_WORDS.has(tok.key)
			) {
				const { end, last } = this.extendRun(i);
				this.addUnknown(i, last, end);
				i = last;
			}
		}
		this.propagateSurnames();
	}

	/** Blanks between tokens a and b, or ". " after an abbreviated title ("Dr. Weber"). */
	private gapOk(a: number, b: number): boolean {
		const gap = this.text.slice(this.tokens[a].end, this.tokens[b].start);
		if (BLANK_RE.test(gap)) return true;
		const k = this.tokens[a].key;
		const abbrev = TITLE_WORDS.has(k) || RANK_WORDS.has(k) || k === 'geb' || k === 'fam';
		return abbrev && /^\.[ \t\u00A0]+$/.test(gap);
	}

	/** "St. Elisabeth", "Sankt Martin" are churches and hospitals, not people. */
	private afterSaint(i: number): boolean {
		if (i === 0) return false;
		const prev = this.tokens[i - 1].key;
		return prev === 'sankt' || ((prev === 'st' || prev === 'hl') && this.text[this.tokens[i - 1].end] === '.');
	}

	/** A surname found once with a cue ("Dustin Pohl") is flagged again where it stands alone. */
	private propagateSurnames(): void {
		const { tokens } = this;
		const surnames = new Set<string>();
		for (const c of this.candidates) {
			if (c.kind !== 'person' || c.known) continue;
			const inside = this.tokensIn(c.start, c.end);
			const lastTok = tokens[inside[inside.length - 1]];
			if (!lastTok || FIRST_NAMES.has(lastTok.key) || STOP_WORDS.has(lastTok.key)) continue;
			if (this.cc.allowParts.has(lastTok.key)) continue;
			surnames.add(lastTok.key);
		}
		if (!surnames.size) return;
		for (let i = 0; i < tokens.length; i++) {
			if (this.taken.has(i) || this.blocked.has(i)) continue;
			if (tokens[i].cap && surnames.has(tokens[i].key)) this.addUnknown(i, i, tokens[i].end);
		}
	}

	// ------------------------------------------------------------ fixed-shape PII

	private findStructured(): void {
		const { text } = this;
		for (const s of findEmails(text)) this.add(s.start, s.end, 'email');
		for (const s of findIbans(text)) this.add(s.start, s.end, 'iban');
		for (const s of findPhones(text)) this.add(s.start, s.end, 'phone');
		for (const s of findPlates(text)) this.add(s.start, s.end, 'plate');
		for (const s of findAddresses(text)) this.add(s.start, s.end, 'address');
		for (const s of findBirthDates(text)) this.add(s.start, s.end, 'birthdate');
		// A date directly after a person's name is taken as the birth date: "Kofi (22.05.2018)",
		// unless it is recent enough to be the date of a call or meeting ("Frau Krüger, 12.03.2026").
		const recent = new Date().getFullYear() - 1;
		for (const c of [...this.candidates]) {
			if (c.kind !== 'person') continue;
			const m = DATE_AFTER_NAME_RE.exec(text.slice(c.end, c.end + 40));
			if (!m || yearOf(m[1]) >= recent) continue;
			const start = c.end + m[0].length - m[1].length;
			this.add(start, start + m[1].length, 'birthdate');
		}
	}
}

/** Four-digit year of a date as matched by DATE_SRC ("12.03.15" → 2015). */
function yearOf(date: string): number {
	const iso = /^(\d{4})-/.exec(date);
	if (iso) return Number(iso[1]);
	const y = /(\d{2,4})$/.exec(date)?.[1] ?? '0';
	if (y.length === 4) return Number(y);
	return Number(y) <= new Date().getFullYear() % 100 ? 2000 + Number(y) : 1900 + Number(y);
}

const FOREIGN_SUFFIX_RE =
	/(?:ski|ska|cki|cka|wicz|czyk|czak|ic|escu|eanu|oglu|enko|chuk|czuk|yuk|iuk|ov|ova|eva|owa|yan|jan|idis|opoulos|opoulou|akis|ides|ez)$/;

function looksForeign(tok: Token): boolean {
	if (PLACE_SET.has(tok.key) || STOP_WORDS.has(tok.key)) return false;
	if (FOREIGN_LETTERS_RE.test(tok.text) && tok.text.length > 2) return true;
	if (/^(?:al|el|abu|abd|abdel)-\p{L}/iu.test(tok.text)) return true;
	return tok.key.length >= 5 && FOREIGN_SUFFIX_RE.test(tok.key);
}

/** Keeps the best non-overlapping candidates: priority, then length, then position. */
function resolve(candidates: Candidate[], length: number): Candidate[] {
	const sorted = [...candidates].sort(
		(a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start
	);
	const used = new Uint8Array(length);
	const kept: Candidate[] = [];
	for (const c of sorted) {
		if (c.end <= c.start) continue;
		let free = true;
		for (let i = c.start; i < c.end && free; i++) free = used[i] === 0;
		if (!free) continue;
		used.fill(1, c.start, c.end);
		kept.push(c);
	}
	return kept.sort((a, b) => a.start - b.start);
}

export function applyReplacements(text: string, findings: Finding[]): string {
	const sorted = [...findings].sort((a, b) => a.start - b.start);
	let out = '';
	let pos = 0;
	for (const f of sorted) {
		if (f.start < pos) continue; // overlapping input: keep the earlier finding
		out += text.slice(pos, f.start) + f.replacement;
		pos = f.end;
	}
	return out + text.slice(pos);
}

export function createScanner(ctx: ScanContext): { scan(text: string): ScanResult } {
	const cc = compile(ctx);
	return {
		scan(text: string): ScanResult {
			const findings: Finding[] = resolve(new Scan(cc, text).run(), text.length).map((c) => ({
				start: c.start,
				end: c.end,
				kind: c.kind,
				text: text.slice(c.start, c.end),
				replacement: c.replacement,
				...(c.known ? { known: true } : {})
			}));
			return { findings, pseudonymised: applyReplacements(text, findings) };
		}
	};
}

export function scanText(text: string, ctx: ScanContext): ScanResult {
	return createScanner(ctx).scan(text);
}
