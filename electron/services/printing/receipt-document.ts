/**
 * Receipt documents are receiptline markup rendered to ESC/POS (GB18030) for the thermal
 * printer. receiptline draws QR codes as raster images; we replace that one command with the
 * printer's native QR (GS ( k, protocols.md §2.2), which is a tenth of the size and sharper.
 */
import receiptline from 'receiptline';
import { compactEscPos } from '../../../hardware/protocols/escpos/compact.js';

/** Characters receiptline gives meaning to; escaped with a backslash in user-supplied text. */
const RECEIPTLINE_SPECIAL = /[\\|{}~_"`^]/gu;

export function escapeReceiptText(text: string): string {
  return text.replace(RECEIPTLINE_SPECIAL, '\\$&').replace(/[\r\n]+/gu, ' ');
}

const bytesOf = (...values: number[]): string => String.fromCharCode(...values);

/** QR error-correction level bytes for GS ( k fn 69 (48 L … 51 H). */
const QR_LEVEL: Record<string, number> = { l: 48, m: 49, q: 50, h: 51 };

interface QrSymbol {
  readonly data: string;
  readonly cell: number;
  readonly level: string;
}

const escposNativeQr = {
  ...receiptline.commands.escpos,
  /** GS ( k: model 2, module size, EC level, store (UTF-8 payload), print. */
  qrcode(symbol: QrSymbol): string {
    const payload = Buffer.from(symbol.data, 'utf8');
    const k = payload.length + 3;
    return (
      `\x1d(k${bytesOf(4, 0, 0x31, 0x41, 0x32, 0)}` +
      `\x1d(k${bytesOf(3, 0, 0x31, 0x43, Math.min(16, Math.max(1, symbol.cell)))}` +
      `\x1d(k${bytesOf(3, 0, 0x31, 0x45, QR_LEVEL[symbol.level] ?? 49)}` +
      `\x1d(k${bytesOf(k & 0xff, k >> 8, 0x31, 0x50, 0x30)}${payload.toString('latin1')}` +
      `\x1d(k${bytesOf(3, 0, 0x31, 0x51, 0x30)}`
    );
  },
  /**
   * receiptline ends every job with `GS r 1` to learn when printing finished; our device asks
   * DLE EOT itself (protocols.md §2.4 warns GS r is not executed while offline), so only cut.
   */
  close(this: { cutting: boolean; cut(): string }): string {
    return this.cutting ? this.cut() : '';
  },
};

/** Characters per line of the receipt paper: 32 on 58 mm, 48 on 80 mm (font A 12×24). */
export function receiptColumns(paperWidthMm: number | undefined): 48 | 32 {
  return paperWidthMm === 58 ? 32 : 48;
}

export interface RenderOptions {
  /** Characters per line: 48 on 80 mm paper, 32 on 58 mm (font A 12×24). */
  readonly charactersPerLine: 48 | 32;
}

/**
 * Renders receiptline markup to the bytes the thermal printer receives, without the modes
 * receiptline restates on every line (a ticket shrinks by about a third).
 */
export function renderEscPos(markup: string, options: RenderOptions): Uint8Array {
  const commands = receiptline.transform(markup, {
    command: escposNativeQr as unknown as receiptline.BaseCommand,
    encoding: 'gb18030',
    cpl: options.charactersPerLine,
    cutting: true,
    spacing: false,
  });
  // receiptline returns one char per byte (code units 0–255).
  return compactEscPos(Uint8Array.from(Buffer.from(commands, 'latin1')));
}

/** Renders the same markup as an SVG for on-screen previews and snapshot tests. */
export function renderSvg(markup: string, options: RenderOptions): string {
  return receiptline.transform(markup, { command: 'svg', encoding: 'gb18030', cpl: options.charactersPerLine });
}
