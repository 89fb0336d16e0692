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
	isCapitalised,
	isUpper,
	looseKey,
	nameKey
} from './normalise';
import { DATE_AFTER_NAME_RE, findAddresses, findBirthDates, findEmails, findPhones } from './patterns';
import { findPlates, type Span } from './plates';
import { PLACEHOLDER_KINDS, PLACEHOLDER_TOKEN_RE, placeholderToken, type PlaceholderKind } from '../../placeholders';
import { COMMON_WORD_SURNAMES, DISTINCT_SURNAMES, SURNAMES } from './surnames';
import {
	ABBREVIATED_HONORIFICS,
	CUE_GENDER,
	DETERMINERS,
	FOREIGN_PARTICLES,
	FUNCTION_WORD_SET,
	INSTITUTION_WORDS,
	ORDINARY_WORD_SURNAMES,
	ROLE_ABBREVIATIONS,
	TIME_WORD_SET,
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

/** 'person' | 'birthdate' | 'address' | 'phone' | 'email' | 'iban' | 'plate' */
export type PiiKind = PlaceholderKind;

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

/**
 * What a finding the author replaces becomes in the stored text: a language-neutral token
 * (`[[pii:phone]]`, see src/lib/placeholders.ts), shown to each reader in their language.
 */
export const PLACEHOLDERS: Record<PiiKind, string> = Object.fromEntries(PLACEHOLDER_KINDS.map((k) => [k, placeholderToken(k)])) as Record<PiiKind, string>;

/**
 * Placeholders already in the text (an edited text, or one the author typed) are no personal data
 * and no context: each of their characters is scanned as U+FFFC (neither letter, digit nor blank),
 * so no finding covers them and no name is joined across them. Offsets stay the same.
 */
function maskPlaceholders(text: string): string {
	if (!text.includes('[[pii:')) return text;
	return text.replace(PLACEHOLDER_TOKEN_RE, (t) => '\uFFFC'.repeat(t.length));
}

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
	/** All upper case (two letters or more). */
	allCaps: boolean;
	/** Shared by every token of the same word (see `featuresOf`). */
	word: WordFeatures;
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

interface WordFeatures {
	key: string;
	loose: string;
	cap: boolean;
	lower: boolean;
	allCaps: boolean;
}

// Case notes repeat their words; the features of a word are computed once. Bounded.
const wordFeatures = new Map<string, WordFeatures>();
const WORD_FEATURES_LIMIT = 50_000;

function featuresOf(word: string): WordFeatures {
	let f = wordFeatures.get(word);
	if (!f) {
		const lowerText = word.toLowerCase();
		const key = ASCII_WORD_RE.test(word) ? lowerText : nameKey(word);
		f = {
			key,
			loose: UMLAUT_RE.test(word) ? looseKey(word) : key,
			cap: word[0] !== lowerText[0] && isCapitalised(word),
			lower: lowerText === word,
			allCaps: word.length > 1 && lowerText !== word && word === word.toUpperCase()
		};
		if (wordFeatures.size >= WORD_FEATURES_LIMIT) wordFeatures.clear();
		wordFeatures.set(word, f);
	}
	return f;
}

function makeToken(text: string, start: number, end: number): Token {
	// A word split at a line end ("Stoja-\nnović", OCR and e-mail) is looked up whole.
	const raw = text.slice(start, end);
	const f = featuresOf(raw.includes('\n') ? raw.replace(/-\r?\n[ \t]*/g, '') : raw);
	return { text: raw, start, end, key: f.key, loose: f.loose, cap: f.cap, lower: f.lower, allCaps: f.allCaps, word: f };
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
			// "Stoja-\nnović": a word hyphenated at the end of a line goes on in lower case on the next.
			if (ch === '-' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
				let k = i + (text[i + 1] === '\r' ? 2 : 1) + 1;
				while (text[k] === ' ' || text[k] === '\t') k++;
				if (isLetter(text, k) && text[k] !== text[k].toUpperCase()) {
					i = k;
					continue;
				}
			}
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
// Initials written out: "K. A. H.", "L.-S. H." (not part of a longer abbreviation such as "u. a. m.").
// The look-behind follows the first capital: checked at every position of the text, it made this
// expression six times slower.
const INITIALS_RE = /\p{Lu}(?<![\p{L}\p{N}.]\p{Lu})\.(?:[ \t\u00A0]*-?[ \t\u00A0]*\p{Lu}\.)+(?![\p{L}\p{N}])/gu;
/** Small words inside institution names ("Grundschule am Lindenhof", "Haus zum Guten Hirten"). */
const INSTITUTION_LINKS = new Set(['am', 'an', 'der', 'den', 'im', 'in', 'zum', 'zur', 'st', 'sankt', 'hl', 'von', 'vom']);

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
	/** First word of the pseudonym ("mutter" for "Mutter A"), as a key. */
	role: string;
	family: boolean;
	gender: Gender | undefined;
	child: boolean;
	firstInitials: string;
	lastInitial: string;
	/** Particles of the surname ("abu" in "Omar Abu Saleh", "van der" in "van der Linden"), as keys. */
	particles: string[];
	/** Every initial of the full name ("kah" for Karim Abu Hamdan, "lsh" for Lea-Sophie Hartmann). */
	fullInitials: string;
}

interface IndexHit {
	person: number;
	role: Role;
}

const CHILD_PSEUDONYM_RE =
	/^(?:Kind|Jugendliche[r]?|Tochter|Sohn|Baby|Säugling|Mädchen|Junge|Geschwister|Schwester|Bruder)\b/i;
const FAMILY_PREFIX_RE = /^(?:Familie|Fam\.)\s+/i;

// The role word of a pseudonym says the gender where the first name does not.
const PSEUDONYM_GENDER: Record<string, 'f' | 'm'> = {
	mutter: 'f', tochter: 'f', grossmutter: 'f', oma: 'f', tante: 'f', schwester: 'f', jugendliche: 'f',
	lebensgefaehrtin: 'f', stiefmutter: 'f', pflegemutter: 'f', partnerin: 'f',
	vater: 'm', sohn: 'm', grossvater: 'm', opa: 'm', onkel: 'm', bruder: 'm', jugendlicher: 'm',
	lebensgefaehrte: 'm', stiefvater: 'm', pflegevater: 'm', partner: 'm'
};

/** Cue words that name an adult: the name after them is not a registered child's. */
const ADULT_CUES = new Set(
	['km', 'kv', 'lg', 'lgin', 'mutter', 'vater', 'kindsmutter', 'kindsvater', 'lebensgefaehrte', 'lebensgefaehrtin', 'oma', 'opa', 'grossmutter', 'grossvater', 'onkel', 'tante', 'ehemann', 'ehefrau', 'stiefvater', 'stiefmutter', 'herr', 'herrn', 'hr', 'hrn', 'frau', 'fr']
);

const isParticle = (word: string) => NAME_PARTICLES.has(word.toLowerCase()) || FOREIGN_PARTICLES.has(nameKey(word));

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
	/** Persons by their full initials ("kah"), for initials written out in full ("K. A. H."). */
	byInitials: Map<string, number[]>;
	/** Registered surnames (keys) in buckets, for the spelling-tolerant match after a cue ("Hr. Kalaizis"). */
	lastKeys: Map<string, string[]>;
	hasParticles: boolean;
	/** `lookupKnown`'s answers by word (null: no registered name), for the life of the scanner. */
	lookups: Map<WordFeatures, Lookup | null>;
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
	const lastKeys = new Set<string>();
	for (const p of ctx.persons) {
		const family = FAMILY_PREFIX_RE.test(p.name.trim());
		const all = nameParts(p.name.trim().replace(FAMILY_PREFIX_RE, ''));
		// "Omar Abu Saleh", "Ruud van der Linden": the particles belong to the surname.
		const particleAt = all.findIndex((w, i) => i < all.length - 1 && (i > 0 || family) && isParticle(w));
		const particles = particleAt >= 0 ? all.slice(particleAt, -1).map(nameKey) : [];
		const named = particleAt >= 0 ? [...all.slice(0, particleAt), all[all.length - 1]] : all.filter((w) => !NAME_PARTICLES.has(w.toLowerCase()) || /^\p{Lu}/u.test(w));
		let firsts: string[];
		let last: string | null;
		if (named.length === 0) continue;
		if (named.length === 1 && !family && particles.length === 0 && FIRST_NAMES.has(nameKey(named[0]))) {
			firsts = named;
			last = null;
		} else {
			firsts = family ? [] : named.slice(0, -1);
			last = named[named.length - 1];
		}
		const role = nameKey(p.pseudonym.trim().split(/\s+/)[0] ?? '');
		const lexiconGender = firsts.length ? FIRST_NAMES.get(nameKey(firsts[0])) : undefined;
		const entry: PersonEntry = {
			pseudonym: p.pseudonym,
			role,
			family: family || (named.length === 1 && last !== null),
			gender: PSEUDONYM_GENDER[role] ?? lexiconGender,
			child: CHILD_PSEUDONYM_RE.test(p.pseudonym.trim()),
			firstInitials: firsts.map((f) => nameKey(f)[0]).join(''),
			lastInitial: last ? nameKey(last)[0] : '',
			particles,
			fullInitials: [...firsts, ...particles, ...(last ? [last] : [])].flatMap((w) => nameKey(w).split('-').filter(Boolean).map((part) => part[0])).join('')
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
		if (last) {
			add(last, 'last');
			lastKeys.add(nameKey(last));
		}
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
	// Buckets "length<first letter" and "length>last letter" for the spelling-tolerant match.
	const buckets = new Map<string, string[]>();
	const put = (bucket: string, k: string) => buckets.set(bucket, [...(buckets.get(bucket) ?? []), k]);
	for (const k of lastKeys) {
		if (k.length < 5) continue;
		put(`${k.length}<${k[0]}`, k);
		put(`${k.length}>${k[k.length - 1]}`, k);
	}
	const byInitials = new Map<string, number[]>();
	persons.forEach((p, i) => {
		if (p.fullInitials.length >= 2 && !p.family) byInitials.set(p.fullInitials, [...(byInitials.get(p.fullInitials) ?? []), i]);
	});
	return { persons, index, allowSequences, allowParts, pseudonymRe, codes, lastKeys: buckets, hasParticles: persons.some((p) => p.particles.length > 0), byInitials, lookups: new Map() };
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

/**
 * The registered person parts a token names, if any. Depends only on the word and the context,
 * so the answer is kept in the context, by the word's features (most words of a text are no names,
 * and the same words recur), with offsets relative to the token. Kept there and not with the
 * process-wide word features, so the registered names go with the scanner.
 */
function lookupKnown(cc: CompiledContext, tok: Token): Lookup | null {
	// A word hyphenated across a line end is rare and has offsets of its own: not kept.
	if (tok.text.includes('\n')) return lookupKnownUncached(cc, tok);
	let memo = cc.lookups.get(tok.word);
	if (memo === undefined) {
		const found = lookupKnownUncached(cc, tok);
		memo = found && { hits: found.hits, start: found.start - tok.start, end: found.end - tok.start, closed: found.closed };
		cc.lookups.set(tok.word, memo);
	}
	return memo ? { hits: memo.hits, start: tok.start + memo.start, end: tok.start + memo.end, closed: memo.closed } : null;
}

function lookupKnownUncached(cc: CompiledContext, tok: Token): Lookup | null {
	if (tok.text.length < 2) return null;
	const lower = tok.lower;
	// "lange", "klein", "braun" in lower case are words, even if a surname is Lange or Klein.
	if (lower && (LOWERCASE_WORDS.has(tok.key) || LOWERCASE_NOT_NAMES.has(tok.key) || STOP_WORDS.has(tok.key))) {
		return null;
	}
	const direct = hitsFor(cc, tok.key, tok.loose);
	if (direct.length) return { hits: direct, start: tok.start, end: tok.end, closed: false };
	// Scanned letters (OCR) read "m" as "rn": "El Arnrani" is El Amrani if that name is registered.
	if (tok.key.includes('rn') && tok.key.length >= 5) {
		const ocr = tok.key.replaceAll('rn', 'm');
		const hits = hitsFor(cc, ocr, ocr);
		if (hits.length) return { hits, start: tok.start, end: tok.end, closed: false };
	}
	// Genitive: "Lenas", "Schultes" (but "Jonas" is a name of its own).
	if (/s$/i.test(tok.text) && tok.text.length > 3 && !FIRST_NAMES.has(tok.key)) {
		const hits = hitsFor(cc, tok.key.slice(0, -1), tok.loose.slice(0, -1));
		if (hits.length) return { hits, start: tok.start, end: tok.end - 1, closed: true };
	}
	// Hyphenated compounds: "Schulte-Kinder", "Anna-Lena". A part standing next to another name
	// ("Engel-Schwarze", "Boateng-Osei") is somebody else's double name, and "Kaiser-Wilhelm-Ring"
	// is a street: only nouns and known parts may stand beside the known part.
	if (tok.text.includes('-') && !tok.text.includes('\n')) {
		const parts = tok.text.split('-');
		// A registered double name inside a compound: "Müller-Lüdenscheid-Kinder".
		for (let len = parts.length - 1; len >= 2; len--) {
			for (let a = 0; a + len <= parts.length; a++) {
				const joined = parts.slice(a, a + len).join('-');
				const hits = hitsFor(cc, nameKey(joined), looseKey(joined));
				if (hits.length) {
					const start = tok.start + parts.slice(0, a).reduce((n, p) => n + p.length + 1, 0);
					return { hits, start, end: start + joined.length, closed: true };
				}
			}
		}
		let offset = tok.start;
		for (const part of parts) {
			const hits = part.length > 1 ? hitsFor(cc, nameKey(part), looseKey(part)) : [];
			if (hits.length) {
				const others = parts.filter((p) => p !== part);
				const foreignName = others.some((o) => o.length > 1 && !STOP_WORDS.has(nameKey(o)) && !hitsFor(cc, nameKey(o), looseKey(o)).length && !/^\p{Ll}/u.test(o));
				if (foreignName) return null;
				return { hits, start: offset, end: offset + part.length, closed: true };
			}
			offset += part.length + 1;
		}
	}
	return null;
}

/**
 * Which registered person a name refers to when several share it (mother and child). The cue word
 * before it decides first: a role ("KM Lungu" → the pseudonym starting with "Mutter"), then the
 * gender of Herr/Frau/Vater/Tante… Returns -1 when the cue fits none of them ("Herr Kraft" with
 * only women of that name registered): then the name is somebody else.
 */
function choosePerson(cc: CompiledContext, hits: IndexHit[], cue: string | null): number {
	let people = [...new Set(hits.map((h) => h.person))];
	const cueGender = cue ? CUE_GENDER.get(cue) : undefined;
	// "KM Tewelde", "Vater Schulte" where only the child of that name is registered: somebody else.
	if (cue && ADULT_CUES.has(cue) && people.every((i) => cc.persons[i].child)) return -1;
	if (cueGender) {
		people = people.filter((i) => {
			const g = cc.persons[i].gender;
			return !g || g === 'u' || g === cueGender;
		});
		if (people.length === 0) return -1;
	}
	if (people.length === 1) return people[0];
	const firsts = hits.filter((h) => h.role === 'first' && people.includes(h.person)).map((h) => h.person);
	if (firsts.length) return Math.min(...firsts);
	// A surname shared by several registered persons (mother and child).
	const role = cue ? (ROLE_ABBREVIATIONS.get(cue) ?? cue) : null;
	const score = (i: number): number => {
		const p = cc.persons[i];
		let s = 0;
		if (role && p.role === role) s += 16;
		if (cue === 'familie' || cue === 'fam' || cue === null) s += p.family ? 8 : 0;
		if (cueGender) s -= p.family ? 8 : 0;
		if (!p.child) s += 2;
		return s;
	};
	return people.reduce((best, i) => (score(i) > score(best) ? i : best), people[0]);
}

/** A set of token indexes as flags: asked for every token in every phase, cheaper than a Set. */
class TokenFlags {
	private readonly flags: Uint8Array;
	constructor(size: number) {
		this.flags = new Uint8Array(size);
	}
	has(i: number): boolean {
		return this.flags[i] === 1;
	}
	add(i: number): void {
		if (i >= 0 && i < this.flags.length) this.flags[i] = 1;
	}
}

class Scan {
	private readonly tokens: Token[];
	/** Token indexes that must never become part of a person finding. */
	private readonly blocked: TokenFlags;
	/** Token indexes already covered by a person finding. */
	private readonly taken: TokenFlags;
	/** Case codes in the text: nothing that overlaps them is a finding. */
	private readonly codeSpans: Span[] = [];
	readonly candidates: Candidate[] = [];

	constructor(
		private readonly cc: CompiledContext,
		private readonly text: string
	) {
		this.tokens = tokenize(text);
		this.blocked = new TokenFlags(this.tokens.length);
		this.taken = new TokenFlags(this.tokens.length);
	}

	run(): Candidate[] {
		this.blockCaseCodes();
		this.blockPseudonyms();
		this.blockInstitutions();
		this.blockAllowed();
		this.findKnown();
		this.findInitials();
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

	/**
	 * "Kita Arche Noah", "Grundschule am Lindenhof", "Wohngruppe Sonnenhof": the capitalised words
	 * after an institution word are its name, not a person. A single known name right after it
	 * ("Schule Lena …") is left to the person detection.
	 */
	private blockInstitutions(): void {
		const { tokens, text } = this;
		for (let i = 0; i < tokens.length; i++) {
			if (!tokens[i].cap || !INSTITUTION_WORDS.has(tokens[i].key)) continue;
			const name: number[] = [];
			let j = i + 1;
			while (j < tokens.length && name.length < 4 && adjacent(text, tokens, j - 1, j)) {
				const t = tokens[j];
				if (HONORIFICS.has(t.key) || RANK_WORDS.has(t.key) || RELATION_CUES.has(t.key) || TITLE_WORDS.has(t.key)) break;
				if (t.cap || (t.lower && INSTITUTION_LINKS.has(t.key))) {
					name.push(j);
					j++;
				} else break;
			}
			while (name.length && INSTITUTION_LINKS.has(tokens[name[name.length - 1]].key)) name.pop();
			const words = name.filter((k) => !INSTITUTION_LINKS.has(tokens[k].key));
			if (words.length === 1 && lookupKnown(this.cc, tokens[words[0]])) continue;
			for (const k of name) this.blocked.add(k);
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

	/** Tokens a and b are neighbours: blanks between them, or ". " after an abbreviation ("Fr. Kraft"). */
	private cueGap(a: number, b: number): boolean {
		const gap = this.text.slice(this.tokens[a].end, this.tokens[b].start);
		if (BLANK_RE.test(gap)) return true;
		const k = this.tokens[a].key;
		const abbrev = ABBREVIATED_HONORIFICS.has(k) || TITLE_WORDS.has(k) || RANK_WORDS.has(k);
		return abbrev && /^\.[ \t\u00A0]+$/.test(gap);
	}

	/** The cue word right before token i ("Frau", "Hr.", "Tante", "KM", "KHK"), as a key. */
	private cueBefore(i: number): string | null {
		if (i === 0 || !this.cueGap(i - 1, i)) return null;
		const prev = this.tokens[i - 1];
		const key = prev.key;
		if (HONORIFICS.has(key)) return key;
		if (ROLE_ABBREVIATIONS.has(key)) return key.length <= 4 && !prev.allCaps ? null : key;
		if (RELATION_CUES.has(key) || RANK_WORDS.has(key) || TITLE_WORDS.has(key) || ROLE_TITLES.has(key)) return key;
		return null;
	}

	/** Start of a sentence, line or list entry before token i. */
	private sentenceStart(i: number): boolean {
		if (i === 0) return /^[\s\-–•*|(]*$/.test(this.text.slice(0, this.tokens[0].start));
		return /(?:[.!?:;|•(]|\n|\s[–-])[ \t\u00A0]*$/.test(this.text.slice(this.tokens[i - 1].end, this.tokens[i].start));
	}

	/**
	 * "in Kraft treten", "unser Koch", "der Koch der Kita", "SCHUTZPLAN BLEIBT IN KRAFT": a registered
	 * surname that is also an ordinary word counts as the name only with a cue before it, or as the
	 * subject at the start of a sentence ("Kraft sagte …", "Braun (LG) …").
	 */
	private isWordUse(i: number): boolean {
		if (this.isNounUse(i)) return true;
		const tok = this.tokens[i];
		if (!ORDINARY_WORD_SURNAMES.has(tok.key)) return false;
		if (this.cueBefore(i) !== null) return false;
		// "hier Fuchs, die Mandy": the surname with a registered first name of that family after it.
		const after = /^,[ \t\u00A0]*(?:(?:die|der)[ \t\u00A0]+)?(\p{L}+)/u.exec(this.text.slice(tok.end, tok.end + 40));
		if (after) {
			const surnameOf = new Set(hitsFor(this.cc, tok.key, tok.loose).filter((h) => h.role === 'last').map((h) => h.person));
			const firstOf = hitsFor(this.cc, nameKey(after[1]), looseKey(after[1])).filter((h) => h.role === 'first');
			if (firstOf.some((h) => surnameOf.has(h.person))) return false;
		}
		// "S. Kraft": an initial before it.
		if (i > 0 && /^\p{Lu}$/u.test(this.tokens[i - 1].text) && /^\.[ \t\u00A0]*$/.test(this.text.slice(this.tokens[i - 1].end, tok.start))) return false;
		if (this.sentenceStart(i) && !tok.allCaps) {
			const next = this.tokens[i + 1];
			const between = this.text.slice(tok.end, next ? next.start : this.text.length);
			if (/^[ \t\u00A0]*\(/.test(between) || (next && next.lower && BLANK_RE.test(between))) return false;
		}
		return true;
	}

	/** A first name (also hyphenated, "Hans-Peter") by the lexicon. */
	private static firstNameKey(key: string): boolean {
		if (FIRST_NAMES.has(key)) return true;
		const parts = key.split('-');
		return parts.length > 1 && parts.every((p) => FIRST_NAMES.has(p));
	}

	/**
	 * Token i is the first name of somebody who is not registered, standing before a registered
	 * surname: "Oma Ingrid Kraft", "INGRID KRAFT", "Onkel Habibullah Rahimi".
	 */
	private isOtherFirstName(i: number, surname: Token): boolean {
		const tok = this.tokens[i];
		if (this.blocked.has(i) || this.taken.has(i) || tok.text.length < 2) return false;
		const key = tok.key;
		if (HONORIFICS.has(key) || RANK_WORDS.has(key) || TITLE_WORDS.has(key) || RELATION_CUES.has(key) || ROLE_TITLES.has(key) || ROLE_ABBREVIATIONS.has(key) || NAMING_CUES.has(key)) return false;
		const firstLike = Scan.firstNameKey(key);
		// A first name that is also a word or a place ("Jan", "Sofia") still counts before a surname.
		if (firstLike ? FUNCTION_WORD_SET.has(key) : STOP_WORDS.has(key) || PLACE_SET.has(key)) return false;
		if (DETERMINERS.has(key) || INSTITUTION_WORDS.has(key)) return false;
		if (tok.lower) return surname.lower && firstLike && !LOWERCASE_NOT_NAMES.has(key);
		if (!tok.cap) return false;
		if (firstLike || looksForeign(tok)) return true;
		// An unknown capitalised word right after a relation or honorific ("Onkel Habibullah Rahimi",
		// "ein Cousin, Arianit Berisha").
		const gap = i > 0 ? this.text.slice(this.tokens[i - 1].end, tok.start) : '';
		const cue = i > 0 && /^,?[ \t\u00A0]+$/.test(gap) ? this.tokens[i - 1].key : '';
		return (RELATION_CUES.has(cue) || HONORIFICS.has(cue)) && !tok.allCaps && !NOUN_SUFFIX_RE.test(tok.text.toLowerCase());
	}

	/** Token i is a surname that does not belong to the known first name before it ("Dennis Kraft" for a registered Dennis Weber). */
	private isOtherSurname(i: number, firstName: Token): boolean {
		const tok = this.tokens[i];
		if (!tok || this.blocked.has(i) || this.taken.has(i) || tok.text.length < 2) return false;
		if (tok.lower ? !firstName.lower : !tok.cap) return false;
		const key = tok.key;
		if (STOP_WORDS.has(key) || PLACE_SET.has(key) || RELATION_CUES.has(key) || HONORIFICS.has(key)) return false;
		const known = lookupKnown(this.cc, tok);
		if (known) return known.hits.some((h) => h.role === 'last');
		return !tok.lower && (SURNAMES.has(key) || looksForeign(tok) || (!FIRST_NAMES.has(key) && this.nameLike(i) !== 'no'));
	}

	/** Damerau–Levenshtein distance ≤ 1 ("Kalaizis" for "Kalaitzis", "Georgiu" for "Georgiou"). */
	private static nearlyEqual(a: string, b: string): boolean {
		if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
		let i = 0;
		while (i < a.length && i < b.length && a[i] === b[i]) i++;
		if (a.length === b.length) {
			if (a.slice(i + 1) === b.slice(i + 1)) return true;
			return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
		}
		return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
	}

	/** A misspelt registered surname after a cue ("Hr. Kalaizis"): the cue makes the person likely. */
	private misspeltAfterCue(i: number): Lookup | null {
		const tok = this.tokens[i];
		if (!tok.cap || i === 0 || tok.text.length < 5) return null;
		const prevKey = this.tokens[i - 1].key;
		if (!HONORIFICS.has(prevKey) && !RELATION_CUES.has(prevKey) && !ROLE_ABBREVIATIONS.has(prevKey)) return null;
		if (tok.allCaps || STOP_WORDS.has(tok.key) || PLACE_SET.has(tok.key)) return null;
		const cue = this.cueBefore(i);
		if (!cue || !(HONORIFICS.has(cue) || RELATION_CUES.has(cue) || ROLE_ABBREVIATIONS.has(cue))) return null;
		// One edit leaves the first or the last letter in place: only those buckets are compared.
		const key = tok.key;
		const matches = new Set<string>();
		for (let len = key.length - 1; len <= key.length + 1; len++) {
			for (const bucket of [`${len}<${key[0]}`, `${len}>${key[key.length - 1]}`]) {
				for (const k of this.cc.lastKeys.get(bucket) ?? []) if (Scan.nearlyEqual(k, key)) matches.add(k);
			}
		}
		if (matches.size !== 1) return null;
		const hits = (this.cc.index.get([...matches][0]) ?? []).filter((h) => h.role === 'last');
		return hits.length ? { hits, start: tok.start, end: tok.end, closed: true } : null;
	}

	/**
	 * Surnames with particles ("Abu Saleh", "De Luca"): the particles before token i join the name.
	 * Without them, a surname that is also a first name ("Luca", "Saleh") is not that person.
	 */
	private withParticles(i: number, hits: IndexHit[]): { hits: IndexHit[]; startTok: number } {
		if (!this.cc.hasParticles) return { hits, startTok: i };
		let startTok = i;
		const kept = hits.filter((h) => {
			const particles = h.role === 'last' ? this.cc.persons[h.person].particles : [];
			if (!particles.length) return true;
			const k = i - particles.length;
			const match = k >= 0 && particles.every((p, n) => this.tokens[k + n].key === p && adjacent(this.text, this.tokens, k + n, k + n + 1));
			if (match) startTok = Math.min(startTok, k);
			return match || !FIRST_NAMES.has(this.tokens[i].key);
		});
		return { hits: kept, startTok };
	}

	/** An unregistered person found where a registered name part stands: one span, as one unknown person. */
	private addOther(fromTok: number, toTok: number, end: number): void {
		this.add(this.tokens[fromTok].start, end, 'person');
		for (let k = fromTok; k <= toTok; k++) this.taken.add(k);
	}

	/**
	 * A registered person's initials written out in full ("K. A. H.", "L.-S. H.", "S. M."): two or
	 * more, all of them, and only if they fit exactly one registered person.
	 */
	private findInitials(): void {
		if (this.cc.byInitials.size === 0 || this.text.indexOf('.') < 0) return;
		for (const m of this.text.matchAll(INITIALS_RE)) {
			const letters = [...m[0].matchAll(/\p{Lu}/gu)].map((x) => nameKey(x[0])).join('');
			const people = this.cc.byInitials.get(letters);
			if (!people || people.length !== 1) continue;
			const inside = this.tokensIn(m.index, m.index + m[0].length);
			if (inside.some((i) => this.blocked.has(i) || this.taken.has(i))) continue;
			this.add(m.index, m.index + m[0].length, 'person', this.cc.persons[people[0]].pseudonym, true);
			for (const i of inside) this.taken.add(i);
		}
	}

	private findKnown(): void {
		const { tokens, text, cc } = this;
		for (let i = 0; i < tokens.length; i++) {
			if (this.blocked.has(i) || this.taken.has(i)) continue;
			const first = lookupKnown(cc, tokens[i]) ?? this.misspeltAfterCue(i);
			if (!first) continue;
			const particles = this.withParticles(i, first.hits);
			let hits = particles.hits;
			if (!hits.length) continue;
			const startTok = particles.startTok;
			let endTok = i;
			let start = tokens[startTok].start === tokens[i].start ? first.start : tokens[startTok].start;
			let end = first.end;
			// Extend over further parts of the same person: "Lena Schulte", "Schulte, Lena".
			let closed = first.closed;
			while (!closed && endTok + 1 < tokens.length && !this.blocked.has(endTok + 1)) {
				const sep = text.slice(tokens[endTok].end, tokens[endTok + 1].start);
				// "Schulte, Lena" (a list entry), but not "Frau Schulte, Lena ist …".
				const comma = /^,[ \t\u00A0]*$/.test(sep) && this.cueBefore(startTok) === null;
				if (!BLANK_RE.test(sep) && !comma) break;
				const persons = new Set(hits.map((h) => h.person));
				let nextTok = endTok + 1;
				let next = lookupKnown(cc, tokens[nextTok]);
				let shared: IndexHit[] = [];
				if (!next && !comma) {
					// Particles between first name and surname: "Omar Abu Saleh", "Lorenzo De Luca".
					let k = nextTok;
					while (k < tokens.length && isParticle(tokens[k].text) && adjacent(text, tokens, k - 1, k)) k++;
					const after = k > nextTok && k < tokens.length && adjacent(text, tokens, k - 1, k) ? lookupKnown(cc, tokens[k]) : null;
					const keys = tokens.slice(nextTok, k).map((t) => t.key).join(' ');
					if (after) {
						shared = after.hits.filter((h) => persons.has(h.person) && h.role === 'last' && cc.persons[h.person].particles.join(' ') === keys);
						if (shared.length) {
							next = after;
							nextTok = k;
						}
					}
				}
				if (!next) break;
				if (!shared.length) shared = next.hits.filter((h) => persons.has(h.person));
				if (comma) {
					// Only "Surname, First name" joins across a comma.
					const lastOf = new Set(hits.filter((h) => h.role === 'last').map((h) => h.person));
					shared = shared.filter((h) => h.role === 'first' && lastOf.has(h.person));
				}
				if (!shared.length) break;
				const keep = new Set(shared.map((h) => h.person));
				hits = [...hits.filter((h) => keep.has(h.person)), ...shared];
				endTok = nextTok;
				end = next.end;
				closed = next.closed;
			}
			const cue = this.cueBefore(startTok);
			let person = choosePerson(cc, hits, cue);
			if (person < 0) {
				// "Herr Kraft" where only women of that name are registered: somebody else.
				let last = endTok;
				while (last + 1 < tokens.length && adjacent(text, tokens, last, last + 1) && this.isOtherSurname(last + 1, tokens[startTok])) last++;
				this.addOther(startTok, last, last === endTok ? end : tokens[last].end);
				i = last;
				continue;
			}
			const roles = new Set(hits.filter((h) => h.person === person).map((h) => h.role));
			if (!roles.has('first') && endTok === startTok && this.isWordUse(startTok)) continue;

			if (roles.has('first') && !roles.has('last') && !closed) {
				// "Dennis Kraft" for a registered Dennis Weber: the full name is somebody else.
				const next = endTok + 1;
				if (next < tokens.length && adjacent(text, tokens, endTok, next) && this.isOtherSurname(next, tokens[endTok])) {
					let last = next;
					while (last + 1 < tokens.length && adjacent(text, tokens, last, last + 1) && this.isOtherSurname(last + 1, tokens[endTok])) last++;
					this.addOther(startTok, last, tokens[last].end);
					i = last;
					continue;
				}
			}
			if (roles.has('last') && !roles.has('first') && startTok > 0) {
				const prev = tokens[startTok - 1];
				const gap = text.slice(prev.end, tokens[startTok].start);
				if (prev.text.length === 1 && /^\p{Lu}$/u.test(prev.text) && /^\.[ \t\u00A0]*$/.test(gap)) {
					// "N. Schulte": an initial before a surname, which must fit the person.
					const match = hits.find((h) => cc.persons[h.person].firstInitials.includes(nameKey(prev.text)) || cc.persons[h.person].family);
					if (match) {
						person = match.person;
						start = prev.start;
					} else {
						this.addOther(startTok - 1, endTok, end);
						i = endTok;
						continue;
					}
				} else if (BLANK_RE.test(gap) && this.isOtherFirstName(startTok - 1, tokens[startTok])) {
					// "Oma Ingrid Kraft": a first name that does not fit makes it somebody else.
					this.addOther(startTok - 1, endTok, end);
					i = endTok;
					continue;
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
		if (tok.allCaps || NOUN_SUFFIX_RE.test(tok.text.toLowerCase())) return 'no';
		return 'weak';
	}

	private isFirstName(i: number): boolean {
		const tok = this.tokens[i];
		if (tok.text.includes('-') && tok.cap && Scan.firstNameKey(tok.key) && !tok.allCaps) return true; // "Jan-Luca"
		if (!FIRST_NAMES.has(tok.key) || AMBIGUOUS_FIRST_NAMES.has(tok.key) || tok.allCaps) return false;
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
				// "von der Schule" is German; "van der Linden" is not.
				const german = tokens.slice(j, k).every((t) => GERMAN_PARTICLES.has(t.text));
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
		const tok = tokens[i];
		const key = tok.key;
		const prevKey = i > 0 ? tokens[i - 1].key : '';
		const prevLower = i > 0 && tokens[i - 1].lower;
		if (HONORIFICS.has(key) && tok.cap) {
			// "eine Frau Mitte 40", "seine Frau" use Frau as a noun.
			return prevLower && DETERMINERS.has(prevKey) ? 'weak' : 'strong';
		}
		// "hr. lammers" in a quick note typed in lower case.
		if (ABBREVIATED_HONORIFICS.has(key) && tok.lower && text[tok.end] === '.') return 'strong';
		// Ranks in capitals or with the female ending: "KHK", "KHKin", "POKin".
		if (RANK_WORDS.has(key) && (tok.allCaps || /^\p{Lu}{2,}in$/u.test(tok.text))) return 'strong';
		if ((key === 'dr' || key === 'prof') && text[tok.end] === '.') return 'strong';
		if (key === 'geb' && text[tok.end] === '.') return 'strong'; // maiden name
		if (NAMING_CUES.has(key)) return 'strong';
		if (RELATION_CUES.has(key)) return 'weak';
		if (ROLE_ABBREVIATIONS.has(key) && tok.allCaps) return 'weak';
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
					// "Dr.in Okoro": the female form of the abbreviated title.
					if (k === 'in' && /^\.$/.test(text.slice(tokens[j - 1].end, tokens[j].start)) && (tokens[j - 1].key === 'dr' || tokens[j - 1].key === 'prof')) {
						j++;
						continue;
					}
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
				const cueTok = tokens[i];
				let ok: boolean;
				if (mode === 'strong' && cueTok.lower && tok.lower) {
					// A lower-case note: "betreuer hr. lammers informiert".
					ok = tok.text.length > 2 && !STOP_WORDS.has(tok.key) && !LOWERCASE_WORDS.has(tok.key) && !LOWERCASE_NOT_NAMES.has(tok.key) && !TIME_WORD_SET.has(tok.key);
				} else if (mode === 'strong') {
					ok =
						tok.cap &&
						tok.text.length > 1 &&
						!FUNCTION_WORD_SET.has(tok.key) &&
						!NOT_AFTER_HONORIFIC.has(tok.key) &&
						!PLACE_SET.has(tok.key) &&
						!RELATION_CUES.has(tok.key) &&
						!(tok.allCaps && tok.text.length <= 4);
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
				!tok.allCaps &&
				(DISTINCT_SURNAMES.has(tok.key) || looksForeign(tok)) &&
				!PLACE_SET.has(tok.key) &&
				!STOP_WORDS.has(tok.key)
			) {
				const { end, last } = this.extendRun(i);
				this.addUnknown(i, last, end);
				i = last;
				continue;
			}
			// "Ruud van der Linden", "Youssef Ben Ali": a foreign particle between capitalised words.
			if (tok.cap && !tok.allCaps && this.nameLike(i) !== 'no' && this.foreignParticleAfter(i)) {
				const { end, last } = this.extendRun(i);
				if (last > i) {
					this.addUnknown(i, last, end);
					i = last;
				}
			}
		}
		this.propagateSurnames();
	}

	/** Token i is followed by a particle that is no German word ("van", "De", "Ben") and a capitalised word. */
	private foreignParticleAfter(i: number): boolean {
		const { tokens, text } = this;
		const p = i + 1;
		if (p + 1 >= tokens.length || !adjacent(text, tokens, i, p)) return false;
		const particle = tokens[p];
		if (!FOREIGN_PARTICLES.has(particle.key) || particle.key === 'das' || particle.key === 'da') return false;
		let k = p + 1;
		while (k < tokens.length && NAME_PARTICLES.has(tokens[k].text) && adjacent(text, tokens, k - 1, k)) k++;
		return k < tokens.length && adjacent(text, tokens, k - 1, k) && tokens[k].cap && !STOP_WORDS.has(tokens[k].key) && !PLACE_SET.has(tokens[k].key);
	}

	/**
	 * Blanks between tokens a and b, ". " after an abbreviated title or honorific ("Dr. Weber",
	 * "Fr. Krüger"), an opening quote after a naming cue (genannt „Jojo“).
	 */
	private gapOk(a: number, b: number): boolean {
		const gap = this.text.slice(this.tokens[a].end, this.tokens[b].start);
		if (BLANK_RE.test(gap)) return true;
		const k = this.tokens[a].key;
		if (NAMING_CUES.has(k) && /^[ \t\u00A0]*["„“‚'»«]$/.test(gap)) return true;
		if ((k === 'dr' || k === 'prof') && gap === '.' && this.tokens[b].key === 'in') return true; // "Dr.in"
		if (k === 'in' && a > 0 && this.text[this.tokens[a].start - 1] === '.' && /^[ \t\u00A0]+$/.test(gap)) return true;
		const abbrev = TITLE_WORDS.has(k) || RANK_WORDS.has(k) || k === 'geb' || ABBREVIATED_HONORIFICS.has(k);
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
			if (tokens[i].cap && surnames.has(tokens[i].key) && !this.isWordUse(i)) this.addUnknown(i, i, tokens[i].end);
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
			const findings: Finding[] = resolve(new Scan(cc, maskPlaceholders(text)).run(), text.length).map((c) => ({
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
