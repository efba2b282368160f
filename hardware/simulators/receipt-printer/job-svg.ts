/**
 * SVG preview of a simulated job: a white 80 mm (576-dot) strip with text at its size,
 * weight and position, raster images drawn from their bits, QR codes drawn by the `qrcode`
 * package (its SVG path, scaled to the printer's module size) and a dashed cut line.
 * One SVG unit = one printer dot (203 dpi).
 */
import QRCode from 'qrcode';
import type { JobBlock } from './job-blocks.js';
import { FONT_HEIGHT_DOTS, PAPER_WIDTH_DOTS } from './text-metrics.js';
import { describeQrPayload } from './job-text.js';

const MARGIN_DOTS = 16;
const FONT_FAMILY = "'Noto Sans Mono CJK SC','WenQuanYi Zen Hei Mono','Source Han Sans SC',monospace";
const CUT_GAP_DOTS = 24;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Extracts the module path from `qrcode`'s SVG output (the stroked `<path>`). */
async function qrPath(data: Uint8Array, errorCorrection: 'L' | 'M' | 'Q' | 'H'): Promise<string | undefined> {
  try {
    const svg = await QRCode.toString([{ data, mode: 'byte' }], { type: 'svg', margin: 0, errorCorrectionLevel: errorCorrection });
    return /<path stroke="#000000" d="([^"]*)"/.exec(svg)?.[1];
  } catch {
    return undefined;
  }
}

/** Horizontal runs of set bits as one SVG path, so a 576×500 image stays a few KB. */
function rasterPath(bits: Uint8Array, bytesPerRow: number, widthDots: number, heightDots: number): string {
  let d = '';
  for (let y = 0; y < heightDots; y++) {
    let runStart = -1;
    for (let x = 0; x <= widthDots; x++) {
      const byte = x < widthDots ? (bits[y * bytesPerRow + (x >> 3)] ?? 0) : 0;
      const isSet = (byte & (0x80 >> (x & 7))) !== 0;
      if (isSet && runStart < 0) runStart = x;
      if (!isSet && runStart >= 0) {
        d += `M${runStart} ${y}h${x - runStart}v1h${runStart - x}z`;
        runStart = -1;
      }
    }
  }
  return d;
}

/** Renders blocks to a standalone SVG document. */
export async function renderJobSvg(blocks: readonly JobBlock[]): Promise<string> {
  const parts: string[] = [];
  let y = MARGIN_DOTS;
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        // Characters of different heights share the baseline of the tallest one.
        const tallest = FONT_HEIGHT_DOTS * Math.max(...block.segments.map((s) => s.heightScale));
        const baseline = y + Math.round(tallest * 0.85);
        for (const s of block.segments) {
          const fontSize = FONT_HEIGHT_DOTS * s.heightScale;
          if (s.isReverse) parts.push(`<rect x="${s.xDots}" y="${y + tallest - fontSize}" width="${s.widthDots}" height="${fontSize}" fill="#000"/>`);
          const attributes = [
            `x="${s.xDots}"`,
            `y="${baseline}"`,
            `font-size="${fontSize}"`,
            `textLength="${s.widthDots}"`,
            'lengthAdjust="spacingAndGlyphs"',
            s.isBold ? 'font-weight="bold"' : '',
            s.isUnderline ? 'text-decoration="underline"' : '',
            s.isReverse ? 'fill="#fff"' : '',
          ].filter((a) => a !== '');
          parts.push(`<text ${attributes.join(' ')} xml:space="preserve">${escapeXml(s.text)}</text>`);
        }
        y += block.heightDots;
        break;
      }
      case 'feed':
        y += block.dots;
        break;
      case 'image':
        if (block.bits !== undefined) {
          const d = rasterPath(block.bits, block.bytesPerRow, block.widthDots, block.heightDots);
          parts.push(`<path transform="translate(${block.xDots} ${y})" fill="#000" d="${d}"/>`);
        } else {
          parts.push(`<rect x="${block.xDots}" y="${y}" width="${block.widthDots}" height="${block.heightDots}" fill="#ccc"/>`);
        }
        y += block.heightDots;
        break;
      case 'qr': {
        const d = await qrPath(block.data, block.errorCorrection);
        const label = escapeXml(describeQrPayload(block.data));
        parts.push(
          d === undefined
            ? `<rect x="${block.xDots}" y="${y}" width="${block.sizeDots}" height="${block.sizeDots}" fill="#ccc"><title>${label}</title></rect>`
            : `<g transform="translate(${block.xDots} ${y}) scale(${block.moduleDots})"><title>${label}</title><path stroke="#000" d="${d}"/></g>`,
        );
        y += block.sizeDots;
        break;
      }
      case 'barcode': {
        const text = escapeXml(Buffer.from(block.data).toString('latin1'));
        // A placeholder, not bars: the preview shows where the symbol goes and what it holds.
        parts.push(
          `<rect x="${block.xDots}" y="${y}" width="${block.widthDots}" height="${block.heightDots}" fill="none" stroke="#000" stroke-dasharray="4 2"/>`,
          `<text x="${block.xDots + 8}" y="${y + Math.round(block.heightDots / 2) + 8}" font-size="20">${text}</text>`,
        );
        y += block.heightDots;
        break;
      }
      case 'cut':
        y += CUT_GAP_DOTS / 2;
        parts.push(
          `<line x1="0" y1="${y}" x2="${PAPER_WIDTH_DOTS + 2 * MARGIN_DOTS}" y2="${y}" stroke="${block.isJammed ? '#c00' : '#888'}" stroke-dasharray="8 6"/>`,
          `<text x="4" y="${y - 4}" font-size="16" fill="#888">✂${block.isJammed ? ' jammed' : ''}</text>`,
        );
        y += CUT_GAP_DOTS / 2;
        break;
    }
  }
  const width = PAPER_WIDTH_DOTS + 2 * MARGIN_DOTS;
  const height = y + MARGIN_DOTS;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<g transform="translate(${MARGIN_DOTS} 0)" font-family="${FONT_FAMILY}">`,
    ...parts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
