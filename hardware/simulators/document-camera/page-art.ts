/**
 * Flat page images for the document camera simulator: what lies on the stage before the
 * camera sees it. Each kind is an SVG drawn in millimetres (so layout does not depend on
 * the pixel size) and rasterised by sharp (librsvg + fontconfig, Noto Sans CJK SC) at
 * about the size the page will occupy in the frame, so the scene samples it near 1:1.
 *
 * Kinds: an A4 text page (a 常住人口登记卡-like form or a 情况说明-like letter with a
 * table), the two faces of a 居民身份证 SPECIMEN (85.6 × 54 mm, rounded corners, "样本"
 * watermark, grey photo placeholder, made-up emblem), and an A4 办件回执 with a QR code.
 *
 * Privacy: every name, address and number here is invented and marked 样例/样本; ID
 * numbers are masked `XXXXXX…XXXX`, so no page carries a plausible real identity.
 */
import QRCode, { type BitMatrix } from 'qrcode';
import sharp from 'sharp';
import type { Raster } from '../../imaging/raster.js';
import { deriveSeed, seededRandom, type SeededRandom } from '../seeded-random.js';

/** What can lie on the stage: an A4 page (text or with a QR code) or an ID card face. */
export type PageKind = 'a4Text' | 'idCardFront' | 'idCardBack' | 'a4Qr';

export const PAGE_KINDS: readonly PageKind[] = ['a4Text', 'idCardFront', 'idCardBack', 'a4Qr'];

/** A physical size in millimetres. */
export interface SizeMm {
  readonly width: number;
  readonly height: number;
}

const A4_MM: SizeMm = { width: 210, height: 297 };
/** ISO/IEC 7810 ID-1, the 居民身份证 format. */
const ID_CARD_MM: SizeMm = { width: 85.6, height: 54 };
/** ID-1 corner radius. */
const ID_CARD_CORNER_MM = 3.18;

/** Physical size of each kind (portrait A4; ID-1 landscape). */
export const PAGE_SIZE_MM: Readonly<Record<PageKind, SizeMm>> = {
  a4Text: A4_MM,
  idCardFront: ID_CARD_MM,
  idCardBack: ID_CARD_MM,
  a4Qr: A4_MM,
};

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const INK = '#1f1f1f';
const STAMP_RED = '#c8302c';

/** A page as pixels: RGBA (alpha 0 outside an ID card's rounded corners). */
export interface PageArt {
  readonly kind: PageKind;
  readonly sizeMm: SizeMm;
  readonly raster: Raster;
  /** The QR code's text on `a4Qr` pages, else null. */
  readonly qrText: string | null;
}

// ---------------------------------------------------------------------------------------
// Specimen content
// ---------------------------------------------------------------------------------------

const NAMES = ['张三', '李四', '王五', '赵六', '钱七', '孙八'] as const;
const PLACES = ['北京市东城区', '江苏省南京市', '浙江省杭州市', '四川省成都市', '广东省广州市', '湖北省武汉市'] as const;
const ITEMS = ['居住证签注', '户口迁移登记', '出生登记', '身份证补领', '社会保障卡申领', '不动产登记'] as const;
const SENTENCES = [
  '本人因工作调动原因，需在本市办理相关业务。',
  '现将有关情况说明如下，请予审核。',
  '申请人已按要求提交身份证明、居住证明等相关材料。',
  '本人承诺所提交的材料真实、完整、有效，如有不实，愿承担相应责任。',
  '本人自二〇二〇年起在本市居住，现居住地址为样例区样例路十八号。',
  '因原证件遗失，特申请补办，请予办理。',
  '经核实，申请人在本辖区内居住满六个月，符合办理条件。',
  '如需补充材料，请通过预留电话与本人联系。',
  '本说明一式两份，一份交受理窗口，一份由申请人留存。',
  '办理过程中产生的信息仅用于本次业务，不作他用。',
  '受理窗口已告知本人办理时限及领取方式。',
  '申请人同意通过政务服务平台接收办理结果通知。',
] as const;
const MATERIALS = ['居民身份证复印件', '居住证明', '户口簿复印件', '一寸免冠照片', '申请表', '委托书'] as const;

/** An invented person; the ID number is masked, every page also says 样例. */
interface Specimen {
  readonly name: string;
  readonly gender: '男' | '女';
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly place: string;
  readonly street: number;
}

function specimen(random: SeededRandom): Specimen {
  return {
    name: random.pick(NAMES),
    gender: random.pick(['男', '女'] as const),
    year: random.int(1960, 2002),
    month: random.int(1, 12),
    day: random.int(1, 28),
    place: random.pick(PLACES),
    street: random.int(1, 99),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const maskedIdNumber = (p: Specimen): string => `XXXXXX${p.year}${pad2(p.month)}${pad2(p.day)}XXXX`;

/** The QR text an `a4Qr` page of `seed` carries unless the spec names one. */
export function defaultQrText(seed: number): string {
  const random = seededRandom(deriveSeed(seed, 'qr'));
  return `https://zwfw.example.com/progress?no=SL2026${String(random.int(0, 999_999)).padStart(6, '0')}&sample=1`;
}

// ---------------------------------------------------------------------------------------
// SVG helpers (units: mm)
// ---------------------------------------------------------------------------------------

const escapeXml = (text: string): string => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const num = (n: number): string => String(Math.round(n * 100) / 100);

interface TextStyle {
  readonly size: number;
  readonly fill?: string;
  readonly weight?: 'normal' | 'bold';
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly spacing?: number;
  readonly opacity?: number;
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const attributes = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${num(style.size)}"`,
    `fill="${style.fill ?? INK}"`,
    style.weight === 'bold' ? 'font-weight="bold"' : '',
    style.anchor !== undefined && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.spacing !== undefined ? `letter-spacing="${num(style.spacing)}"` : '',
    style.opacity !== undefined ? `fill-opacity="${num(style.opacity)}"` : '',
  ].filter((a) => a !== '');
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, width = 0.3, stroke = INK): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${num(width)}"/>`;
}

function svgDocument(size: SizeMm, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}" ` +
    `font-family="${FONT}">${body}</svg>`
  );
}

/** Slightly off-white paper, 238–247 with a warm cast. */
function paperFill(random: SeededRandom): string {
  const tone = random.int(238, 247);
  return `rgb(${tone},${tone - 1},${tone - 5})`;
}

/** Width of a character in ems: CJK and full-width punctuation 1, ASCII about half. */
const charWidth = (ch: string): number => (ch.charCodeAt(0) < 0x80 ? 0.55 : 1);

/** Splits text into lines at most `perLine` ems wide, the first `indent` ems shorter. */
function wrap(content: string, perLine: number, indent = 0): string[] {
  const lines: string[] = [];
  let current = '';
  let width = 0;
  let limit = perLine - indent;
  for (const ch of content) {
    // Keep closing punctuation off the start of a line (避头点): it may overhang.
    const isClosing = '，。、；：）》'.includes(ch);
    if (width + charWidth(ch) > limit && current !== '' && !isClosing) {
      lines.push(current);
      current = '';
      width = 0;
      limit = perLine;
    }
    current += ch;
    width += charWidth(ch);
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** `count` different items of `items` in a seeded order. */
function pickDistinct<T>(random: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}

/** A red round seal with a star and curved-free text: clearly a 样例 stamp. */
function sampleStamp(cx: number, cy: number, r: number): string {
  return (
    `<g opacity="0.75" fill="none" stroke="${STAMP_RED}">` +
    `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" stroke-width="${num(r * 0.06)}"/>` +
    `</g>${star(cx, cy - r * 0.15, r * 0.28, STAMP_RED, 0.75)}` +
    text(cx, cy + r * 0.45, '样例专用章', { size: r * 0.22, fill: STAMP_RED, anchor: 'middle', opacity: 0.75 })
  );
}

function star(cx: number, cy: number, r: number, fill: string, opacity = 1): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? r : r * 0.4;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${num(cx + radius * Math.cos(angle))},${num(cy + radius * Math.sin(angle))}`);
  }
  return `<polygon points="${points.join(' ')}" fill="${fill}" fill-opacity="${num(opacity)}"/>`;
}

/** One table row: cells as [width mm, text, isLabel]. */
type Cell = readonly [number, string, boolean];

function table(x: number, y: number, rowHeight: number, rows: readonly (readonly Cell[])[], fontSize: number): string {
  const parts: string[] = [];
  const width = rows[0]!.reduce((sum, cell) => sum + cell[0], 0);
  for (let r = 0; r <= rows.length; r += 1) parts.push(line(x, y + r * rowHeight, x + width, y + r * rowHeight, r === 0 || r === rows.length ? 0.5 : 0.25));
  rows.forEach((row, r) => {
    let cx = x;
    const top = y + r * rowHeight;
    for (const [cellWidth, content, isLabel] of row) {
      if (cx > x) parts.push(line(cx, top, cx, top + rowHeight, 0.25));
      const size = isLabel ? fontSize * 0.88 : fontSize;
      const anchor = isLabel ? 'middle' : 'start';
      const tx = isLabel ? cx + cellWidth / 2 : cx + 2;
      parts.push(text(tx, top + rowHeight / 2 + size * 0.36, content, { size, anchor, fill: isLabel ? '#333' : INK }));
      cx += cellWidth;
    }
  });
  parts.push(line(x, y, x, y + rows.length * rowHeight, 0.5), line(x + width, y, x + width, y + rows.length * rowHeight, 0.5));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------
// A4 pages
// ---------------------------------------------------------------------------------------

/** A 常住人口登记卡-like form: title, a 12-row table, signature line and a 样例 seal. */
function registerCard(random: SeededRandom): string {
  const p = specimen(random);
  const relation = random.pick(['户主', '妻', '子', '女', '父', '母']);
  const moved = `${2000 + random.int(0, 20)}年${random.int(1, 12)}月由${random.pick(PLACES)}迁来`;
  const label = (w: number, t: string): Cell => [w, t, true];
  const value = (w: number, t: string): Cell => [w, t, false];
  const rows: Cell[][] = [
    [label(30, '姓名'), value(55, `${p.name}（样例）`), label(30, '与户主关系'), value(55, relation)],
    [label(30, '曾用名'), value(55, '无'), label(30, '性别'), value(55, p.gender)],
    [label(30, '出生地'), value(55, p.place), label(30, '民族'), value(55, '汉')],
    [label(30, '籍贯'), value(55, p.place), label(30, '出生日期'), value(55, `${p.year}年${pad2(p.month)}月${pad2(p.day)}日`)],
    [label(45, '本市（县）其他住址'), value(125, `${p.place}样例路${p.street}号`)],
    [label(30, '宗教信仰'), value(55, '无'), label(30, '身份证件编号'), value(55, maskedIdNumber(p))],
    [label(30, '身高'), value(55, `${random.int(155, 185)}厘米`), label(30, '血型'), value(55, '不明')],
    [label(30, '文化程度'), value(55, random.pick(['大学本科', '高中', '硕士研究生'])), label(30, '婚姻状况'), value(55, random.pick(['已婚', '未婚']))],
    [label(30, '兵役状况'), value(55, '未服兵役'), label(30, '服务处所'), value(55, '样例科技有限公司')],
    [label(30, '职业'), value(55, random.pick(['职员', '教师', '工程师'])), label(30, '登记事由'), value(55, '迁入')],
    [label(45, '何时由何地迁来本市'), value(125, moved)],
    [label(45, '何时由何地迁来本址'), value(125, moved)],
  ];
  return [
    text(105, 32, '常住人口登记卡', { size: 9, weight: 'bold', anchor: 'middle', spacing: 1.5 }),
    text(105, 41, '（样例 · 仅供测试 · 信息均为虚构）', { size: 3.6, anchor: 'middle', fill: '#555' }),
    text(20, 52, `户号 XXXXXXXX`, { size: 3.6 }),
    text(190, 52, `编号 样例-${String(random.int(1, 9999)).padStart(4, '0')}`, { size: 3.6, anchor: 'end' }),
    table(20, 56, 14.5, rows, 4),
    text(20, 245, '承办人签章：', { size: 4 }),
    line(45, 246, 85, 246, 0.25),
    text(110, 245, `登记日期：2026年${pad2(random.int(1, 12))}月${pad2(random.int(1, 28))}日`, { size: 4 }),
    sampleStamp(160, 262, 16),
    text(105, 287, '本页为模拟样例，所有信息均为虚构', { size: 2.8, anchor: 'middle', fill: '#777' }),
  ].join('');
}

/**
 * A 情况说明-like letter: title, salutation, wrapped paragraphs, a material list, signature.
 */
function letter(random: SeededRandom): string {
  const p = specimen(random);
  const item = random.pick(ITEMS);
  const [title, closing] = random.pick([
    ['情况说明', '特此说明。'],
    ['申请书', '特此申请。'],
    ['承诺书', '特此承诺。'],
  ] as const);
  const parts: string[] = [
    text(105, 34, title, { size: 8.5, weight: 'bold', anchor: 'middle', spacing: 3 }),
    text(105, 43, `（${item} · 样例）`, { size: 3.8, anchor: 'middle', fill: '#555' }),
    text(22, 58, '样例区政务服务中心：', { size: 4.4 }),
  ];
  const size = 4.2;
  const perLine = Math.floor(166 / size);
  let y = 68;
  const paragraphs = random.int(3, 4);
  const sentences = pickDistinct(random, SENTENCES, paragraphs * 3);
  for (let i = 0; i < paragraphs; i += 1) {
    const body = sentences.slice(i * 3, i * 3 + random.int(2, 3)).join('');
    wrap(body, perLine, 2).forEach((row, index) => {
      parts.push(text(22 + (index === 0 ? 2 * size : 0), y, row, { size }));
      y += 7.6;
    });
    y += 2;
  }
  parts.push(text(22 + 2 * size, y, closing, { size }));
  y += 12;
  parts.push(text(22, y, '附：提交材料清单', { size: 4.2, weight: 'bold' }));
  const count = random.int(3, 4);
  const materials = pickDistinct(random, MATERIALS, count);
  const rows: Cell[][] = [[[20, '序号', true], [90, '材料名称', true], [25, '份数', true], [31, '备注', true]]];
  for (let i = 0; i < count; i += 1) {
    rows.push([[20, String(i + 1), true], [90, materials[i]!, false], [25, `${random.int(1, 2)}`, true], [31, '原件核验', true]]);
  }
  parts.push(table(22, y + 4, 10, rows, 3.8));
  y += 4 + rows.length * 10 + 18;
  parts.push(
    text(188, y, `申请人：${p.name}（样例）`, { size: 4.2, anchor: 'end' }),
    text(188, y + 9, '联系电话：138XXXXXXXX', { size: 4.2, anchor: 'end' }),
    text(188, y + 18, `2026年${random.int(1, 12)}月${random.int(1, 28)}日`, { size: 4.2, anchor: 'end' }),
    text(105, 287, '本页为模拟样例，所有信息均为虚构', { size: 2.8, anchor: 'middle', fill: '#777' }),
  );
  return parts.join('');
}

/** An A4 text page: a register-card form or a letter, chosen by `seed`. */
export function a4Text(seed: number): string {
  const random = seededRandom(deriveSeed(seed, 'a4Text'));
  const paper = `<rect width="210" height="297" fill="${paperFill(random)}"/>`;
  return svgDocument(A4_MM, paper + (random.chance(0.5) ? registerCard(random) : letter(random)));
}

/** Where the QR block (white square, quiet zone included) sits on an `a4Qr` page, mm. */
const QR_BLOCK_MM = { x: 77, y: 150, size: 56 } as const;
const QR_QUIET_MODULES = 4;

/** The QR matrix the `a4Qr` page draws for `content` (error correction M). */
export function qrMatrix(content: string): BitMatrix {
  return QRCode.create(content, { errorCorrectionLevel: 'M' }).modules;
}

/**
 * The QR symbol's square on an `a4Qr` page (quiet zone excluded) in page mm, and its
 * module count, so truth can say where the code is and tests can read it back.
 */
export function qrSymbolMm(content: string): { readonly x: number; readonly y: number; readonly size: number; readonly modules: number } {
  const modules = qrMatrix(content).size;
  const unit = QR_BLOCK_MM.size / (modules + 2 * QR_QUIET_MODULES);
  return { x: QR_BLOCK_MM.x + QR_QUIET_MODULES * unit, y: QR_BLOCK_MM.y + QR_QUIET_MODULES * unit, size: modules * unit, modules };
}

/** The QR block: a white square with the code as one path of module runs. */
function qrBlock(content: string): string {
  const matrix = qrMatrix(content);
  const n = matrix.size;
  const { x, y, size } = QR_BLOCK_MM;
  const q = QR_QUIET_MODULES;
  let d = '';
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (matrix.get(row, col) === 0) continue;
      let run = 1;
      while (col + run < n && matrix.get(row, col + run) !== 0) run += 1;
      d += `M${col + q} ${row + q}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  return (
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/>` +
    `<path transform="translate(${x} ${y}) scale(${size / (n + 2 * q)})" d="${d}" fill="#111"/>`
  );
}

/** An A4 办件回执 (样例) with a QR code carrying `qrText`. */
export function a4Qr(seed: number, qrText: string = defaultQrText(seed)): string {
  const random = seededRandom(deriveSeed(seed, 'a4Qr'));
  const p = specimen(random);
  const number = `SL2026${String(random.int(0, 999_999)).padStart(6, '0')}`;
  const rows: Cell[][] = [
    [[40, '办件编号', true], [130, `${number}（样例）`, false]],
    [[40, '事项名称', true], [130, random.pick(ITEMS), false]],
    [[40, '申请人', true], [130, `${p.name}（样例）`, false]],
    [[40, '受理部门', true], [130, '样例区政务服务中心', false]],
    [[40, '受理时间', true], [130, `2026年${random.int(1, 12)}月${random.int(1, 28)}日`, false]],
    [[40, '承诺时限', true], [130, `${random.int(1, 15)}个工作日`, false]],
  ];
  const body = [
    `<rect width="210" height="297" fill="${paperFill(random)}"/>`,
    text(105, 34, '办件回执', { size: 9, weight: 'bold', anchor: 'middle', spacing: 3 }),
    text(105, 43, '（样例 · 仅供测试）', { size: 3.8, anchor: 'middle', fill: '#555' }),
    table(20, 54, 13, rows, 4.2),
    qrBlock(qrText),
    text(105, 214, '请使用政务服务APP扫描二维码查询办理进度', { size: 4, anchor: 'middle' }),
    text(22, 236, '温馨提示：', { size: 3.8, weight: 'bold' }),
    text(22, 245, '一、请妥善保管本回执，领取结果时请出示。', { size: 3.8 }),
    text(22, 253, '二、办理进度也可拨打政务服务热线12345查询。', { size: 3.8 }),
    sampleStamp(165, 268, 15),
    text(105, 287, '本页为模拟样例，所有信息均为虚构', { size: 2.8, anchor: 'middle', fill: '#777' }),
  ];
  return svgDocument(A4_MM, body.join(''));
}

// ---------------------------------------------------------------------------------------
// ID card specimen faces
// ---------------------------------------------------------------------------------------

const CARD_LABEL = '#2f6597';

/**
 * The card outline, a pale gradient and guilloche waves; content is clipped to the card.
 */
function cardBackground(random: SeededRandom, id: string): string {
  const hue = random.between(-6, 6);
  const waves: string[] = [];
  for (let k = 0; k < 14; k += 1) {
    const y0 = 4 + k * 3.7;
    const amp = 1.2 + (k % 3) * 0.5;
    let d = `M-2 ${num(y0)}`;
    for (let x = -2; x <= 88; x += 2) d += `L${x} ${num(y0 + amp * Math.sin(x / 6 + k * 0.9))}`;
    waves.push(`<path d="${d}" fill="none" stroke="#b9d3dc" stroke-width="0.14"/>`);
  }
  return (
    `<defs><clipPath id="${id}"><rect width="85.6" height="54" rx="${ID_CARD_CORNER_MM}"/></clipPath>` +
    `<linearGradient id="${id}g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="rgb(${Math.round(226 + hue)},240,244)"/>` +
    `<stop offset="0.55" stop-color="rgb(242,242,236)"/>` +
    `<stop offset="1" stop-color="rgb(236,${Math.round(232 + hue)},226)"/></linearGradient></defs>` +
    `<rect width="85.6" height="54" rx="${ID_CARD_CORNER_MM}" fill="url(#${id}g)"/>` +
    `<g clip-path="url(#${id})">${waves.join('')}</g>`
  );
}

function sampleWatermark(x: number, y: number, size: number): string {
  return `<g transform="rotate(-18 ${x} ${y})">${text(x, y, '样本', { size, weight: 'bold', fill: '#d0463c', anchor: 'middle', opacity: 0.22 })}</g>`;
}

/** The 人像面 of a 居民身份证 SPECIMEN: name, sex, birth, address, masked number, photo box. */
export function idCardFront(seed: number): string {
  const random = seededRandom(deriveSeed(seed, 'idCardFront'));
  const p = specimen(random);
  const label = (x: number, y: number, t: string): string => text(x, y, t, { size: 2.5, fill: CARD_LABEL });
  const value = (x: number, y: number, t: string, size = 3): string => text(x, y, t, { size });
  const address = wrap(`${p.place}样例路${p.street}号`, 13);
  const body = [
    cardBackground(random, 'front'),
    label(6, 10, '姓名'),
    value(14, 10, `${p.name}`, 3.6),
    label(6, 17, '性别'),
    value(14, 17, p.gender),
    label(24, 17, '民族'),
    value(32, 17, '汉'),
    label(6, 24, '出生'),
    value(14, 24, `${p.year} 年 ${p.month} 月 ${p.day} 日`),
    label(6, 31, '住址'),
    ...address.map((row, i) => value(14, 31 + i * 4.4, row)),
    label(6, 47, '公民身份号码'),
    value(24, 47.2, maskedIdNumber(p), 3.4),
    `<rect x="57" y="6" width="23" height="29" rx="0.8" fill="#c9c9c9"/>`,
    `<circle cx="68.5" cy="16.5" r="5" fill="#a8a8a8"/>`,
    `<path d="M59 35 Q59 24.5 68.5 24 Q78 24.5 78 35 Z" fill="#a8a8a8"/>`,
    sampleWatermark(44, 34, 15),
  ];
  return svgDocument(ID_CARD_MM, body.join(''));
}

/** The 国徽面 of a 居民身份证 SPECIMEN, with an invented star seal instead of the emblem. */
export function idCardBack(seed: number): string {
  const random = seededRandom(deriveSeed(seed, 'idCardBack'));
  const from = 2010 + random.int(0, 15);
  const rings: string[] = [];
  for (let k = 0; k < 9; k += 1) rings.push(`<circle cx="62" cy="22" r="${num(6 + k * 3.2)}" fill="none" stroke="#c3d7de" stroke-width="0.16"/>`);
  const body = [
    cardBackground(random, 'back'),
    `<g clip-path="url(#back)">${rings.join('')}</g>`,
    `<circle cx="14" cy="15" r="8.5" fill="none" stroke="#c8302c" stroke-width="0.7"/>`,
    star(14, 15.4, 5.4, '#d9a520'),
    text(29, 16, '中华人民共和国', { size: 4.6, weight: 'bold', spacing: 0.8 }),
    text(27, 29, '居民身份证', { size: 7.4, weight: 'bold', spacing: 1.6 }),
    text(14, 42, '签发机关', { size: 2.5, fill: CARD_LABEL }),
    text(27, 42, '样例市公安局样例分局', { size: 3 }),
    text(14, 48.5, '有效期限', { size: 2.5, fill: CARD_LABEL }),
    text(27, 48.5, `${from}.01.01-${from + 20}.01.01`, { size: 3 }),
    sampleWatermark(56, 40, 15),
  ];
  return svgDocument(ID_CARD_MM, body.join(''));
}

// ---------------------------------------------------------------------------------------
// Rasterising and caching
// ---------------------------------------------------------------------------------------

/** The SVG of `kind` for `seed` (qrText only matters for `a4Qr`). */
export function pageSvg(kind: PageKind, seed: number, qrText?: string): string {
  switch (kind) {
    case 'a4Text':
      return a4Text(seed);
    case 'idCardFront':
      return idCardFront(seed);
    case 'idCardBack':
      return idCardBack(seed);
    case 'a4Qr':
      return a4Qr(seed, qrText ?? defaultQrText(seed));
  }
}

export interface PageArtRequest {
  readonly kind: PageKind;
  readonly seed: number;
  /** Raster width; the height follows the page's aspect. */
  readonly widthPx: number;
  readonly qrText?: string;
}

/** Renders a page to RGBA pixels (librsvg via sharp; ~50–300 ms depending on size). */
export async function renderPageArt(request: PageArtRequest): Promise<PageArt> {
  const { kind, seed, qrText } = request;
  const sizeMm = PAGE_SIZE_MM[kind];
  const width = Math.max(16, Math.round(request.widthPx));
  const height = Math.max(16, Math.round((width * sizeMm.height) / sizeMm.width));
  const svg = pageSvg(kind, seed, qrText).replace('<svg ', `<svg width="${width}" height="${height}" `);
  const { data, info } = await sharp(Buffer.from(svg)).resize(width, height, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const raster: Raster = { width: info.width, height: info.height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  return { kind, sizeMm, raster, qrText: kind === 'a4Qr' ? (qrText ?? defaultQrText(seed)) : null };
}

/** Default budget of {@link PageArtCache}: a handful of full-resolution A4 pages. */
export const PAGE_ART_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Rendered pages by (kind, seed, width, QR text), least recently used dropped first once
 * `maxBytes` is exceeded. Widths are rounded up to 16 px so a page that moves a little
 * between preview frames hits the cache.
 */
export class PageArtCache {
  readonly #entries = new Map<string, Promise<PageArt>>();
  readonly #sizes = new Map<string, number>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes = PAGE_ART_CACHE_BYTES) {
    this.#maxBytes = maxBytes;
  }

  get(request: PageArtRequest): Promise<PageArt> {
    const widthPx = Math.ceil(request.widthPx / 16) * 16;
    const key = `${request.kind}:${request.seed}:${widthPx}:${request.qrText ?? ''}`;
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const pending = renderPageArt({ ...request, widthPx });
    this.#entries.set(key, pending);
    pending.then(
      (art) => this.#account(key, art.raster.data.length),
      () => this.#entries.delete(key),
    );
    return pending;
  }

  #account(key: string, bytes: number): void {
    if (!this.#entries.has(key)) return;
    this.#sizes.set(key, bytes);
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes || oldest === key) break;
      this.#entries.delete(oldest);
      this.#bytes -= this.#sizes.get(oldest) ?? 0;
      this.#sizes.delete(oldest);
    }
  }
}
