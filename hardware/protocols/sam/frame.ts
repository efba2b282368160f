/**
 * GA 467 SAM_V frames (shared/protocols.md §1.2–§1.4): request/response encoders,
 * whole-frame decoders and the named commands of §1.3. Pure: no timers, no I/O. The
 * incremental framer lives in `framer.ts` and is re-exported here.
 *
 * ```
 * request : AA AA AA 96 69 | LEN(2, BE) | CMD | PARA | [data…] | CHK
 * response: AA AA AA 96 69 | LEN(2, BE) | SW1 SW2 SW3 | [data…] | CHK
 * ```
 * LEN counts every byte after itself, CHK included; CHK = XOR of LEN_H … last data byte.
 */
import { err, ok, type Result } from '../../result.js';
import {
  HEADER_LENGTH,
  MAX_LEN,
  MIN_REQUEST_LEN,
  MIN_RESPONSE_LEN,
  PREAMBLE,
  PREAMBLE_LENGTH,
} from './constants.js';
import { samStatusFromCode, type SamStatus } from './status.js';

export { SamFramer, type SamFrameEvent, type SamDiscardReason, type SamFramerOptions } from './framer.js';
export {
  HEADER_LENGTH,
  MAX_FRAME_BYTES,
  MAX_LEN,
  MIN_REQUEST_LEN,
  MIN_RESPONSE_LEN,
  PREAMBLE,
  PREAMBLE_LENGTH,
} from './constants.js';
export { SAM_STATUS_CODES, SAM_STATUS_MESSAGES, samStatusFromCode, type SamStatus } from './status.js';

/** CMD bytes of §1.3. */
export const CMD_SAM = 0x10;
export const CMD_SAM_STATUS = 0x11;
export const CMD_SAM_ID = 0x12;
export const CMD_CARD = 0x20;
export const CMD_READ = 0x30;
export const CMD_SET_BAUD = 0x60;
export const CMD_SET_MAX_FRAME = 0x61;

/** Named requests of §1.3 with their CMD PARA (PARA `null` = argument). */
export const SAM_COMMANDS = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readTextAndPhoto: { cmd: 0x30, para: 0x01 },
  readWithFingerprint: { cmd: 0x30, para: 0x10 },
  readAppendedAddress: { cmd: 0x30, para: 0x03 },
  setBaudRate: { cmd: 0x60, para: null },
  setMaxFrameBytes: { cmd: 0x61, para: null },
} as const satisfies Record<string, { cmd: number; para: number | null }>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

/**
 * PARA of `60 nn` per UART rate. §1.3 marks the mapping [likely] ("nn selects
 * 115200…9600"); we take the order of §1.1 starting at 0. Verify on hardware before using
 * it in the field: a wrong rate makes the reader deaf until power-cycled.
 */
export const BAUD_RATE_PARA = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
export type SamBaudRate = keyof typeof BAUD_RATE_PARA;

/** A decoded response frame. */
export interface SamResponse {
  readonly sw1: number;
  readonly sw2: number;
  /** Raw status byte, kept for `status: 'unknown'`. */
  readonly sw3: number;
  readonly status: SamStatus;
  /** Bytes between SW3 and CHK. */
  readonly data: Uint8Array;
}

/** A decoded request frame (simulator side, `doctor`). */
export interface SamRequest {
  readonly cmd: number;
  readonly para: number;
  /** `'unknown'` for a CMD PARA pair not in §1.3. */
  readonly command: SamCommandName | 'unknown';
  /** Bytes between PARA and CHK; empty for every command of §1.3. */
  readonly data: Uint8Array;
}

/** Why a byte sequence is not a well-formed frame. */
export interface SamFrameError {
  readonly reason: 'tooShort' | 'badPreamble' | 'badLength' | 'badChecksum';
  /** Plain technician words; frames carry no personal data in the header. */
  readonly message: string;
}

/** XOR of `bytes[from..to)` — the CHK of §1.2 when taken over LEN_H … last data byte. */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let chk = 0;
  for (let i = from; i < to; i += 1) chk ^= bytes[i] ?? 0;
  return chk;
}

function assertByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`${what} must be a byte (0..255), got ${value}`);
  }
}

/** Builds preamble | LEN | body | CHK. Throws RangeError when the body is too long (a bug). */
function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`SAM frame LEN ${len} exceeds ${MAX_LEN}`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, PREAMBLE_LENGTH, frame.length - 1);
  return frame;
}

/**
 * Encodes a request frame. Throws RangeError for a non-byte CMD/PARA or oversize data
 * (caller bugs, not wire conditions).
 */
export function encodeRequest(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  assertByte(cmd, 'CMD');
  assertByte(para, 'PARA');
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

/**
 * Encodes a response frame with SW1 SW2 = `00 00` as real modules send (§1.2). Used by
 * the simulator and tests. Throws RangeError for a non-byte SW3 or data longer than LEN
 * allows.
 */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  assertByte(sw3, 'SW3');
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** `10 FF` reset SAM_V (like a power cycle). Success SW3 90. */
export const resetSam = (): Uint8Array => encodeRequest(0x10, 0xff);
/** `11 FF` SAM_V status check. 90 OK, 60 self-test failed. */
export const samStatus = (): Uint8Array => encodeRequest(0x11, 0xff);
/** `12 FF` read SAM management info: 16 bytes, see `formatSamId`. */
export const readSamId = (): Uint8Array => encodeRequest(0x12, 0xff);
/** `20 01` find card. Success SW3 **9F**; 80 = no (fresh) card (§1.9). */
export const findCard = (): Uint8Array => encodeRequest(0x20, 0x01);
/** `20 02` select card. Success 90. */
export const selectCard = (): Uint8Array => encodeRequest(0x20, 0x02);
/** `30 01` read text + photo: 1295-byte response (§1.5). */
export const readTextAndPhoto = (): Uint8Array => encodeRequest(0x30, 0x01);
/** `30 10` read text + photo + fingerprint: 1297/1809/2321-byte response (§1.5). */
export const readWithFingerprint = (): Uint8Array => encodeRequest(0x30, 0x10);
/** `30 03` read the appended address (70 bytes UCS-2); 91 = none. */
export const readAppendedAddress = (): Uint8Array => encodeRequest(0x30, 0x03);

/** `60 nn` set UART rate (§1.3 [likely]); wait ≥ 5 ms before talking at the new rate (§1.1). */
export function setBaudRate(rate: SamBaudRate): Uint8Array {
  const para = BAUD_RATE_PARA[rate] as number | undefined;
  if (para === undefined) throw new RangeError(`unsupported SAM baud rate ${String(rate)}`);
  return encodeRequest(0x60, para);
}

/** `61 nn` set max bytes per SAM↔RF frame (§1.3 [likely]); `n` is 0..255, sent as PARA. */
export function setMaxFrameBytes(n: number): Uint8Array {
  return encodeRequest(0x61, n);
}

/** Names a CMD PARA pair; `60 xx` / `61 xx` match whatever their argument. */
export function samCommandName(cmd: number, para: number): SamCommandName | 'unknown' {
  for (const [name, spec] of Object.entries(SAM_COMMANDS) as [SamCommandName, { cmd: number; para: number | null }][]) {
    if (spec.cmd === cmd && (spec.para === null || spec.para === para)) return name;
  }
  return 'unknown';
}

/**
 * Checks preamble, LEN (against `minLen`, MAX_LEN and the actual length) and CHK of one
 * whole frame; returns the body (bytes between LEN and CHK).
 */
function checkFrame(bytes: Uint8Array, minLen: number): Result<Uint8Array, SamFrameError> {
  if (bytes.length < HEADER_LENGTH) {
    return err({ reason: 'tooShort', message: `${bytes.length} bytes cannot hold preamble and LEN` });
  }
  for (let i = 0; i < PREAMBLE_LENGTH; i += 1) {
    if (bytes[i] !== PREAMBLE[i]) return err({ reason: 'badPreamble', message: 'frame does not start with AA AA AA 96 69' });
  }
  const len = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (len < minLen || len > MAX_LEN) {
    return err({ reason: 'badLength', message: `LEN ${len} outside ${minLen}..${MAX_LEN}` });
  }
  if (bytes.length !== HEADER_LENGTH + len) {
    return err({ reason: 'badLength', message: `LEN ${len} says ${HEADER_LENGTH + len} bytes, frame has ${bytes.length}` });
  }
  if (xorChecksum(bytes, PREAMBLE_LENGTH) !== 0) {
    return err({ reason: 'badChecksum', message: 'CHK does not match the XOR of LEN..data' });
  }
  return ok(bytes.subarray(HEADER_LENGTH, bytes.length - 1));
}

/** Decodes one whole response frame (as emitted by `SamFramer`). Never throws. */
export function decodeFrame(bytes: Uint8Array): Result<SamResponse, SamFrameError> {
  const body = checkFrame(bytes, MIN_RESPONSE_LEN);
  if (!body.ok) return body;
  const [sw1 = 0, sw2 = 0, sw3 = 0] = body.value;
  return ok({ sw1, sw2, sw3, status: samStatusFromCode(sw3), data: body.value.slice(3) });
}

/** Decodes one whole request frame (simulator side, `doctor`). Never throws. */
export function decodeRequest(bytes: Uint8Array): Result<SamRequest, SamFrameError> {
  const body = checkFrame(bytes, MIN_REQUEST_LEN);
  if (!body.ok) return body;
  const [cmd = 0, para = 0] = body.value;
  return ok({ cmd, para, command: samCommandName(cmd, para), data: body.value.slice(2) });
}
