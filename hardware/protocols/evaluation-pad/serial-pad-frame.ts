/**
 * The generic serial evaluation-pad profile (protocols.md §4.2 pattern 1). No public
 * byte-level standard exists: pads are sold with a vendor DLL/ActiveX that opens the COM
 * port at 9600 bps, addresses a pad on a multi-drop RS-232/RS-485 line (default address
 * 1), sends "start evaluation" and calls back with a key code. This file fixes a concrete
 * framing in the shape those vendor protocols share (STX/ETX envelope, address byte,
 * one-letter command, XOR block check), so the driver, the simulator and the tests speak
 * one protocol. A vendor profile plugs in here: its own encoder/framer with the same
 * {@link PadCommand}/{@link PadReply} messages, and its key codes in a
 * `VendorCodeTable` (code-table.ts). Pure: no timers, no I/O, never throws.
 *
 * ```
 * STX(02) | ADDR | CMD | LEN | DATA × LEN | ETX(03) | BCC
 * BCC = ADDR ⊕ CMD ⊕ LEN ⊕ DATA… ⊕ ETX      (XOR; STX and BCC excluded)
 * ```
 * - ADDR: the pad's multi-drop address, 1–254 (0 and FF are left free for vendors'
 *   broadcast conventions). Host and pad both put the pad's address here, so a host
 *   reading an RS-485 bus can tell which pad spoke.
 * - LEN: number of DATA bytes, 0–{@link MAX_PAD_DATA_BYTES}. A small cap keeps a false STX
 *   in line noise from stalling the framer for long (serial-pad-framer.ts).
 * - Host → pad: `Q` query (no data), `S` start evaluation (data: optional prompt id byte,
 *   which voice/text prompt the pad shows), `C` cancel (no data).
 * - Pad → host: `A` ack of `S` or `C` (data: the acked command byte), `K` key pressed
 *   (data: one vendor key code byte), `q` query reply (data: ASCII `model;firmware`).
 * - The pad answers `S` with `A` at once, shows the prompt, sends one `K` when a button is
 *   pressed and leaves the prompt by itself; `C` (or a new `S`) ends a prompt early. A
 *   pad not prompted ignores its buttons.
 *
 * Golden frames (address 1): start `02 01 53 00 03 51`, ack of start
 * `02 01 41 01 53 03 11`, key 0x35 `02 01 4B 01 35 03 7D`.
 */
export { PadFramer, type PadFrameEvent, type PadDiscardReason } from './serial-pad-framer.js';

/** Start of frame. */
export const STX = 0x02;
/** End of data, included in the BCC. */
export const ETX = 0x03;
/** STX, ADDR, CMD, LEN. */
export const PAD_HEADER_BYTES = 4;
/** ETX, BCC. */
export const PAD_TRAILER_BYTES = 2;
/** Longest DATA field accepted (a query reply needs the most). */
export const MAX_PAD_DATA_BYTES = 32;
/** Longest frame: header + data + trailer. */
export const MAX_PAD_FRAME_BYTES = PAD_HEADER_BYTES + MAX_PAD_DATA_BYTES + PAD_TRAILER_BYTES;
/** §4.2: the pad answers at multi-drop address 1 unless configured otherwise. */
export const DEFAULT_PAD_ADDRESS = 1;
/** §4.2: vendor integrations open the COM port at 9600 bps (8N1). */
export const PAD_BAUD_RATE = 9_600;
export const MIN_PAD_ADDRESS = 1;
export const MAX_PAD_ADDRESS = 254;

/** Command bytes host → pad (ASCII letters, so a trace reads as text). */
export const PAD_COMMAND_BYTES = { query: 0x51, start: 0x53, cancel: 0x43 } as const;
/** Reply bytes pad → host. */
export const PAD_REPLY_BYTES = { ack: 0x41, key: 0x4b, identity: 0x71 } as const;

/** A whole, checked frame. */
export interface PadFrame {
  readonly address: number;
  readonly cmd: number;
  /** DATA bytes; a copy the receiver owns. */
  readonly data: Uint8Array;
}

/** Host → pad messages. */
export type PadCommand =
  | { readonly kind: 'query' }
  /** `promptId`: 0–255, which prompt the pad shows; omitted = the pad's default. */
  | { readonly kind: 'start'; readonly promptId?: number }
  | { readonly kind: 'cancel' };

/** Pad → host messages. */
export type PadReply =
  | { readonly kind: 'ack'; readonly of: 'start' | 'cancel' }
  | { readonly kind: 'key'; readonly code: number }
  | { readonly kind: 'identity'; readonly model: string; readonly firmware: string };

/** True for an address a pad may have (1–254). */
export function isPadAddress(address: number): boolean {
  return Number.isInteger(address) && address >= MIN_PAD_ADDRESS && address <= MAX_PAD_ADDRESS;
}

/** XOR of `bytes[from..to)`. */
export function xorBytes(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i += 1) x ^= bytes[i] ?? 0;
  return x;
}

/**
 * Builds one frame. Values are masked to a byte and data beyond
 * {@link MAX_PAD_DATA_BYTES} is cut, so a caller slip cannot produce a frame the far end's
 * framer would reject as a whole.
 */
export function encodeFrame(address: number, cmd: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = data.subarray(0, MAX_PAD_DATA_BYTES);
  const frame = new Uint8Array(PAD_HEADER_BYTES + body.length + PAD_TRAILER_BYTES);
  frame[0] = STX;
  frame[1] = address & 0xff;
  frame[2] = cmd & 0xff;
  frame[3] = body.length;
  frame.set(body, PAD_HEADER_BYTES);
  frame[PAD_HEADER_BYTES + body.length] = ETX;
  frame[frame.length - 1] = xorBytes(frame, 1, frame.length - 1);
  return frame;
}

/** Encodes a host → pad message for the pad at `address`. */
export function encodeCommand(address: number, command: PadCommand): Uint8Array {
  switch (command.kind) {
    case 'query':
      return encodeFrame(address, PAD_COMMAND_BYTES.query);
    case 'start':
      return encodeFrame(
        address,
        PAD_COMMAND_BYTES.start,
        command.promptId === undefined ? undefined : Uint8Array.of(command.promptId & 0xff),
      );
    case 'cancel':
      return encodeFrame(address, PAD_COMMAND_BYTES.cancel);
  }
}

/** Encodes a pad → host message from the pad at `address` (simulator, tests). */
export function encodeReply(address: number, reply: PadReply): Uint8Array {
  switch (reply.kind) {
    case 'ack':
      return encodeFrame(address, PAD_REPLY_BYTES.ack, Uint8Array.of(PAD_COMMAND_BYTES[reply.of]));
    case 'key':
      return encodeFrame(address, PAD_REPLY_BYTES.key, Uint8Array.of(reply.code & 0xff));
    case 'identity':
      return encodeFrame(address, PAD_REPLY_BYTES.identity, encodeIdentity(reply.model, reply.firmware));
  }
}

/**
 * Reads a frame as a host → pad message (simulator side); null for anything else,
 * including a pad's own replies echoed on a half-duplex RS-485 line.
 */
export function decodeCommand(frame: PadFrame): PadCommand | null {
  switch (frame.cmd) {
    case PAD_COMMAND_BYTES.query:
      return { kind: 'query' };
    case PAD_COMMAND_BYTES.start: {
      const promptId = frame.data[0];
      return promptId === undefined ? { kind: 'start' } : { kind: 'start', promptId };
    }
    case PAD_COMMAND_BYTES.cancel:
      return { kind: 'cancel' };
    default:
      return null;
  }
}

/**
 * Reads a frame as a pad → host message; null for anything else: our own commands
 * echoed by a half-duplex RS-485 adapter, unknown letters, or a malformed body (an `A`
 * without the acked command, a `K` without exactly one code).
 */
export function decodeReply(frame: PadFrame): PadReply | null {
  switch (frame.cmd) {
    case PAD_REPLY_BYTES.ack: {
      const acked = frame.data[0];
      if (frame.data.length !== 1) return null;
      if (acked === PAD_COMMAND_BYTES.start) return { kind: 'ack', of: 'start' };
      if (acked === PAD_COMMAND_BYTES.cancel) return { kind: 'ack', of: 'cancel' };
      return null;
    }
    case PAD_REPLY_BYTES.key: {
      const code = frame.data[0];
      return frame.data.length === 1 && code !== undefined ? { kind: 'key', code } : null;
    }
    case PAD_REPLY_BYTES.identity:
      return { kind: 'identity', ...decodeIdentity(frame.data) };
    default:
      return null;
  }
}

/** Turns a frame's bytes (as framed by {@link PadFramer}) into a {@link PadFrame}. */
export function frameFromBytes(bytes: Uint8Array): PadFrame {
  const length = bytes[3] ?? 0;
  return { address: bytes[1] ?? 0, cmd: bytes[2] ?? 0, data: bytes.slice(PAD_HEADER_BYTES, PAD_HEADER_BYTES + length) };
}

/** Printable ASCII only: anything else in a model name would be a line-noise artefact. */
function toAscii(text: string): number[] {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    return code >= 0x20 && code <= 0x7e ? code : 0x3f;
  });
}

function encodeIdentity(model: string, firmware: string): Uint8Array {
  // ';' separates the fields, so it cannot appear inside the model name.
  const bytes = [...toAscii(model.replaceAll(';', '_')), 0x3b, ...toAscii(firmware)];
  return Uint8Array.from(bytes.slice(0, MAX_PAD_DATA_BYTES));
}

function decodeIdentity(data: Uint8Array): { model: string; firmware: string } {
  const text = Array.from(data, (byte) => (byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '?')).join('');
  const separator = text.indexOf(';');
  return separator < 0 ? { model: text, firmware: '' } : { model: text.slice(0, separator), firmware: text.slice(separator + 1) };
}
