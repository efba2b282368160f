/**
 * Decoder and encoder of the 256-byte UCS-2LE text block of the four card types a GA 467
 * reader returns (shared/protocols.md §1.6, §1.7; reliability.md R-V6). Pure, no logging:
 * the block is personal data (§1.9 "Privacy"), and warnings/errors never quote names,
 * addresses or ID numbers.
 *
 * Errors (the read is unusable): wrong block size, unpaired surrogates or control
 * characters, unknown type marker, blank or impossible dates, validity ending before it
 * starts, a blank name, a number of the wrong length or with non-digits.
 * Warnings (the chip is authoritative, §1.7): check digit mismatch, lowercase `x`
 * (normalised to `X`), number prefix not matching the card type, birth date or gender
 * disagreeing with the number, unknown gender/ethnicity codes, surrogate pairs.
 */
import { err, ok, type Result } from '../../result.js';
import {
  CARD_LAYOUTS,
  CARD_TYPE_MARKERS,
  CARD_TYPE_MARKER_OFFSET,
  TEXT_BLOCK_BYTES,
  cardTypeFromMarker,
  type IdCardType,
  type LayoutField,
} from './card-layout.js';
import { GENDER_LABELS, ethnicityFromCode, genderFromCode, type CodedValue } from './code-tables.js';
import {
  birthDateFromIdNumber,
  genderCodeFromIdNumber,
  isRealDate,
  isValidIdNumberChecksum,
  isoDate,
} from './id-number.js';
import { decodeUcs2Field, encodeUcs2Field } from './ucs2.js';

export { CARD_TYPE_MARKERS, TEXT_BLOCK_BYTES, type IdCardType } from './card-layout.js';
export {
  ETHNICITY_LABELS,
  GENDER_LABELS,
  ethnicityCardFaceName,
  ethnicityFromCode,
  genderFromCode,
  type CodedValue,
} from './code-tables.js';
export {
  birthDateFromIdNumber,
  genderCodeFromIdNumber,
  idNumberCheckDigit,
  isRealDate,
  isValidIdNumberChecksum,
} from './id-number.js';
export {
  decodeAppendedAddress,
  decodeReadResponse,
  formatSamId,
  type ReadResponse,
  type ReadResponseError,
} from './read-response.js';

/** The decoded text of one card. Dates are `YYYY-MM-DD`. Personal data: never log. */
export interface IdCardText {
  readonly cardType: IdCardType;
  /** Chinese name; for foreigner cards without one, the foreign-language name. */
  readonly name: string;
  /** Foreign-language name ('I', 'Y'), else null. */
  readonly foreignName: string | null;
  /** Code per GB/T 2261.1 with label 男 女 未知 未说明 (unknown codes: `未知(<code>)`). */
  readonly gender: CodedValue;
  /** Resident cards only; unknown codes keep the raw code with label `未知(<code>)`. */
  readonly ethnicity: CodedValue | null;
  readonly birthDate: string;
  /** Resident and 'J' cards; null when blank or not on this card type. */
  readonly address: string | null;
  /** 18 characters (final `X` uppercase); 15 for 2017 foreigner cards. */
  readonly idNumber: string;
  readonly issuingAuthority: string | null;
  readonly validFrom: string;
  /** `YYYY-MM-DD`, or `'longTerm'` for 长期 (`string & {}` keeps the literal visible). */
  readonly validUntil: 'longTerm' | (string & {});
  /** 'J' 通行证号码. */
  readonly passNumber: string | null;
  /** 'J' and 'Y' 签发次数. */
  readonly issueCount: string | null;
  /** 'I' and 'Y': 3-letter code (GB/T 2659). */
  readonly nationality: string | null;
  /** 'I': 4-character acceptance-authority code. */
  readonly authorityCode: string | null;
  /** 'I': card version. */
  readonly cardVersion: string | null;
  /** 'Y' bytes 220–237, meaning unconfirmed (§1.6): surfaced raw. */
  readonly otherNumber: string | null;
}

export type IdCardTextErrorCode =
  | 'badBlockLength'
  | 'notUcs2'
  | 'unknownCardType'
  | 'blankField'
  | 'blankDates'
  | 'impossibleDate'
  | 'badValidity'
  | 'badIdNumber';

/** Why a text block cannot be used; `message` is plain technician words without card text. */
export interface IdCardTextError {
  readonly code: IdCardTextErrorCode;
  readonly message: string;
}

export interface DecodedIdCardText {
  readonly text: IdCardText;
  /** Plain words, free of personal data; safe to log. */
  readonly warnings: string[];
}

/** The 长期 (no expiry) value of the valid-until field (§1.6). */
export const LONG_TERM = '长期';

const FIELD_WORDS: Readonly<Record<LayoutField, string>> = {
  name: 'name',
  foreignName: 'foreign name',
  gender: 'gender',
  nation: 'ethnicity',
  birth: 'birth date',
  address: 'address',
  idNumber: 'ID number',
  authority: 'issuing authority',
  validFrom: 'valid-from date',
  validUntil: 'valid-until date',
  passNumber: 'pass number',
  issueCount: 'issue count',
  nationality: 'nationality',
  cardVersion: 'card version',
  authorityCode: 'authority code',
  otherNumber: 'other number',
};

const textError = (code: IdCardTextErrorCode, message: string): { ok: false; error: IdCardTextError } =>
  err({ code, message });

/** Decodes a 256-byte text block (§1.6). Never throws. */
export function decodeIdCardText(block: Uint8Array): Result<DecodedIdCardText, IdCardTextError> {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return textError('badBlockLength', `text block is ${block.length} bytes, expected ${TEXT_BLOCK_BYTES}`);
  }
  const markerUnit = (block[CARD_TYPE_MARKER_OFFSET] ?? 0) | ((block[CARD_TYPE_MARKER_OFFSET + 1] ?? 0) << 8);
  const cardType = cardTypeFromMarker(String.fromCharCode(markerUnit));
  if (cardType === undefined) {
    const hex = markerUnit.toString(16).toUpperCase().padStart(4, '0');
    return textError('unknownCardType', `unknown card type marker U+${hex}`);
  }
  const warnings: string[] = [];
  const fields: Partial<Record<LayoutField, string>> = {};
  for (const [field, [from, chars]] of Object.entries(CARD_LAYOUTS[cardType]) as [LayoutField, readonly [number, number]][]) {
    const decoded = decodeUcs2Field(block, from, from + 2 * chars);
    if (!decoded.ok) {
      const what = decoded.error.kind === 'controlCharacter' ? 'control character' : 'unpaired surrogate';
      return textError('notUcs2', `not UCS-2: ${what} in ${FIELD_WORDS[field]} (byte ${decoded.error.byteOffset})`);
    }
    if (decoded.value.hasSurrogatePair) warnings.push(`surrogate pair (outside UCS-2) in ${FIELD_WORDS[field]}`);
    fields[field] = decoded.value.text;
  }
  const get = (field: LayoutField): string => fields[field] ?? '';
  const orNull = (field: LayoutField): string | null => (get(field) === '' ? null : get(field));

  const dates = checkDates(get('birth'), get('validFrom'), get('validUntil'));
  if (!dates.ok) return dates;

  const isForeign = cardType === 'foreignPermanent2017' || cardType === 'foreignPermanent2023';
  // Foreigner cards may carry no Chinese name (§1.6 'I' "all spaces if none"); the
  // foreign-language name then stands in so `name` is never blank.
  const name = isForeign && get('name') === '' ? get('foreignName') : get('name');
  if (name === '') return textError('blankField', 'blank name (damaged read)');

  const idNumber = checkIdNumber(cardType, get('idNumber'), warnings);
  if (!idNumber.ok) return idNumber;

  const genderCode = get('gender');
  if (!Object.hasOwn(GENDER_LABELS, genderCode)) warnings.push('unknown gender code');
  let ethnicity: CodedValue | null = null;
  if (cardType === 'resident') {
    if (get('nation') === '') warnings.push('blank ethnicity code');
    else ethnicity = ethnicityFromCode(get('nation'));
    if (ethnicity?.label.startsWith('未知(') === true) warnings.push('unknown ethnicity code');
  }
  if (idNumber.value.length === 18) {
    if (birthDateFromIdNumber(idNumber.value) !== dates.value.birthDate) {
      warnings.push('birth date in the ID number differs from the birth date field');
    }
    const implied = genderCodeFromIdNumber(idNumber.value);
    if ((genderCode === '1' || genderCode === '2') && implied !== genderCode) {
      warnings.push('gender digit of the ID number differs from the gender field');
    }
  }
  const isPermit = cardType === 'hkMacaoTaiwan';
  return ok({
    text: {
      cardType,
      name,
      foreignName: isForeign ? orNull('foreignName') : null,
      gender: genderFromCode(genderCode),
      ethnicity,
      ...dates.value,
      address: orNull('address'),
      idNumber: idNumber.value,
      issuingAuthority: orNull('authority'),
      passNumber: isPermit ? orNull('passNumber') : null,
      issueCount: isPermit || cardType === 'foreignPermanent2023' ? orNull('issueCount') : null,
      nationality: orNull('nationality'),
      authorityCode: orNull('authorityCode'),
      cardVersion: orNull('cardVersion'),
      otherNumber: orNull('otherNumber'),
    },
    warnings,
  });
}

type Dates = Pick<IdCardText, 'birthDate' | 'validFrom' | 'validUntil'>;

function checkDates(birth: string, from: string, until: string): Result<Dates, IdCardTextError> {
  // All-space dates are what a card pulled away mid-read looks like (§1.9).
  if (birth === '' || from === '' || until === '') return textError('blankDates', 'blank dates (damaged read)');
  if (!isRealDate(birth)) return textError('impossibleDate', `impossible birth date ${birth}`);
  if (!isRealDate(from)) return textError('impossibleDate', `impossible valid-from date ${from}`);
  if (until === LONG_TERM) return ok({ birthDate: isoDate(birth), validFrom: isoDate(from), validUntil: 'longTerm' });
  if (!isRealDate(until)) return textError('impossibleDate', `impossible valid-until date ${until}`);
  if (until < from) return textError('badValidity', `valid-until ${until} is before valid-from ${from}`);
  return ok({ birthDate: isoDate(birth), validFrom: isoDate(from), validUntil: isoDate(until) });
}

/**
 * Validates the number for its card type. Decision: a lowercase final `x` is accepted and
 * normalised to `X` with a warning — GB 11643 prints uppercase, but the check is a
 * consistency hint and refusing a citizen over letter case helps nobody.
 */
function checkIdNumber(cardType: IdCardType, raw: string, warnings: string[]): Result<string, IdCardTextError> {
  if (raw === '') return textError('blankField', 'blank ID number (damaged read)');
  if (cardType === 'foreignPermanent2017') {
    // 15 characters: 3-letter nationality + 12 digits (§1.6); no public check-digit rule.
    if (raw.length !== 15) return textError('badIdNumber', `card number has ${raw.length} characters, expected 15`);
    if (!/^[A-Z]{3}\d{12}$/u.test(raw)) warnings.push('2017 foreigner card number is not 3 letters + 12 digits');
    return ok(raw);
  }
  if (raw.length !== 18) return textError('badIdNumber', `ID number has ${raw.length} characters, expected 18`);
  let id = raw;
  if (id.endsWith('x')) {
    id = `${id.slice(0, 17)}X`;
    warnings.push('lowercase x check digit normalised to X');
  }
  if (!/^\d{17}[\dX]$/u.test(id)) return textError('badIdNumber', 'ID number has characters other than digits and a final X');
  if (!isValidIdNumberChecksum(id)) warnings.push('ID number check digit mismatch');
  if (cardType === 'hkMacaoTaiwan' && !/^8[123]/u.test(id)) {
    warnings.push('HK/Macao/Taiwan permit number does not start with 81, 82 or 83');
  }
  if (cardType === 'foreignPermanent2023' && !id.startsWith('9')) {
    warnings.push('2023 foreigner card number does not start with 9');
  }
  return ok(id);
}

/**
 * Encodes a text block (simulator, tests). Inverse of {@link decodeIdCardText} for texts
 * it accepts. For foreigner cards a `name` equal to `foreignName` is written as a blank
 * Chinese name. Throws RangeError when a value does not fit its field (caller bug).
 */
export function encodeIdCardText(text: IdCardText): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  encodeUcs2Field(block, 0, TEXT_BLOCK_BYTES / 2, '');
  const isForeign = text.cardType === 'foreignPermanent2017' || text.cardType === 'foreignPermanent2023';
  const compact = (date: string): string => date.replaceAll('-', '');
  const values: Record<LayoutField, string | null> = {
    name: isForeign && text.name === text.foreignName ? '' : text.name,
    foreignName: text.foreignName,
    gender: text.gender.code,
    nation: text.cardType === 'resident' ? (text.ethnicity?.code ?? null) : null,
    birth: compact(text.birthDate),
    address: text.address,
    idNumber: text.idNumber,
    authority: text.issuingAuthority,
    validFrom: compact(text.validFrom),
    validUntil: text.validUntil === 'longTerm' ? LONG_TERM : compact(text.validUntil),
    passNumber: text.passNumber,
    issueCount: text.issueCount,
    nationality: text.nationality,
    cardVersion: text.cardVersion,
    authorityCode: text.authorityCode,
    otherNumber: text.otherNumber,
  };
  for (const [field, [from, chars]] of Object.entries(CARD_LAYOUTS[text.cardType]) as [LayoutField, readonly [number, number]][]) {
    encodeUcs2Field(block, from, chars, values[field] ?? '');
  }
  encodeUcs2Field(block, CARD_TYPE_MARKER_OFFSET, 1, CARD_TYPE_MARKERS[text.cardType]);
  return block;
}
