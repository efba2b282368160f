/**
 * The one mask of personal data (reliability.md R-P2, GB/T 35273-2020 §6 and §7.2), applied
 * in main before anything crosses IPC, on receipts and in logs: ID numbers keep the first 4
 * and last 4 characters, names keep the surname, addresses keep the district, mobile numbers
 * keep the first 3 and last 4 digits.
 */

const STAR = '*';

/** `110000199001011234` → `1100**********1234`: exactly 8 characters stay visible. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length <= 8) return STAR.repeat(id.length);
  return `${id.slice(0, 4)}${STAR.repeat(id.length - 8)}${id.slice(-4)}`;
}

/**
 * `13800138000` → `138****8000`, the form Chinese apps show (carrier prefix and last 4 for
 * the holder to recognise). Separators are dropped; fewer than 8 digits become all stars.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/gu, '');
  if (digits.length < 8) return STAR.repeat(digits.length);
  return `${digits.slice(0, 3)}${STAR.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/**
 * `张三` → `张*`, `欧阳娜娜` → `欧***` (the first character stands for the surname: compound
 * surnames are rare and keeping one character discloses less), `买买提·艾力` → `买**·**`.
 * Latin names keep each word's initial: `JOHN SMITH` → `J*** S****`.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (/^[\p{Script=Latin}\s'.-]+$/u.test(trimmed)) {
    return trimmed
      .split(/\s+/u)
      .map((word) => `${[...word][0] ?? ''}${STAR.repeat(Math.max(0, [...word].length - 1))}`)
      .join(' ');
  }
  const chars = [...trimmed];
  return chars.map((c, i) => (i === 0 || c === '·' || c === ' ' ? c : STAR)).join('');
}

/** Administrative units that end the part of an address we may show. */
const DISTRICT_END = /^((?:[^省]*?省|[^区]*?自治区|[^区]*?特别行政区)?(?:[^市州盟]*?(?:市|州|盟|地区))?[^区县旗市]*?(?:区|县|旗|市))/u;

/** `江苏省连云港市海州区样例路1号` → `江苏省连云港市海州区`; nothing recognisable → `***`. */
export function maskAddress(address: string): string {
  const match = DISTRICT_END.exec(address.trim());
  return match?.[1] !== undefined && match[1].length < address.trim().length ? match[1] : STAR.repeat(3);
}
