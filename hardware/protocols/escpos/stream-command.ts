/**
 * Typed view of the ESC/POS byte stream sent TO a printer, as produced by
 * {@link EscPosStreamParser}. Every command keeps its exact bytes in `raw`, so a recording
 * can be replayed or saved byte for byte. Byte layouts: shared/protocols.md §2.2.
 */
import type { Alignment, QrErrorCorrection } from './commands.js';

/** Why bytes could not be parsed as a known command (see the resync policy in stream-parser.ts). */
export type UnknownReason =
  /** A control byte (< 0x20) that starts no command we know. */
  | 'unknownControl'
  /** `ESC x` / `GS x` / `FS x` / `DLE x` with an unknown function byte `x`. */
  | 'unknownFunction'
  /** A known command whose parameter selects no defined form (e.g. `GS V 7`). */
  | 'badParameter'
  /** A NUL-terminated command whose terminator never came within its maximum length. */
  | 'unterminated'
  /** The stream ended inside a command (only from `flush()`). */
  | 'truncated';

export type EscPosCommandBody =
  /** Printable bytes (≥ 0x20): single-byte code page or GB18030 in Chinese mode. */
  | { readonly kind: 'text' }
  | { readonly kind: 'lineFeed' }
  | { readonly kind: 'carriageReturn' }
  | { readonly kind: 'horizontalTab' }
  | { readonly kind: 'formFeed' }
  | { readonly kind: 'cancelPageData' }
  /** `ESC @` */
  | { readonly kind: 'initialise' }
  /** `ESC ! n` */
  | {
      readonly kind: 'printMode';
      readonly isFontB: boolean;
      readonly isBold: boolean;
      readonly isDoubleHeight: boolean;
      readonly isDoubleWidth: boolean;
      readonly isUnderline: boolean;
    }
  /** `ESC E n` */
  | { readonly kind: 'bold'; readonly isOn: boolean }
  /** `ESC G n` */
  | { readonly kind: 'doubleStrike'; readonly isOn: boolean }
  /** `ESC - n` */
  | { readonly kind: 'underline'; readonly thickness: number }
  /** `ESC a n` */
  | { readonly kind: 'align'; readonly alignment: Alignment }
  /** `GS ! n` */
  | { readonly kind: 'characterSize'; readonly width: number; readonly height: number }
  /** `GS B n` */
  | { readonly kind: 'reverse'; readonly isOn: boolean }
  /** `ESC M n` (0/48 font A, 1/49 font B) */
  | { readonly kind: 'font'; readonly font: number }
  /** `ESC t n` */
  | { readonly kind: 'codePage'; readonly page: number }
  /** `ESC R n` */
  | { readonly kind: 'internationalCharset'; readonly charset: number }
  /** `ESC 3 n` (dots) or `ESC 2` (default: `dots` undefined) */
  | { readonly kind: 'lineSpacing'; readonly dots: number | undefined }
  /** `ESC SP n` */
  | { readonly kind: 'rightSpacing'; readonly dots: number }
  /** `ESC { n` */
  | { readonly kind: 'upsideDown'; readonly isOn: boolean }
  /** `ESC $ nL nH` absolute horizontal position (dots from the print-area left). */
  | { readonly kind: 'absolutePosition'; readonly dots: number }
  /** `ESC \ nL nH` relative horizontal position (signed dots). */
  | { readonly kind: 'relativePosition'; readonly dots: number }
  /** `GS L nL nH` */
  | { readonly kind: 'leftMargin'; readonly dots: number }
  /** `GS W nL nH` */
  | { readonly kind: 'printAreaWidth'; readonly dots: number }
  /** `ESC d n` */
  | { readonly kind: 'feedLines'; readonly lines: number }
  /** `ESC J n` */
  | { readonly kind: 'feedDots'; readonly dots: number }
  /** `GS V m [n]`; `feedDots` for the feed-then-cut forms. */
  | { readonly kind: 'cut'; readonly mode: 'full' | 'partial'; readonly feedDots: number | undefined }
  /** `ESC p m t1 t2` */
  | { readonly kind: 'cashDrawerPulse'; readonly pin: number; readonly onMs: number; readonly offMs: number }
  /** `FS &` (on) / `FS .` (off) */
  | { readonly kind: 'chineseMode'; readonly isOn: boolean }
  /** `FS ! n` */
  | {
      readonly kind: 'chinesePrintMode';
      readonly isDoubleWidth: boolean;
      readonly isDoubleHeight: boolean;
      readonly isUnderline: boolean;
    }
  /** `FS - n` */
  | { readonly kind: 'chineseUnderline'; readonly thickness: number }
  /** `FS C n` (vendor: 0 GB2312/GBK/GB18030, 1 BIG5, …) */
  | { readonly kind: 'chineseCodeSystem'; readonly system: number }
  /** `FS W n` */
  | { readonly kind: 'chineseQuadruple'; readonly isOn: boolean }
  /** `FS S n1 n2` */
  | { readonly kind: 'chineseSpacing'; readonly leftDots: number; readonly rightDots: number }
  /** `GS ( k … 31 41 n1 n2` (49 model 1, 50 model 2, 51 micro) */
  | { readonly kind: 'qrModel'; readonly model: number }
  /** `GS ( k … 31 43 n` */
  | { readonly kind: 'qrModuleSize'; readonly dots: number }
  /** `GS ( k … 31 45 n` */
  | { readonly kind: 'qrErrorCorrection'; readonly level: QrErrorCorrection | undefined }
  /** `GS ( k pL pH 31 50 30 d…` */
  | { readonly kind: 'qrStore'; readonly data: Uint8Array }
  /** `GS ( k … 31 51 30` */
  | { readonly kind: 'qrPrint' }
  /** Any other `GS ( k` function (other symbologies, QR size query). */
  | { readonly kind: 'symbol2d'; readonly cn: number; readonly fn: number; readonly params: Uint8Array }
  /** `GS h n` */
  | { readonly kind: 'barcodeHeight'; readonly dots: number }
  /** `GS w n` */
  | { readonly kind: 'barcodeWidth'; readonly module: number }
  /** `GS H n` (0 none, 1 above, 2 below, 3 both) */
  | { readonly kind: 'hriPosition'; readonly position: number }
  /** `GS f n` */
  | { readonly kind: 'hriFont'; readonly font: number }
  /** `GS k m …` (A form NUL-terminated, B form length-prefixed). */
  | { readonly kind: 'barcode'; readonly system: number; readonly data: Uint8Array }
  /**
   * `GS v 0 m xL xH yL yH d…` raster. `data` is undefined when the image was larger than
   * the parser's buffer cap and was skipped.
   */
  | {
      readonly kind: 'rasterImage';
      readonly scale: number;
      readonly widthBytes: number;
      readonly heightDots: number;
      readonly data: Uint8Array | undefined;
    }
  /**
   * `GS ( L` / `GS 8 L` graphics functions (`fn` 112 store raster, 50/2 print stored).
   * `payload` = bytes after `fn`; undefined when skipped over the buffer cap.
   */
  | {
      readonly kind: 'graphics';
      readonly fn: number;
      readonly payloadLength: number;
      readonly payload: Uint8Array | undefined;
    }
  /** `ESC * m nL nH d…` column bit image. */
  | { readonly kind: 'bitImage'; readonly mode: number; readonly widthDots: number; readonly data: Uint8Array }
  /** Other length-prefixed functions: `GS ( x`, `FS ( x`, `ESC ( x`. */
  | {
      readonly kind: 'extended';
      readonly mnemonic: string;
      readonly payloadLength: number;
      readonly payload: Uint8Array | undefined;
    }
  /** `DLE EOT n [a]` real-time status request. */
  | { readonly kind: 'realtimeStatusRequest'; readonly n: number }
  /** `DLE ENQ n` real-time recovery request. */
  | { readonly kind: 'realtimeRequest'; readonly n: number }
  /** `DLE DC4 fn …` real-time pulse / power-off / buffer clear. */
  | { readonly kind: 'realtimeCommand'; readonly fn: number }
  /** `GS r n` transmit status (buffered). */
  | { readonly kind: 'transmitStatus'; readonly n: number }
  /** `GS a n` enable/disable ASB. */
  | { readonly kind: 'asbEnable'; readonly flags: number }
  /** `GS I n` transmit printer ID. */
  | { readonly kind: 'printerId'; readonly n: number }
  /** Recognised commands that do not change what is printed (`ESC =`, `GS P`, …). */
  | { readonly kind: 'setting'; readonly mnemonic: string }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason };

/** One parsed command plus its exact bytes. */
export type EscPosCommand = EscPosCommandBody & { readonly raw: Uint8Array };

/** Real-time commands are executed on receipt, ahead of buffered data (protocols.md §2.5). */
export function isRealtimeCommand(command: EscPosCommand): boolean {
  return (
    command.kind === 'realtimeStatusRequest' ||
    command.kind === 'realtimeRequest' ||
    command.kind === 'realtimeCommand'
  );
}
