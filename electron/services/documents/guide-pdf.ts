/**
 * The office guide (办事指南) as an A4 PDF for the document printer (issue #4): every element
 * of the guide, the materials as a table that continues over pages under a repeated header,
 * and on every page the page count, print time, terminal and "以窗口最新告知为准" (the hall's
 * rules may change after the catalogue was synced). Runs in Node only (pdfkit), never in
 * the renderer.
 */
import createDebug from 'debug';
import type { GuideMaterial, GuideView } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import { type Block, CELL_PAD_X_PT, CELL_PAD_Y_PT, type Column, HEADER_FILL, type Para, PdfFlow, STYLES, loadPdfFont } from './pdf-layout.js';

const debug = createDebug('kiosk:services:documents');

export interface GuidePdfOptions {
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

export interface GuidePdf {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

const AUDIENCE: Record<GuideView['audience'], string> = { personal: '自然人', legalPerson: '法人', both: '自然人、法人' };

const REQUIREMENT: Record<GuideMaterial['requirement'], string> = { required: '必需', deferrable: '容缺受理（可后补）', conditional: '视情况提交' };
const REQUIREMENT_SHORT: Record<GuideMaterial['requirement'], string> = { required: '必需', deferrable: '容缺', conditional: '视情况' };

/** Working days as the guides print them; 0 means 即办 (decided on the spot). */
function days(n: number): string {
  return n === 0 ? '即办' : `${n} 个工作日`;
}

const p = (text: string, style: Para['style'], gapAfter?: number): Para => (gapAfter === undefined ? { text, style } : { text, style, gapAfter });

/** Renders one guide; `pages` is the page count (the printer port and the screen report it). */
export async function renderGuidePdf(guide: GuideView, options: GuidePdfOptions): Promise<GuidePdf> {
  const started = performance.now();
  const font = await loadPdfFont(options.assetsDir);
  const flow = new PdfFlow(font, {
    title: `${guide.name} 办事指南`,
    subject: `事项编码 ${guide.code}`,
    author: options.hallName,
    createdAt: options.printedAt,
    isCompressed: options.isCompressed ?? true,
  });

  title(flow, guide);
  basicInformation(flow, guide);
  numberedSection(flow, '受理条件', guide.conditions.map((text) => [p(text, STYLES.body)]));
  materials(flow, guide);
  numberedSection(
    flow,
    '办理流程',
    guide.process.map((step) => [p(step.name, STYLES.strong), p(step.description, STYLES.body)]),
  );
  numberedSection(
    flow,
    '特别程序',
    guide.specialSteps.length === 0
      ? []
      : guide.specialSteps.map((step) => [p(`${step.name}：${days(step.days)}（所需时间不计入办理时限）`, STYLES.body)]),
    '无',
  );
  numberedSection(
    flow,
    '设定依据',
    guide.legalBasis.map((basis) => [p(basis.article === null ? basis.title : `${basis.title} ${basis.article}`, STYLES.body)]),
  );

  const printed = hallTime(options.printedAt.getTime(), options.timeZone ?? 'Asia/Shanghai').display;
  const pages = flow.decoratePages({
    header: [`${options.hallName} · ${guide.departmentName}`, `事项编码 ${guide.code}`],
    footer: [`打印时间 ${printed}  终端 ${options.terminalId}`, '本指南仅供参考，以窗口最新告知为准'],
  });
  const bytes = await flow.finish();
  debug('guide %s: %d page(s), %d bytes in %d ms', guide.code, pages, bytes.byteLength, Math.round(performance.now() - started));
  return { bytes, pages };
}

function title(flow: PdfFlow, guide: GuideView): void {
  flow.place(flow.paragraphBlock([{ ...p('办事指南', STYLES.kicker, 6), align: 'center' }]));
  flow.place(flow.paragraphBlock([{ ...p(guide.name, STYLES.title), align: 'center' }], { gapAfter: 4 }));
  const tags = [guide.type, `服务对象：${AUDIENCE[guide.audience]}`, `承诺时限：${days(guide.promisedDays)}`, guide.fees.isFree ? '不收费' : '收费'];
  if (guide.isCommitment) tags.push('告知承诺制');
  if (guide.isKioskApplicable) tags.push('可在本机自助申办');
  flow.place(flow.paragraphBlock([{ ...p(tags.join('  ·  '), STYLES.note), align: 'center' }], { gapAfter: 2 }));
}

function basicInformation(flow: PdfFlow, guide: GuideView): void {
  const label = 92;
  const columns: Column[] = [{ width: label }, { width: flow.width - label }];
  const fee: Para[] = guide.fees.isFree
    ? [p('不收费', STYLES.cell)]
    : guide.fees.items.flatMap((item, i, all) => [p(`${item.name}：${item.amount}`, STYLES.cell), p(`收费依据：${item.basis}`, STYLES.note, i < all.length - 1 ? 3 : 0)]);
  const rows: [string, Para[]][] = [
    ['事项编码', [p(guide.code, STYLES.cell)]],
    ['事项类型', [p(guide.type, STYLES.cell)]],
    ['实施主体', [p(guide.implementingBody, STYLES.cell)]],
    ['受理窗口', [p(guide.acceptingWindow, STYLES.cell), p(`取号类别：${guide.queueCategoryName}`, STYLES.note)]],
    ['办理时限', [p(`承诺办结时限 ${days(guide.promisedDays)}；法定办结时限 ${days(guide.statutoryDays)}`, STYLES.cell)]],
    ['收费标准及依据', fee],
    ['是否告知承诺', [p(guide.isCommitment ? '是（实行告知承诺制）' : '否', STYLES.cell)]],
    ['办理地点', [p(guide.place, STYLES.cell)]],
    ['办理时间', [p(guide.hours, STYLES.cell)]],
    ['咨询电话', [p(guide.phone, STYLES.cell)]],
    ['网上办理地址', [p(guide.onlineUrl, STYLES.cell)]],
  ];
  const blocks = rows.map(([name, value]) => flow.row(columns, [[p(name, STYLES.cellStrong)], value], { fills: [HEADER_FILL, null] }));
  flow.heading('基本信息', blocks[0]?.height ?? 0);
  for (const block of blocks) flow.place(block);
}

/** A heading and numbered items with a hanging number; `empty` when there are none. */
function numberedSection(flow: PdfFlow, heading: string, items: readonly (readonly Para[])[], empty = ''): void {
  const indent = 18;
  const blocks: Block[] =
    items.length === 0
      ? [flow.paragraphBlock([p(empty, STYLES.body)])]
      : items.map((paras, i) => flow.paragraphBlock(paras, { indent, label: p(`${i + 1}.`, STYLES.body), gapAfter: 4 }));
  flow.heading(heading, blocks[0]?.height ?? 0);
  for (const block of blocks) flow.place(block);
}

/** Required first, then 容缺, then conditional; each group in catalogue order. */
const REQUIREMENT_ORDER: Record<GuideMaterial['requirement'], number> = { required: 0, deferrable: 1, conditional: 2 };

function materials(flow: PdfFlow, guide: GuideView): void {
  const ordered = [...guide.materials].sort((a, b) => REQUIREMENT_ORDER[a.requirement] - REQUIREMENT_ORDER[b.requirement]);
  const counts = (['required', 'deferrable', 'conditional'] as const)
    .map((requirement) => [requirement, ordered.filter((m) => m.requirement === requirement).length] as const)
    .filter(([, n]) => n > 0)
    .map(([requirement, n]) => `${REQUIREMENT_SHORT[requirement]} ${n} 项`);
  const shared = ordered.filter((m) => m.isSharedData).length;
  const summary = `共 ${ordered.length} 项：${counts.join('，')}` + (shared > 0 ? `；其中 ${shared} 项已在政府留存，免于提交（灰底）。` : '。');

  const widths = { number: 26, form: 62, copies: 30, requirement: 96, source: 88 };
  const nameWidth = flow.width - widths.number - widths.form - widths.copies - widths.requirement - widths.source;
  const columns: Column[] = [
    { width: widths.number, align: 'center' },
    { width: nameWidth },
    { width: widths.form, align: 'center' },
    { width: widths.copies, align: 'center' },
    { width: widths.requirement },
    { width: widths.source },
  ];
  const header = flow.row(
    columns,
    ['序号', '材料名称', '形式', '份数', '要求', '来源'].map((text) => [p(text, STYLES.cellStrong)]),
    { fill: HEADER_FILL },
  );
  const rows = ordered.map((material, i) => materialBlock(flow, columns, material, i + 1));

  const intro = flow.paragraphBlock([p(summary, STYLES.body)], { gapAfter: 5 });
  flow.heading('申请材料', intro.height + header.height + (rows[0]?.height ?? 0));
  flow.place(intro);
  flow.table(header, rows);
}

const SHARED_FILL = '#f0f0f0';

/** A material row, with its notes (样表, 常见错误) in a row below that spans the columns. */
function materialBlock(flow: PdfFlow, columns: readonly Column[], material: GuideMaterial, number: number): Block {
  const name: Para[] = [p(material.name, STYLES.cell)];
  if (material.isSharedData) name.push(p('【已在政府留存·免提交】', STYLES.cellStrong));
  const requirement: Para[] = [p(REQUIREMENT[material.requirement], material.requirement === 'required' ? STYLES.cellStrong : STYLES.cell)];
  if (material.condition !== null) requirement.push(p(material.condition, STYLES.note));
  const fill = material.isSharedData ? SHARED_FILL : null;
  const numberCell = [p(String(number), STYLES.cell)];
  const notes: Para[] = [];
  if (material.sampleDescription !== null) notes.push(p(`填写要求：${material.sampleDescription}`, STYLES.note, 1));
  if (material.commonMistakes.length > 0) {
    notes.push(p(`常见错误：${material.commonMistakes.map((mistake, i) => `${'①②③④⑤⑥'[i] ?? `${i + 1}.`}${mistake}`).join('  ')}`, STYLES.note));
  }
  const main = flow.row(
    columns,
    // With notes, the number cell spans both rows and is drawn with the note row.
    [notes.length === 0 ? numberCell : null, name, [p(material.form, STYLES.cell)], [p(String(material.copies), STYLES.cell)], requirement, [p(material.source, STYLES.cell)]],
    { fill },
  );
  if (notes.length === 0) return main;
  const first = columns[0]?.width ?? 0;
  const noteRow = flow.row([{ width: first }, { width: flow.width - first }], [null, notes], { fill });
  const height = main.height + noteRow.height;
  return {
    height,
    draw: (top) => {
      const span = { x: flow.left, y: top, width: first, height, fill };
      flow.grid([span, ...main.boxes(top), ...noteRow.boxes(top + main.height)]);
      main.text(top);
      noteRow.text(top + main.height);
      flow.draw(numberCell.map((para) => ({ ...para, align: 'center' as const })), flow.left + CELL_PAD_X_PT, top + CELL_PAD_Y_PT, first - 2 * CELL_PAD_X_PT);
    },
  };
}
