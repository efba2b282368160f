/**
 * The harmless questions auto-detect asks a serial port, and how it reads the answers
 * (issue #8 "自动识别"). Pure: no timers, no I/O, never throws.
 *
 * Each query only reports; none prints, moves paper, changes a setting or starts a prompt:
 * - `printerStatus`: `DLE EOT 1` (`10 04 01`), a real-time status request. An ESC/POS
 *   printer answers one byte `0xx1xx10` even when offline (protocols.md §2.4); a SAM module
 *   or a pad drops the three bytes as noise before their preamble / STX.
 * - `samStatus`: `11 FF` SAM_V status check (§1.3). A GA 467 reader answers a checksummed
 *   frame with any SW3 (90 ok, 60 self-test failed, …).
 * - `padQuery`: the evaluation pad's `Q` query (serial-pad-frame.ts), answered by `q` with
 *   model and firmware. It shows nothing on the pad. §4.2 says vendor pads have no public
 *   byte-level standard; this is the query of the kiosk's generic serial pad profile, so
 *   only pads speaking that profile (and its simulator) are found this way.
 *
 * Order matters ({@link SAFE_QUERY_ORDER}): a printer prints whatever is not a command, so
 * the printer's own query goes first, and the others are sent only when no printer
 * answered. A SAM frame or a pad frame sent to a printer would come out as a line of
 * garbage on the next receipt.
 */
import { isRealtimeStatusByte, decodePrinterStatusByte, decodeRollPaperByte, type PaperState } from '../protocols/escpos/status.js';
import { realtimeStatusRequest, XOFF, XON } from '../protocols/escpos/commands.js';
import { decodeReply, encodeCommand, PadFramer } from '../protocols/evaluation-pad/serial-pad-frame.js';
import { decodeFrame, samStatus, SamFramer } from '../protocols/sam/frame.js';
import { SAM_STATUS_MESSAGES, type SamStatus } from '../protocols/sam/status.js';

/** The questions a probe may ask, named by what they ask. */
export type ProbeQuery = 'printerStatus' | 'samStatus' | 'padQuery';

/** Printer first: everything else would be printed by a printer (see the file comment). */
export const SAFE_QUERY_ORDER: readonly ProbeQuery[] = ['printerStatus', 'samStatus', 'padQuery'];

/** The kinds of device a serial probe can recognise. */
export type SerialDeviceKind = 'idCardReader' | 'receiptPrinter' | 'evaluationPad';

/** The bytes of `query`; `padAddress` is the multi-drop address asked (default pad: 1). */
export function queryBytes(query: ProbeQuery, padAddress: number): Uint8Array {
  switch (query) {
    case 'printerStatus':
      return realtimeStatusRequest(1);
    case 'samStatus':
      return samStatus();
    case 'padQuery':
      return encodeCommand(padAddress, { kind: 'query' });
  }
}

/** `DLE EOT 4` (roll paper): the second question that confirms a printer. */
export const PRINTER_CONFIRM_BYTES: Uint8Array = realtimeStatusRequest(4);

/** What the bytes received after a query amount to. */
export type ReplyVerdict =
  /** Exactly one real-time status byte (XON/XOFF aside): what a printer sends. */
  | { readonly kind: 'printerStatusByte'; readonly byte: number }
  /** A whole SAM response frame with a valid LEN and CHK. */
  | { readonly kind: 'samResponse'; readonly sw3: number; readonly status: SamStatus }
  /** A pad's `q` reply from the address asked. */
  | { readonly kind: 'padIdentity'; readonly address: number; readonly model: string; readonly firmware: string }
  /** Bytes that answer nothing: another device, a wrong baud rate, line noise. */
  | { readonly kind: 'noise'; readonly bytes: number }
  | { readonly kind: 'silent' };

/**
 * Reads the bytes that arrived after `query`. A SAM frame or a pad identity is accepted
 * whatever query was sent (a late reply still names the device); the single status byte
 * only counts after `printerStatus`, where nothing else could have asked for it.
 */
export function classifyReply(query: ProbeQuery, bytes: Uint8Array, padAddress: number): ReplyVerdict {
  if (bytes.length === 0) return { kind: 'silent' };
  for (const event of new SamFramer().push(bytes)) {
    if (event.kind !== 'frame') continue;
    const response = decodeFrame(event.frame);
    if (response.ok) return { kind: 'samResponse', sw3: response.value.sw3, status: response.value.status };
  }
  for (const event of new PadFramer().push(bytes)) {
    if (event.kind !== 'frame' || event.frame.address !== padAddress) continue;
    const reply = decodeReply(event.frame);
    if (reply?.kind === 'identity') return { kind: 'padIdentity', address: padAddress, model: reply.model, firmware: reply.firmware };
  }
  if (query === 'printerStatus') {
    // A printer set to XON/XOFF flow control may put 11/13 around its reply (§2.4).
    const rest = bytes.filter((byte) => byte !== XON && byte !== XOFF);
    const [byte] = rest;
    if (rest.length === 1 && byte !== undefined && isRealtimeStatusByte(byte)) return { kind: 'printerStatusByte', byte };
  }
  return { kind: 'noise', bytes: bytes.length };
}

const hex2 = (byte: number): string => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;

const PAPER_WORDS: Readonly<Record<PaperState, string>> = { ok: 'paper ok', nearEnd: 'paper near end', empty: 'paper out' };

/** `DLE EOT 1 → 0x12 (online), DLE EOT 4 → 0x12 (paper ok)`. */
export function printerEvidence(statusByte: number, paperByte: number): string {
  const online = decodePrinterStatusByte(statusByte).offline ? 'offline' : 'online';
  return `DLE EOT 1 → ${hex2(statusByte)} (${online}), DLE EOT 4 → ${hex2(paperByte)} (${PAPER_WORDS[decodeRollPaperByte(paperByte)]})`;
}

/** `SAM status 0x90 (operation OK)`. */
export function samEvidence(sw3: number, status: SamStatus): string {
  return `SAM status ${hex2(sw3)} (${status === 'unknown' ? 'unknown status' : SAM_STATUS_MESSAGES[status]})`;
}

/** `pad query → "KS-PJ1" firmware 1.2 at address 1`. Model text is ASCII from the pad. */
export function padEvidence(address: number, model: string, firmware: string): string {
  return `pad query → ${JSON.stringify(model)}${firmware === '' ? '' : ` firmware ${firmware}`} at address ${address}`;
}
