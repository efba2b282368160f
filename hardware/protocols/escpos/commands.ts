/**
 * ESC/POS command encoder: byte constants and a small builder for the commands the kiosk
 * sends to a thermal receipt printer. Pure: no timers, no I/O.
 *
 * Byte values follow shared/protocols.md §2.2 (command table), §2.3 (Chinese text) and
 * §2.4 (status requests). Mnemonics are the Epson ESC/POS names.
 */
import iconv from 'iconv-lite';

/** Control bytes (ASCII names used by the ESC/POS manuals). */
export const HT = 0x09;
export const LF = 0x0a;
export const FF = 0x0c;
export const CR = 0x0d;
export const DLE = 0x10;
export const XON = 0x11;
export const XOFF = 0x13;
export const DC4 = 0x14;
export const CAN = 0x18;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
export const EOT = 0x04;
export const ENQ = 0x05;

/** `GS ( k` symbol type `cn` for QR Code (protocols.md §2.2 "QR" rows). */
export const QR_CN = 0x31;
/** `GS ( k` QR functions `fn` (protocols.md §2.2). */
export const QR_FN_MODEL = 0x41;
export const QR_FN_MODULE_SIZE = 0x43;
export const QR_FN_ERROR_CORRECTION = 0x45;
export const QR_FN_STORE = 0x50;
export const QR_FN_PRINT = 0x51;
/** QR model 2 (`n1` = 50), the model every phone scanner reads. */
export const QR_MODEL_2 = 0x32;
/**
 * Largest byte-mode payload of a model-2 QR symbol (version 40, level L). Larger payloads
 * are a caller bug: the printer would print nothing.
 */
export const QR_MAX_DATA_BYTES = 2953;
/** Module size range accepted by `GS ( k … 31 43 n` (dots per module). */
export const QR_MODULE_SIZE_MIN_DOTS = 1;
export const QR_MODULE_SIZE_MAX_DOTS = 16;

/** Error-correction level byte for `GS ( k … 31 45 n`: 48 L, 49 M, 50 Q, 51 H. */
export const QR_ERROR_CORRECTION = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const;
export type QrErrorCorrection = keyof typeof QR_ERROR_CORRECTION;

/** Alignment parameter of `ESC a n` (protocols.md §2.2: 0 left, 1 centre, 2 right). */
export const ALIGNMENT = { left: 0, center: 1, right: 2 } as const;
export type Alignment = keyof typeof ALIGNMENT;

/** Real-time status request numbers `n` of `DLE EOT n` (protocols.md §2.4). */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export const REALTIME_STATUS_KINDS: readonly RealtimeStatusKind[] = [1, 2, 3, 4];

/** `ASB` enable bits of `GS a n` (protocols.md §2.2). 0 disables ASB. */
export const ASB_DRAWER = 0x01;
export const ASB_ONLINE_OFFLINE = 0x02;
export const ASB_ERROR = 0x04;
export const ASB_ROLL_PAPER = 0x08;
/** Every status group the kiosk cares about (drawer excluded: no drawer on a kiosk). */
export const ASB_ALL_PRINTER_GROUPS = ASB_ONLINE_OFFLINE | ASB_ERROR | ASB_ROLL_PAPER;

/** The character encoding used for text in Chinese mode (protocols.md §2.3). */
export const TEXT_ENCODING = 'gb18030';

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function assertByte(value: number, what: string, min = 0, max = 255): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/** `ESC @` initialise: resets modes, clears the print buffer (not the receive buffer). */
export function initialise(): Uint8Array {
  return bytes(ESC, 0x40);
}

/** `ESC a n` alignment; effective only at the start of a line (protocols.md §2.2). */
export function align(alignment: Alignment): Uint8Array {
  return bytes(ESC, 0x61, ALIGNMENT[alignment]);
}

/** `ESC E n` emphasised (bold) on/off. */
export function bold(isOn: boolean): Uint8Array {
  return bytes(ESC, 0x45, isOn ? 1 : 0);
}

/**
 * `GS ! n` character size: high nibble = width − 1, low nibble = height − 1.
 * @param width - magnification 1..8
 * @param height - magnification 1..8
 * @throws RangeError for magnifications outside 1..8 (a caller bug).
 */
export function characterSize(width: number, height: number): Uint8Array {
  assertByte(width, 'width', 1, 8);
  assertByte(height, 'height', 1, 8);
  return bytes(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/**
 * `FS &` / `FS .` Chinese character mode on/off. In Chinese mode every byte 0x81–0xFE
 * starts a two-byte character (protocols.md §2.3).
 */
export function chineseMode(isOn: boolean): Uint8Array {
  return bytes(FS, isOn ? 0x26 : 0x2e);
}

/**
 * Text encoded in GB18030 for a printer in Chinese mode (protocols.md §2.3). Characters in
 * GB18030's four-byte area usually have no glyph on the printer; render those as a raster.
 */
export function text(value: string): Uint8Array {
  return new Uint8Array(iconv.encode(value, TEXT_ENCODING));
}

/** `LF` print the line buffer and feed one line. */
export function lineFeed(): Uint8Array {
  return bytes(LF);
}

/** `ESC d n` print and feed `lines` lines (0..255). */
export function feedLines(lines: number): Uint8Array {
  assertByte(lines, 'lines');
  return bytes(ESC, 0x64, lines);
}

/**
 * `GS V 66 n` feed `feedDots` dots (0..255) then partial cut, or `GS V 65 n` full cut.
 * Feeding first moves the last printed line past the cutter blade.
 */
export function cut(options: { readonly feedDots?: number; readonly isPartial?: boolean } = {}): Uint8Array {
  const feedDots = options.feedDots ?? 0;
  assertByte(feedDots, 'feedDots');
  return bytes(GS, 0x56, options.isPartial === false ? 0x41 : 0x42, feedDots);
}

function qrFunction(fn: number, params: Uint8Array): Uint8Array {
  // pL pH count cn + fn + params (protocols.md §2.2: "pL+256·pH = k+3" for store data).
  const length = params.length + 2;
  const out = new Uint8Array(7 + params.length);
  out.set([GS, 0x28, 0x6b, length & 0xff, length >> 8, QR_CN, fn]);
  out.set(params, 7);
  return out;
}

/** Options of {@link qrCode}. */
export interface QrOptions {
  /** Module size in dots, 1..16 (default 6: ~21 mm for a version-5 symbol at 203 dpi). */
  readonly moduleSizeDots?: number;
  /** Error-correction level (default M). */
  readonly errorCorrection?: QrErrorCorrection;
}

/**
 * Native QR code (`GS ( k`, model 2): select model, module size, error correction, store
 * data, print. The payload is stored as UTF-8 bytes whatever the text mode, so phones decode
 * Chinese correctly (protocols.md §2.3).
 * @throws RangeError when the payload exceeds {@link QR_MAX_DATA_BYTES} or options are out
 * of range (caller bugs).
 */
export function qrCode(payload: string | Uint8Array, options: QrOptions = {}): Uint8Array {
  const data = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  if (data.length > QR_MAX_DATA_BYTES) {
    throw new RangeError(`QR payload is ${data.length} bytes; at most ${QR_MAX_DATA_BYTES}`);
  }
  const moduleSize = options.moduleSizeDots ?? 6;
  assertByte(moduleSize, 'moduleSizeDots', QR_MODULE_SIZE_MIN_DOTS, QR_MODULE_SIZE_MAX_DOTS);
  const store = new Uint8Array(1 + data.length);
  store[0] = 0x30;
  store.set(data, 1);
  return concatBytes([
    qrFunction(QR_FN_MODEL, bytes(QR_MODEL_2, 0x00)),
    qrFunction(QR_FN_MODULE_SIZE, bytes(moduleSize)),
    qrFunction(QR_FN_ERROR_CORRECTION, bytes(QR_ERROR_CORRECTION[options.errorCorrection ?? 'M'])),
    qrFunction(QR_FN_STORE, store),
    qrFunction(QR_FN_PRINT, bytes(0x30)),
  ]);
}

/** `DLE EOT n` real-time status request; answered with one byte `0xx1xx10` (§2.4). */
export function realtimeStatusRequest(kind: RealtimeStatusKind): Uint8Array {
  return bytes(DLE, EOT, kind);
}

/**
 * `DLE ENQ n` real-time recovery: 1 = recover and restart, 2 = recover and clear buffers.
 * Needed after a cutter jam once the cause is fixed (protocols.md §2.5).
 */
export function realtimeRecovery(kind: 1 | 2): Uint8Array {
  return bytes(DLE, ENQ, kind);
}

/**
 * `GS a n` Automatic Status Back: the printer then sends a 4-byte status unsolicited on
 * every change. `flags` = OR of the `ASB_*` bits; 0 disables.
 */
export function enableAsb(flags: number): Uint8Array {
  assertByte(flags, 'ASB flags');
  return bytes(GS, 0x61, flags);
}

/**
 * `GS r 1` transmit paper-sensor status. Buffered: answered only after everything before it
 * was processed, and not at all while offline (protocols.md §2.5), so it doubles as a
 * "job processed" marker.
 */
export function transmitPaperSensorStatus(): Uint8Array {
  return bytes(GS, 0x72, 0x01);
}

/** Concatenates byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Fluent builder over the command functions above, for receipts assembled in code:
 * `new EscPosBuilder().initialise().chineseMode(true).line('综合受理').cut().toBytes()`.
 * Every method appends bytes and returns `this`.
 */
export class EscPosBuilder {
  readonly #parts: Uint8Array[] = [];

  /** Appends raw bytes (e.g. the output of receiptline). */
  raw(value: Uint8Array): this {
    this.#parts.push(value);
    return this;
  }

  initialise(): this {
    return this.raw(initialise());
  }

  align(alignment: Alignment): this {
    return this.raw(align(alignment));
  }

  bold(isOn: boolean): this {
    return this.raw(bold(isOn));
  }

  size(width: number, height: number): this {
    return this.raw(characterSize(width, height));
  }

  chineseMode(isOn: boolean): this {
    return this.raw(chineseMode(isOn));
  }

  text(value: string): this {
    return this.raw(text(value));
  }

  /** Text followed by `LF`. */
  line(value = ''): this {
    return this.raw(text(value)).raw(lineFeed());
  }

  feed(lines: number): this {
    return this.raw(feedLines(lines));
  }

  cut(options?: { readonly feedDots?: number; readonly isPartial?: boolean }): this {
    return this.raw(cut(options));
  }

  qr(payload: string | Uint8Array, options?: QrOptions): this {
    return this.raw(qrCode(payload, options));
  }

  toBytes(): Uint8Array {
    return concatBytes(this.#parts);
  }
}
