/**
 * Plain-text rendering of a simulated job: one line per printed line, text placed at its
 * column (12 dots per ASCII column, CJK two columns), and markers for what text cannot show:
 * `[QR: payload]`, `[BARCODE CODE128: data]`, `[IMAGE 198x198]`, `[CUT]`.
 */
import type { JobBlock } from './job-blocks.js';
import { FONT_A_WIDTH_DOTS, FONT_HEIGHT_DOTS, isWideCharacter } from './text-metrics.js';

/** Names of `GS k` symbologies (protocols.md §2.2 barcode rows). */
const BARCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'UPC-A', 1: 'UPC-E', 2: 'EAN13', 3: 'EAN8', 4: 'CODE39', 5: 'ITF', 6: 'CODABAR',
  65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR',
  72: 'CODE93', 73: 'CODE128', 74: 'GS1-128',
};

/**
 * QR payloads are UTF-8 by convention (protocols.md §2.3); invalid UTF-8 is shown as hex
 * rather than guessed at.
 */
export function describeQrPayload(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return `hex:${Buffer.from(data).toString('hex')}`;
  }
}

function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += isWideCharacter(character) ? 2 : 1;
  return width;
}

function column(xDots: number): number {
  return Math.max(0, Math.round(xDots / FONT_A_WIDTH_DOTS));
}

function padTo(line: string, targetColumn: number): string {
  const width = displayWidth(line);
  return width < targetColumn ? line + ' '.repeat(targetColumn - width) : line;
}

/** Renders blocks to text lines joined with `\n` (trailing spaces trimmed). */
export function renderJobText(blocks: readonly JobBlock[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        let line = '';
        for (const segment of block.segments) line = padTo(line, column(segment.xDots)) + segment.text;
        lines.push(line.trimEnd());
        break;
      }
      case 'feed':
        for (let i = 0; i < Math.floor(block.dots / FONT_HEIGHT_DOTS); i++) lines.push('');
        break;
      case 'image':
        lines.push(`${padTo('', column(block.xDots))}[IMAGE ${block.widthDots}x${block.heightDots}]`);
        break;
      case 'qr':
        lines.push(`${padTo('', column(block.xDots))}[QR: ${describeQrPayload(block.data)}]`);
        break;
      case 'barcode': {
        const name = BARCODE_NAMES[block.system] ?? `type ${block.system}`;
        lines.push(`${padTo('', column(block.xDots))}[BARCODE ${name}: ${Buffer.from(block.data).toString('latin1')}]`);
        break;
      }
      case 'cut':
        lines.push(block.isJammed ? '[CUT JAMMED]' : '[CUT]');
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}
