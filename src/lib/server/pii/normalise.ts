/**
 * Spelling-insensitive keys for names. German files write the same name as "Jürgen Müller",
 * "Juergen Mueller" or "JÜRGEN MÜLLER", and foreign names with or without their diacritics
 * ("Yılmaz"/"Yilmaz", "Paweł"/"Pawel", "Hodžić"/"Hodzic").
 */

const SPECIAL: Record<string, string> = {
	ß: 'ss',
	ẞ: 'ss',
	ł: 'l',
	ı: 'i',
	đ: 'd',
	ø: 'o',
	æ: 'ae',
	œ: 'oe',
	þ: 'th',
	'’': "'"
};
const SPECIAL_RE = /[ßẞłıđøæœþ’]/g;
const MARKS_RE = /\p{M}+/gu;
const UMLAUT_BASE: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u' };

function fold(word: string, umlaut: (vowel: string) => string): string {
	return word
		.toLowerCase()
		.replace(/[äöü]/g, umlaut)
		.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
		.normalize('NFD')
		.replace(MARKS_RE, '');
}

const ASCII_RE = /^[ -~]*$/;
const UMLAUT_RE = /[äöüÄÖÜ]/;
// Words repeat a lot in case notes; folding is the scanner's hottest path. Bounded cache.
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Strict key: ä→ae, ö→oe, ü→ue, ß→ss, other diacritics dropped. "Müller" = "Mueller". */
export function nameKey(word: string): string {
	if (ASCII_RE.test(word)) return word.toLowerCase();
	let key = cache.get(word);
	if (key === undefined) {
		key = fold(word, (v) => UMLAUT_BASE[v] + 'e');
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(word, key);
	}
	return key;
}

/**
 * Loose key: umlauts lose their dots instead ("Öztürk" = "Ozturk"). Only used for names, as a
 * second chance when the strict key misses.
 */
export function looseKey(word: string): string {
	return UMLAUT_RE.test(word) ? fold(word, (v) => UMLAUT_BASE[v]) : nameKey(word);
}

/** Letters that do not occur in German words: a strong hint for a (foreign) name. */
export const FOREIGN_LETTERS_RE = /[ıİşŞğĞçÇłŁćĆčČžŽšŠđĐńŃśŚźŹżŻőŐűŰăĂțȚșȘñÑãÃõÕęĘąĄėĖřŘůŮýÝěĚêÊîÎûÛ]/;

export function isUpper(ch: string): boolean {
	return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** First letter upper case (after an optional O'/D' prefix). */
export function isCapitalised(word: string): boolean {
	return word.length > 0 && isUpper(word[0]);
}

export function isAllCaps(word: string): boolean {
	return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}
