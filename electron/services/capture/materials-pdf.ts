/**
 * An application's materials (申请材料) as one A4 PDF for the case file: a cover sheet with
 * the service item, the case reference, the masked applicant, the terminal and the time,
 * and a table of the materials with their page counts; then every captured page at its real
 * size, as a photocopy would give it. The pages are embedded as the JPEGs they are (pdfkit
 * writes them as DCTDecode streams without decoding), so the file is the sum of its pages
 * plus the cover's few kilobytes. Nothing personal is written but the name the caller has
 * already masked (reliability.md R-P2), and never into the document's metadata.
 * Runs in Node only (pdfkit), never in the renderer.
 */
import createDebug from 'debug';
import { hallTime } from '../clock.js';
import {
  A4_HEIGHT_PT,
  A4_WIDTH_PT,
  type Column,
  HEADER_FILL,
  PAGE_MARGIN_PT,
  PT_PER_MM,
  type Para,
  PdfFlow,
  STYLES,
  loadPdfFont,
} from '../documents/pdf-layout.js';

const debug = createDebug('kiosk:services:capture');

export interface MaterialPage {
  /** The straightened page as a JPEG (starts FF D8), embedded byte for byte. */
  readonly jpeg: Uint8Array;
  /** Must match the JPEG's frame header. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** The resolution the page was straightened at; with the pixels, its size on paper. */
  readonly dpi: number;
}

/**
 * `fullPage`: one page per sheet (A4 documents, landscape scans on a landscape sheet);
 * `card`: up to two pages per sheet one above the other, as the front and back of an ID
 * card are photocopied.
 */
export type MaterialLayout = 'fullPage' | 'card';

export interface MaterialForPdf {
  /** As the guide names it: 居民身份证, 户口簿 … */
  readonly name: string;
  readonly pages: readonly MaterialPage[];
  /** Default `fullPage`. */
  readonly layout?: MaterialLayout;
}

export interface MaterialsPdfOptions {
  readonly hallName: string;
  readonly terminalId: string;
  /** The service item applied for (事项名称). */
  readonly itemName: string;
  /** Masked by `maskName` before it gets here (`张*`); a name without `*` is refused. */
  readonly applicantMaskedName?: string;
  /** The case or receipt reference (办件编号), once the application has one. */
  readonly reference?: string;
  /** Shown on the cover and stored as the PDF's CreationDate (fixed in tests). */
  readonly createdAt: Date;
  /** Folder with `fonts/NotoSansSC-Regular-subset.otf` (the kiosk's `assetsDir`). */
  readonly assetsDir: string;
  /** IANA zone the cover's time is shown in; default Asia/Shanghai. */
  readonly timeZone?: string;
  /** Deflate the page streams (default true); tests turn it off to read the PDF as text. */
  readonly isCompressed?: boolean;
}

export interface MaterialsPdf {
  readonly bytes: Uint8Array;
  /** Sheets in the PDF, cover included. */
  readonly pages: number;
}

/** Every material of an application: a cover with the list of materials, then their pages. */
export function buildMaterialsPdf(materials: readonly MaterialForPdf[], options: MaterialsPdfOptions): Promise<MaterialsPdf> {
  return build(materials, options, 'list');
}

/** One material on its own (re-sending a corrected material): a short cover, then its pages. */
export function buildMaterialPdf(material: MaterialForPdf, options: MaterialsPdfOptions): Promise<MaterialsPdf> {
  return build([material], options, 'single');
}

type CoverForm = 'list' | 'single';

/** Real size is kept unless a page is larger than the room it gets; then it is shrunk to fit. */
const CARDS_PER_SHEET = 2;
const CARD_GAP_PT = 15 * PT_PER_MM;
/** Running header and footer sit in the outer 6–9 mm, where documents leave their margin. */
const HEADER_TOP_PT = 6 * PT_PER_MM;
const FOOTER_BOTTOM_PT = 6 * PT_PER_MM;
/** A page this far inside every edge of its sheet gets a hairline frame, as a copy shows its edge. */
const FRAME_INSET_PT = 5 * PT_PER_MM;
const FRAME_COLOR = '#999999';

interface Placement {
  readonly page: MaterialPage;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One sheet of material pages: pages `first`…`last` (1-based) of material `material`. */
interface Sheet {
  readonly material: number;
  readonly first: number;
  readonly last: number;
  readonly orientation: 'portrait' | 'landscape';
  readonly placements: readonly Placement[];
}

async function build(materials: readonly MaterialForPdf[], options: MaterialsPdfOptions, form: CoverForm): Promise<MaterialsPdf> {
  const started = performance.now();
  checkInput(materials, options);
  const sheets = materials.flatMap((material, i) => planSheets(material, i));
  const time = hallTime(options.createdAt.getTime(), options.timeZone ?? 'Asia/Shanghai').display;
  const font = await loadPdfFont(options.assetsDir);
  const pageCount = materials.reduce((sum, material) => sum + material.pages.length, 0);
  const meta = {
    // No name and no reference: viewers and print queues show the metadata to anyone.
    title: `${options.itemName} 申请材料`,
    subject: `申请材料 ${materials.length} 项 ${pageCount} 页`,
    author: options.hallName,
    createdAt: options.createdAt,
    isCompressed: options.isCompressed ?? true,
  };

  // The cover's table says on which sheets each material is, so it must know how many pages
  // the cover itself takes: one, unless there are more materials than fit on a page. A cover
  // that turns out longer is laid out once more with its real length (the page numbers do not
  // change the table's row heights).
  let coverPages = 1;
  let flow = new PdfFlow(font, meta);
  drawCover(flow, materials, sheets, coverPages, { ...options, time, form });
  const drawn = flow.doc.bufferedPageRange().count;
  if (drawn !== coverPages) {
    coverPages = drawn;
    flow = new PdfFlow(font, meta);
    drawCover(flow, materials, sheets, coverPages, { ...options, time, form });
  }

  for (const sheet of sheets) {
    flow.newPage(sheet.orientation);
    drawSheet(flow, sheet);
  }
  const pages = decorate(flow, materials, sheets, coverPages, options, form);
  const bytes = await flow.finish();
  debug('materials PDF: %d material(s), %d page(s) on %d sheet(s), %d bytes in %d ms', materials.length, pageCount, pages, bytes.byteLength, Math.round(performance.now() - started));
  return { bytes, pages };
}

// ---------------------------------------------------------------------------------------------
// Input

/** Bugs in the caller: each check names the material and page, never the applicant. */
function checkInput(materials: readonly MaterialForPdf[], options: MaterialsPdfOptions): void {
  if (materials.length === 0) throw new RangeError('no materials to put in the PDF');
  if (options.itemName.trim() === '') throw new RangeError('itemName is empty');
  if (options.applicantMaskedName !== undefined && !options.applicantMaskedName.includes('*')) {
    // The value stays out of the message: it may be the very name that must not be logged.
    throw new RangeError('applicantMaskedName is not masked (no *): pass it through maskName first');
  }
  if (Number.isNaN(options.createdAt.getTime())) throw new RangeError('createdAt is not a valid date');
  materials.forEach((material, m) => {
    const what = `material ${m + 1} (${material.name})`;
    if (material.name.trim() === '') throw new RangeError(`material ${m + 1} has no name`);
    if (material.pages.length === 0) throw new RangeError(`${what} has no pages`);
    material.pages.forEach((page, i) => checkPage(page, `${what} page ${i + 1}`));
  });
}

function checkPage(page: MaterialPage, what: string): void {
  if (!Number.isInteger(page.widthPx) || !Number.isInteger(page.heightPx) || page.widthPx <= 0 || page.heightPx <= 0) {
    throw new RangeError(`${what}: size ${page.widthPx}×${page.heightPx} px is not a positive whole number of pixels`);
  }
  if (!Number.isFinite(page.dpi) || page.dpi <= 0) throw new RangeError(`${what}: dpi ${page.dpi} is not a positive number`);
  if (page.jpeg.byteLength < 4 || page.jpeg[0] !== 0xff || page.jpeg[1] !== 0xd8) {
    throw new RangeError(`${what} is not a JPEG (it does not start with the FF D8 start-of-image marker)`);
  }
  const frame = jpegFrame(page.jpeg);
  if (frame === undefined) throw new RangeError(`${what}: no JPEG frame header before the image data (truncated or not a JPEG)`);
  if (frame.components !== 1 && frame.components !== 3) {
    throw new RangeError(`${what}: a JPEG with ${frame.components} colour components (only grey or colour)`);
  }
  if (frame.width !== page.widthPx || frame.height !== page.heightPx) {
    throw new RangeError(`${what}: declared ${page.widthPx}×${page.heightPx} px but the JPEG is ${frame.width}×${frame.height} px`);
  }
}

/**
 * The frame header (SOF, ITU-T T.81 §B.2.2) of a JPEG: the size pdfkit will read. pdfkit's
 * own parser throws bare strings ("Invalid JPEG.") on a broken file, so the pages are read
 * here first and a bad one is refused with a RangeError that names it.
 */
function jpegFrame(jpeg: Uint8Array): { width: number; height: number; components: number } | undefined {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  let at = 2;
  while (at + 4 <= view.byteLength) {
    if (view.getUint8(at) !== 0xff) return undefined;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM and RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Scan data or the end before any frame header.
    if (marker === 0xda || marker === 0xd9) return undefined;
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 10 > view.byteLength) return undefined;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7), components: view.getUint8(at + 9) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sheets

/** A page's size on paper, pt. */
function realSize(page: MaterialPage): { width: number; height: number } {
  return { width: (page.widthPx / page.dpi) * 72, height: (page.heightPx / page.dpi) * 72 };
}

/** The scale that fits `size` in a `width` × `height` room, never enlarging. */
function fit(size: { width: number; height: number }, width: number, height: number): number {
  return Math.min(1, width / size.width, height / size.height);
}

function planSheets(material: MaterialForPdf, index: number): Sheet[] {
  const layout = material.layout ?? 'fullPage';
  switch (layout) {
    case 'fullPage':
      return material.pages.map((page, i) => fullPageSheet(page, index, i + 1));
    case 'card':
      return cardSheets(material.pages, index);
    default: {
      const never: never = layout;
      throw new RangeError(`unknown layout ${String(never)}`);
    }
  }
}

/** One page centred on its own sheet, turned landscape when that keeps more of its size. */
function fullPageSheet(page: MaterialPage, material: number, number: number): Sheet {
  const size = realSize(page);
  const portrait = fit(size, A4_WIDTH_PT, A4_HEIGHT_PT);
  // A4 at 150 dpi is 1240 × 1754 px, 0.03 pt taller than the sheet: a hair's shrink, not a turn.
  const orientation = fit(size, A4_HEIGHT_PT, A4_WIDTH_PT) > portrait * 1.01 ? 'landscape' : 'portrait';
  const [sheetWidth, sheetHeight] = orientation === 'portrait' ? [A4_WIDTH_PT, A4_HEIGHT_PT] : [A4_HEIGHT_PT, A4_WIDTH_PT];
  const scale = fit(size, sheetWidth, sheetHeight);
  const width = size.width * scale;
  const height = size.height * scale;
  return {
    material,
    first: number,
    last: number,
    orientation,
    placements: [{ page, x: (sheetWidth - width) / 2, y: (sheetHeight - height) / 2, width, height }],
  };
}

/**
 * Cards at real size, up to two a sheet one above the other inside the page margins, the
 * pair centred on the sheet; a page too tall to share a sheet gets one of its own.
 */
function cardSheets(pages: readonly MaterialPage[], material: number): Sheet[] {
  const roomWidth = A4_WIDTH_PT - 2 * PAGE_MARGIN_PT;
  const roomHeight = A4_HEIGHT_PT - 2 * PAGE_MARGIN_PT;
  const groups: { page: MaterialPage; number: number; width: number; height: number }[][] = [];
  let group: (typeof groups)[number] = [];
  const stacked = (cards: typeof group): number => cards.reduce((sum, card) => sum + card.height, 0) + CARD_GAP_PT * Math.max(0, cards.length - 1);
  pages.forEach((page, i) => {
    const size = realSize(page);
    const scale = fit(size, roomWidth, roomHeight);
    const card = { page, number: i + 1, width: size.width * scale, height: size.height * scale };
    if (group.length > 0 && (group.length === CARDS_PER_SHEET || stacked([...group, card]) > roomHeight)) {
      groups.push(group);
      group = [];
    }
    group.push(card);
  });
  groups.push(group);
  return groups.map((cards) => {
    let y = (A4_HEIGHT_PT - stacked(cards)) / 2;
    const placements = cards.map((card) => {
      const placement = { page: card.page, x: (A4_WIDTH_PT - card.width) / 2, y, width: card.width, height: card.height };
      y += card.height + CARD_GAP_PT;
      return placement;
    });
    return { material, first: cards[0]?.number ?? 1, last: cards.at(-1)?.number ?? 1, orientation: 'portrait' as const, placements };
  });
}

function drawSheet(flow: PdfFlow, sheet: Sheet): void {
  const doc = flow.doc;
  for (const { page, x, y, width, height } of sheet.placements) {
    // The capture pipeline has already turned the pixels upright: an EXIF orientation left
    // in the file must not turn them again (pdfkit would, and swap width and height).
    const placement: PDFKit.Mixins.ImageOption & { ignoreOrientation: boolean } = { width, height, ignoreOrientation: true };
    doc.image(Buffer.from(page.jpeg.buffer, page.jpeg.byteOffset, page.jpeg.byteLength), x, y, placement);
    const isInside = x >= FRAME_INSET_PT && y >= FRAME_INSET_PT && x + width <= doc.page.width - FRAME_INSET_PT && y + height <= doc.page.height - FRAME_INSET_PT;
    if (isInside) doc.save().rect(x, y, width, height).lineWidth(0.4).strokeColor(FRAME_COLOR).stroke().restore();
  }
}

// ---------------------------------------------------------------------------------------------
// Cover

const p = (text: string, style: Para['style'], gapAfter?: number): Para => (gapAfter === undefined ? { text, style } : { text, style, gapAfter });

/** Sheets of the PDF (1-based, cover first) that hold material `material`: `第 3 页`, `第 3–4 页`. */
function sheetRange(sheets: readonly Sheet[], material: number, coverPages: number): string {
  const numbers = sheets.flatMap((sheet, i) => (sheet.material === material ? [coverPages + i + 1] : []));
  return pageRange(numbers[0] ?? 0, numbers.at(-1) ?? 0);
}

function pageRange(first: number, last: number): string {
  return first === last ? `第 ${first} 页` : `第 ${first}–${last} 页`;
}

interface CoverText extends MaterialsPdfOptions {
  readonly time: string;
  readonly form: CoverForm;
}

function drawCover(flow: PdfFlow, materials: readonly MaterialForPdf[], sheets: readonly Sheet[], coverPages: number, cover: CoverText): void {
  const pageCount = materials.reduce((sum, material) => sum + material.pages.length, 0);
  const total = coverPages + sheets.length;
  const single = materials[0];

  // A cover sheet: the title block a little below the top margin, as on a printed form.
  flow.y += 14 * PT_PER_MM;
  flow.place(flow.paragraphBlock([{ ...p('申 请 材 料', STYLES.kicker, 8), align: 'center' }]));
  flow.place(flow.paragraphBlock([{ ...p(cover.itemName, STYLES.title), align: 'center' }], { gapAfter: 6 }));
  const summary =
    cover.form === 'single' && single !== undefined
      ? `${single.name}  ·  ${single.pages.length} 页`
      : `材料 ${materials.length} 项  ·  ${pageCount} 页`;
  flow.place(flow.paragraphBlock([{ ...p(summary, STYLES.note), align: 'center' }], { gapAfter: 10 * PT_PER_MM }));

  const label = 92;
  const columns: Column[] = [{ width: label }, { width: flow.width - label }];
  const rows: [string, string][] = [['办理事项', cover.itemName]];
  if (cover.form === 'single' && single !== undefined) {
    rows.push(['材料名称', single.name], ['页数', `${single.pages.length} 页（本文件${sheetRange(sheets, 0, coverPages)}）`]);
  }
  if (cover.reference !== undefined) rows.push(['办件编号', cover.reference]);
  if (cover.applicantMaskedName !== undefined) rows.push(['申请人', cover.applicantMaskedName]);
  rows.push(['办理地点', cover.hallName], ['自助终端', cover.terminalId], ['生成时间', cover.time], ['文件页数', `共 ${total} 页（含封面 ${coverPages} 页）`]);
  const info = rows.map(([name, value]) => flow.row(columns, [[p(name, STYLES.cellStrong)], [p(value, STYLES.cell)]], { fills: [HEADER_FILL, null] }));
  flow.heading('基本信息', info[0]?.height ?? 0);
  for (const row of info) flow.place(row);

  if (cover.form === 'list') materialList(flow, materials, sheets, coverPages, pageCount);

  const isShrunk = sheets.some((sheet) => sheet.placements.some((placed) => placed.width < realSize(placed.page).width * 0.995));
  const notes = [`本文件由自助终端采集的材料图像生成，各页按原件实际尺寸排版${isShrunk ? '（大于纸张的页面按比例缩小）' : ''}。`];
  if (materials.some((material) => material.layout === 'card')) notes.push('证件的正面与背面排在同一页，如同复印件。');
  if (cover.applicantMaskedName !== undefined) notes.push('申请人姓名已作脱敏处理。');
  notes.push('仅供本事项受理、审查使用。');
  flow.y += 6;
  flow.place(flow.paragraphBlock([p(`说明：${notes.join('')}`, STYLES.note)]));
}

function materialList(flow: PdfFlow, materials: readonly MaterialForPdf[], sheets: readonly Sheet[], coverPages: number, pageCount: number): void {
  const widths = { number: 36, pages: 56, where: 96 };
  const columns: Column[] = [
    { width: widths.number, align: 'center' },
    { width: flow.width - widths.number - widths.pages - widths.where },
    { width: widths.pages, align: 'center' },
    { width: widths.where, align: 'center' },
  ];
  const header = flow.row(columns, ['序号', '材料名称', '页数', '所在页码'].map((text) => [p(text, STYLES.cellStrong)]), { fill: HEADER_FILL });
  const rows = materials.map((material, i) =>
    flow.row(columns, [
      [p(String(i + 1), STYLES.cell)],
      [p(material.name, STYLES.cell)],
      [p(String(material.pages.length), STYLES.cell)],
      [p(sheetRange(sheets, i, coverPages), STYLES.cell)],
    ]),
  );
  const totals = flow.row(
    columns,
    [[p('合计', STYLES.cellStrong)], [p(`${materials.length} 项材料`, STYLES.cellStrong)], [p(String(pageCount), STYLES.cellStrong)], [p(pageRange(coverPages + 1, coverPages + sheets.length), STYLES.cellStrong)]],
    { fill: HEADER_FILL },
  );
  flow.heading('材料清单', header.height + (rows[0]?.height ?? 0));
  flow.table(header, [...rows, totals]);
}

// ---------------------------------------------------------------------------------------------
// Running header and footer

/**
 * On every sheet: what it holds on the left (`材料 2/3 户口簿 第 1/2 页`), the reference or the
 * item on the right, `第 x 页 共 y 页` below. Each on a white ground: a scan's edge may be
 * grey, and the label must stay legible on it.
 */
function decorate(flow: PdfFlow, materials: readonly MaterialForPdf[], sheets: readonly Sheet[], coverPages: number, options: MaterialsPdfOptions, form: CoverForm): number {
  const range = flow.doc.bufferedPageRange();
  const right = options.reference === undefined ? options.itemName : `办件编号 ${options.reference}`;
  for (let i = 0; i < range.count; i++) {
    flow.switchToPage(range.start + i);
    const sheet = i < coverPages ? undefined : sheets[i - coverPages];
    const material = sheet === undefined ? undefined : materials[sheet.material];
    let left = options.hallName;
    if (sheet !== undefined && material !== undefined) {
      const pages = sheet.first === sheet.last ? `${sheet.first}` : `${sheet.first}–${sheet.last}`;
      const which = form === 'list' ? `材料 ${sheet.material + 1}/${materials.length} ` : '';
      left = `${which}${material.name} 第 ${pages}/${material.pages.length} 页`;
    }
    const { width, height } = flow.doc.page;
    const inner = width - 2 * PAGE_MARGIN_PT;
    const footerTop = height - FOOTER_BOTTOM_PT - STYLES.marginalia.size * 1.2;
    // The left label is what matters; the right one gets what it leaves.
    const leftText = flow.fitLine(left, STYLES.marginalia, inner * 0.62);
    marginalia(flow, leftText, PAGE_MARGIN_PT, HEADER_TOP_PT, inner, 'left');
    marginalia(flow, flow.fitLine(right, STYLES.marginalia, inner * 0.35), PAGE_MARGIN_PT, HEADER_TOP_PT, inner, 'right');
    marginalia(flow, `第 ${i + 1} 页 共 ${range.count} 页`, PAGE_MARGIN_PT, footerTop, inner, 'center');
  }
  return range.count;
}

function marginalia(flow: PdfFlow, text: string, x: number, top: number, width: number, align: 'left' | 'center' | 'right'): void {
  const style = STYLES.marginalia;
  const doc = flow.doc.fontSize(style.size);
  const textWidth = doc.widthOfString(text);
  const left = align === 'left' ? x : align === 'right' ? x + width - textWidth : x + (width - textWidth) / 2;
  const pad = 1.5;
  doc.save().rect(left - pad, top - pad, textWidth + 2 * pad, doc.currentLineHeight(true) + 2 * pad).fill('#ffffff').restore();
  flow.draw([{ text, style, align }], x, top, width);
}
