/*
 * Normalisers turn what people type into one canonical form before a blind index is computed, so
 * that "12345-1234567-1" and "1234512345671", or "محمد علی" and "محمد علي", find each other.
 * Searches stay exact-match on the normalised form: spelling variants of a transliteration
 * (Muhammad / Mohammad) are different tokens on purpose (see README "Name tokens").
 */

/** Arabic-Indic (٠-٩) and Extended Arabic-Indic/Urdu (۰-۹) digits to ASCII. */
export function toAsciiDigits(value: string): string {
  return value.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0x0f));
}

const CNIC_FORMAT = /^[0-9]{5}-[0-9]{7}-[0-9]$/;
// Hyphen-minus, the Unicode dashes and the minus sign: what phones and word processors produce.
const DASH = '\\-\\u2010-\\u2015\\u2212';
const CNIC_LENIENT = new RegExp(`^([0-9]{5})[\\s${DASH}]*([0-9]{7})[\\s${DASH}]*([0-9])$`);

/**
 * True when `value` is written exactly as a CNIC is printed: `12345-1234567-1` (ASCII digits).
 * Only the format is checked: the last digit's parity encodes sex, which is not validated here.
 */
export function isCnicFormat(value: string): boolean {
  return CNIC_FORMAT.test(value);
}

/**
 * The 13 digits of a Pakistani CNIC, or null when `value` is not one. Accepts the printed form, 13
 * digits without separators, spaces or any dash at the two separator positions, and Urdu digits.
 */
export function normaliseCnic(value: string): string | null {
  const match = CNIC_LENIENT.exec(toAsciiDigits(value.normalize('NFKC')).trim());
  return match === null ? null : `${match[1]}${match[2]}${match[3]}`;
}

/** The printed form `12345-1234567-1`, or null when `value` is not a CNIC. */
export function formatCnic(value: string): string | null {
  const digits = normaliseCnic(value);
  return digits === null ? null : `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}`;
}

/**
 * A national ID number for indexing: a CNIC's 13 digits for country `PK` (null when invalid);
 * for other countries the value upper-cased, with ASCII digits and without spaces, dashes, dots or
 * slashes (null when nothing is left).
 */
export function normaliseNationalId(value: string, country: string): string | null {
  if (country.toUpperCase() === 'PK') return normaliseCnic(value);
  const normalised = toAsciiDigits(value.normalize('NFKC'))
    .toUpperCase()
    .replace(new RegExp(`[\\s${DASH}./]`, 'g'), '');
  return normalised.length === 0 ? null : normalised;
}

/** Email for indexing: trimmed, NFC, lower case. The address's validity is checked elsewhere. */
export function normaliseEmail(value: string): string | null {
  const normalised = value.normalize('NFC').trim().toLowerCase();
  return normalised.length === 0 ? null : normalised;
}

/*
 * Letters of the Arabic script that Urdu writers type in several ways (Arabic or Persian keyboard
 * layouts, old fonts): each is mapped to the Urdu letter. Applied after NFKD and the removal of
 * marks, which already reduced the hamza forms (أ إ آ ؤ ئ ۂ) to their carriers.
 */
const ARABIC_LETTER_VARIANTS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي Arabic yeh → ی Farsi/Urdu yeh
  '\u0649': '\u06CC', // ى alef maksura → ی
  '\u0643': '\u06A9', // ك Arabic kaf → ک keheh
  '\u0647': '\u06C1', // ه Arabic heh → ہ heh goal
  '\u06BE': '\u06C1', // ھ heh doachashmee → ہ (see README: aspirates are folded too)
  '\u06D5': '\u06C1', // ە ae → ہ
  '\u0629': '\u06C1', // ة teh marbuta → ہ (فاطمة / فاطمہ)
  '\u06C3': '\u06C1', // ۃ teh marbuta goal → ہ
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0621': '', // ء standalone hamza (ضیاء / ضیا)
  '\u0674': '', // ٴ high hamza
};
const ARABIC_LETTER_VARIANT = new RegExp(`[${Object.keys(ARABIC_LETTER_VARIANTS).join('')}]`, 'g');

// Apostrophes and ʿayn/hamza transliteration marks vanish inside a word: Sa'eed, Saʿīd → saeed.
const APOSTROPHES = /['\u2018\u2019\u02BB\u02BC\u02BE\u02BF`\u00B4]/g;
// Format characters: zero-width (non-)joiners, bidi marks and isolates, soft hyphen, BOM.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const TATWEEL = /\u0640/g;
const MARKS = /\p{M}/gu;
const TOKEN_SEPARATOR = /[^\p{L}\p{N}]+/u;

/**
 * The words of a name in canonical form, in order, repeats kept. Latin: lower case, diacritics
 * removed. Arabic script (Urdu, Sindhi, Pashto...): compatibility forms unfolded (NFKD), harakat
 * and other marks, tatweel and zero-width characters removed, letter variants unified. Honorifics
 * and titles are kept: they are often part of the name (Syed, Malik, Sheikh).
 */
export function nameWords(name: string): string[] {
  const unified = name
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(FORMAT_CHARACTERS, '')
    .replace(TATWEEL, '')
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FORMAT_CHARACTERS, '')
    .replace(ARABIC_LETTER_VARIANT, (letter) => ARABIC_LETTER_VARIANTS[letter] ?? letter)
    .normalize('NFC');
  return toAsciiDigits(unified)
    .split(TOKEN_SEPARATOR)
    .filter((word) => word.length > 0);
}

/** The distinct tokens of a name, for the name-token blind index (search by any word). */
export function nameTokens(name: string): string[] {
  return [...new Set(nameWords(name))];
}

/** The whole name in canonical form (words joined by one space), or null when it has no words. */
export function normaliseName(name: string): string | null {
  const words = nameWords(name);
  return words.length === 0 ? null : words.join(' ');
}
