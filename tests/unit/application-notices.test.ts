import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AcceptanceNoticeData,
  type ApplicationPdf,
  type CommitmentPdfData,
  buildAcceptanceNoticePdf,
  buildCommitmentPdf,
  buildOneTimeNoticePdf,
  chineseDate,
  signatureSize,
} from '../../electron/services/documents/application-notices.js';
import { MISSING_GLYPH, PDF_FONT_FILE, PdfFlow, STYLES, loadPdfFont, printableText } from '../../electron/services/documents/pdf-layout.js';
import { countPdfPages } from '../../electron/services/printing/pdf-pages.js';
import { maskName } from '../../electron/services/privacy/mask.js';
import { ACCEPTANCE_NOTICE, AGENT_CARD, APPLICANT_CARD, APPLICATION_PDF_OPTIONS, COMMITMENT, ONE_TIME_NOTICE } from '../fixtures/application-documents.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

const OPTIONS = { ...APPLICATION_PDF_OPTIONS, assetsDir: ASSETS_DIR, isCompressed: false };

/** Runs a poppler tool; CI installs poppler-utils, so a missing tool fails the suite. */
function poppler(tool: 'pdfinfo' | 'pdftoppm' | 'pdftotext', args: readonly string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error !== undefined) {
    throw new Error(
      (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${tool} not found: apt-get install -y poppler-utils` : `${tool}: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${run.status ?? 'by signal'}: ${run.stderr}`);
  return run.stdout;
}

const dir = makeTempDir('kiosk-application-pdf-');
afterAll(() => dir.remove());
let files = 0;

/** The PDF on disk, for poppler. */
function save(pdf: ApplicationPdf): string {
  const file = path.join(dir.path, `document-${++files}.pdf`);
  writeFileSync(file, pdf.bytes);
  return file;
}

/** Text as drawn (-raw keeps a wrapped cell in one piece), without spaces and line breaks. */
function flatText(file: string): string {
  return poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).replace(/\s+/gu, '');
}

/** Text as laid out on the page (columns side by side). */
function layoutText(file: string): string {
  return poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
}

const flat = (text: string): string => text.replace(/\s+/gu, '');

/**
 * Glyphs drawn as .notdef (glyph 0): pdfkit writes text as 4-hex-digit glyph ids in TJ
 * arrays of the (uncompressed) page streams.
 */
function notdefGlyphs(pdf: Uint8Array): number {
  let count = 0;
  for (const array of Buffer.from(pdf).toString('latin1').matchAll(/\[([^\]]*)\] TJ/gu)) {
    for (const hex of (array[1] ?? '').matchAll(/<([0-9a-f]*)>/giu)) count += (hex[1]?.match(/.{4}/gu) ?? []).filter((gid) => gid === '0000').length;
  }
  return count;
}

/** A page rendered grey, one byte a pixel. */
async function greyPage(file: string, dpi: number, page = 1): Promise<{ data: Buffer; width: number; height: number }> {
  const prefix = path.join(dir.path, `page-${++files}`);
  poppler('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, prefix]);
  const { data, info } = await sharp(`${prefix}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const darkPixels = (page: { data: Buffer }): number => page.data.reduce((sum, value) => sum + (value < 128 ? 1 : 0), 0);

/** The personal data that must never reach a printed document, in every encoding a scan would try. */
function canaryEncodings(canary: string): Buffer[] {
  return [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le'), Buffer.from(canary, 'utf16le').swap16(), iconv.encode(canary, 'gb18030')];
}

describe('受理通知书 (acceptance notice)', () => {
  let pdf: ApplicationPdf;
  let file: string;
  let text: string;
  beforeAll(async () => {
    pdf = await buildAcceptanceNoticePdf(ACCEPTANCE_NOTICE, OPTIONS);
    file = save(pdf);
    text = flatText(file);
  });

  it('is one A4 page', () => {
    expect(pdf.pages).toBe(1);
    expect(countPdfPages(pdf.bytes)).toBe(1);
    expect(poppler('pdfinfo', [file])).toMatch(/Page size:\s+595\.28 x 841\.89 pts/u);
  });

  it('states the item, the number, the decision with the 容缺 due date, the time limit and where to collect', () => {
    for (const expected of [
      ACCEPTANCE_NOTICE.implementingBody,
      '受理通知书',
      '办件编号：32070020261124000123',
      `${ACCEPTANCE_NOTICE.applicantMaskedName}：`,
      '您于2026年11月24日09:05通过自助终端申请的「失业保险金申领」事项，主要申请材料齐全、符合法定形式，本机关决定予以容缺受理。',
      '请于2026年12月9日前补交「解除或终止劳动关系证明」。',
      '本事项承诺办结时限为3个工作日（法定办结时限10个工作日），承诺于2026年11月27日前办结。',
      '事项编码320700-RS-JF-0005',
      `受理部门${ACCEPTANCE_NOTICE.departmentName}`,
      '申报编号ZZ-LYG0001-20261124-0007',
      `申请人${ACCEPTANCE_NOTICE.applicantMaskedName}${ACCEPTANCE_NOTICE.applicantMaskedIdNumber}`,
      '代办人无',
      '申报时间2026-11-2409:05',
      '承诺办结2026-11-27',
      '1申请人居民身份证本机拍摄2页',
      '2解除或终止劳动关系证明容缺后补，2026-12-09前补交',
      '3本人社会保障卡（金融功能已激活）本机拍摄1页',
      '4失业登记信息已在政府留存，免于提交',
      '5委托书（委托他人代办的）不适用',
      `领取方式${ACCEPTANCE_NOTICE.collectionMethod}`,
      `领取地点${flat(ACCEPTANCE_NOTICE.place)}`,
      `办理时间${flat(ACCEPTANCE_NOTICE.hours)}`,
      '咨询电话0518-12333',
      '扫描右侧二维码，或凭本人身份证在自助终端查询',
      '扫码查询办理进度',
      `${ACCEPTANCE_NOTICE.implementingBody}2026年11月24日`,
      '本通知书由自助终端根据申请人在本机提交的申请生成，未加盖印章',
      '打印时间2026-11-2409:05终端LYG-ZZ-0001',
      '第1页共1页',
    ]) {
      expect(text).toContain(flat(expected));
    }
    // The number stands on the right, as official letters carry it.
    const numberLine = layoutText(file).split('\n').find((line) => line.includes('办件编号：'));
    expect(numberLine?.trimEnd().endsWith('办件编号：32070020261124000123')).toBe(true);
    expect(numberLine?.trimStart().startsWith('办件编号')).toBe(true);
  });

  it('draws the progress QR code as vector squares that read back as its payload', async () => {
    const page = await greyPage(file, 300);
    // The QR's top edge is the first row, right of the table, with a finder pattern's
    // solid run (7 modules, ≈ 60 px at 300 dpi) in black; no text makes a run that long,
    // and the grid's grey rules (#777) are lighter than the threshold.
    const black = (value: number): boolean => value < 64;
    const from = Math.round(page.width * 0.7);
    let top = -1;
    let left = -1;
    let right = -1;
    for (let y = 0; y < page.height && top < 0; y++) {
      let run = 0;
      for (let x = from; x < page.width; x++) {
        run = black(page.data[y * page.width + x] ?? 255) ? run + 1 : 0;
        if (run >= 50 && left < 0) {
          top = y;
          left = x - run + 1;
        }
        if (left >= 0 && run > 0) right = x;
      }
    }
    expect(top).toBeGreaterThan(0);
    const modules = QRCode.create(ACCEPTANCE_NOTICE.qrPayload ?? '', { errorCorrectionLevel: 'M' }).modules;
    const cell = (right - left + 1) / modules.size;
    // 22 mm at 300 dpi.
    expect(right - left + 1).toBeGreaterThan(250);
    expect(right - left + 1).toBeLessThan(270);
    let wrong = 0;
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        const value = page.data[Math.round(top + (r + 0.5) * cell) * page.width + Math.round(left + (c + 0.5) * cell)] ?? 255;
        if (black(value) !== (modules.data[r * modules.size + c] === 1)) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it('shows the applicant masked only, and keeps name and numbers out of the metadata (R-P2)', () => {
    const bytes = Buffer.from(pdf.bytes);
    for (const canary of [APPLICANT_CARD.name, APPLICANT_CARD.idNumber]) {
      for (const encoded of canaryEncodings(canary)) expect(bytes.includes(encoded)).toBe(false);
      expect(text).not.toContain(canary);
    }
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+失业保险金申领 受理通知书$/mu);
    expect(info).not.toContain('测');
    expect(info).not.toContain(ACCEPTANCE_NOTICE.reference);
  });

  it('refuses an unmasked applicant without repeating the value', async () => {
    const name = buildAcceptanceNoticePdf({ ...ACCEPTANCE_NOTICE, applicantMaskedName: APPLICANT_CARD.name }, OPTIONS);
    await expect(name).rejects.toThrow(RangeError);
    await expect(name).rejects.not.toThrow(APPLICANT_CARD.name);
    const id = buildAcceptanceNoticePdf({ ...ACCEPTANCE_NOTICE, applicantMaskedIdNumber: APPLICANT_CARD.idNumber }, OPTIONS);
    await expect(id).rejects.toThrow(/not masked/u);
    await expect(id).rejects.not.toThrow(APPLICANT_CARD.idNumber);
  });

  it('gives the 申报编号 and says the 办件编号 will follow while the platform has not answered', async () => {
    const offline: AcceptanceNoticeData = { ...ACCEPTANCE_NOTICE, caseNumber: null, qrPayload: null, promisedDate: null, agentMaskedName: maskName(AGENT_CARD.name) };
    const offlineFile = save(await buildAcceptanceNoticePdf(offline, OPTIONS));
    const offlineText = flatText(offlineFile);
    for (const expected of [
      '申报编号：ZZ-LYG0001-20261124-0007',
      '（办件编号待政务服务平台确认后生成，届时可凭身份证在自助终端查询）',
      '办件编号待平台确认后生成',
      '办结日期以受理部门通知为准。',
      '承诺办结以受理部门通知为准',
      `代办人${maskName(AGENT_CARD.name)}`,
      '凭本人身份证在任一自助终端查询，或拨打咨询电话',
    ]) {
      expect(offlineText).toContain(flat(expected));
    }
    expect(offlineText).not.toContain('扫码');
    expect(offlineText).not.toMatch(/办件编号：\d/u);
    // No QR: nothing dark in the right column next to the collection table.
    const page = await greyPage(offlineFile, 60);
    expect(darkPixels(page)).toBeLessThan(darkPixels(await greyPage(file, 60)));
  });

  it('words an on-the-spot item without 容缺 as plain acceptance, decided at once', async () => {
    const onTheSpot: AcceptanceNoticeData = {
      ...ACCEPTANCE_NOTICE,
      promisedDays: 0,
      statutoryDays: 0,
      promisedDate: null,
      materials: ACCEPTANCE_NOTICE.materials.filter((material) => material.provision !== 'deferred'),
    };
    const onTheSpotText = flatText(save(await buildAcceptanceNoticePdf(onTheSpot, OPTIONS)));
    expect(onTheSpotText).toContain(flat('申请材料齐全、符合法定形式，本机关决定予以受理。'));
    expect(onTheSpotText).toContain('本事项为即办件，受理后即时办结。');
    expect(onTheSpotText).toContain('承诺办结即时办结');
    expect(onTheSpotText).not.toContain('容缺');
  });

  it('groups 容缺 materials by due date in the decision', async () => {
    const two: AcceptanceNoticeData = {
      ...ACCEPTANCE_NOTICE,
      materials: [
        ...ACCEPTANCE_NOTICE.materials,
        { name: '失业登记证明', provision: 'deferred', promiseDate: '2026-12-09', pageCount: 0 },
        { name: '银行卡', provision: 'deferred', promiseDate: '2026-12-01', pageCount: 0 },
        { name: '其他材料', provision: 'deferred', promiseDate: null, pageCount: 0 },
      ],
    };
    expect(flatText(save(await buildAcceptanceNoticePdf(two, OPTIONS)))).toContain(
      '请于2026年12月9日前补交「解除或终止劳动关系证明」「失业登记证明」，于2026年12月1日前补交「银行卡」，按受理部门通知补交「其他材料」。',
    );
  });

  it('draws no missing glyph', () => {
    expect(notdefGlyphs(pdf.bytes)).toBe(0);
  });

  it('fits 40 KB compressed and gives the same bytes for the same input', async () => {
    const compressed = await buildAcceptanceNoticePdf(ACCEPTANCE_NOTICE, { ...OPTIONS, isCompressed: true });
    expect(compressed.bytes.byteLength).toBeLessThanOrEqual(40 * 1024);
    const again = await buildAcceptanceNoticePdf(ACCEPTANCE_NOTICE, { ...OPTIONS, isCompressed: true });
    expect(Buffer.from(again.bytes).equals(Buffer.from(compressed.bytes))).toBe(true);
  });
});

describe('一次性告知书 (one-time notice)', () => {
  let pdf: ApplicationPdf;
  let file: string;
  let text: string;
  beforeAll(async () => {
    pdf = await buildOneTimeNoticePdf(ONE_TIME_NOTICE, OPTIONS);
    file = save(pdf);
    text = flatText(file);
  });

  it('tells every missing material at once: requirement, reason, source, sample and common mistakes', () => {
    expect(text).toContain('一次性告知书');
    expect(text).toContain('（申请材料补正一次性告知）');
    expect(text).toContain('告知书编号：GZ-LYG0001-20261124-0003');
    expect(text).toContain(`${ONE_TIME_NOTICE.applicantMaskedName ?? ''}：`);
    expect(text).toContain(flat('您于2026年11月24日 09:05在自助终端申请办理的「个体工商户设立登记」事项（事项编码 320700-SC-XK-0002），经核对，尚缺以下 3 项申请材料'));
    expect(text).toContain('现将需要补齐的全部材料一次性告知如下');
    expect(text).toContain('一、尚需补齐的材料（3项）');
    ONE_TIME_NOTICE.missing.forEach((material, i) => {
      expect(text).toContain(flat(`${i + 1}. ${material.name}要求：${material.form} ${material.copies} 份`));
      expect(text).toContain(flat(`所需原因${material.reason}`));
      expect(text).toContain(flat(`获取方式${material.source}`));
      if (material.sampleDescription !== null) expect(text).toContain(flat(`填写要求${material.sampleDescription}`));
      material.commonMistakes.forEach((mistake, m) => expect(text).toContain(flat(`${'①②③④⑤⑥'[m] ?? ''}${mistake}`)));
    });
  });

  it('lists what the applicant already has, and where to apply once complete', () => {
    for (const expected of [
      '二、已具备的材料（2项，无需另行准备）',
      '1经营者居民身份证已在本机拍摄',
      '2家庭成员关系证明（户口簿或结婚证）已在政府留存，免于提交',
      '本机不保存本次拍摄的材料图像',
      '三、材料补齐后的办理方式',
      `办理地点${ONE_TIME_NOTICE.place}`,
      `办理时间${ONE_TIME_NOTICE.hours}`,
      `咨询电话${ONE_TIME_NOTICE.phone}`,
      `网上办理${ONE_TIME_NOTICE.onlineUrl}`,
      `${ONE_TIME_NOTICE.implementingBody}2026年11月24日`,
      '本告知书由自助终端根据您在本机的申请情况生成，未加盖印章',
    ]) {
      expect(text).toContain(flat(expected));
    }
    for (let page = 1; page <= pdf.pages; page++) expect(text).toContain(`第${page}页共${pdf.pages}页`);
  });

  it('keeps the closing section and the sign-off together when it runs onto a second page', () => {
    expect(pdf.pages).toBe(2);
    const pages = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).split('\f').map(flat);
    expect(pages[1]).toContain('三、材料补齐后的办理方式');
    expect(pages[1]).toContain(flat(`网上办理${ONE_TIME_NOTICE.onlineUrl}`));
    expect(pages[1]).toContain('本告知书由自助终端');
  });

  it('fits one page with a single missing material, and addresses 申请人 when no card was read', async () => {
    const single = await buildOneTimeNoticePdf({ ...ONE_TIME_NOTICE, applicantMaskedName: null, missing: ONE_TIME_NOTICE.missing.slice(0, 1), provided: [] }, OPTIONS);
    expect(single.pages).toBe(1);
    const singleText = flatText(save(single));
    expect(singleText).toContain('申请人：');
    expect(singleText).toContain('尚缺以下1项申请材料');
    expect(singleText).not.toContain('已具备');
    expect(singleText).toContain('二、材料补齐后的办理方式');
  });

  it('draws no missing glyph and fits 45 KB compressed', async () => {
    expect(notdefGlyphs(pdf.bytes)).toBe(0);
    const compressed = await buildOneTimeNoticePdf(ONE_TIME_NOTICE, { ...OPTIONS, isCompressed: true });
    expect(compressed.bytes.byteLength).toBeLessThanOrEqual(45 * 1024);
  });
});

describe('告知承诺书 (signed commitment, sent to the platform)', () => {
  let pdf: ApplicationPdf;
  let file: string;
  let text: string;
  beforeAll(async () => {
    pdf = await buildCommitmentPdf(COMMITMENT, OPTIONS);
    file = save(pdf);
    text = flatText(file);
  });

  it('has the title, the item, every clause numbered, the full name and ID number, the time and the reference', () => {
    expect(pdf.pages).toBe(1);
    expect(text).toContain(COMMITMENT.title);
    expect(text).toContain(flat(`事项名称${COMMITMENT.itemName}`));
    expect(text).toContain(`申报编号${COMMITMENT.reference}`);
    COMMITMENT.clauses.forEach((clause, i) => expect(text).toContain(flat(`${i + 1}.${clause}`)));
    expect(text).toContain(`承诺人${APPLICANT_CARD.name}`);
    expect(text).toContain(`证件号码${APPLICANT_CARD.idNumber}`);
    expect(text).toContain('签署时间2026-11-2409:04');
    expect(text).toContain('承诺人签名：');
    expect(text).not.toContain('代办人');
  });

  it('names the agent when one signed on the applicant’s behalf', async () => {
    const byAgent = flatText(save(await buildCommitmentPdf({ ...COMMITMENT, agentName: AGENT_CARD.name }, OPTIONS)));
    expect(byAgent).toContain(`代办人${AGENT_CARD.name}`);
  });

  it('keeps name and ID number out of the metadata', () => {
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+住房租赁合同登记备案告知承诺书$/mu);
    expect(info).not.toContain(APPLICANT_CARD.name);
    expect(info).not.toContain(APPLICANT_CARD.idNumber);
  });

  it('draws the signature as round-capped 1.2 pt pen lines, one line segment per pad sample', () => {
    const stream = Buffer.from(pdf.bytes).toString('latin1');
    expect(stream).toMatch(/\b1\.2 w\b/u);
    expect(stream).toMatch(/\b1 J\b/u);
    expect(stream).toMatch(/\b1 j\b/u);
    const segments = COMMITMENT.signature.strokes.reduce((sum, stroke) => sum + Math.max(1, stroke.length / 2 - 1), 0);
    expect(stream.match(/ l\n/gu)?.length ?? 0).toBeGreaterThanOrEqual(segments);
  });

  it('puts ink on the page where the strokes go', async () => {
    const dotOnly: CommitmentPdfData = { ...COMMITMENT, signature: { aspect: COMMITMENT.signature.aspect, strokes: [[0.5, 0.5]] } };
    const signed = darkPixels(await greyPage(file, 150));
    const dotted = darkPixels(await greyPage(save(await buildCommitmentPdf(dotOnly, OPTIONS)), 150));
    expect(signed - dotted).toBeGreaterThan(1_000);
  });

  it('scales the drawing into its box keeping the pad’s aspect ratio', () => {
    const box = { width: 200, height: 80 };
    expect(signatureSize(2.5, box)).toEqual({ width: 200, height: 80 });
    expect(signatureSize(4, box)).toEqual({ width: 200, height: 50 });
    expect(signatureSize(1, box)).toEqual({ width: 80, height: 80 });
  });

  it('refuses a malformed signature without printing anything personal', async () => {
    for (const strokes of [[], [[0.1, 0.2, 0.3]], [[0.1, Number.NaN]]]) {
      const refused = buildCommitmentPdf({ ...COMMITMENT, signature: { aspect: 2.5, strokes } }, OPTIONS);
      await expect(refused).rejects.toThrow(RangeError);
      await expect(refused).rejects.not.toThrow(APPLICANT_CARD.name);
    }
    await expect(buildCommitmentPdf({ ...COMMITMENT, signature: { ...COMMITMENT.signature, aspect: 0 } }, OPTIONS)).rejects.toThrow(/aspect/u);
  });

  it('draws no missing glyph and fits 35 KB compressed', async () => {
    expect(notdefGlyphs(pdf.bytes)).toBe(0);
    const compressed = await buildCommitmentPdf(COMMITMENT, { ...OPTIONS, isCompressed: true });
    expect(compressed.bytes.byteLength).toBeLessThanOrEqual(35 * 1024);
  });
});

describe('characters the font lacks', () => {
  // 𪚥 (U+2A6A5, CJK Extension B) is beyond the subset; U+E000 stands for a 公安部
  // private-use code point an ID card may carry for a rare name character.
  const RARE = '\u{2A6A5}';
  const PRIVATE_USE = '\uE000';

  it('are replaced by □; variation selectors and zero-width characters are dropped; spacing is kept', async () => {
    const font = await loadPdfFont(ASSETS_DIR);
    expect(printableText(font, `测${RARE}试\uFE0F\u200B样本${PRIVATE_USE}\n A\u3000B`)).toBe(`测${MISSING_GLYPH}试样本${MISSING_GLYPH}\n A\u3000B`);
    expect(printableText(font, ACCEPTANCE_NOTICE.place)).toBe(ACCEPTANCE_NOTICE.place);
  });

  it('would otherwise be drawn as .notdef (the check above sees it)', async () => {
    const flow = new PdfFlow(await loadPdfFont(ASSETS_DIR), { title: 't', subject: 's', author: 'a', createdAt: OPTIONS.printedAt, isCompressed: false });
    flow.draw([{ text: `测${RARE}试`, style: STYLES.body }], flow.left, flow.y, flow.width);
    expect(notdefGlyphs(await flow.finish())).toBe(1);
  });

  it('print as □ in every document, from names, items and form values', async () => {
    const acceptance = await buildAcceptanceNoticePdf({ ...ACCEPTANCE_NOTICE, applicantMaskedName: `${RARE}**`, itemName: `失业保险金申领${PRIVATE_USE}` }, OPTIONS);
    const oneTime = await buildOneTimeNoticePdf({ ...ONE_TIME_NOTICE, applicantMaskedName: `${RARE}*`, provided: [{ name: `材料${RARE}`, provision: 'captured' }] }, OPTIONS);
    const commitment = await buildCommitmentPdf({ ...COMMITMENT, applicantName: `${RARE}测试`, clauses: [`条款${RARE}`] }, OPTIONS);
    for (const pdf of [acceptance, oneTime, commitment]) expect(notdefGlyphs(pdf.bytes)).toBe(0);
    expect(flatText(save(acceptance))).toContain('□**：');
    expect(flatText(save(acceptance))).toContain('「失业保险金申领□」');
    expect(flatText(save(oneTime))).toContain('1材料□已在本机拍摄');
    expect(flatText(save(commitment))).toContain('承诺人□测试');
  });
});

describe('the PDF font', () => {
  const font = fontkit.create(readFileSync(path.join(ASSETS_DIR, PDF_FONT_FILE)));
  const missing = (text: string): string[] =>
    'hasGlyphForCodePoint' in font ? [...new Set(text)].filter((ch) => ch.trim() !== '' && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) : ['(collection)'];

  it('has a glyph for every character the application documents write (else re-run scripts/make-pdf-font.py)', () => {
    expect(missing(readFileSync(path.resolve(import.meta.dirname, '../../electron/services/documents/application-notices.ts'), 'utf8'))).toEqual([]);
  });

  it('has a glyph for every character of the fixture documents', () => {
    expect(missing(JSON.stringify([ACCEPTANCE_NOTICE, ONE_TIME_NOTICE, COMMITMENT]))).toEqual([]);
  });
});

describe('chineseDate', () => {
  it('writes dates as official documents do, keeping a time and leaving anything else alone', () => {
    expect(chineseDate('2026-11-24')).toBe('2026年11月24日');
    expect(chineseDate('2026-01-05 09:05')).toBe('2026年1月5日 09:05');
    expect(chineseDate('即日')).toBe('即日');
  });
});
