/**
 * Detectors for PII with a fixed shape: e-mail addresses, phone numbers, birth dates and
 * street addresses. Each returns spans (UTF-16 offsets, end exclusive); the scanner resolves
 * overlaps between detectors.
 */
import { nameKey } from './normalise';
import type { Span } from './plates';
import { PLACE_SET, STOP_WORDS, TIME_WORD_SET } from './words';

// ---------------------------------------------------------------- e-mail

const LOCAL_CHAR_RE = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_RE = /(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/uy;

// Anchored on each "@" and expanded both ways: a plain regex would retry every word.
export function findEmails(text: string): Span[] {
	const out: Span[] = [];
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
		let start = at;
		while (start > 0 && LOCAL_CHAR_RE.test(text[start - 1])) start--;
		if (start === at) continue;
		DOMAIN_RE.lastIndex = at + 1;
		const domain = DOMAIN_RE.exec(text);
		if (!domain) continue;
		out.push({ start, end: at + 1 + domain[0].length });
	}
	return out;
}

// ---------------------------------------------------------------- phone

// A prefix (+49, 0049, (02941), 0171) followed by digit groups with single separators.
const PHONE_RE =
	/(?<![\p{L}\p{N}§+./,-])(?:\+\d+|00\d+|\(0\d{2,5}\)|0\d+|0(?=[ \u00A0]\d))(?:(?:[ \u00A0]?[-/–][ \u00A0]?|[ \u00A0])(?:\(0\)[ \u00A0]?)?\d+)*/gu;

// Local numbers without area code only count after an explicit cue.
const PHONE_CUE_RE =
	/(?:\bTel\.?|\bTelefon(?:nummer)?|\bHandy(?:nummer)?|\bMobil(?:nummer|telefon)?|\bRufnummer|\bFestnetz(?:nummer)?|\bFax(?:nummer)?)(?:[ \u00A0]*-?[ \u00A0]*Nr\.?)?[ \u00A0]*:?[ \u00A0]*(\d[\d \u00A0/-]{3,}\d)(?![\p{N}]|[.,]\d)/gu;

// Numbers after these words are file or account numbers, not phone numbers.
const NOT_PHONE_BEFORE_RE =
	/(?:\bAz\.?|Aktenzeichen|Vorgangs-?(?:nr\.?|nummer)|Fallnummer|Kassenzeichen|Tgb\.?-?Nr\.?|\bBLZ|Konto(?:nummer|-?Nr\.?)?|Steuer-?(?:nr|nummer|id)\.?|Kunden-?(?:nr\.?|nummer)|Rechnungs-?(?:nr\.?|nummer)|§§?|Art\.|Abs\.|IBAN)\s*:?\s*$/i;
// Digits inside an IBAN-like run (an invalid IBAN is not a phone number either).
const IBAN_BEFORE_RE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}[ \u00A0]?(?:[A-Z0-9]{4}[ \u00A0]?)*$/u;

function phoneDigitsOk(candidate: string): boolean {
	const digits = candidate.replace(/\D/g, '');
	if (candidate.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
	if (candidate.startsWith('00')) return digits.length >= 10 && digits.length <= 17;
	// National: 0 + area code + subscriber number. Shorter numbers are file numbers or dates.
	return digits.length >= 9 && digits.length <= 13 && digits[1] !== '0';
}

export function findPhones(text: string): Span[] {
	const out: Span[] = [];
	for (const m of text.matchAll(PHONE_RE)) {
		let candidate = m[0];
		// "0171 1234567 2 Kinder": a trailing one-digit group belongs to the next phrase.
		candidate = candidate.replace(/[ \u00A0]\d$/, '');
		if (!phoneDigitsOk(candidate)) continue;
		const before = text.slice(Math.max(0, m.index - 40), m.index);
		if (NOT_PHONE_BEFORE_RE.test(before) || IBAN_BEFORE_RE.test(before)) continue;
		const after = text.slice(m.index + candidate.length, m.index + candidate.length + 2);
		if (/^[.,]\d/.test(after)) continue; // part of a decimal or dotted number
		out.push({ start: m.index, end: m.index + candidate.length });
	}
	for (const m of text.matchAll(PHONE_CUE_RE)) {
		const number = m[1];
		if (number.replace(/\D/g, '').length < 5) continue;
		const start = m.index + m[0].length - number.length;
		out.push({ start, end: start + number.length });
	}
	return out;
}

// ---------------------------------------------------------------- birth dates

const MONTHS =
	'Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH = '(?:0?[1-9]|1[0-2])';
export const DATE_SRC =
	`(?:${DAY}\\.[ \\u00A0]?${MONTH}\\.[ \\u00A0]?(?:19|20)?\\d{2}` +
	`|${DAY}\\.[ \\u00A0]?(?:${MONTHS})\\.?[ \\u00A0](?:19|20)\\d{2}` +
	`|(?:19|20)\\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01]))(?!\\d)`;

// Only dates introduced as a birth date are personal data; meeting dates and deadlines are not.
// Written out in both cases ("geb.", "GEB."): a case-insensitive regex is several times slower here.
const BIRTH_CUE_SRC =
	'(?:(?<!\\p{L})(?:(?:[Gg]eb|GEB)(?:oren|OREN|\\.)(?:[ \\u00A0]+(?:am|AM))?|(?:Geb|GEB)\\.?-?(?:Dat|DAT)(?:um|UM|\\.)|(?:Geburtsdatum|GEBURTSDATUM)\\b[^\\d\\n.;]{0,30}?|(?:Geburtstag|GEBURTSTAG)(?:[ \\u00A0]+am)?)|\\*)[ \\u00A0]*:?[ \\u00A0]*';
const BIRTH_DATE_RE = new RegExp(`${BIRTH_CUE_SRC}(${DATE_SRC})`, 'gud');
// The cue after the date: "12.3.2015 (Geburtsdatum)", "04.09.2016 (geb.)".
const BIRTH_DATE_BEFORE_CUE_RE = new RegExp(`(?<![\\d.])(${DATE_SRC})[ \\u00A0]*\\([ \\u00A0]*(?:Geburtsdatum|GEBURTSDATUM|[Gg]eb\\.?|GEB\\.?|Geb\\.?-?Dat(?:um|\\.)?|Geburtstag)[ \\u00A0]*\\)`, 'gud');
const BIRTH_YEAR_RE =
	/(?:(?<!\p{L})(?:[Gg]eb|GEB)(?:oren|OREN|\.)(?:[ \u00A0]+(?:im[ \u00A0]+Jahr|Anfang|Ende|Mitte))?|\b(?:Jahrgang|JAHRGANG)|\b(?:Jg|JG)\.)[ \u00A0]*:?[ \u00A0]*((?:19|20)\d{2})(?!\d|\.\d)/dgu;
/** A date right after a name, "Lena (12.03.2015)" or "Lena Schulte, 12.03.2015". */
export const DATE_AFTER_NAME_RE = new RegExp(
	`^[ \\u00A0\\t]*(?:,[ \\u00A0]*|\\([ \\u00A0]*|\\|[ \\u00A0]*|\\t[ \\u00A0]*)(?:\\*[ \\u00A0]*|geb\\.[ \\u00A0]*)?(${DATE_SRC})`,
	'u'
);

/** Spans of capture group 1 (the regexes carry the `d` flag for match indices). */
function groupSpans(re: RegExp, text: string): Span[] {
	const out: Span[] = [];
	for (const m of text.matchAll(re)) {
		const span = m.indices?.[1];
		if (span) out.push({ start: span[0], end: span[1] });
	}
	return out;
}

// "ist am 2. Januar 16 geworden", "hat am 12.03. Geburtstag": day and month of birth.
const DAY_MONTH_SRC = `${DAY}\\.[ \\u00A0]?(?:(?:${MONTHS})\\b|${MONTH}\\.)(?:[ \\u00A0]?(?:19|20)?\\d{2}(?!\\d))?`;
const BIRTHDAY_RE = new RegExp(
	`(?<!\\p{L})am[ \\u00A0]+(${DAY_MONTH_SRC})[ \\u00A0]+(?:\\d{1,2}[ \\u00A0]+(?:Jahre[ \\u00A0]+alt[ \\u00A0]+)?geworden|Geburtstag)`,
	'gud'
);

export function findBirthDates(text: string): Span[] {
	return [
		...groupSpans(BIRTH_DATE_RE, text),
		...groupSpans(BIRTH_DATE_BEFORE_CUE_RE, text),
		...groupSpans(BIRTH_YEAR_RE, text),
		...groupSpans(BIRTHDAY_RE, text)
	];
}

// ---------------------------------------------------------------- addresses

const STRONG_SUFFIX_RE =
	/(?:straße|strasse|str\.|weg|allee|gasse|platz|ring|damm|ufer|pfad|steig|stieg|chaussee|wall|graben|markt|promenade|twete|kamp|straat|laan|plein|gracht|dijk)$/;
// Endings that are also ordinary nouns ("Kindergarten", "Friedhof"): stricter number check.
const WEAK_SUFFIX_RE =
	/(?:berg|feld|hof|garten|winkel|höhe|heide|grund|siepen|busch|bruch|wiese|brink|kuhle|mühle|tal|blick|aue|bach|teich|wald|hügel)$/;
// Street words written apart: "Lange Str. 5", "Overhagener Straße 45", "Bad Sassendorfer Weg 2".
const STREET_WORD_RE =
	/^(?:straße|strasse|str\.|weg|allee|gasse|platz|ring|damm|ufer|pfad|steig|chaussee|wall|graben|markt|promenade)$/;

// House numbers are far rarer than capitalised words, so the search starts from the number
// and looks back for the word before it.
const HOUSE_NUMBER_RE =
	/(?<![\p{N}.,])[1-9]\d{0,2}(?:[ \u00A0]?[a-hA-H](?!\p{L}))?(?:[ \u00A0]?[-–/][ \u00A0]?[1-9]\d{0,2}[a-h]?)?(?!\p{N})/gu;
const WORD_BEFORE_RE = /(?:^|[^\p{L}\p{N}-])(\p{Lu}[\p{L}\p{M}-]*\.?)[ \u00A0]*$/u;
const WORD_END_RE = /[\p{L}\p{M}.-]/u;

/** Whether a word (letters, marks, "-", a final ".") ends before `at`, blanks aside: what WORD_BEFORE_RE needs. */
function wordEndsBefore(text: string, at: number): boolean {
	let i = at - 1;
	while (i >= 0 && (text[i] === ' ' || text[i] === '\u00A0')) i--;
	if (i < 0) return false;
	const code = text.charCodeAt(i);
	// Half of a surrogate pair (a letter outside the BMP): leave the decision to the expression.
	return (code >= 0xd800 && code <= 0xdfff) || WORD_END_RE.test(text[i]);
}
const WORDS_BEFORE_RE = /(?:^|[^\p{L}\p{N}-])((?:\p{Lu}[\p{L}\p{M}.-]*[ \u00A0]){1,3})$/u;
// "Am Bahnhof 3a", "Auf der Heide 12", "Zum Steinbruch 4"
const PREFIX_BEFORE_RE =
	/(?:^|[^\p{L}])((?:[Aa]m|[Aa]n der|[Aa]n den|[Aa]uf der|[Aa]uf dem|[Ii]m|[Ii]n der|[Ii]n den|[Zz]um|[Zz]ur|[Hh]inter der|[Hh]inter dem|[Hh]interm|[Uu]nter den|[Uu]nter dem|[Uu]nterm|[Vv]or dem|[Vv]orm|[Üü]berm|[Bb]eim)[ \u00A0]+)((?:\p{Lu}[\p{L}\p{M}-]*[ \u00A0]){0,2})$/u;

// Numbers followed by these words are quantities, not house numbers.
const NOT_HOUSE_AFTER_RE =
	/^[ \u00A0]*(?:Uhr|Jahre?n?|J\.|Kinder|Personen|Euro|EUR|€|%|Minuten|Min\.|Stunden|Std\.|Tage?n?|Wochen|Monate?n?|Mal|km|m\b|Meter|Kilometer|Prozent|Punkte?|Stück)/u;
// Strict: the number must end the phrase (comma, full stop, bracket, postcode, "in <Ort>").
const STRICT_END_RE = /^(?:$|[ \u00A0]*[,;:)\n]|\.(?!\d)|[ \u00A0]+\d{5}[ \u00A0]|[ \u00A0]+(?:in|im|bei)[ \u00A0]+\p{Lu})/u;

// Nouns that read like a street after "Am"/"Im" and are often one.
const STREETISH = new Set(
	['bahnhof', 'markt', 'park', 'hof', 'anger', 'kamp', 'wall', 'graben', 'bach', 'berg', 'feld',
		'ring', 'teich', 'see', 'wald', 'brink', 'busch', 'steinbruch', 'schloss', 'kirchplatz',
		'stadtgarten', 'hafen', 'deich', 'rathaus', 'sportplatz', 'friedhof', 'weiher', 'kanal'].map(nameKey)
);
const NOT_STREET = new Set(
	['raum', 'zimmer', 'haus', 'gebäude', 'klasse', 'gruppe', 'kapitel', 'absatz', 'alter', 'gleis',
		'bett', 'saal', 'stock', 'kreis', 'bezirk', 'team', 'punkt', 'platz', 'rang', 'tisch', 'ort',
		'bus', 'zug', 'beispiel', 'fall', 'block', 'level', 'stufe', 'schritt', 'teil', 'abschnitt',
		'artikel', 'band', 'heft', 'seite', 'foto', 'video', 'anhang', 'anlage', 'durchschnitt',
		'schnitt', 'verlauf', 'wert', 'jahrgang', 'sgb', 'paragraf', 'paragraph', 'vergleich'].map(nameKey)
);

const POSTCODE_RE =
	/(?<![\p{L}\p{N}.,€$§/-])(?:D-)?(?:0[1-9]|[1-9]\d)\d{3}[ \u00A0]+(\p{Lu}[\p{L}\p{M}-]+)((?:[ \u00A0]+(?:am|an der|im|in der|ob der|vor der)[ \u00A0]+\p{Lu}[\p{L}\p{M}-]+)?)/gu;
const TOWN_PREFIX = new Set(['bad', 'sankt', 'st.', 'hansestadt', 'lutherstadt', 'markt', 'stadt'].map(nameKey));
const NOT_TOWN = new Set(
	['euro', 'eur', 'dollar', 'einwohner', 'menschen', 'mitglieder', 'fälle', 'fällen', 'stück',
		'besucher', 'kinder', 'personen', 'mal', 'kilometer', 'km', 'meter', 'follower', 'klicks',
		'aufrufe', 'mitarbeiter', 'beschäftigte', 'haushalte', 'wohnungen', 'schüler', 'einsätze'].map(nameKey)
);

function houseNumberOk(text: string, end: number, strict: boolean): boolean {
	const after = text.slice(end, end + 24);
	if (NOT_HOUSE_AFTER_RE.test(after) || /^[.,]\d/.test(after)) return false;
	return !strict || STRICT_END_RE.test(after);
}

/** Where the street ends by `word` (at offset `at`) starts; `strict` for weak evidence. */
function streetStart(text: string, word: string, at: number, hasLetter: boolean): { start: number; strict: boolean } | null {
	const lower = word.toLowerCase();
	const before = text.slice(Math.max(0, at - 60), at);
	if (STREET_WORD_RE.test(lower)) {
		// The words before "Straße" must not be nouns of the sentence ("Familie Weg 2").
		const m = WORDS_BEFORE_RE.exec(before);
		if (!m) return null;
		const words = m[1].trim().split(/[ \u00A0]+/);
		if (words.some((w) => STOP_WORDS.has(nameKey(w.replace(/\.$/, ''))))) return null;
		return { start: at - m[1].length, strict: false };
	}
	const strong = STRONG_SUFFIX_RE.exec(lower);
	if (strong && strong.index >= 1) return { start: at, strict: false };
	const prefix = PREFIX_BEFORE_RE.exec(before);
	if (prefix) {
		const words = [...prefix[2].split(/[ \u00A0]+/).filter(Boolean), word].map(nameKey);
		const last = words[words.length - 1];
		if (words.some((w) => TIME_WORD_SET.has(w) || NOT_STREET.has(w))) return null;
		if (STOP_WORDS.has(last) && !STREETISH.has(last)) return null;
		// "Am Bahnhof" is the street's name; in "in der Brüderstraße" the preposition is not.
		const full = prefix[1] + prefix[2];
		const start = /^\p{Lu}/u.test(full) ? at - full.length : at - prefix[2].length;
		return { start, strict: !hasLetter };
	}
	const weak = WEAK_SUFFIX_RE.exec(lower);
	if (weak && weak.index >= 2 && !STOP_WORDS.has(nameKey(word))) return { start: at, strict: true };
	return null;
}

export function findAddresses(text: string): Span[] {
	const streets: Span[] = [];
	for (const m of text.matchAll(HOUSE_NUMBER_RE)) {
		// Most numbers follow no word at all ("am 12.", "3 Kinder"): only then is the slice matched.
		if (!wordEndsBefore(text, m.index)) continue;
		const w = WORD_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 40), m.index));
		if (!w) continue;
		const wordAt = m.index - (w[0].length - w[0].indexOf(w[1]));
		const found = streetStart(text, w[1], wordAt, /[a-hA-H]$/.test(m[0]));
		const end = m.index + m[0].length;
		if (found && houseNumberOk(text, end, found.strict)) streets.push({ start: found.start, end });
	}
	// Quick notes in lower case: "rosenweg 4", "overhagener weg 14a".
	for (const m of text.matchAll(HOUSE_NUMBER_RE)) {
		if (!LOWER_STREET_END_RE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
		const before = text.slice(Math.max(0, m.index - 40), m.index);
		const w = LOWER_STREET_BEFORE_RE.exec(before);
		const end = m.index + m[0].length;
		if (w?.indices?.[1] && houseNumberOk(text, end, false)) streets.push({ start: m.index - before.length + w.indices[1][0], end });
	}

	const towns: Span[] = [];
	for (const m of text.matchAll(POSTCODE_RE)) {
		const word = nameKey(m[1]);
		if (NOT_TOWN.has(word) || (STOP_WORDS.has(word) && !TOWN_PREFIX.has(word))) continue;
		let end = m.index + m[0].length;
		if (TOWN_PREFIX.has(word)) {
			const next = /^[ \u00A0]+\p{Lu}[\p{L}\p{M}-]+/u.exec(text.slice(end));
			if (next) end += next[0].length;
		}
		towns.push({ start: m.index, end });
	}

	// Dutch addresses near the border: "7131 AB Lichtenvoorde".
	for (const m of text.matchAll(NL_POSTCODE_RE)) towns.push({ start: m.index, end: m.index + m[0].length });

	// "Hauptstraße 12, 59494 Soest", "Wiesenkamp 7, 2. OG", "rosenweg 4, soest" become one finding.
	const merged: Span[] = [];
	for (const s of streets) {
		let end = s.end;
		for (let m = FLAT_RE.exec(text.slice(end)); m; m = FLAT_RE.exec(text.slice(end))) end += m[0].length;
		const gap = /^,?[ \u00A0]*(?:\n[ \u00A0]*)?/.exec(text.slice(end))?.[0].length ?? 0;
		const town = towns.find((t) => t.start === end + gap);
		if (town) end = town.end;
		else {
			const place = /^,[ \u00A0]*(\p{L}[\p{L}-]*(?:[ \u00A0]\p{L}[\p{L}-]*)?)/u.exec(text.slice(end));
			if (place && (PLACE_SET.has(nameKey(place[1])) || PLACE_SET.has(nameKey(place[1].split(/[ \u00A0]/)[0])))) {
				end += place[0].length - (PLACE_SET.has(nameKey(place[1])) ? 0 : place[1].length - place[1].split(/[ \u00A0]/)[0].length);
			}
		}
		merged.push({ start: s.start, end });
	}
	return [...merged, ...towns];
}

const LOWER_STREET_END_RE = /(?:straße|strasse|str\.|weg|allee|gasse|platz|ring|damm|ufer|pfad|wall|graben|kamp)[ \u00A0]?$/;
const LOWER_STREET_BEFORE_RE =
	/(?:^|[^\p{L}\p{N}-])((?:[a-zäöüß]+er[ \u00A0](?:weg|straße|strasse|str\.|allee|ring|platz|damm|gasse))|[a-zäöüß]{3,}(?:straße|strasse|str\.|weg|allee|gasse|platz|ring|damm|ufer|pfad|wall|graben|kamp))[ \u00A0]?$/du;
// Floors and flats after the house number: ", 2. OG", ", EG links", " Whg. 3", ", 3. Etage".
const FLAT_RE =
	/^,?[ \u00A0]*(?:\d{1,2}\.[ \u00A0]?(?:OG|Obergeschoss|Etage|Stock|Stockwerk)|EG|DG|UG|Erdgeschoss|Dachgeschoss|Souterrain|Hinterhaus|Whg\.?[ \u00A0]?\d{1,3}|Wohnung[ \u00A0]\d{1,3}|App\.?[ \u00A0]?\d{1,3})(?:[ \u00A0](?:links|rechts|li\.|re\.|Mitte|mitte))?(?![\p{L}\p{N}])/u;
const NL_POSTCODE_RE = /(?<![\p{L}\p{N}])[1-9]\d{3}[ \u00A0][A-Z]{2}[ \u00A0]+\p{Lu}[\p{L}-]+/gu;
