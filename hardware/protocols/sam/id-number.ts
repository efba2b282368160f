/**
 * Citizen identity number helpers (GB 11643, ISO 7064 MOD 11-2; shared/protocols.md
 * §1.7). The same check digit covers resident IDs, HK/Macao/Taiwan permits ('J',
 * 81/82/83…) and the 2023 foreigner card ('Y', 9…). The chip is authoritative: callers
 * use a mismatch as a warning, never to refuse a card.
 */

/** Weights of the first 17 digits (§1.7). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11) (§1.7). */
const CHECK_CHARS = '10X98765432';

const FIRST_17 = /^\d{17}$/u;
const FULL_18 = /^\d{17}[\dX]$/u;

/**
 * The check character ('0'–'9' or 'X') for 17 leading digits. Throws RangeError when
 * `first17` is not exactly 17 ASCII digits (a caller bug).
 */
export function idNumberCheckDigit(first17: string): string {
  if (!FIRST_17.test(first17)) throw new RangeError('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * True when `id` is 17 digits plus the right check character. Only uppercase `X` is
 * accepted here; the text decoder normalises a lowercase `x` first (with a warning).
 */
export function isValidIdNumberChecksum(id: string): boolean {
  return FULL_18.test(id) && idNumberCheckDigit(id.slice(0, 17)) === id.charAt(17);
}

/** True when `yyyymmdd` (8 ASCII digits) is a real calendar date from year 1800 on. */
export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/u.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  // Year floor: nobody alive was born before 1800; 0000 is a blank/zeroed read.
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  // Date.UTC handles leap years (Feb 29 only when divisible by 4, not by 100 unless by
  // 400).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** `YYYYMMDD` → `YYYY-MM-DD` (no validation). */
export function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Birth date `YYYY-MM-DD` embedded at characters 7–14 of an 18-character number, or null
 * when the number is not 18 characters or those digits are not a real date.
 */
export function birthDateFromIdNumber(id: string): string | null {
  if (id.length !== 18) return null;
  const digits = id.slice(6, 14);
  return isRealDate(digits) ? isoDate(digits) : null;
}

/** Gender code implied by the 17th digit (odd = male '1', even = female '2'), or null. */
export function genderCodeFromIdNumber(id: string): '1' | '2' | null {
  const digit = id.charAt(16);
  if (!/^\d$/u.test(digit)) return null;
  return Number(digit) % 2 === 1 ? '1' : '2';
}
