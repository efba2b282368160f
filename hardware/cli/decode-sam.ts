/**
 * `doctor decode sam`: finds every GA 467 frame in a technician's hex capture and decodes
 * it (shared/protocols.md §1.2–§1.6). Output is UNMASKED on purpose — the technician
 * decodes their own capture on the kiosk; nothing here is logged.
 */
import { err, ok, type Result } from '../result.js';
import {
  HEADER_LENGTH,
  MIN_REQUEST_LEN,
  SAM_STATUS_MESSAGES,
  SamFramer,
  decodeFrame,
  decodeRequest,
  type SamCommandName,
  type SamResponse,
} from '../protocols/sam/frame.js';
import {
  decodeAppendedAddress,
  decodeIdCardText,
  decodeReadResponse,
  formatSamId,
} from '../protocols/sam/id-card-text.js';
import { PHOTO_BYTES, SAM_ID_BYTES } from '../protocols/sam/read-response.js';

/** One entry of the decode output, in stream order; `offset` is into the capture. */
export type DecodedEntry =
  | {
      readonly offset: number;
      readonly kind: 'request';
      readonly length: number;
      readonly checksumOk: boolean;
      readonly command: SamCommandName | 'unknown';
      readonly cmd: string;
      readonly para: string;
      readonly data?: string;
    }
  | {
      readonly offset: number;
      readonly kind: 'response';
      readonly length: number;
      readonly checksumOk: boolean;
      readonly status: string;
      readonly sw: string;
      readonly message: string;
      readonly decoded?: unknown;
      readonly data?: string;
    }
  | { readonly offset: number; readonly kind: 'discarded'; readonly bytes: number; readonly reason: string; readonly hex: string };

/** Bytes shown for a discarded run or raw data before eliding. */
const SHOWN_BYTES = 48;

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase().replace(/(..)(?!$)/gu, '$1 ');
const shortHex = (bytes: Uint8Array): string =>
  bytes.length > SHOWN_BYTES ? `${toHex(bytes.subarray(0, SHOWN_BYTES))} … (${bytes.length} bytes)` : toHex(bytes);
const byteHex = (value: number): string => value.toString(16).toUpperCase().padStart(2, '0');

/**
 * Parses hex written with spaces, colons, commas, newlines or `0x` prefixes. Errors are
 * one line of plain words: the first non-hex character, or an odd digit count.
 */
export function parseHexInput(text: string): Result<Uint8Array, string> {
  const digits = text.replace(/0x/giu, '').replace(/[\s:,;]/gu, '');
  const bad = /[^0-9a-f]/iu.exec(digits);
  if (bad !== null) return err(`not hex: unexpected character ${JSON.stringify(bad[0])}`);
  if (digits.length === 0) return err('no hex digits in input');
  if (digits.length % 2 !== 0) return err(`odd number of hex digits (${digits.length})`);
  return ok(Uint8Array.from(Buffer.from(digits, 'hex')));
}

/** Decodes the payload of a response using the request before it when there is one. */
function decodePayload(response: SamResponse, lastCommand: SamCommandName | 'unknown' | null): unknown {
  const { data } = response;
  if (data.length === 0) return undefined;
  if (lastCommand === 'readSamId' || (lastCommand === null && data.length === SAM_ID_BYTES)) {
    return { samId: formatSamId(data) };
  }
  if (lastCommand === 'readAppendedAddress' || (lastCommand === null && data.length === 70)) {
    const address = decodeAppendedAddress(data);
    return address.ok ? { appendedAddress: address.value } : { error: address.error.message };
  }
  const layout = lastCommand === 'readTextAndPhoto' ? 'textAndPhoto' : lastCommand === 'readWithFingerprint' ? 'withFingerprint' : 'auto';
  const isRead = lastCommand === 'readTextAndPhoto' || lastCommand === 'readWithFingerprint';
  if (!isRead && data.length < 4 + 256) return undefined;
  const read = decodeReadResponse(data, layout);
  if (!read.ok) return isRead ? { error: read.error.message } : undefined;
  const text = decodeIdCardText(read.value.textBlock);
  return {
    text: text.ok ? text.value.text : null,
    warnings: text.ok ? text.value.warnings : [],
    ...(text.ok ? {} : { textError: text.error.message }),
    photo: {
      bytes: read.value.photo.length,
      header: toHex(read.value.photo.subarray(0, 8)),
      ...(read.value.photo.length === PHOTO_BYTES ? {} : { note: `expected ${PHOTO_BYTES} bytes` }),
    },
    fingerprint: read.value.fingerprint === null ? null : { bytes: read.value.fingerprint.length },
  };
}

/** Request or response? LEN 3 is always a request; real modules send SW1 SW2 = 00 00. */
function isResponse(frame: Uint8Array): boolean {
  const len = ((frame[5] ?? 0) << 8) | (frame[6] ?? 0);
  if (len < 4) return false;
  if (frame[HEADER_LENGTH] === 0 && frame[HEADER_LENGTH + 1] === 0) return true;
  const request = decodeRequest(frame);
  return !(request.ok && request.value.command !== 'unknown');
}

function decodeOne(
  frame: Uint8Array,
  offset: number,
  checksumOk: boolean,
  lastCommand: SamCommandName | 'unknown' | null,
): DecodedEntry | null {
  if (isResponse(frame)) {
    const response = decodeFrame(frame);
    if (!response.ok) return null;
    const decoded = decodePayload(response.value, lastCommand);
    const { sw1, sw2, sw3, status, data } = response.value;
    return {
      offset,
      kind: 'response',
      length: frame.length,
      checksumOk,
      status,
      sw: `${byteHex(sw1)} ${byteHex(sw2)} ${byteHex(sw3)}`,
      message: SAM_STATUS_MESSAGES[status],
      ...(decoded === undefined ? (data.length > 0 ? { data: shortHex(data) } : {}) : { decoded }),
    };
  }
  const request = decodeRequest(frame);
  if (!request.ok) return null;
  const { cmd, para, command, data } = request.value;
  return {
    offset,
    kind: 'request',
    length: frame.length,
    checksumOk,
    command,
    cmd: byteHex(cmd),
    para: byteHex(para),
    ...(data.length > 0 ? { data: shortHex(data) } : {}),
  };
}

/**
 * Every frame, bad-checksum candidate and discarded run of a capture, in order. A
 * bad-checksum candidate is decoded as if its CHK were right (`checksumOk: false`); the
 * framer's resync over its bytes is listed after it.
 */
export function decodeSamCapture(bytes: Uint8Array): DecodedEntry[] {
  const framer = new SamFramer({ minLen: MIN_REQUEST_LEN });
  const events = [...framer.push(bytes), ...framer.reset()];
  const entries: DecodedEntry[] = [];
  let offset = 0;
  let lastCommand: SamCommandName | 'unknown' | null = null;
  for (const event of events) {
    if (event.kind === 'frame') {
      const entry = decodeOne(event.frame, offset, true, lastCommand);
      if (entry !== null) entries.push(entry);
      lastCommand = entry?.kind === 'request' ? entry.command : null;
      offset += event.frame.length;
      continue;
    }
    if (event.reason === 'badChecksum') {
      const len = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0);
      const candidate = bytes.slice(offset, offset + HEADER_LENGTH + len);
      let chk = 0;
      for (let i = 5; i < candidate.length - 1; i += 1) chk ^= candidate[i] ?? 0;
      candidate[candidate.length - 1] = chk;
      const entry = decodeOne(candidate, offset, false, lastCommand);
      if (entry !== null) entries.push(entry);
    }
    const reason = event.reason === 'stale' ? 'incomplete' : event.reason;
    entries.push({ offset, kind: 'discarded', bytes: event.bytes, reason, hex: shortHex(bytes.subarray(offset, offset + event.bytes)) });
    offset += event.bytes;
  }
  return entries;
}
