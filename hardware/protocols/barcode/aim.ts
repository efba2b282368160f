/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + code character + modifier character,
 * sent by scanners in front of the data when enabled (protocols.md §3.3), and in bytes
 * 2–4 of HID POS reports (§3.2). Pure lookups.
 */

/** Bytes of an AIM identifier. */
export const AIM_ID_BYTES = 3;
const FLAG = 0x5d; // ']'

/** Symbology names for the identifiers §3.3 lists exactly. */
const EXACT: Readonly<Record<string, string>> = {
  ']E0': 'ean13',
  ']E4': 'ean8',
  ']C0': 'code128',
  ']C1': 'gs1-128',
  ']A0': 'code39',
  ']I0': 'itf',
  ']Q0': 'qrModel1',
  ']Q1': 'qr',
  ']Q2': 'qr',
  ']d1': 'dataMatrix',
  ']d2': 'dataMatrix',
  ']L0': 'pdf417',
  ']L1': 'pdf417',
  ']L2': 'pdf417',
};

/** Family names by code character, for modifiers the table above does not list. */
const BY_CODE: Readonly<Record<string, string>> = {
  A: 'code39',
  C: 'code128',
  E: 'eanUpc',
  F: 'codabar',
  G: 'code93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  d: 'dataMatrix',
  e: 'gs1DataBar',
  z: 'aztec',
};

/**
 * Modifiers meaning "ECI protocol implemented" (data may carry `\nnnnnn` ECI escapes):
 * QR 2/4/6, Data Matrix 4/5/6, Aztec 4–9/A–C (ISO/IEC 15424 tables).
 */
const ECI_MODIFIERS: Readonly<Record<string, string>> = { Q: '246', d: '456', z: '456789ABC' };

/** The symbology of an AIM id (`]Q1` → `qr`), or null when unknown. */
export function symbologyOf(aimId: string): string | null {
  const exact = EXACT[aimId];
  if (exact !== undefined) return exact;
  const code = aimId.charAt(1);
  return aimId.length === AIM_ID_BYTES && aimId.startsWith(']') ? (BY_CODE[code] ?? null) : null;
}

/** True when the AIM id announces ECI escapes in the data (e.g. `]Q2`). */
export function isEciAimId(aimId: string | null): boolean {
  if (aimId?.length !== AIM_ID_BYTES) return false;
  const modifiers = ECI_MODIFIERS[aimId.charAt(1)];
  return modifiers !== undefined && modifiers.includes(aimId.charAt(2));
}

/** True for printable ASCII, the only bytes an AIM code or modifier may be. */
function isPrintable(byte: number | undefined): boolean {
  return byte !== undefined && byte > 0x20 && byte < 0x7f;
}

/**
 * Reads an AIM id at `offset` of `bytes`: `]` and two printable ASCII characters. Returns
 * null when there is none (the scanner does not send AIM ids, or the data is short).
 */
export function parseAimId(bytes: Uint8Array, offset = 0): string | null {
  const flag = bytes[offset];
  const code = bytes[offset + 1];
  const modifier = bytes[offset + 2];
  if (flag !== FLAG || !isPrintable(code) || !isPrintable(modifier)) return null;
  return String.fromCharCode(FLAG, code ?? 0, modifier ?? 0);
}

/** Splits a leading AIM id off `bytes`; `aimId` null and `data` = `bytes` when absent. */
export function splitAimPrefix(bytes: Uint8Array): { readonly aimId: string | null; readonly data: Uint8Array } {
  const aimId = parseAimId(bytes);
  return aimId === null ? { aimId, data: bytes } : { aimId, data: bytes.subarray(AIM_ID_BYTES) };
}

/** Encodes an AIM id to its three bytes (simulator). Characters above 0x7F become `?`. */
export function encodeAimId(aimId: string): Uint8Array {
  return Uint8Array.from(Array.from(aimId.slice(0, AIM_ID_BYTES).padEnd(AIM_ID_BYTES, '0'), (char) => {
    const code = char.charCodeAt(0);
    return code < 0x80 ? code : 0x3f;
  }));
}
