/**
 * SW3 status codes of a GA 467 SAM_V response (shared/protocols.md §1.4). The table is
 * the one shared by several independent SDK wrappers; an SW3 outside it keeps its raw
 * byte and maps to `'unknown'` rather than throwing (reliability.md table (c): "unknown
 * SW3").
 */

/** Named SW3 values. `unknown` = a byte not in §1.4; read `sw3` for the raw code. */
export type SamStatus =
  | 'ok'
  | 'noContent'
  | 'findOk'
  | 'hostChecksumError'
  | 'hostLengthError'
  | 'commandError'
  | 'unauthorised'
  | 'unrecognisedError'
  | 'cardRejectedReader'
  | 'readerRejectedCard'
  | 'verificationError'
  | 'cardNotFound'
  | 'unknownCardType'
  | 'readFailed'
  | 'randomNumberFailed'
  | 'selfTestFailed'
  | 'notAuthorised'
  | 'findFailed'
  | 'selectFailed'
  | 'unknown';

/** SW3 byte → name (protocols.md §1.4). */
export const SAM_STATUS_CODES: Readonly<Record<Exclude<SamStatus, 'unknown'>, number>> = {
  ok: 0x90,
  noContent: 0x91,
  findOk: 0x9f,
  hostChecksumError: 0x10,
  hostLengthError: 0x11,
  commandError: 0x21,
  unauthorised: 0x23,
  unrecognisedError: 0x24,
  cardRejectedReader: 0x31,
  readerRejectedCard: 0x32,
  verificationError: 0x33,
  cardNotFound: 0x34,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomNumberFailed: 0x47,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
};

/** Plain technician words per status (English; shown by `doctor`, never to citizens). */
export const SAM_STATUS_MESSAGES: Readonly<Record<SamStatus, string>> = {
  ok: 'operation OK',
  noContent: 'card has no such item (no appended address / no fingerprint)',
  findOk: 'card found',
  hostChecksumError: 'SAM saw a checksum error in our frame (driver bug)',
  hostLengthError: 'SAM saw a length error or receive timeout in our frame (driver bug)',
  commandError: 'SAM rejected the command (bad value or illegal combination)',
  unauthorised: 'unauthorised operation',
  unrecognisedError: 'unrecognised SAM error',
  cardRejectedReader: 'card failed to authenticate the reader',
  readerRejectedCard: 'reader failed to authenticate the card',
  verificationError: 'information verification error',
  cardNotFound: 'no card found yet, cannot operate on a card',
  unknownCardType: 'unrecognised card type',
  readFailed: 'reading the card failed (card moved away?)',
  randomNumberFailed: 'getting a random number from the card failed',
  selfTestFailed: 'SAM self-test failed: reader faulty',
  notAuthorised: 'SAM not authorised (no formal keys): reader faulty',
  findFailed: 'no card on the reader',
  selectFailed: 'selecting the card failed',
  unknown: 'status code not in GA 467 table',
};

const BY_CODE: ReadonlyMap<number, SamStatus> = new Map(
  (Object.entries(SAM_STATUS_CODES) as [Exclude<SamStatus, 'unknown'>, number][]).map(([name, code]) => [code, name]),
);

/** Names an SW3 byte; codes outside §1.4 give `'unknown'`. */
export function samStatusFromCode(sw3: number): SamStatus {
  return BY_CODE.get(sw3) ?? 'unknown';
}
