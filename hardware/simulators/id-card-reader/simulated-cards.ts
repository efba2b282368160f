/**
 * What a simulated card holds beyond its text (protocols.md §1.5, §1.8): a WLT-like photo,
 * optional fingerprint templates and an optional appended address, plus the encoders that
 * lay them out as `30 01` / `30 10` / `30 03` reply payloads. All synthetic and
 * deterministic (same specimen → same bytes), so byte-level tests are stable.
 */
import { encodeIdCardText, type IdCardText } from '../../protocols/sam/id-card-text.js';
import { encodeUcs2Field } from '../../protocols/sam/ucs2.js';
import { SPECIMEN_CARDS, type SpecimenId } from './specimens.js';

/** WLT photo size on every known card (§1.5). */
export const PHOTO_BYTES = 1024;
/** One fingerprint template; a card carries 0, 1 or 2 (§1.5). */
export const FINGERPRINT_TEMPLATE_BYTES = 512;
/** Appended address field: 35 UCS-2 characters (§1.6). */
export const APPENDED_ADDRESS_CHARS = 35;
/** Start of observed WLT captures: ASCII `WLf` … (§1.8). */
const WLT_HEADER = Uint8Array.of(0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00, 0x00, 0xff, 0x85);
/**
 * Planted in the `preamble` photo variant (§1.2: "the photo/fingerprint payload may contain
 * `AA AA AA 96 69` by chance"): a whole, valid find-OK response frame, and a bare preamble
 * with a plausible LEN. A parser that resyncs inside the read reply would find either.
 */
const EMBEDDED_FIND_OK = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9f, 0x00, 0x00, 0x00, 0x00, 0x97);
const EMBEDDED_BARE_PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x05, 0x08);

/** A card the simulator can present. Personal data in real life; synthetic here. */
export interface SimulatedCard {
  /** Short id for logs and the CLI (specimen id); not card data. */
  readonly id: string;
  readonly text: IdCardText;
  readonly photo: Uint8Array;
  /** 512 or 1024 bytes of templates, or null (card without fingerprints: fpLen 0). */
  readonly fingerprint: Uint8Array | null;
  /** 追加住址; null → `30 03` answers 91 (§1.3). */
  readonly appendedAddress: string | null;
}

export interface SimulatedCardOptions {
  /** `preamble`: photo with `AA AA AA 96 69` inside (see above). Default `plain`. */
  readonly photo?: 'plain' | 'preamble';
  /** Templates on the card: 0, 1 or 2. Default: 2 for resident cards, else 0. */
  readonly fingerprintTemplates?: 0 | 1 | 2;
  readonly appendedAddress?: string | null;
}

/** A specimen (specimens.ts) as a card with photo and, by default, fingerprints. */
export function simulatedCard(id: SpecimenId, options: SimulatedCardOptions = {}): SimulatedCard {
  const text = SPECIMEN_CARDS[id];
  const templates = options.fingerprintTemplates ?? (text.cardType === 'resident' ? 2 : 0);
  const seed = seedOf(id);
  return {
    id: options.photo === 'preamble' ? `${id}+preamble-photo` : id,
    text,
    photo: wltPhoto(seed, options.photo ?? 'plain'),
    fingerprint: templates === 0 ? null : fingerprintTemplates(seed, templates),
    appendedAddress: options.appendedAddress ?? null,
  };
}

/**
 * A 1024-byte WLT-like blob: the `WLf` header of real captures, then deterministic filler
 * from `seed` (it is not a decodable image: the WLT codec is licensed, §1.8).
 */
export function wltPhoto(seed: number, variant: 'plain' | 'preamble' = 'plain'): Uint8Array {
  const photo = new Uint8Array(PHOTO_BYTES);
  photo.set(WLT_HEADER, 0);
  const next = lcg(seed);
  for (let i = WLT_HEADER.length; i < PHOTO_BYTES; i++) photo[i] = next();
  if (variant === 'preamble') {
    photo.set(EMBEDDED_FIND_OK, 100);
    photo.set(EMBEDDED_BARE_PREAMBLE, 600);
    // Right at the end too, so a chunk boundary can fall inside it.
    photo.set(EMBEDDED_BARE_PREAMBLE.subarray(0, 5), PHOTO_BYTES - 5);
  }
  return photo;
}

/** `count` 512-byte templates; byte 5 of each is the finger position code (§1.5). */
export function fingerprintTemplates(seed: number, count: 1 | 2): Uint8Array {
  const bytes = new Uint8Array(FINGERPRINT_TEMPLATE_BYTES * count);
  const next = lcg(seed ^ 0x5a5a);
  for (let i = 0; i < bytes.length; i++) bytes[i] = next();
  for (let t = 0; t < count; t++) {
    const base = t * FINGERPRINT_TEMPLATE_BYTES;
    bytes[base] = 0x43; // 'C', as templates in public captures start
    bytes[base + 5] = t === 0 ? 11 : 16; // right thumb, left thumb
  }
  return bytes;
}

/** `30 01` payload: textLen(2) photoLen(2) text photo, lengths big-endian (§1.5). */
export function encodeTextAndPhoto(card: SimulatedCard): Uint8Array {
  const text = encodeIdCardText(card.text);
  const out = new Uint8Array(4 + text.length + card.photo.length);
  writeU16(out, 0, text.length);
  writeU16(out, 2, card.photo.length);
  out.set(text, 4);
  out.set(card.photo, 4 + text.length);
  return out;
}

/** `30 10` payload: textLen photoLen fpLen text photo fp; fpLen 0 without templates (§1.5). */
export function encodeWithFingerprint(card: SimulatedCard): Uint8Array {
  const text = encodeIdCardText(card.text);
  const fingerprint = card.fingerprint ?? new Uint8Array(0);
  const out = new Uint8Array(6 + text.length + card.photo.length + fingerprint.length);
  writeU16(out, 0, text.length);
  writeU16(out, 2, card.photo.length);
  writeU16(out, 4, fingerprint.length);
  out.set(text, 6);
  out.set(card.photo, 6 + text.length);
  out.set(fingerprint, 6 + text.length + card.photo.length);
  return out;
}

/** `30 03` payload: 70 bytes UCS-2LE padded with `20 00` (§1.6). */
export function encodeAppendedAddress(address: string): Uint8Array {
  const out = new Uint8Array(APPENDED_ADDRESS_CHARS * 2);
  encodeUcs2Field(out, 0, APPENDED_ADDRESS_CHARS, address);
  return out;
}

function writeU16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >> 8;
  bytes[at + 1] = value & 0xff;
}

function seedOf(id: string): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16_777_619) >>> 0;
  return hash;
}

/** A small deterministic byte generator (Numerical Recipes LCG, high byte). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state >>> 24;
  };
}
