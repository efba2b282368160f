/**
 * Payloads of the read commands (shared/protocols.md §1.5): `30 01` text + photo, `30 10`
 * text + photo + fingerprint, `30 03` appended address, `12 FF` SAM ID. Each takes
 * `SamResponse.data` (the bytes after SW1 SW2 SW3). Pure, never throws.
 */
import { err, ok, type Result } from '../../result.js';
import { TEXT_BLOCK_BYTES } from './card-layout.js';
import { decodeUcs2Field } from './ucs2.js';

/** Photo size in every public capture (§1.5, §1.8): 1024 bytes of WLT wavelet data. */
export const PHOTO_BYTES = 1024;
/** Appended address: 70 bytes UCS-2 = 35 characters (§1.6). */
export const APPENDED_ADDRESS_BYTES = 70;
/** SAM management info (`12 FF`): 16 bytes (§1.3). */
export const SAM_ID_BYTES = 16;

/** The parts of a read response. All personal data: never log. */
export interface ReadResponse {
  /** 256-byte UCS-2LE text block, for `decodeIdCardText`. */
  readonly textBlock: Uint8Array;
  /** Raw WLT photo (1024 bytes on every known card); decoding is optional (§1.8). */
  readonly photo: Uint8Array;
  /** Fingerprint templates (`30 10` with fpLen > 0), else null. */
  readonly fingerprint: Uint8Array | null;
}

export interface ReadResponseError {
  readonly code: 'truncated' | 'inconsistentLengths' | 'badTextLength';
  readonly message: string;
}

/**
 * Which read the payload answers: `textAndPhoto` (`30 01`: textLen photoLen …),
 * `withFingerprint` (`30 10`: textLen photoLen fpLen …), or `auto` — the layout whose
 * length fields add up to the payload size. With the sizes of §1.5 the two layouts never
 * both fit (they differ by the 2-byte fpLen field), so `auto` is unambiguous in practice.
 */
export type ReadLayout = 'auto' | 'textAndPhoto' | 'withFingerprint';

const u16be = (data: Uint8Array, at: number): number => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);

function fits(data: Uint8Array, withFingerprint: boolean): boolean {
  if (withFingerprint) {
    return data.length >= 6 && 6 + u16be(data, 0) + u16be(data, 2) + u16be(data, 4) === data.length;
  }
  return data.length >= 4 && 4 + u16be(data, 0) + u16be(data, 2) === data.length;
}

/**
 * Splits a `30 01` / `30 10` payload by its big-endian length fields, trusted over fixed
 * offsets (§1.5). A payload shorter than its fields claim is `truncated` (card moved away
 * mid-read, §1.9); longer is `inconsistentLengths`; a text length other than 256 is
 * `badTextLength`.
 */
export function decodeReadResponse(data: Uint8Array, layout: ReadLayout = 'auto'): Result<ReadResponse, ReadResponseError> {
  const withFingerprint = layout === 'auto' ? fits(data, true) && !fits(data, false) : layout === 'withFingerprint';
  const headerBytes = withFingerprint ? 6 : 4;
  if (data.length < headerBytes) {
    return err({ code: 'truncated', message: `read payload of ${data.length} bytes has no length fields` });
  }
  const textLen = u16be(data, 0);
  const photoLen = u16be(data, 2);
  const fpLen = withFingerprint ? u16be(data, 4) : 0;
  if (textLen !== TEXT_BLOCK_BYTES) {
    return err({ code: 'badTextLength', message: `text length ${textLen}, expected ${TEXT_BLOCK_BYTES}` });
  }
  const expected = headerBytes + textLen + photoLen + fpLen;
  if (data.length < expected) {
    const photoHave = Math.max(0, Math.min(photoLen, data.length - headerBytes - textLen));
    const what = photoHave < photoLen ? `photo (${photoHave} of ${photoLen} bytes)` : 'fingerprint';
    return err({ code: 'truncated', message: `truncated ${what}: payload ${data.length} of ${expected} bytes` });
  }
  if (data.length > expected) {
    return err({ code: 'inconsistentLengths', message: `length fields say ${expected} bytes, payload has ${data.length}` });
  }
  const photoAt = headerBytes + textLen;
  const fpAt = photoAt + photoLen;
  return ok({
    textBlock: data.slice(headerBytes, photoAt),
    photo: data.slice(photoAt, fpAt),
    fingerprint: fpLen > 0 ? data.slice(fpAt, fpAt + fpLen) : null,
  });
}

/**
 * Appended address (`30 03`, §1.6): 70 bytes of UCS-2, trimmed; null when blank. Errors
 * (plain words) for an odd length or text that is not UCS-2.
 */
export function decodeAppendedAddress(data: Uint8Array): Result<string | null, ReadResponseError> {
  if (data.length % 2 !== 0) {
    return err({ code: 'inconsistentLengths', message: `appended address of ${data.length} bytes is not UCS-2` });
  }
  const decoded = decodeUcs2Field(data, 0, data.length);
  if (!decoded.ok) {
    return err({ code: 'inconsistentLengths', message: `appended address is not UCS-2 (byte ${decoded.error.byteOffset})` });
  }
  return ok(decoded.value.text === '' ? null : decoded.value.text);
}

/**
 * Renders the 16-byte SAM ID as `AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE` (§1.5): bytes 0–1
 * and 2–3 as little-endian u16 (2 digits), 4–7 as LE u32 (8 digits), 8–11 and 12–15 as LE
 * u32 (10 digits), zero-padded. Rendering varies per SDK [vendor]; this is the common
 * one. Returns null unless given exactly 16 bytes.
 */
export function formatSamId(bytes: Uint8Array): string | null {
  if (bytes.length !== SAM_ID_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pad = (value: number, digits: number): string => String(value).padStart(digits, '0');
  return [
    `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}`,
    pad(view.getUint32(4, true), 8),
    pad(view.getUint32(8, true), 10),
    pad(view.getUint32(12, true), 10),
  ].join('-');
}
