/**
 * What the fields of the application form (自助申办, issue #6) hold while a citizen types,
 * as pure functions; application-form.tsx draws them. The values travel as the catalogue
 * says (catalogue-schema.ts): `number` as digits with at most one point, `phone` as digits
 * (a landline as 区号-号码), `date` as `YYYY-MM-DD`, `choice` as the option's value.
 *
 * The checks here are hints while typing. The core validates the whole form on
 * `application.setForm`, and its `FormErrors` are what count.
 */
import type { ApplicationFieldView } from '../../electron/ipc/contract';
import { type DigitKey, type KeyboardKey, type KeyboardLayout, MAX_COMPOSITION_LENGTH, isDigitKey, isLetterKey } from './search-input';

/** Characters, not UTF-16 units: a rare hanzi outside the BMP counts once. */
export function lengthOf(text: string): number {
  return [...text].length;
}

/** The contract's MAX_FORM_VALUE_LENGTH: a text field without its own limit takes this many. */
export const MAX_VALUE_LENGTH = 200;

export function clip(text: string, maxLength: number): string {
  return [...text].slice(0, maxLength).join('');
}

// ------------------------------------------------------------------ text and address

/** A text field being typed on the pinyin keyboard: the committed text and the pinyin. */
export interface TextEntry {
  readonly text: string;
  /** Letters not yet turned into a word; shown at the end of the field. */
  readonly composition: string;
  readonly layout: KeyboardLayout;
}

/** What the field shows: the text with the pinyin being typed at its end. */
export function entryValue(entry: TextEntry): string {
  return `${entry.text}${entry.composition}`;
}

function commitText(entry: TextEntry, word: string, maxLength: number): TextEntry {
  return { ...entry, text: clip(`${entry.text}${word}`, maxLength), composition: '' };
}

/**
 * One tap on the pinyin keyboard. Letters compose pinyin (the field's room counts them, so
 * a full field takes none); a digit first keeps any pinyin as typed, then goes in, so
 * 3号楼2单元501室 types as digits and words in turn. 空格 takes `firstCandidate` while
 * composing. `close` changes nothing: closing is the form's business.
 */
export function pressTextKey(entry: TextEntry, key: KeyboardKey, maxLength: number, firstCandidate: string | null = null): TextEntry {
  if (isLetterKey(key)) {
    if (entry.composition.length >= MAX_COMPOSITION_LENGTH || lengthOf(entryValue(entry)) >= maxLength) return entry;
    return { ...entry, composition: `${entry.composition}${key}` };
  }
  if (isDigitKey(key)) return commitText(commitText(entry, entry.composition, maxLength), key, maxLength);
  switch (key) {
    case 'backspace':
      return entry.composition === ''
        ? { ...entry, text: [...entry.text].slice(0, -1).join('') }
        : { ...entry, composition: entry.composition.slice(0, -1) };
    case 'clear':
      return { ...entry, text: '', composition: '' };
    case 'space':
      if (entry.composition !== '') return commitText(entry, firstCandidate ?? entry.composition, maxLength);
      // One space between words is enough, and none at the start.
      if (entry.text === '' || entry.text.endsWith(' ')) return entry;
      return commitText(entry, ' ', maxLength);
    case 'digits':
      return { ...commitText(entry, entry.composition, maxLength), layout: 'digits' };
    case 'pinyin':
      return { ...entry, layout: 'pinyin' };
    case 'close':
      return entry;
  }
}

/** A candidate tapped: it takes the place of the pinyin. */
export function chooseTextCandidate(entry: TextEntry, word: string, maxLength: number): TextEntry {
  return commitText(entry, word, maxLength);
}

/** The field left: pinyin not turned into a word stays as typed (as an input method does). */
export function finishText(entry: TextEntry, maxLength: number): string {
  return commitText(entry, entry.composition, maxLength).text;
}

/**
 * The candidates offered for `composition`: the core's words, then the letters themselves in
 * capitals, so 3号楼A座 or a Latin name can be typed and the row is never empty while the
 * core's words are on their way.
 */
export function withLetters(words: readonly string[], composition: string): readonly string[] {
  if (composition === '') return [];
  const letters = composition.toUpperCase();
  return words.includes(letters) ? words : [...words, letters];
}

// ------------------------------------------------------------------ digit pad

/** Keys of the digit pad; `point` for decimals, `dash` between a landline's 区号 and 号码. */
export type PadKey = DigitKey | 'point' | 'dash' | 'backspace' | 'clear';

/** A number's digits and point, at most; longer is no amount a form asks for. */
export const MAX_NUMBER_LENGTH = 12;
/** 元 and 平方米 take two decimals at most. */
export const MAX_DECIMALS = 2;
/** A mobile number's digits. */
export const MOBILE_DIGITS = 11;
/** 0 + a 2- or 3-digit area code, a 7- or 8-digit number, and the dash between them. */
export const MAX_LANDLINE_LENGTH = 13;

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/u;
export const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/u;
export const NUMBER_PATTERN = /^\d+(\.\d+)?$/u;

function dropLast(value: string): string {
  return value.slice(0, -1);
}

/** One tap on a number's pad. Leading zeros go (007 → 7), a point starts as 0.; one point only. */
export function pressNumberKey(value: string, key: PadKey, isInteger: boolean): string {
  if (key === 'backspace') return dropLast(value);
  if (key === 'clear') return '';
  if (key === 'dash') return value;
  if (key === 'point') {
    if (isInteger || value.includes('.') || value.length >= MAX_NUMBER_LENGTH - 1) return value;
    return value === '' ? '0.' : `${value}.`;
  }
  if (value.length >= MAX_NUMBER_LENGTH) return value;
  const [, decimals] = value.split('.');
  if (decimals !== undefined && decimals.length >= MAX_DECIMALS) return value;
  return value === '0' ? key : `${value}${key}`;
}

/** The number field left: a point without decimals goes (12. → 12). */
export function finishNumber(value: string): string {
  return value.endsWith('.') ? dropLast(value) : value;
}

/** Digits and a point only (a hardware keyboard's text). */
export function cleanNumber(text: string): string {
  return text.replace(/[^\d.]/gu, '').slice(0, MAX_NUMBER_LENGTH);
}

/** Whether the pad offers the dash: landlines allowed, a 0 typed, and 区号 complete enough. */
export function canDash(value: string, accepts: ApplicationFieldView['accepts']): boolean {
  return accepts === 'mobileOrLandline' && /^0\d{2,3}$/u.test(value);
}

/**
 * One tap on a phone's pad. A mobile number takes 11 digits; one starting with 0 is a
 * landline (when the field takes one): up to 13 characters with the dash.
 */
export function pressPhoneKey(value: string, key: PadKey, accepts: ApplicationFieldView['accepts']): string {
  if (key === 'backspace') return dropLast(value);
  if (key === 'clear') return '';
  if (key === 'point') return value;
  if (key === 'dash') return canDash(value, accepts) ? `${value}-` : value;
  const isLandline = accepts === 'mobileOrLandline' && value.startsWith('0');
  const room = isLandline ? MAX_LANDLINE_LENGTH - (value.includes('-') ? 0 : 1) : MOBILE_DIGITS;
  return value.length >= room ? value : `${value}${key}`;
}

/** Digits and a dash only (a hardware keyboard's text). */
export function cleanPhone(text: string, accepts: ApplicationFieldView['accepts']): string {
  const kept = text.replace(accepts === 'mobileOrLandline' ? /[^\d-]/gu : /\D/gu, '');
  return kept.slice(0, accepts === 'mobileOrLandline' && kept.startsWith('0') ? MAX_LANDLINE_LENGTH : MOBILE_DIGITS);
}

/**
 * How a phone number reads while typed: a mobile in groups of 3-4-4 (138 0000 0000), so a
 * citizen can check it against their own; a landline as typed (0518-85801234).
 */
export function formatPhone(value: string): string {
  if (value.startsWith('0') || value.includes('-')) return value;
  return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter((part) => part !== '').join(' ');
}

// ------------------------------------------------------------------ dates

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** How far a date may go from the hall's date where its range leaves it open. */
export const YEARS_BACK = 120;
export const YEARS_AHEAD = 30;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/u;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseDate(value: string): DateParts | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Inclusive bounds, `YYYY-MM-DD` (compared as strings: they are zero-padded). */
export interface DateBounds {
  readonly earliest: string;
  readonly latest: string;
}

function shiftYears(parts: DateParts, years: number): DateParts {
  const year = parts.year + years;
  return { year, month: parts.month, day: Math.min(parts.day, daysInMonth(year, parts.month)) };
}

/** `past`: up to today; `future`: from today; `any` (or none): a lifetime either way. */
export function dateBounds(range: ApplicationFieldView['range'], today: string): DateBounds {
  const parts = parseDate(today) ?? { year: 2000, month: 1, day: 1 };
  const earliest = range === 'future' ? today : formatIsoDate(shiftYears(parts, -YEARS_BACK));
  const latest = range === 'past' ? today : formatIsoDate(shiftYears(parts, YEARS_AHEAD));
  return { earliest, latest };
}

export function clampDate(value: string, bounds: DateBounds): string {
  if (value < bounds.earliest) return bounds.earliest;
  if (value > bounds.latest) return bounds.latest;
  return value;
}

/** The date the picker starts from: the value, or today within the bounds. */
export function pickerDate(value: string, today: string, bounds: DateBounds): string {
  return parseDate(value) ? clampDate(value, bounds) : clampDate(today, bounds);
}

export type DatePart = 'year' | 'month' | 'day';

/**
 * One tap on a column of the picker. The year moves by `delta` years and stops at the
 * bounds; month and day go round within their column (12 → 1, the month's last day → 1) and
 * skip what is out of bounds, as a wheel picker does. A day that the new month lacks becomes
 * its last (31 → 30). Returns the value unchanged when the column cannot move.
 */
export function stepDate(value: string, part: DatePart, delta: number, bounds: DateBounds): string {
  const parts = parseDate(value);
  if (!parts) return value;
  if (part === 'year') {
    return clampDate(formatIsoDate(shiftYears(parts, delta)), bounds);
  }
  const size = part === 'month' ? 12 : daysInMonth(parts.year, parts.month);
  const start = part === 'month' ? parts.month : parts.day;
  for (let step = 1; step < size; step += 1) {
    const next = ((((start - 1 + delta * step) % size) + size) % size) + 1;
    const candidate =
      part === 'month'
        ? { year: parts.year, month: next, day: Math.min(parts.day, daysInMonth(parts.year, next)) }
        : { ...parts, day: next };
    const iso = formatIsoDate(candidate);
    if (iso >= bounds.earliest && iso <= bounds.latest) return iso;
  }
  return value;
}

// ------------------------------------------------------------------ focus

/** Where typing starts: the first field the core found wrong, else the first empty one to type. */
export function firstFocus(fields: readonly ApplicationFieldView[], values: Readonly<Record<string, string>>, errors: Readonly<Record<string, string>>): string | null {
  const wrong = fields.find((field) => errors[field.id] !== undefined);
  if (wrong) return wrong.id;
  const typed = new Set<ApplicationFieldView['type']>(['text', 'address', 'number', 'phone']);
  return fields.find((field) => typed.has(field.type) && (values[field.id] ?? '') === '')?.id ?? null;
}

// ------------------------------------------------------------------ hints while typing

/** A hint about a value, by copy key (form.check.*) with its numbers. */
export type FieldCheck =
  | { readonly key: 'mobile' | 'mobileOrLandline' | 'number' | 'integer' | 'past' | 'future' | 'date' | 'choice' }
  | { readonly key: 'range'; readonly min: number; readonly max: number }
  | { readonly key: 'tooLong'; readonly max: number };

/**
 * What is wrong with `value` so far, or null. Empty values pass (必填 is the core's word on
 * submit). While the field is being typed (`isEditing`), a value that is only unfinished
 * passes too: 138 is no wrong mobile yet, 1 is no number below 10 yet; 12 digits, a number
 * above the maximum or a date out of range are wrong at once.
 */
export function checkField(field: ApplicationFieldView, value: string, today: string, isEditing: boolean): FieldCheck | null {
  if (value === '') return null;
  switch (field.type) {
    case 'text':
    case 'address':
      return field.maxLength !== null && lengthOf(value) > field.maxLength ? { key: 'tooLong', max: field.maxLength } : null;
    case 'phone': {
      const isValid = MOBILE_PATTERN.test(value) || (field.accepts === 'mobileOrLandline' && LANDLINE_PATTERN.test(value));
      if (isValid) return null;
      const key = field.accepts === 'mobileOrLandline' ? 'mobileOrLandline' : 'mobile';
      const isUnfinished = /^1([3-9]\d{0,8})?$/u.test(value) || (field.accepts === 'mobileOrLandline' && /^0(\d{1,3}(-\d{0,7})?)?$/u.test(value));
      return isEditing && isUnfinished ? null : { key };
    }
    case 'number': {
      const finished = finishNumber(value);
      if (!NUMBER_PATTERN.test(finished)) return { key: 'number' };
      if (field.isInteger && finished.includes('.')) return { key: 'integer' };
      const amount = Number(finished);
      const isAbove = field.max !== null && amount > field.max;
      const isBelow = field.min !== null && amount < field.min;
      if (isAbove || (isBelow && !isEditing)) return { key: 'range', min: field.min ?? 0, max: field.max ?? Number.MAX_SAFE_INTEGER };
      return null;
    }
    case 'date': {
      if (!parseDate(value)) return { key: 'date' };
      const bounds = dateBounds(field.range, today);
      if (value > bounds.latest) return { key: field.range === 'past' ? 'past' : 'date' };
      if (value < bounds.earliest) return { key: field.range === 'future' ? 'future' : 'date' };
      return null;
    }
    case 'choice':
      return field.options.some((option) => option.value === value) ? null : { key: 'choice' };
  }
}
