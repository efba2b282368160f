/**
 * The A4 documents of a self-service application (issue #6), on the layout kit the guide uses:
 * - 受理通知书 (acceptance notice), printed in the hall once an application is submitted;
 * - 一次性告知书 (one-time notice), printed when materials are missing: every missing
 *   material at once, with why, where to get it and what goes wrong most often;
 * - 告知承诺书 (signed commitment), sent to the platform with the application, never printed
 *   in the hall: it carries the full name and ID number and the drawn signature.
 * The printed two take the applicant already masked (reliability.md R-P2) and refuse an
 * unmasked ID number. Text that comes from people rather than templates goes through
 * `printableText`, so a character beyond the font prints as □, never as a missing glyph.
 * Nothing personal goes into the PDF metadata or the log. Runs in Node only (pdfkit).
 */
import createDebug from 'debug';
import { hallTime } from '../clock.js';
import { qrPath } from '../printing/qr-path.js';
import {
  type Block,
  type Box,
  CELL_PAD_Y_PT,
  type Column,
  HEADER_FILL,
  PT_PER_MM,
  type Para,
  PdfFlow,
  type Row,
  STYLES,
  loadPdfFont,
  printableText,
} from './pdf-layout.js';

const debug = createDebug('kiosk:services:documents');

export interface ApplicationPdfOptions {
  readonly hallName: string;
  readonly terminalId: string;
  /** Printed in the footer and stored as the PDF's CreationDate (fixed in tests). */
  readonly printedAt: Date;
  /** Folder with `fonts/NotoSansSC-Regular-subset.otf` (the kiosk's `assetsDir`). */
  readonly assetsDir: string;
  /** IANA zone the footer's time is shown in; default Asia/Shanghai. */
  readonly timeZone?: string;
  /** Deflate the page streams (default true); tests turn it off to read the PDF as text. */
  readonly isCompressed?: boolean;
}

export interface ApplicationPdf {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

/** How a material was provided, as the application recorded it. */
export type MaterialProvision = 'captured' | 'shared' | 'deferred' | 'notApplicable';

export interface AcceptanceNoticeData {
  readonly itemName: string;
  readonly itemCode: string;
  readonly departmentName: string;
  /** The accepting body, signed at the foot (落款). */
  readonly implementingBody: string;
  /** 申报编号, always known. */
  readonly reference: string;
  /** 办件编号; null while the platform has not answered. */
  readonly caseNumber: string | null;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly submittedAtDisplay: string;
  /** 承诺办结日期 `YYYY-MM-DD`; null when on the spot or not known yet. */
  readonly promisedDate: string | null;
  /** Working days; 0 is 即办. */
  readonly promisedDays: number;
  readonly statutoryDays: number;
  readonly collectionMethod: string;
  readonly place: string;
  readonly hours: string;
  readonly phone: string;
  /** Masked by `maskName` / `maskIdNumber` before they get here. */
  readonly applicantMaskedName: string;
  readonly applicantMaskedIdNumber: string;
  readonly agentMaskedName: string | null;
  readonly materials: readonly {
    readonly name: string;
    readonly provision: MaterialProvision;
    /** `deferred`: `YYYY-MM-DD`. */
    readonly promiseDate: string | null;
    /** `captured`: pages taken at the terminal. */
    readonly pageCount: number;
  }[];
  /** Progress lookup QR text; null: look up with the ID card at a terminal. */
  readonly qrPayload: string | null;
}

export interface OneTimeNoticeData {
  readonly itemName: string;
  readonly itemCode: string;
  readonly departmentName: string;
  readonly implementingBody: string;
  readonly noticeNumber: string;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly issuedAtDisplay: string;
  /** Masked; null when no ID card was read. */
  readonly applicantMaskedName: string | null;
  readonly missing: readonly {
    readonly name: string;
    /** Why it is needed or why what was shown does not do. */
    readonly reason: string;
    /** Where and how to get it (出具单位 / 来源渠道). */
    readonly source: string;
    /** 原件, 复印件, 原件和复印件 … */
    readonly form: string;
    readonly copies: number;
    readonly sampleDescription: string | null;
    readonly commonMistakes: readonly string[];
  }[];
  readonly provided: readonly { readonly name: string; readonly provision: MaterialProvision }[];
  readonly place: string;
  readonly hours: string;
  readonly phone: string;
  readonly onlineUrl: string;
}

export interface CommitmentPdfData {
  readonly title: string;
  readonly itemName: string;
  readonly clauses: readonly string[];
  /** Full name and ID number: this document goes to the platform only. */
  readonly applicantName: string;
  readonly applicantIdNumber: string;
  readonly agentName: string | null;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly signedAtDisplay: string;
  readonly reference: string;
  /**
   * As drawn on the pad: each stroke flat `[x0, y0, x1, y1, …]` in shares (0…1) of the pad,
   * y downwards; `aspect` is the pad's width / height.
   */
  readonly signature: { readonly aspect: number; readonly strokes: readonly (readonly number[])[] };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const p = (text: string, style: Para['style'], gapAfter?: number): Para => (gapAfter === undefined ? { text, style } : { text, style, gapAfter });

/** Two ideographic spaces: the first-line indent of Chinese official prose. */
const INDENT = '\u3000\u3000';

/** `2026-11-24` → `2026年11月24日` (time kept); anything else unchanged. */
export function chineseDate(display: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(.*)$/u.exec(display);
  if (match === null) return display;
  const [, year, month, day, rest] = match;
  return `${year}年${Number(month)}月${Number(day)}日${rest ?? ''}`;
}

function days(n: number): string {
  return n === 0 ? '即办' : `${n} 个工作日`;
}

interface Started {
  readonly flow: PdfFlow;
  /** Text from people or the platform, made printable in this font. */
  readonly t: (text: string) => string;
  readonly printed: string;
}

async function start(options: ApplicationPdfOptions, title: string, subject: string): Promise<Started> {
  const font = await loadPdfFont(options.assetsDir);
  const flow = new PdfFlow(font, {
    title,
    subject,
    author: options.hallName,
    createdAt: options.printedAt,
    isCompressed: options.isCompressed ?? true,
  });
  const printed = hallTime(options.printedAt.getTime(), options.timeZone ?? 'Asia/Shanghai').display;
  return { flow, t: (text) => printableText(font, text), printed };
}

/** The document's name, centred and spaced out, with the issuing body above it. */
function titleBlock(flow: PdfFlow, issuer: string, title: string, subtitle: string | null): void {
  // The kicker's wide spacing suits 4 characters, not a 20-character body name.
  flow.place(flow.paragraphBlock([{ ...p(issuer, { ...STYLES.kicker, characterSpacing: 2 }, 6), align: 'center' }]));
  flow.place(flow.paragraphBlock([{ ...p(title, { ...STYLES.title, size: 20, characterSpacing: 4 }), align: 'center' }], { gapAfter: subtitle === null ? 6 : 2 }));
  if (subtitle !== null) flow.place(flow.paragraphBlock([{ ...p(subtitle, STYLES.body), align: 'center' }], { gapAfter: 6 }));
}

/** A line on the right: the document's number, as official letters carry it. */
function numberLine(flow: PdfFlow, text: string, gapAfter = 10): void {
  flow.place(flow.paragraphBlock([{ ...p(text, STYLES.body), align: 'right' }], { gapAfter }));
}

const SECTION_GAP_PT = 6;

/** A small section title (一、申请信息) kept on the page of what follows. */
function section(flow: PdfFlow, text: string, keepWithNext: number): void {
  const block = flow.paragraphBlock([p(text, STYLES.strong)], { gapAfter: 3 });
  flow.ensure(SECTION_GAP_PT + block.height + keepWithNext);
  flow.y += SECTION_GAP_PT;
  flow.place(block);
}

const LABEL_WIDTH_PT = 78;

/** A label and its value; a table row holds one (spanning the table) or two side by side. */
type Field = readonly [string, readonly Para[]];

/**
 * A table of label and value cells, label cells grey, `width` wide from the left margin
 * (default the whole line). A row of two fields splits the width in two halves.
 */
function infoTable(flow: PdfFlow, rows: readonly (Field | readonly [Field, Field])[], width = flow.width): Row[] {
  const half = (width - 2 * LABEL_WIDTH_PT) / 2;
  const label = (text: string): Para[] => [p(text, STYLES.cellStrong)];
  const grey = HEADER_FILL;
  return rows.map((row) => {
    if (typeof row[0] === 'string') {
      const [name, value] = row as Field;
      return flow.row([{ width: LABEL_WIDTH_PT }, { width: width - LABEL_WIDTH_PT }], [label(name), value], { fills: [grey, null] });
    }
    const [[nameA, valueA], [nameB, valueB]] = row as readonly [Field, Field];
    const columns: Column[] = [{ width: LABEL_WIDTH_PT }, { width: half }, { width: LABEL_WIDTH_PT }, { width: half }];
    return flow.row(columns, [label(nameA), valueA, label(nameB), valueB], { fills: [grey, null, grey, null] });
  });
}

function placeAll(flow: PdfFlow, blocks: readonly Block[]): void {
  for (const block of blocks) flow.place(block);
}

/** 落款: the issuing body and the date, centred on each other at the right; the note below. */
function signOff(flow: PdfFlow, body: string, date: string, note: string): void {
  const width = Math.min(flow.width * 0.5, 240);
  const paras = [{ ...p(body, STYLES.body, 2), align: 'center' as const }, { ...p(date, STYLES.body), align: 'center' as const }];
  const height = flow.measure(paras, width) + 18;
  const explanation = flow.paragraphBlock([p(`说明：${note}`, STYLES.note)]);
  // The signature and its note go together: a page holding only the note would look unsigned.
  flow.ensure(height + explanation.height);
  flow.place({ height, draw: (top) => flow.draw(paras, flow.left + flow.width - width, top + 10, width) });
  flow.place(explanation);
}

/** A QR code as filled vector squares: sharp at any printer resolution, about 1 KB deflated. */
function drawQr(flow: PdfFlow, text: string, x: number, y: number, size: number): void {
  const qr = qrPath(text);
  flow.doc.save().translate(x, y).scale(size / qr.modules).path(qr.path).fill('#000000').restore();
}

/** Refuses an unmasked applicant: a bug in the caller, named without the value (R-P2). */
function checkMasked(maskedName: string | null, maskedIdNumber: string | null): void {
  if (maskedName !== null && [...maskedName.trim()].length > 1 && !maskedName.includes('*')) {
    throw new RangeError('applicantMaskedName is not masked (no *): pass it through maskName first');
  }
  if (maskedIdNumber !== null && !maskedIdNumber.includes('*')) {
    throw new RangeError('applicantMaskedIdNumber is not masked (no *): pass it through maskIdNumber first');
  }
}

// ---------------------------------------------------------------------------------------------
// 受理通知书

/** How each material was provided, as the notice states it. */
function acceptedProvision(material: AcceptanceNoticeData['materials'][number]): string {
  switch (material.provision) {
    case 'captured':
      return `本机拍摄 ${material.pageCount} 页`;
    case 'shared':
      return '已在政府留存，免于提交';
    case 'deferred':
      return material.promiseDate === null ? '容缺后补' : `容缺后补，${material.promiseDate} 前补交`;
    case 'notApplicable':
      return '不适用';
  }
}

/** 请于 X 前补交「A」「B」，于 Y 前补交「C」: 容缺 materials grouped by their due date. */
function deferredSentence(materials: readonly { readonly name: string; readonly promiseDate: string | null }[], t: (text: string) => string): string {
  const byDate = new Map<string, string[]>();
  for (const material of materials) {
    const date = material.promiseDate === null ? '' : chineseDate(material.promiseDate);
    byDate.set(date, [...(byDate.get(date) ?? []), `「${t(material.name)}」`]);
  }
  const parts = [...byDate].map(([date, names]) => (date === '' ? `按受理部门通知补交${names.join('')}` : `于${date}前补交${names.join('')}`));
  return `请${parts.join('，')}。逾期未补交的，按有关规定处理。`;
}

/** Renders the 受理通知书 for the A4 printer. */
export async function buildAcceptanceNoticePdf(data: AcceptanceNoticeData, options: ApplicationPdfOptions): Promise<ApplicationPdf> {
  const started = performance.now();
  checkMasked(data.applicantMaskedName, data.applicantMaskedIdNumber);
  // No name and no number in the metadata: print queues show it to anyone.
  const { flow, t, printed } = await start(options, `${data.itemName} 受理通知书`, `事项编码 ${data.itemCode}`);
  const deferred = data.materials.filter((material) => material.provision === 'deferred');

  titleBlock(flow, t(data.implementingBody), '受理通知书', null);
  if (data.caseNumber === null) {
    numberLine(flow, `申报编号：${t(data.reference)}`, 2);
    flow.place(flow.paragraphBlock([{ ...p('（办件编号待政务服务平台确认后生成，届时可凭身份证在自助终端查询）', STYLES.note), align: 'right' }], { gapAfter: 10 }));
  } else {
    numberLine(flow, `办件编号：${t(data.caseNumber)}`);
  }

  flow.place(flow.paragraphBlock([p(`${t(data.applicantMaskedName)}：`, STYLES.strong)], { gapAfter: 4 }));
  const opening = `${INDENT}您于${chineseDate(t(data.submittedAtDisplay))}通过自助终端申请的「${t(data.itemName)}」事项，`;
  const decision =
    deferred.length === 0
      ? '申请材料齐全、符合法定形式，本机关决定予以受理。'
      : `主要申请材料齐全、符合法定形式，本机关决定予以容缺受理。${deferredSentence(deferred, t)}`;
  flow.place(flow.paragraphBlock([p(opening + decision, STYLES.body)], { gapAfter: 4 }));
  let limit: string;
  if (data.promisedDays === 0) limit = '本事项为即办件，受理后即时办结。';
  else {
    limit = `本事项承诺办结时限为 ${data.promisedDays} 个工作日（法定办结时限 ${days(data.statutoryDays)}），`;
    limit += data.promisedDate === null ? '办结日期以受理部门通知为准。' : `承诺于${chineseDate(data.promisedDate)}前办结。`;
  }
  flow.place(flow.paragraphBlock([p(`${INDENT}${limit}办结后请按下列方式领取办理结果。`, STYLES.body)], { gapAfter: 4 }));

  const cell = (text: string): Para[] => [p(text, STYLES.cell)];
  const promised = data.promisedDays === 0 ? '即时办结' : data.promisedDate ?? '以受理部门通知为准';
  const numbers: readonly [Field, Field] =
    data.caseNumber === null
      ? [['申报编号', cell(t(data.reference))], ['办件编号', [p('待平台确认后生成', STYLES.note)]]]
      : [['办件编号', cell(t(data.caseNumber))], ['申报编号', cell(t(data.reference))]];
  const information = infoTable(flow, [
    ['事项名称', cell(t(data.itemName))],
    [['事项编码', cell(t(data.itemCode))], ['受理部门', cell(t(data.departmentName))]],
    numbers,
    [['申请人', cell(`${t(data.applicantMaskedName)}  ${t(data.applicantMaskedIdNumber)}`)], ['代办人', cell(data.agentMaskedName === null ? '无' : t(data.agentMaskedName))]],
    [['申报时间', cell(t(data.submittedAtDisplay))], ['承诺办结', [p(promised, STYLES.cellStrong)]]],
  ]);
  section(flow, '一、申请信息', information[0]?.height ?? 0);
  placeAll(flow, information);

  materialsTable(flow, data, t);
  collection(flow, data, t);

  signOff(
    flow,
    t(data.implementingBody),
    chineseDate(t(data.submittedAtDisplay).slice(0, 10)),
    '本通知书由自助终端根据申请人在本机提交的申请生成，未加盖印章；办件信息以政务服务平台记录为准。申请人姓名及证件号码已作脱敏处理。',
  );

  const pages = flow.decoratePages({
    header: [`${options.hallName} · ${t(data.departmentName)}`, `事项编码 ${t(data.itemCode)}`],
    footer: [`打印时间 ${printed}  终端 ${options.terminalId}`, '本通知书由自助终端生成'],
  });
  const bytes = await flow.finish();
  debug('acceptance notice %s: %d page(s), %d bytes in %d ms', data.itemCode, pages, bytes.byteLength, Math.round(performance.now() - started));
  return { bytes, pages };
}

function materialsTable(flow: PdfFlow, data: AcceptanceNoticeData, t: (text: string) => string): void {
  const widths = { number: 30, provision: 150 };
  const columns: Column[] = [{ width: widths.number, align: 'center' }, { width: flow.width - widths.number - widths.provision }, { width: widths.provision }];
  const header = flow.row(columns, ['序号', '材料名称', '提交情况'].map((text) => [p(text, STYLES.cellStrong)]), { fill: HEADER_FILL });
  const rows = data.materials.map((material, i) =>
    flow.row(columns, [
      [p(String(i + 1), STYLES.cell)],
      [p(t(material.name), STYLES.cell)],
      [p(acceptedProvision(material), material.provision === 'deferred' ? STYLES.cellStrong : STYLES.cell)],
    ]),
  );
  section(flow, '二、申请材料', header.height + (rows[0]?.height ?? 0));
  flow.table(header, rows);
}

const QR_SIZE_PT = 22 * PT_PER_MM;
const QR_BOX_WIDTH_PT = 30 * PT_PER_MM;

/**
 * 三、结果领取与进度查询: where and how to collect, and how to look up progress, with the
 * progress QR code in a cell of its own on the right when there is one.
 */
function collection(flow: PdfFlow, data: AcceptanceNoticeData, t: (text: string) => string): void {
  const hasQr = data.qrPayload !== null;
  const lookup = hasQr ? '扫描右侧二维码，或凭本人身份证在自助终端查询' : '凭本人身份证在任一自助终端查询，或拨打咨询电话';
  const cell = (text: string): Para[] => [p(text, STYLES.cell)];
  const tableWidth = hasQr ? flow.width - QR_BOX_WIDTH_PT : flow.width;
  const rows = infoTable(
    flow,
    [
      ['领取方式', cell(t(data.collectionMethod))],
      ['领取地点', cell(t(data.place))],
      ['办理时间', cell(t(data.hours))],
      ['咨询电话', cell(t(data.phone))],
      ['进度查询', cell(lookup)],
    ],
    tableWidth,
  );
  const caption = [{ ...p('扫码查询办理进度', STYLES.note), align: 'center' as const }];
  const qrHeight = hasQr ? 2 * CELL_PAD_Y_PT + QR_SIZE_PT + 2 + flow.measure(caption, QR_BOX_WIDTH_PT) : 0;
  const rowsHeight = rows.reduce((sum, row) => sum + row.height, 0);
  // A short table is stretched at its last row to the QR cell's height.
  const extra = Math.max(0, qrHeight - rowsHeight);
  const height = rowsHeight + extra;
  section(flow, '三、结果领取与进度查询', height);
  flow.place({
    height,
    draw: (top) => {
      let y = top;
      const boxes: Box[] = [];
      rows.forEach((row, i) => {
        boxes.push(...row.boxes(y).map((box) => (i === rows.length - 1 ? { ...box, height: box.height + extra } : box)));
        y += row.height;
      });
      if (data.qrPayload !== null) boxes.push({ x: flow.left + tableWidth, y: top, width: QR_BOX_WIDTH_PT, height, fill: null });
      flow.grid(boxes);
      y = top;
      for (const row of rows) {
        row.text(y);
        y += row.height;
      }
      if (data.qrPayload !== null) {
        const x = flow.left + tableWidth + (QR_BOX_WIDTH_PT - QR_SIZE_PT) / 2;
        const qrTop = top + (height - (qrHeight - 2 * CELL_PAD_Y_PT)) / 2;
        drawQr(flow, data.qrPayload, x, qrTop, QR_SIZE_PT);
        flow.draw(caption, flow.left + tableWidth, qrTop + QR_SIZE_PT + 2, QR_BOX_WIDTH_PT);
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// 一次性告知书

function providedStatus(provision: MaterialProvision): string {
  switch (provision) {
    case 'captured':
      return '已在本机拍摄';
    case 'shared':
      return '已在政府留存，免于提交';
    case 'deferred':
      return '可容缺受理，受理后补交';
    case 'notApplicable':
      return '本次不适用，无需提交';
  }
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** Renders the 一次性告知书 (材料补正一次性告知) for the A4 printer. */
export async function buildOneTimeNoticePdf(data: OneTimeNoticeData, options: ApplicationPdfOptions): Promise<ApplicationPdf> {
  const started = performance.now();
  checkMasked(data.applicantMaskedName, null);
  const { flow, t, printed } = await start(options, `${data.itemName} 一次性告知书`, `事项编码 ${data.itemCode}`);

  titleBlock(flow, t(data.implementingBody), '一次性告知书', '（申请材料补正一次性告知）');
  numberLine(flow, `告知书编号：${t(data.noticeNumber)}`);
  const addressee = data.applicantMaskedName === null ? '申请人' : t(data.applicantMaskedName);
  flow.place(flow.paragraphBlock([p(`${addressee}：`, STYLES.strong)], { gapAfter: 4 }));
  const body =
    `${INDENT}您于${chineseDate(t(data.issuedAtDisplay))}在自助终端申请办理的「${t(data.itemName)}」事项（事项编码 ${t(data.itemCode)}），` +
    `经核对，尚缺以下 ${data.missing.length} 项申请材料，暂不能提交。现将需要补齐的全部材料一次性告知如下，请补齐后再行申请。`;
  flow.place(flow.paragraphBlock([p(body, STYLES.body)], { gapAfter: 2 }));

  const missing = data.missing.map((material, i) => missingBlock(flow, material, i + 1, t));
  section(flow, `一、尚需补齐的材料（${data.missing.length} 项）`, missing[0]?.height ?? 0);
  missing.forEach((block, i) => {
    flow.place(block);
    if (i < missing.length - 1) flow.y += 4;
  });

  if (data.provided.length > 0) {
    const widths = { number: 30, status: 150 };
    const columns: Column[] = [{ width: widths.number, align: 'center' }, { width: flow.width - widths.number - widths.status }, { width: widths.status }];
    const header = flow.row(columns, ['序号', '材料名称', '情况'].map((text) => [p(text, STYLES.cellStrong)]), { fill: HEADER_FILL });
    const rows = data.provided.map((material, i) =>
      flow.row(columns, [[p(String(i + 1), STYLES.cell)], [p(t(material.name), STYLES.cell)], [p(providedStatus(material.provision), STYLES.cell)]]),
    );
    section(flow, `二、已具备的材料（${data.provided.length} 项，无需另行准备）`, header.height + (rows[0]?.height ?? 0));
    flow.table(header, rows);
    // The terminal keeps no captured page after the session (reliability.md R-P3): a new
    // application needs them again.
    flow.y += 3;
    flow.place(flow.paragraphBlock([p('本机不保存本次拍摄的材料图像，再次申请时请将已拍摄的材料连同尚缺材料一并携带；已在政府留存的材料无需提交。', STYLES.note)]));
  }

  const where = infoTable(flow, [
    ['办理地点', [p(t(data.place), STYLES.cell)]],
    [
      ['办理时间', [p(t(data.hours), STYLES.cell)]],
      ['咨询电话', [p(t(data.phone), STYLES.cell)]],
    ],
    ['网上办理', [p(t(data.onlineUrl), STYLES.cell)]],
  ]);
  const then = flow.paragraphBlock([p('材料补齐后，可再次通过自助终端申请，也可到窗口或在网上办理。', STYLES.body)], { gapAfter: 3 });
  // A short section: kept whole on one page.
  section(flow, `${data.provided.length > 0 ? '三' : '二'}、材料补齐后的办理方式`, then.height + where.reduce((sum, row) => sum + row.height, 0));
  flow.place(then);
  placeAll(flow, where);

  signOff(
    flow,
    t(data.implementingBody),
    chineseDate(t(data.issuedAtDisplay).slice(0, 10)),
    '本告知书由自助终端根据您在本机的申请情况生成，未加盖印章；材料要求以窗口最新告知为准，如有疑问请拨打咨询电话。',
  );

  const pages = flow.decoratePages({
    header: [`${options.hallName} · ${t(data.departmentName)}`, `告知书编号 ${t(data.noticeNumber)}`],
    footer: [`打印时间 ${printed}  终端 ${options.terminalId}`, '材料要求以窗口最新告知为准'],
  });
  const bytes = await flow.finish();
  debug('one-time notice %s: %d missing, %d page(s), %d bytes in %d ms', data.itemCode, data.missing.length, pages, bytes.byteLength, Math.round(performance.now() - started));
  return { bytes, pages };
}

/** One missing material: a grey title row (number, name, what form) and its particulars. */
function missingBlock(flow: PdfFlow, material: OneTimeNoticeData['missing'][number], number: number, t: (text: string) => string): Block {
  const requirementWidth = 150;
  const titleColumns: Column[] = [{ width: flow.width - requirementWidth }, { width: requirementWidth }];
  const title = flow.row(
    titleColumns,
    [[p(`${number}. ${t(material.name)}`, STYLES.cellStrong)], [p(`要求：${t(material.form)} ${material.copies} 份`, STYLES.cellStrong)]],
    { fill: HEADER_FILL },
  );
  const particulars: [string, Para[]][] = [
    ['所需原因', [p(t(material.reason), STYLES.cell)]],
    ['获取方式', [p(t(material.source), STYLES.cell)]],
  ];
  // 常见错误 go under the 填写要求 they break, in one cell: a row fewer per material.
  const mistakes =
    material.commonMistakes.length === 0
      ? null
      : material.commonMistakes.map((mistake, i) => `${CIRCLED[i] ?? `${i + 1}.`}${t(mistake)}`).join('  ');
  if (material.sampleDescription !== null) {
    const cell = [p(t(material.sampleDescription), STYLES.cell, mistakes === null ? 0 : 2)];
    if (mistakes !== null) cell.push(p(`常见错误：${mistakes}`, STYLES.note));
    particulars.push(['填写要求', cell]);
  } else if (mistakes !== null) {
    particulars.push(['常见错误', [p(mistakes, STYLES.cell)]]);
  }
  const columns: Column[] = [{ width: LABEL_WIDTH_PT }, { width: flow.width - LABEL_WIDTH_PT }];
  const rows = particulars.map(([label, value]) => flow.row(columns, [[p(label, STYLES.cell)], value]));
  const height = title.height + rows.reduce((sum, row) => sum + row.height, 0);
  return {
    height,
    draw: (top) => {
      let y = top;
      for (const row of [title, ...rows]) {
        row.draw(y);
        y += row.height;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 告知承诺书

/** The signature box, pt: the drawing keeps the pad's aspect ratio inside it. */
const SIGNATURE_BOX = { width: 70 * PT_PER_MM, height: 28 * PT_PER_MM } as const;
const SIGNATURE_LINE_PT = 1.2;

/** Refuses a malformed signature: the contract's schema should have (bugs, no values shown). */
function checkSignature(signature: CommitmentPdfData['signature']): void {
  if (!Number.isFinite(signature.aspect) || signature.aspect <= 0) throw new RangeError('signature aspect must be a positive number');
  if (signature.strokes.length === 0) throw new RangeError('signature has no strokes');
  signature.strokes.forEach((stroke, i) => {
    if (stroke.length < 2 || stroke.length % 2 !== 0) throw new RangeError(`signature stroke ${i + 1} is not a list of x, y pairs`);
    if (!stroke.every((value) => Number.isFinite(value))) throw new RangeError(`signature stroke ${i + 1} has a coordinate that is not a number`);
  });
}

/** The drawing's size in the box: as large as fits, the pad's aspect kept. */
export function signatureSize(aspect: number, box: { readonly width: number; readonly height: number } = SIGNATURE_BOX): { width: number; height: number } {
  return aspect >= box.width / box.height ? { width: box.width, height: box.width / aspect } : { width: box.height * aspect, height: box.height };
}

/** Strokes as pen lines with round caps and joins; a one-point stroke (a dot) stays a dot. */
function drawSignature(flow: PdfFlow, signature: CommitmentPdfData['signature'], x: number, y: number): void {
  const size = signatureSize(signature.aspect);
  const left = x + (SIGNATURE_BOX.width - size.width) / 2;
  const top = y + (SIGNATURE_BOX.height - size.height) / 2;
  const at = (value: number): number => Math.min(1, Math.max(0, value));
  const doc = flow.doc.save();
  for (const stroke of signature.strokes) {
    doc.moveTo(left + at(stroke[0] ?? 0) * size.width, top + at(stroke[1] ?? 0) * size.height);
    if (stroke.length === 2) doc.lineTo(left + at(stroke[0] ?? 0) * size.width + 0.01, top + at(stroke[1] ?? 0) * size.height);
    for (let i = 2; i + 1 < stroke.length; i += 2) doc.lineTo(left + at(stroke[i] ?? 0) * size.width, top + at(stroke[i + 1] ?? 0) * size.height);
  }
  doc.lineWidth(SIGNATURE_LINE_PT).lineCap('round').lineJoin('round').strokeColor('#000000').stroke().restore();
}

/**
 * Renders the signed 告知承诺书 that goes to the platform with the application. It holds the
 * full name and ID number: keep it out of logs, the print queue and the metadata.
 */
export async function buildCommitmentPdf(data: CommitmentPdfData, options: ApplicationPdfOptions): Promise<ApplicationPdf> {
  const started = performance.now();
  checkSignature(data.signature);
  const { flow, t, printed } = await start(options, data.title, `申报编号 ${data.reference}`);

  flow.y += 6 * PT_PER_MM;
  flow.place(flow.paragraphBlock([{ ...p(t(data.title), { ...STYLES.title, size: 20, characterSpacing: 2 }), align: 'center' }], { gapAfter: 12 }));
  placeAll(
    flow,
    infoTable(flow, [
      ['事项名称', [p(t(data.itemName), STYLES.cell)]],
      ['申报编号', [p(t(data.reference), STYLES.cell)]],
    ]),
  );
  flow.y += 10;
  const indent = 20;
  data.clauses.forEach((clause, i) => {
    flow.place(flow.paragraphBlock([p(t(clause), { ...STYLES.body, size: 10.5, lineGap: 4 })], { indent, label: p(`${i + 1}.`, { ...STYLES.body, size: 10.5 }), gapAfter: 6 }));
  });
  flow.y += 4;
  flow.place(flow.paragraphBlock([p(`${INDENT}本人已阅读并知晓上述告知内容，作出上述承诺，并在自助终端上签名确认。`, { ...STYLES.body, size: 10.5, lineGap: 4 })], { gapAfter: 14 }));

  const parties = infoTable(flow, [
    ['承诺人', [p(t(data.applicantName), STYLES.cell)]],
    ['证件号码', [p(t(data.applicantIdNumber), STYLES.cell)]],
    ...(data.agentName === null ? [] : ([['代办人', [p(t(data.agentName), STYLES.cell)]]] as const)),
    ['签署时间', [p(t(data.signedAtDisplay), STYLES.cell)]],
  ]);
  const label = flow.paragraphBlock([p('承诺人签名：', STYLES.strong)]);
  const signatureHeight = label.height + 4 + SIGNATURE_BOX.height;
  flow.ensure(parties.reduce((sum, row) => sum + row.height, 0) + 10 + signatureHeight);
  placeAll(flow, parties);
  flow.y += 10;
  flow.place({
    height: signatureHeight,
    draw: (top) => {
      label.draw(top);
      const boxTop = top + label.height + 4;
      flow.doc.save().rect(flow.left, boxTop, SIGNATURE_BOX.width, SIGNATURE_BOX.height).lineWidth(0.4).dash(2, { space: 2 }).strokeColor('#999999').stroke().restore();
      drawSignature(flow, data.signature, flow.left, boxTop);
    },
  });

  const pages = flow.decoratePages({
    header: [options.hallName, `申报编号 ${t(data.reference)}`],
    footer: [`签署终端 ${options.terminalId}  生成时间 ${printed}`, '随申请提交政务服务平台'],
  });
  const bytes = await flow.finish();
  // Item and counts only: the document itself is personal data.
  debug('commitment PDF: %d clause(s), %d stroke(s), %d page(s), %d bytes in %d ms', data.clauses.length, data.signature.strokes.length, pages, bytes.byteLength, Math.round(performance.now() - started));
  return { bytes, pages };
}
