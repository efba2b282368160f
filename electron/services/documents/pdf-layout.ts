/**
 * A small layout kit over pdfkit for A4 documents in Chinese: the page geometry, the type
 * styles, paragraphs that flow over pages, and tables whose rows never split and whose header
 * repeats on every page. pdfkit wraps CJK text itself (its line breaker implements UAX #14,
 * which allows a break between any two ideographs and keeps 。，） off the line start), and
 * breaks a word wider than the line (a long URL) between characters.
 */
import * as fontkit from 'fontkit';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** Points per millimetre (PDF user space is 1/72 inch). */
export const PT_PER_MM = 72 / 25.4;
export const A4_WIDTH_PT = 595.28;
export const A4_HEIGHT_PT = 841.89;
export const PAGE_MARGIN_PT = 20 * PT_PER_MM;
/** Running header and footer sit inside the top and bottom margins. */
const HEADER_Y_PT = 11 * PT_PER_MM;
const FOOTER_Y_PT = A4_HEIGHT_PT - 14 * PT_PER_MM;

/** The CJK face under `assets/`, made by scripts/make-pdf-font.py. */
export const PDF_FONT_FILE = path.join('fonts', 'NotoSansSC-Regular-subset.otf');

/** A parsed font, shared by every document of the process. */
export type PdfFont = fontkit.Font;

const fontCache = new Map<string, Promise<PdfFont>>();

/**
 * Reads and parses the font once per process. Parsing 8000 glyphs' tables costs ~500 ms,
 * far more than laying out a guide, so documents share the parsed font; pdfkit still embeds
 * only the glyphs each document uses.
 */
export function loadPdfFont(assetsDir: string): Promise<PdfFont> {
  const file = path.join(assetsDir, PDF_FONT_FILE);
  let font = fontCache.get(file);
  if (font === undefined) {
    font = readFile(file).then((bytes) => {
      const parsed = fontkit.create(bytes);
      if (!('layout' in parsed)) throw new Error(`${file} is a font collection, not one face`);
      return parsed;
    });
    // A failed read must not stay cached: the next print tries again.
    font.catch(() => fontCache.delete(file));
    fontCache.set(file, font);
  }
  return font;
}

/** Stand-in for a character the font lacks: the box a reader recognises as "not printable". */
export const MISSING_GLYPH = '□';

/** Variation selectors, zero-width joiners, soft hyphens: they draw nothing on their own. */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * `text` with every character the font has no glyph for replaced by {@link MISSING_GLYPH}.
 * For text from people rather than templates (names, form values): a rare hanzi beyond the
 * subset, or a 公安部 private-use code point from an ID card, would otherwise print as the
 * font's .notdef glyph, which viewers may draw as nothing at all. Line breaks and spaces are
 * kept (pdfkit lays them out itself); default-ignorable characters are dropped.
 */
export function printableText(font: PdfFont, text: string): string {
  let printable = '';
  for (const ch of text.replace(DEFAULT_IGNORABLE, '')) {
    const codePoint = ch.codePointAt(0) ?? 0;
    printable += codePoint < 0x20 || /\s/u.test(ch) || font.hasGlyphForCodePoint(codePoint) ? ch : MISSING_GLYPH;
  }
  return printable;
}

export interface TextStyle {
  readonly size: number;
  readonly color: string;
  /** Extra space between lines, pt. */
  readonly lineGap: number;
  readonly characterSpacing?: number;
  /**
   * Emboldened by stroking the outline as well as filling it. A second (bold) face would
   * embed a second glyph set: +13 KB on a guide whose budget is 60 KB.
   */
  readonly isBold?: boolean;
}

/** Laser printers in halls are black-and-white: greys only, no colour carries meaning. */
export const STYLES = {
  kicker: { size: 11, color: '#444444', lineGap: 0, characterSpacing: 6 },
  title: { size: 18, color: '#000000', lineGap: 2, isBold: true },
  heading: { size: 12.5, color: '#000000', lineGap: 0, isBold: true },
  body: { size: 10, color: '#000000', lineGap: 2 },
  strong: { size: 10, color: '#000000', lineGap: 2, isBold: true },
  cell: { size: 9, color: '#000000', lineGap: 1 },
  cellStrong: { size: 9, color: '#000000', lineGap: 1, isBold: true },
  note: { size: 8, color: '#333333', lineGap: 1 },
  marginalia: { size: 7.5, color: '#555555', lineGap: 0 },
} as const satisfies Record<string, TextStyle>;

/** Stroke width of emboldened text, as a share of the font size. */
const BOLD_STROKE_PER_PT = 0.035;

/** One run of text in one style; a cell or paragraph is a list of them, one below the other. */
export interface Para {
  readonly text: string;
  readonly style: TextStyle;
  /** Space below this paragraph, pt. */
  readonly gapAfter?: number;
  readonly align?: 'left' | 'center' | 'right';
}

/** Something of known height that draws itself at a given top: a table row, a list item. */
export interface Block {
  readonly height: number;
  draw(top: number): void;
}

/** A cell's rectangle, pt from the page's top left. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: string | null;
}

/** A table row: its grid and its text can be drawn apart, so spanning cells can join in. */
export interface Row extends Block {
  boxes(top: number): Box[];
  text(top: number): void;
}

export interface Column {
  readonly width: number;
  readonly align?: 'left' | 'center';
}

export const CELL_PAD_X_PT = 4;
export const CELL_PAD_Y_PT = 3.5;
const RULE_COLOR = '#777777';
export const HEADER_FILL = '#e6e6e6';

export interface PageDecoration {
  /** Left and right of the running header (every page). */
  readonly header: readonly [string, string];
  /** Left and right of the footer; the page number goes in the middle. */
  readonly footer: readonly [string, string];
}

export interface DocumentMeta {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly createdAt: Date;
  readonly isCompressed: boolean;
}

const PAGE_OPTIONS = {
  size: 'A4',
  margins: { top: PAGE_MARGIN_PT, bottom: PAGE_MARGIN_PT, left: PAGE_MARGIN_PT, right: PAGE_MARGIN_PT },
} as const satisfies PDFKit.PDFDocumentOptions;

export class PdfFlow {
  readonly doc: PDFKit.PDFDocument;
  /** Top of the next thing drawn on the current page. */
  y = PAGE_MARGIN_PT;
  readonly left = PAGE_MARGIN_PT;
  readonly width = A4_WIDTH_PT - 2 * PAGE_MARGIN_PT;
  readonly bottom = A4_HEIGHT_PT - PAGE_MARGIN_PT;

  constructor(font: PdfFont, meta: DocumentMeta) {
    this.doc = new PDFDocument({
      ...PAGE_OPTIONS,
      // The CJK face is the default font, so pdfkit never loads (or embeds) Helvetica.
      // pdfkit takes a parsed fontkit font anywhere it takes a file (its types say string).
      font: font as unknown as string,
      bufferPages: true,
      compress: meta.isCompressed,
      lang: 'zh-CN',
      displayTitle: true,
      // CreationDate also seeds the file ID: a fixed date gives byte-identical output.
      info: { Title: meta.title, Subject: meta.subject, Author: meta.author, Creator: 'zhengwu-kiosk', CreationDate: meta.createdAt },
    });
  }

  /** Sets what drawing `style` needs; colours only when they change (each costs bytes). */
  #use(style: TextStyle): void {
    this.doc.fontSize(style.size);
    if (style.color !== this.#color) {
      this.doc.fillColor(style.color);
      this.#color = style.color;
    }
    if (style.isBold === true) this.doc.lineWidth(style.size * BOLD_STROKE_PER_PT).strokeColor(style.color);
  }

  /** Fill colour last set on the current page; a new page starts from the default. */
  #color = '';

  #options(style: TextStyle, width: number, align: Para['align']): PDFKit.Mixins.TextOptions {
    return {
      width,
      lineGap: style.lineGap,
      characterSpacing: style.characterSpacing ?? 0,
      align: align ?? 'left',
      height: Number.POSITIVE_INFINITY,
      fill: true,
      stroke: style.isBold === true,
    };
  }

  /** Height of paragraphs set in `width`. */
  measure(paras: readonly Para[], width: number): number {
    let height = 0;
    for (const para of paras) {
      this.doc.fontSize(para.style.size);
      height += this.doc.heightOfString(para.text, this.#options(para.style, width, para.align)) + (para.gapAfter ?? 0);
    }
    return height;
  }

  /** Draws paragraphs at an exact place; never breaks the page (callers measured first). */
  draw(paras: readonly Para[], x: number, top: number, width: number): void {
    let y = top;
    for (const para of paras) {
      this.#use(para.style);
      const options = this.#options(para.style, width, para.align);
      this.doc.text(para.text, x, y, options);
      y += this.doc.heightOfString(para.text, options) + (para.gapAfter ?? 0);
    }
  }

  /**
   * A new A4 page; `landscape` turns the sheet (a landscape scan printed at its real size).
   * The flow's geometry (`width`, `bottom`) stays portrait: landscape pages are drawn at
   * explicit places, never flowed.
   */
  newPage(layout: 'portrait' | 'landscape' = 'portrait'): void {
    this.doc.addPage(layout === 'portrait' ? undefined : { ...PAGE_OPTIONS, layout });
    this.#color = '';
    this.y = PAGE_MARGIN_PT;
  }

  /** Goes back to a buffered page (`doc.bufferedPageRange()` numbering) to draw on it. */
  switchToPage(index: number): void {
    this.doc.switchToPage(index);
    // The page's stream ended in a colour this object no longer knows.
    this.#color = '';
  }

  /** `text` cut to one line of `width` in `style`, with an ellipsis when it had to be cut. */
  fitLine(text: string, style: TextStyle, width: number): string {
    this.doc.fontSize(style.size);
    const spacing = { characterSpacing: style.characterSpacing ?? 0 };
    // A hair of slack: the line breaker must not find the measured line a rounding too long.
    const room = width - 0.5;
    if (this.doc.widthOfString(text, spacing) <= room) return text;
    const chars = [...text];
    while (chars.length > 0 && this.doc.widthOfString(`${chars.join('')}…`, spacing) > room) chars.pop();
    return `${chars.join('')}…`;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > PAGE_MARGIN_PT) this.newPage();
  }

  /** Places a block, on the next page when it does not fit here. */
  place(block: Block): void {
    this.ensure(block.height);
    block.draw(this.y);
    this.y += block.height;
  }

  /** A block of paragraphs, indented by `indent` and with a hanging `label` (list number). */
  paragraphBlock(paras: readonly Para[], options: { readonly indent?: number; readonly label?: Para; readonly gapAfter?: number } = {}): Block {
    const indent = options.indent ?? 0;
    const width = this.width - indent;
    const height = Math.max(this.measure(paras, width), options.label === undefined ? 0 : this.measure([options.label], indent)) + (options.gapAfter ?? 0);
    return {
      height,
      draw: (top) => {
        if (options.label !== undefined) this.draw([options.label], this.left, top, indent);
        this.draw(paras, this.left + indent, top, width);
      },
    };
  }

  /** A section heading with a rule under it, kept on the page of what follows. */
  heading(text: string, keepWithNext: number): void {
    const style = STYLES.heading;
    this.#use(style);
    const height = this.doc.currentLineHeight(true) + 7;
    this.ensure(height + keepWithNext);
    if (this.y > PAGE_MARGIN_PT) this.y += 8;
    this.doc.save().rect(this.left, this.y + 2, 3, this.doc.currentLineHeight() - 3).fill('#000000').restore();
    this.draw([{ text, style }], this.left + 8, this.y, this.width - 8);
    this.y += height - 4;
    this.rule(this.y, 0.6, '#000000');
    this.y += 5;
  }

  rule(y: number, lineWidth = 0.5, color = RULE_COLOR): void {
    this.doc.save().moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(lineWidth).strokeColor(color).stroke().restore();
  }

  /**
   * A row of cells with a grid; every cell is padded and top-aligned. A `null` cell draws
   * nothing: the caller covers that column with a box spanning several rows.
   */
  row(columns: readonly Column[], cells: readonly (readonly Para[] | null)[], options: { readonly fill?: string | null; readonly fills?: readonly (string | null)[] } = {}): Row {
    const height = Math.max(...cells.map((paras, i) => this.measure(paras ?? [], (columns[i]?.width ?? 0) - 2 * CELL_PAD_X_PT))) + 2 * CELL_PAD_Y_PT;
    const placed = (top: number) => {
      let x = this.left;
      return cells.map((paras, i) => {
        const width = columns[i]?.width ?? 0;
        const cell = { paras, align: columns[i]?.align, box: { x, y: top, width, height, fill: options.fills?.[i] ?? options.fill ?? null } };
        x += width;
        return cell;
      });
    };
    const boxes = (top: number): Box[] => placed(top).flatMap((cell) => (cell.paras === null ? [] : [cell.box]));
    const text = (top: number): void => {
      for (const { paras, align, box } of placed(top)) {
        if (paras === null) continue;
        this.draw(align === undefined ? paras : paras.map((p) => ({ ...p, align })), box.x + CELL_PAD_X_PT, top + CELL_PAD_Y_PT, box.width - 2 * CELL_PAD_X_PT);
      }
    };
    return {
      height,
      boxes,
      text,
      draw: (top) => {
        this.grid(boxes(top));
        text(top);
      },
    };
  }

  /**
   * Cell backgrounds and rules in one path each: a box per cell with its own graphics state
   * would cost ~100 bytes a cell in the page stream.
   */
  grid(boxes: readonly Box[]): void {
    const doc = this.doc.save();
    const fills = new Map<string, Box[]>();
    for (const box of boxes) if (box.fill !== null) fills.set(box.fill, [...(fills.get(box.fill) ?? []), box]);
    for (const [fill, filled] of fills) {
      for (const box of filled) doc.rect(box.x, box.y, box.width, box.height);
      doc.fill(fill);
    }
    for (const box of boxes) doc.rect(box.x, box.y, box.width, box.height);
    doc.lineWidth(0.5).strokeColor(RULE_COLOR).stroke().restore();
  }

  /**
   * A table: rows never split; when the next row does not fit, the table continues on a new
   * page under a repeated header. A row taller than a page cannot happen with the catalogue's
   * length limits (200 characters a field, 6 common mistakes).
   */
  table(header: Block, rows: readonly Block[]): void {
    this.ensure(header.height + (rows[0]?.height ?? 0));
    this.place(header);
    for (const row of rows) {
      if (this.y + row.height > this.bottom) {
        this.newPage();
        this.place(header);
      }
      this.place(row);
    }
  }

  /** Running header and footer with "第 N 页 共 M 页" on every page, once the count is known. */
  decoratePages(decoration: PageDecoration): number {
    const range = this.doc.bufferedPageRange();
    const style = STYLES.marginalia;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.switchToPage(i);
      const page = `第 ${i - range.start + 1} 页 共 ${range.count} 页`;
      this.draw([{ text: decoration.header[0], style }], this.left, HEADER_Y_PT, this.width);
      this.draw([{ text: decoration.header[1], style, align: 'right' }], this.left, HEADER_Y_PT, this.width);
      this.rule(HEADER_Y_PT + 12, 0.4);
      this.rule(FOOTER_Y_PT - 4, 0.4);
      this.draw([{ text: decoration.footer[0], style }], this.left, FOOTER_Y_PT, this.width);
      this.draw([{ text: page, style, align: 'center' }], this.left, FOOTER_Y_PT, this.width);
      this.draw([{ text: decoration.footer[1], style, align: 'right' }], this.left, FOOTER_Y_PT, this.width);
    }
    return range.count;
  }

  /** Ends the document and collects its bytes. */
  finish(): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
