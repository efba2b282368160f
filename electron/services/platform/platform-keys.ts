/**
 * Keyed hashes of the local platform: the holder hash that finds "my cases" without storing
 * the ID number as a key (R-P1), and the verification code (查询码) printed beside a case or
 * appointment number in its QR code, so that guessing a number shows nothing.
 */
import { createHmac } from 'node:crypto';

/** Crockford base32 without I, L, O, U: nothing to misread on a receipt. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFIER_LENGTH = 8;

export function holderHash(key: Uint8Array, idNumber: string): string {
  return createHmac('sha256', key).update(`holder:${idNumber.toUpperCase()}`).digest('hex');
}

/** The 8-character verification code of a case or appointment number. */
export function verifierFor(key: Uint8Array, kind: 'case' | 'appointment', number: string): string {
  const digest = createHmac('sha256', key).update(`${kind}:${number}`).digest();
  let code = '';
  for (let index = 0; index < VERIFIER_LENGTH; index += 1) code += ALPHABET[(digest[index] ?? 0) % 32];
  return code;
}
