/**
 * `doctor decode escpos-status`: reads receipt-printer status bytes a technician captured
 * (replies to `DLE EOT n`, or a 4-byte ASB block; shared/protocols.md §2.4) with the
 * kiosk's own decoders (protocols/escpos/status.ts).
 */
import type { RealtimeStatusKind } from '../protocols/escpos/commands.js';
import {
  ASB_LENGTH,
  decodeAsb,
  decodeErrorCauseByte,
  decodeOfflineCauseByte,
  decodePrinterStatusByte,
  decodeRealtimeStatus,
  decodeRollPaperByte,
  describeStatus,
  isAsbHeaderByte,
  isRealtimeStatusByte,
} from '../protocols/escpos/status.js';
import { err, ok, type Result } from '../result.js';

/** Which reply the bytes are: `DLE EOT n` (n = 1–4) or Automatic Status Back. */
export type EscPosStatusKind = RealtimeStatusKind | 'asb';

const hexByte = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** The flags of one `DLE EOT n` reply byte. */
export function realtimeFlags(n: RealtimeStatusKind, byte: number): object {
  switch (n) {
    case 1:
      return decodePrinterStatusByte(byte);
    case 2:
      return decodeOfflineCauseByte(byte);
    case 3:
      return decodeErrorCauseByte(byte);
    case 4:
      return { paper: decodeRollPaperByte(byte) };
  }
}

function realtimeReply(n: RealtimeStatusKind, byte: number): object {
  return { n, byte: hexByte(byte), hasStatusPattern: isRealtimeStatusByte(byte), flags: realtimeFlags(n, byte) };
}

function asb(bytes: Uint8Array): Result<object, string> {
  const status = decodeAsb(bytes);
  if (status === undefined) {
    return err(bytes.length === ASB_LENGTH ? 'byte 1 lacks the ASB pattern 0xx1xx00' : `ASB is ${ASB_LENGTH} bytes, got ${bytes.length}`);
  }
  return ok({ kind: 'asb', bytes: Array.from(bytes, hexByte), status, summary: describeStatus(status) });
}

/**
 * Decodes `bytes` as `kind`, or infers it: 4 bytes starting with the ASB pattern → ASB;
 * 4 `DLE EOT` reply bytes → the replies to n = 1..4 in order (as the kiosk asks) plus the
 * combined status; 1 reply byte → every reading of it. Anything else needs `kind`.
 */
export function decodeEscPosStatus(bytes: Uint8Array, kind?: EscPosStatusKind): Result<object, string> {
  if (bytes.length === 0) return err('no status bytes');
  if (kind === 'asb') return asb(bytes);
  if (kind !== undefined) return ok({ kind: 'realtime', replies: Array.from(bytes, (byte) => realtimeReply(kind, byte)) });
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = bytes;
  if (bytes.length === ASB_LENGTH && isAsbHeaderByte(b1)) return asb(bytes);
  const isAllReplies = bytes.every(isRealtimeStatusByte);
  if (isAllReplies && bytes.length === 4) {
    const status = decodeRealtimeStatus({ 1: b1, 2: b2, 3: b3, 4: b4 });
    const replies = ([1, 2, 3, 4] as const).map((n, i) => realtimeReply(n, bytes[i] ?? 0));
    return ok({ kind: 'realtimeSequence', replies, status, summary: describeStatus(status) });
  }
  if (isAllReplies && bytes.length === 1) {
    return ok({ kind: 'realtime', byte: hexByte(b1), readings: ([1, 2, 3, 4] as const).map((n) => realtimeReply(n, b1)) });
  }
  return err('cannot tell which reply these bytes are: give --n 1|2|3|4|asb');
}

/** Parses the `--n` value. */
export function parseStatusKind(value: string | undefined): Result<EscPosStatusKind, string> {
  if (value === 'asb') return ok('asb');
  if (value === '1' || value === '2' || value === '3' || value === '4') return ok(Number(value) as RealtimeStatusKind);
  return err(`--n must be 1, 2, 3, 4 or asb, not ${JSON.stringify(value ?? '')}`);
}
