/**
 * Turns a READ reply payload into the `cardRead` payload (protocols.md §1.5, §1.6). Never
 * throws. Error strings are built from error *codes* only: the codec's messages may quote
 * dates from the card, and these strings reach logs and events (R-P2).
 */
import { err, ok, type Result } from '../../result.js';
import { decodeIdCardText, decodeReadResponse, type IdCardText } from '../../protocols/sam/id-card-text.js';

export interface DecodedCard {
  readonly text: IdCardText;
  readonly photo: Uint8Array;
  readonly fingerprint: Uint8Array | null;
  readonly warnings: readonly string[];
}

/**
 * @param data `SamResponse.data` of a `30 01` / `30 10` reply with SW3 90.
 * @param isFingerprintRead the reply answers `30 10`.
 * @returns the card, or a PII-free reason (`readResponse:<code>` / `textBlock:<code>`).
 */
export function decodeCard(data: Uint8Array, isFingerprintRead: boolean): Result<DecodedCard, string> {
  const parts = decodeReadResponse(data, isFingerprintRead ? 'withFingerprint' : 'textAndPhoto');
  if (!parts.ok) return err(`readResponse:${parts.error.code}`);
  const text = decodeIdCardText(parts.value.textBlock);
  if (!text.ok) return err(`textBlock:${text.error.code}`);
  return ok({
    text: text.value.text,
    photo: parts.value.photo,
    fingerprint: isFingerprintRead ? parts.value.fingerprint : null,
    warnings: text.value.warnings,
  });
}
