/**
 * Turns the exact bytes of one complete ESC/POS command (as measured by command-table.ts)
 * into a typed {@link EscPosCommand}. Pure; never throws for any input the table accepts.
 */
import type { Alignment, QrErrorCorrection } from './commands.js';
import { DLE, ESC, FS, GS, QR_CN } from './commands.js';
import type { EscPosCommand, EscPosCommandBody } from './stream-command.js';

const ALIGNMENTS: readonly Alignment[] = ['left', 'center', 'right'];
const QR_LEVELS: readonly QrErrorCorrection[] = ['L', 'M', 'Q', 'H'];

/** `ESC a` and friends accept both 0–2 and ASCII '0'–'2' (48–50). */
function asciiDigit(n: number): number {
  return n >= 0x30 ? n - 0x30 : n;
}

function u16(lo: number, hi: number): number {
  return lo + 256 * hi;
}

function s16(lo: number, hi: number): number {
  const value = u16(lo, hi);
  return value >= 0x8000 ? value - 0x10000 : value;
}

function setting(mnemonic: string): EscPosCommandBody {
  return { kind: 'setting', mnemonic };
}

function escBody(raw: Uint8Array): EscPosCommandBody {
  const fn = raw[1] ?? 0;
  const n = raw[2] ?? 0;
  switch (fn) {
    case 0x21:
      return {
        kind: 'printMode',
        isFontB: (n & 0x01) !== 0,
        isBold: (n & 0x08) !== 0,
        isDoubleHeight: (n & 0x10) !== 0,
        isDoubleWidth: (n & 0x20) !== 0,
        isUnderline: (n & 0x80) !== 0,
      };
    case 0x20:
      return { kind: 'rightSpacing', dots: n };
    case 0x24:
      return { kind: 'absolutePosition', dots: u16(n, raw[3] ?? 0) };
    case 0x28:
      return extended(raw, `ESC ( ${String.fromCharCode(n)}`);
    case 0x2a:
      return { kind: 'bitImage', mode: n, widthDots: u16(raw[3] ?? 0, raw[4] ?? 0), data: raw.subarray(5) };
    case 0x2d:
      return { kind: 'underline', thickness: Math.min(asciiDigit(n), 2) };
    case 0x32:
      return { kind: 'lineSpacing', dots: undefined };
    case 0x33:
      return { kind: 'lineSpacing', dots: n };
    case 0x40:
      return { kind: 'initialise' };
    case 0x45:
      return { kind: 'bold', isOn: (n & 1) === 1 };
    case 0x47:
      return { kind: 'doubleStrike', isOn: (n & 1) === 1 };
    case 0x4a:
      return { kind: 'feedDots', dots: n };
    case 0x4d:
      return { kind: 'font', font: asciiDigit(n) };
    case 0x52:
      return { kind: 'internationalCharset', charset: n };
    case 0x5c:
      return { kind: 'relativePosition', dots: s16(n, raw[3] ?? 0) };
    case 0x61:
      return { kind: 'align', alignment: ALIGNMENTS[asciiDigit(n)] ?? 'left' };
    case 0x64:
      return { kind: 'feedLines', lines: n };
    case 0x69:
      return { kind: 'cut', mode: 'full', feedDots: undefined };
    case 0x6d:
      return { kind: 'cut', mode: 'partial', feedDots: undefined };
    case 0x70:
      return { kind: 'cashDrawerPulse', pin: asciiDigit(n), onMs: (raw[3] ?? 0) * 2, offMs: (raw[4] ?? 0) * 2 };
    case 0x74:
      return { kind: 'codePage', page: n };
    case 0x7b:
      return { kind: 'upsideDown', isOn: (n & 1) === 1 };
    default:
      return setting(`ESC ${String.fromCharCode(fn)}`);
  }
}

function extended(raw: Uint8Array, mnemonic: string): EscPosCommandBody {
  const payloadLength = u16(raw[3] ?? 0, raw[4] ?? 0);
  const payload = raw.length >= 5 + payloadLength ? raw.subarray(5, 5 + payloadLength) : undefined;
  return { kind: 'extended', mnemonic, payloadLength, payload };
}

function gsParen(raw: Uint8Array): EscPosCommandBody {
  const fnLetter = raw[2] ?? 0;
  const body = extended(raw, `GS ( ${String.fromCharCode(fnLetter)}`);
  if (body.kind !== 'extended') return body;
  const payload = body.payload;
  if (fnLetter === 0x4c) {
    // GS ( L pL pH m fn …: payload[0] = m (0x30), payload[1] = fn.
    const fn = payload?.[1] ?? 0;
    return {
      kind: 'graphics',
      fn,
      payloadLength: Math.max(body.payloadLength - 2, 0),
      payload: payload?.subarray(2),
    };
  }
  if (fnLetter === 0x6b && payload !== undefined && payload.length >= 2) {
    return symbol2d(payload);
  }
  return body;
}

/** `GS ( k` payload = cn fn params (protocols.md §2.2 "QR" rows). */
function symbol2d(payload: Uint8Array): EscPosCommandBody {
  const cn = payload[0] ?? 0;
  const fn = payload[1] ?? 0;
  const params = payload.subarray(2);
  if (cn === QR_CN) {
    switch (fn) {
      case 0x41:
        return { kind: 'qrModel', model: params[0] ?? 0 };
      case 0x43:
        return { kind: 'qrModuleSize', dots: params[0] ?? 0 };
      case 0x45:
        return { kind: 'qrErrorCorrection', level: QR_LEVELS[(params[0] ?? 0) - 0x30] };
      case 0x50:
        // params[0] = m (0x30), then the stored data.
        return { kind: 'qrStore', data: params.subarray(1) };
      case 0x51:
        return { kind: 'qrPrint' };
    }
  }
  return { kind: 'symbol2d', cn, fn, params };
}

function gsBody(raw: Uint8Array): EscPosCommandBody {
  const fn = raw[1] ?? 0;
  const n = raw[2] ?? 0;
  switch (fn) {
    case 0x21:
      return { kind: 'characterSize', width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 };
    case 0x28:
      return gsParen(raw);
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 m fn …
      const length = (raw[3] ?? 0) + (raw[4] ?? 0) * 0x100 + (raw[5] ?? 0) * 0x10000 + (raw[6] ?? 0) * 0x1000000;
      const isWhole = raw.length >= 7 + length;
      return {
        kind: 'graphics',
        fn: raw[8] ?? 0,
        payloadLength: Math.max(length - 2, 0),
        payload: isWhole ? raw.subarray(9) : undefined,
      };
    }
    case 0x42:
      return { kind: 'reverse', isOn: (n & 1) === 1 };
    case 0x48:
      return { kind: 'hriPosition', position: asciiDigit(n) };
    case 0x49:
      return { kind: 'printerId', n };
    case 0x4c:
      return { kind: 'leftMargin', dots: u16(n, raw[3] ?? 0) };
    case 0x56: {
      const isPartial = n === 1 || n === 49 || n === 66 || n === 98 || n === 104;
      return { kind: 'cut', mode: isPartial ? 'partial' : 'full', feedDots: raw.length >= 4 ? raw[3] : undefined };
    }
    case 0x57:
      return { kind: 'printAreaWidth', dots: u16(n, raw[3] ?? 0) };
    case 0x61:
      return { kind: 'asbEnable', flags: n };
    case 0x66:
      return { kind: 'hriFont', font: asciiDigit(n) };
    case 0x68:
      return { kind: 'barcodeHeight', dots: n };
    case 0x6b:
      // A form: GS k m d… NUL; B form: GS k m n d….
      return n <= 6
        ? { kind: 'barcode', system: n, data: raw.subarray(3, raw.length - 1) }
        : { kind: 'barcode', system: n, data: raw.subarray(4) };
    case 0x72:
      return { kind: 'transmitStatus', n };
    case 0x76: {
      const widthBytes = u16(raw[4] ?? 0, raw[5] ?? 0);
      const heightDots = u16(raw[6] ?? 0, raw[7] ?? 0);
      const isWhole = raw.length >= 8 + widthBytes * heightDots;
      return { kind: 'rasterImage', scale: asciiDigit(n), widthBytes, heightDots, data: isWhole ? raw.subarray(8) : undefined };
    }
    case 0x77:
      return { kind: 'barcodeWidth', module: n };
    default:
      return setting(`GS ${String.fromCharCode(fn)}`);
  }
}

function fsBody(raw: Uint8Array): EscPosCommandBody {
  const fn = raw[1] ?? 0;
  const n = raw[2] ?? 0;
  switch (fn) {
    case 0x21:
      return {
        kind: 'chinesePrintMode',
        isDoubleWidth: (n & 0x04) !== 0,
        isDoubleHeight: (n & 0x08) !== 0,
        isUnderline: (n & 0x80) !== 0,
      };
    case 0x26:
      return { kind: 'chineseMode', isOn: true };
    case 0x28:
      return extended(raw, `FS ( ${String.fromCharCode(n)}`);
    case 0x2d:
      return { kind: 'chineseUnderline', thickness: Math.min(asciiDigit(n), 2) };
    case 0x2e:
      return { kind: 'chineseMode', isOn: false };
    case 0x43:
      return { kind: 'chineseCodeSystem', system: asciiDigit(n) };
    case 0x53:
      return { kind: 'chineseSpacing', leftDots: n, rightDots: raw[3] ?? 0 };
    case 0x57:
      return { kind: 'chineseQuadruple', isOn: (n & 1) === 1 };
    default:
      return setting(`FS ${String.fromCharCode(fn)}`);
  }
}

function dleBody(raw: Uint8Array): EscPosCommandBody {
  const fn = raw[1] ?? 0;
  const n = raw[2] ?? 0;
  if (fn === 0x04) return { kind: 'realtimeStatusRequest', n };
  if (fn === 0x05) return { kind: 'realtimeRequest', n };
  return { kind: 'realtimeCommand', fn: n };
}

/** Decodes one complete command (never text: text runs are built by the parser). */
export function decodeCommand(raw: Uint8Array): EscPosCommand {
  const first = raw[0] ?? 0;
  let body: EscPosCommandBody;
  switch (first) {
    case 0x09:
      body = { kind: 'horizontalTab' };
      break;
    case 0x0a:
      body = { kind: 'lineFeed' };
      break;
    case 0x0c:
      body = { kind: 'formFeed' };
      break;
    case 0x0d:
      body = { kind: 'carriageReturn' };
      break;
    case 0x18:
      body = { kind: 'cancelPageData' };
      break;
    case ESC:
      body = escBody(raw);
      break;
    case GS:
      body = gsBody(raw);
      break;
    case FS:
      body = fsBody(raw);
      break;
    case DLE:
      body = dleBody(raw);
      break;
    default:
      body = { kind: 'unknown', reason: 'unknownControl' };
  }
  return { ...body, raw };
}
