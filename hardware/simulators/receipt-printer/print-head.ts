/**
 * The simulated printer's mechanism: applies parsed ESC/POS commands to a mode state and
 * lays out what would come out of the printer as a list of {@link JobBlock}s (text lines,
 * images, QR codes, barcodes, feeds, cuts), which job-text.ts and job-svg.ts render.
 *
 * Geometry is an 80 mm printer: 576 dots per line, font A 12×24 dots, CJK 24×24
 * (protocols.md §2.3: "one CJK char = two ASCII columns, 80 mm: 48 ASCII columns").
 */
import QRCode from 'qrcode';
import type { Alignment, QrErrorCorrection } from '../../protocols/escpos/commands.js';
import type { EscPosCommand } from '../../protocols/escpos/stream-command.js';
import type { JobBlock, TextSegment } from './job-blocks.js';
import {
  FONT_HEIGHT_DOTS,
  PAPER_WIDTH_DOTS,
  decodePrintedText,
  estimateBarcodeModules,
  textWidthDots,
} from './text-metrics.js';

/** `ESC 2` default line spacing, ~3.75 mm at 203 dpi. */
const DEFAULT_LINE_SPACING_DOTS = 30;
/** Default QR module size when a job never sends `GS ( k … 31 43 n`. */
const DEFAULT_QR_MODULE_DOTS = 3;

interface Mode {
  isChinese: boolean;
  codePage: number;
  isBold: boolean;
  isUnderline: boolean;
  isReverse: boolean;
  isFontB: boolean;
  widthScale: number;
  heightScale: number;
  alignment: Alignment;
  leftMarginDots: number;
  areaWidthDots: number;
  lineSpacingDots: number;
  qrModuleDots: number;
  barcodeModuleDots: number;
  barcodeHeightDots: number;
  qrErrorCorrection: QrErrorCorrection;
  qrData: Uint8Array | undefined;
  storedGraphics: { widthDots: number; heightDots: number; bits: Uint8Array } | undefined;
}

interface PendingSegment {
  readonly xDots: number;
  readonly bytes: number[];
  readonly mode: Readonly<Mode>;
}

/** Lays out one printer's output; call {@link takeBlocks} at each job boundary. */
export class PrintHead {
  readonly #isChineseAtPowerOn: boolean;
  #mode: Mode;
  #blocks: JobBlock[] = [];
  #line: TextSegment[] = [];
  #pending: PendingSegment | undefined;
  #cursorDots = 0;
  #hasContent = false;

  /** @param isChineseAtPowerOn - Chinese kiosk printers power up in Chinese mode (§2.3). */
  constructor(isChineseAtPowerOn = true) {
    this.#isChineseAtPowerOn = isChineseAtPowerOn;
    this.#mode = this.#defaultMode();
  }

  /** True once anything visible (text, image, code) was laid out since the last take. */
  get hasContent(): boolean {
    return (
      this.#hasContent ||
      this.#line.some((segment) => segment.text.trim() !== '') ||
      (this.#pending?.bytes.some((byte) => byte !== 0x20) ?? false)
    );
  }

  /** Ends the current job: returns its blocks (a partial line is printed first). */
  takeBlocks(): JobBlock[] {
    this.#endLine(false);
    const blocks = this.#blocks;
    this.#blocks = [];
    this.#hasContent = false;
    return blocks;
  }

  /** Applies one command. Real-time and status commands have no effect on the layout. */
  apply(command: EscPosCommand): void {
    const mode = this.#mode;
    switch (command.kind) {
      case 'text':
        this.#appendText(command.raw);
        return;
      case 'lineFeed':
        this.#endLine(true);
        return;
      case 'carriageReturn':
        return;
      case 'horizontalTab':
        this.#appendText(Uint8Array.of(0x20, 0x20, 0x20, 0x20));
        return;
      case 'initialise':
        this.#endLine(false);
        this.#mode = this.#defaultMode();
        return;
      case 'printMode':
        this.#setStyle({
          isFontB: command.isFontB,
          isBold: command.isBold,
          isUnderline: command.isUnderline,
          widthScale: command.isDoubleWidth ? 2 : 1,
          heightScale: command.isDoubleHeight ? 2 : 1,
        });
        return;
      case 'chinesePrintMode':
        this.#setStyle({
          widthScale: command.isDoubleWidth ? 2 : 1,
          heightScale: command.isDoubleHeight ? 2 : 1,
          isUnderline: command.isUnderline,
        });
        return;
      case 'bold':
      case 'doubleStrike':
        this.#setStyle({ isBold: command.isOn });
        return;
      case 'underline':
      case 'chineseUnderline':
        this.#setStyle({ isUnderline: command.thickness > 0 });
        return;
      case 'reverse':
        this.#setStyle({ isReverse: command.isOn });
        return;
      case 'characterSize':
        this.#setStyle({ widthScale: command.width, heightScale: command.height });
        return;
      case 'chineseQuadruple':
        this.#setStyle({ widthScale: command.isOn ? 2 : 1, heightScale: command.isOn ? 2 : 1 });
        return;
      case 'font':
        this.#setStyle({ isFontB: command.font === 1 });
        return;
      case 'codePage':
        this.#setStyle({ codePage: command.page });
        return;
      case 'chineseMode':
        this.#setStyle({ isChinese: command.isOn });
        return;
      case 'align':
        mode.alignment = command.alignment;
        return;
      case 'lineSpacing':
        mode.lineSpacingDots = command.dots ?? DEFAULT_LINE_SPACING_DOTS;
        return;
      case 'leftMargin':
        mode.leftMarginDots = Math.min(command.dots, PAPER_WIDTH_DOTS);
        return;
      case 'printAreaWidth':
        mode.areaWidthDots = command.dots;
        return;
      case 'absolutePosition':
        this.#moveTo(command.dots);
        return;
      case 'relativePosition':
        this.#moveTo(this.#cursorDots + this.#pendingWidth() + command.dots);
        return;
      case 'feedLines':
        this.#endLine(false);
        if (command.lines > 0) this.#blocks.push({ kind: 'feed', dots: command.lines * mode.lineSpacingDots });
        return;
      case 'feedDots':
        this.#endLine(false);
        if (command.dots > 0) this.#blocks.push({ kind: 'feed', dots: command.dots });
        return;
      case 'qrModuleSize':
        mode.qrModuleDots = command.dots;
        return;
      case 'qrErrorCorrection':
        mode.qrErrorCorrection = command.level ?? 'L';
        return;
      case 'qrStore':
        mode.qrData = command.data;
        return;
      case 'qrPrint':
        this.#printQr();
        return;
      case 'barcode': {
        this.#endLine(false);
        const widthDots = estimateBarcodeModules(command.system, command.data.length) * mode.barcodeModuleDots;
        this.#blocks.push({
          kind: 'barcode',
          xDots: this.#alignedX(widthDots),
          widthDots,
          heightDots: mode.barcodeHeightDots,
          system: command.system,
          data: command.data,
        });
        this.#hasContent = true;
        return;
      }
      case 'barcodeHeight':
        mode.barcodeHeightDots = command.dots;
        return;
      case 'barcodeWidth':
        mode.barcodeModuleDots = command.module;
        return;
      case 'rasterImage':
        this.#printImage(command.widthBytes * 8, command.heightDots, command.data);
        return;
      case 'graphics':
        this.#graphics(command.fn, command.payload);
        return;
      case 'cut':
        this.#endLine(false);
        this.#blocks.push({ kind: 'cut', mode: command.mode, isJammed: false });
        return;
      default:
        return;
    }
  }

  /** Marks the last cut as jammed (the simulator's cutter fault). */
  markCutJammed(): void {
    const last = this.#blocks.at(-1);
    if (last?.kind === 'cut') this.#blocks[this.#blocks.length - 1] = { ...last, isJammed: true };
  }

  #defaultMode(): Mode {
    return {
      isChinese: this.#isChineseAtPowerOn,
      codePage: 0,
      isBold: false,
      isUnderline: false,
      isReverse: false,
      isFontB: false,
      widthScale: 1,
      heightScale: 1,
      alignment: 'left',
      leftMarginDots: 0,
      areaWidthDots: PAPER_WIDTH_DOTS,
      lineSpacingDots: DEFAULT_LINE_SPACING_DOTS,
      qrModuleDots: DEFAULT_QR_MODULE_DOTS,
      barcodeModuleDots: 3,
      barcodeHeightDots: 162,
      qrErrorCorrection: 'L',
      qrData: undefined,
      storedGraphics: undefined,
    };
  }

  /** Style changes close the pending text segment so each segment has one style. */
  #setStyle(patch: Partial<Mode>): void {
    this.#closeSegment();
    this.#mode = { ...this.#mode, ...patch };
  }

  #appendText(bytes: Uint8Array): void {
    if (this.#pending === undefined) {
      this.#pending = { xDots: this.#cursorDots, bytes: [], mode: { ...this.#mode } };
    }
    for (const byte of bytes) this.#pending.bytes.push(byte);
  }

  #moveTo(xDots: number): void {
    this.#closeSegment();
    this.#cursorDots = Math.max(0, xDots);
  }

  #pendingWidth(): number {
    return this.#pending === undefined ? 0 : segmentWidth(this.#pending, decodeSegment(this.#pending));
  }

  /** Decodes the pending bytes at once, so a GB18030 character split across runs survives. */
  #closeSegment(): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    const text = decodeSegment(pending);
    const widthDots = segmentWidth(pending, text);
    this.#line.push({
      xDots: pending.xDots,
      widthDots,
      text,
      widthScale: pending.mode.widthScale,
      heightScale: pending.mode.heightScale,
      isBold: pending.mode.isBold,
      isUnderline: pending.mode.isUnderline,
      isReverse: pending.mode.isReverse,
    });
    this.#cursorDots = pending.xDots + widthDots;
  }

  /** Prints the line buffer; `isFeed` (LF) also feeds a blank line when it is empty. */
  #endLine(isFeed: boolean): void {
    this.#closeSegment();
    const mode = this.#mode;
    if (this.#line.length > 0) {
      const lineWidth = Math.max(...this.#line.map((s) => s.xDots + s.widthDots));
      const offset = this.#alignedX(lineWidth);
      const heightScale = Math.max(...this.#line.map((s) => s.heightScale));
      this.#blocks.push({
        kind: 'text',
        heightDots: Math.max(FONT_HEIGHT_DOTS * heightScale, mode.lineSpacingDots),
        segments: this.#line.map((s) => ({ ...s, xDots: s.xDots + offset })),
      });
      // A line of spaces is paper feed, not content: it alone does not make a job.
      if (this.#line.some((segment) => segment.text.trim() !== '')) this.#hasContent = true;
    } else if (isFeed) {
      this.#blocks.push({ kind: 'feed', dots: Math.max(FONT_HEIGHT_DOTS, mode.lineSpacingDots) });
    }
    this.#line = [];
    this.#cursorDots = 0;
  }

  /** Left edge in dots of something `widthDots` wide under the current alignment. */
  #alignedX(widthDots: number): number {
    const mode = this.#mode;
    const area = Math.max(0, Math.min(mode.areaWidthDots, PAPER_WIDTH_DOTS - mode.leftMarginDots));
    const free = Math.max(0, area - widthDots);
    const shift = mode.alignment === 'center' ? Math.floor(free / 2) : mode.alignment === 'right' ? free : 0;
    return mode.leftMarginDots + shift;
  }

  #printQr(): void {
    this.#endLine(false);
    const mode = this.#mode;
    const data = mode.qrData;
    if (data === undefined || data.length === 0) return;
    let modules = 21;
    try {
      modules = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: mode.qrErrorCorrection }).modules.size;
    } catch {
      // Payload too long for any version: a real printer prints nothing; keep the marker.
    }
    const sizeDots = modules * mode.qrModuleDots;
    this.#blocks.push({
      kind: 'qr',
      xDots: this.#alignedX(sizeDots),
      sizeDots,
      moduleDots: mode.qrModuleDots,
      errorCorrection: mode.qrErrorCorrection,
      data,
    });
    this.#hasContent = true;
  }

  #printImage(widthDots: number, heightDots: number, bits: Uint8Array | undefined): void {
    this.#endLine(false);
    this.#blocks.push({
      kind: 'image',
      xDots: this.#alignedX(widthDots),
      widthDots,
      heightDots,
      bytesPerRow: Math.ceil(widthDots / 8),
      bits,
    });
    this.#hasContent = true;
  }

  /** `GS ( L` / `GS 8 L`: fn 112 stores a raster, fn 50 (or 2) prints it. */
  #graphics(fn: number, payload: Uint8Array | undefined): void {
    if (fn === 112 && payload !== undefined && payload.length >= 8) {
      // a bx by c xL xH yL yH d…
      const widthDots = (payload[4] ?? 0) + 256 * (payload[5] ?? 0);
      const heightDots = (payload[6] ?? 0) + 256 * (payload[7] ?? 0);
      this.#mode.storedGraphics = { widthDots, heightDots, bits: payload.subarray(8) };
    } else if (fn === 50 || fn === 2) {
      const stored = this.#mode.storedGraphics;
      if (stored !== undefined) this.#printImage(stored.widthDots, stored.heightDots, stored.bits);
    }
  }
}

function decodeSegment(pending: PendingSegment): string {
  return decodePrintedText(pending.bytes, pending.mode.isChinese, pending.mode.codePage);
}

function segmentWidth(pending: PendingSegment, text: string): number {
  return textWidthDots(text, pending.mode.isFontB, pending.mode.widthScale);
}
