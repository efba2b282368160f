/**
 * Character decoding and widths for the simulated print head: GB18030 in Chinese mode,
 * single-byte code pages otherwise (protocols.md §2.3), font A 12×24 dots, CJK 24×24.
 */
import iconv from 'iconv-lite';

export const PAPER_WIDTH_DOTS = 576;
export const FONT_A_WIDTH_DOTS = 12;
export const FONT_B_WIDTH_DOTS = 9;
export const FONT_HEIGHT_DOTS = 24;
export const CJK_WIDTH_DOTS = 24;

/** Code page numbers of `ESC t n` that iconv-lite can decode. */
const CODE_PAGES: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};

/**
 * Box-drawing glyphs of page 1 (Katakana) 0x8F–0x9F, which receiptline uses for rules and
 * table borders (`ESC t 1` + 0x95…).
 */
const PAGE_1_BOX: Readonly<Record<number, string>> = {
  0x8f: '┼', 0x90: '┴', 0x91: '┬', 0x92: '┤', 0x93: '├', 0x95: '─', 0x96: '│',
  0x98: '┌', 0x99: '┐', 0x9a: '└', 0x9b: '┘', 0x9c: '┌', 0x9d: '┐', 0x9e: '└', 0x9f: '┘',
};

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

/** True for characters printed two ASCII columns wide. */
export function isWideCharacter(character: string): boolean {
  return WIDE.test(character);
}

/** Decodes printed bytes: GB18030 in Chinese mode, else the `ESC t` code page. */
export function decodePrintedText(bytes: readonly number[], isChinese: boolean, codePage: number): string {
  if (isChinese) return iconv.decode(Buffer.from(bytes), 'gb18030');
  let out = '';
  for (const byte of bytes) {
    const box = codePage === 1 ? PAGE_1_BOX[byte] : undefined;
    out += box ?? (byte < 0x80 ? String.fromCharCode(byte) : iconv.decode(Buffer.of(byte), CODE_PAGES[codePage] ?? 'cp437'));
  }
  return out;
}

/** Printed width of `text` in dots. */
export function textWidthDots(text: string, isFontB: boolean, widthScale: number): number {
  const narrow = isFontB ? FONT_B_WIDTH_DOTS : FONT_A_WIDTH_DOTS;
  let width = 0;
  for (const character of text) width += isWideCharacter(character) ? CJK_WIDTH_DOTS : narrow;
  return width * widthScale;
}

/**
 * Approximate symbol width in modules, for centring the preview: CODE128 (B form 73) is 11
 * modules per character plus start, check and stop; the others ~13 per character.
 */
export function estimateBarcodeModules(system: number, dataLength: number): number {
  return system === 73 || system === 74 ? 11 * dataLength + 35 : 13 * dataLength + 20;
}
