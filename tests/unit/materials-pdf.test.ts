import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MaterialForPdf,
  type MaterialPage,
  type MaterialsPdfOptions,
  buildMaterialPdf,
  buildMaterialsPdf,
} from '../../electron/services/capture/materials-pdf.js';
import { PDF_FONT_FILE } from '../../electron/services/documents/pdf-layout.js';
import { countPdfPages } from '../../electron/services/printing/pdf-pages.js';
import { maskName } from '../../electron/services/privacy/mask.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

/** The applicant's real name: it must never reach the PDF, in any encoding. */
const CANARY_NAME = '欧阳娜娜';

const OPTIONS: MaterialsPdfOptions = {
  hallName: '连云港市政务服务中心',
  terminalId: 'LYG-ZZ-0001',
  itemName: '不动产转移登记（二手房买卖）',
  applicantMaskedName: maskName(CANARY_NAME),
  reference: 'SL20261124000123',
  // 09:05 in Lianyungang.
  createdAt: new Date('2026-11-24T01:05:00Z'),
  assetsDir: ASSETS_DIR,
  isCompressed: false,
};

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Runs a poppler tool; CI installs poppler-utils, so a missing tool fails the suite. */
function poppler(tool: 'pdfimages' | 'pdfinfo' | 'pdftoppm' | 'pdftotext', args: readonly string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error !== undefined) {
    throw new Error(
      (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${tool} not found: apt-get install -y poppler-utils` : `${tool}: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${run.status ?? 'by signal'}: ${run.stderr}`);
  return run.stdout;
}

/**
 * A page as the capture pipeline leaves it: paper-toned, grainy (so it weighs what a scan
 * weighs, 50–200 KB; plain pages are quicker to make) and framed by a drawn rectangle.
 */
async function scannedPage(
  widthPx: number,
  heightPx: number,
  dpi: number,
  options: { readonly orientation?: number; readonly isGrainy?: boolean } = {},
): Promise<MaterialPage> {
  const stroke = Math.max(3, Math.round(widthPx / 150));
  const frame = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}">` +
      `<rect x="${widthPx * 0.1}" y="${heightPx * 0.1}" width="${widthPx * 0.8}" height="${heightPx * 0.8}" fill="none" stroke="#000" stroke-width="${stroke}"/></svg>`,
  );
  const grain = options.isGrainy === false ? {} : { noise: { type: 'gaussian', mean: 238, sigma: 6 } as const };
  const paper = await sharp({ create: { width: widthPx, height: heightPx, channels: 3, background: '#f4f4f0', ...grain } }).png().toBuffer();
  let image = sharp(paper).composite([{ input: frame }]);
  if (options.orientation !== undefined) image = image.withMetadata({ orientation: options.orientation });
  const jpeg = await image.jpeg({ quality: 70 }).toBuffer();
  return { jpeg: new Uint8Array(jpeg), widthPx, heightPx, dpi };
}

interface ImageRow {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly encoding: string;
  readonly xPpi: number;
  readonly yPpi: number;
}

/** `pdfimages -list`: every image drawn, its page and its resolution as placed on the page. */
function listImages(file: string): ImageRow[] {
  return poppler('pdfimages', ['-list', file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/u);
      return { page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]), encoding: cells[8] ?? '', xPpi: Number(cells[12]), yPpi: Number(cells[13]) };
    });
}

/** Sizes of each page, pt, from `pdfinfo`. */
function pageSizes(file: string, pages: number): string[] {
  return [...poppler('pdfinfo', ['-f', '1', '-l', String(pages), file]).matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/gu)].map((m) => m[1] ?? '');
}

const occurrences = (haystack: Buffer, needle: Uint8Array): number => {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
};

describe('materials PDF', () => {
  const dir = makeTempDir('kiosk-materials-pdf-');
  afterAll(() => dir.remove());

  let materials: MaterialForPdf[];
  let jpegs: Uint8Array[];
  let pdf: { bytes: Uint8Array; pages: number };
  let file: string;
  let text: string;
  beforeAll(async () => {
    const [front, back, hukou1, hukou2, contract1, contract2] = await Promise.all([
      scannedPage(1011, 638, 300),
      scannedPage(1011, 638, 300),
      // A 户口簿 leaf, 105 × 143 mm.
      scannedPage(620, 845, 150),
      scannedPage(620, 845, 150),
      scannedPage(1240, 1754, 150),
      scannedPage(1654, 2339, 200),
    ]);
    materials = [
      { name: '居民身份证', layout: 'card', pages: [front, back] },
      { name: '户口簿', pages: [hukou1, hukou2] },
      { name: '房屋买卖合同', layout: 'fullPage', pages: [contract1, contract2] },
    ];
    jpegs = materials.flatMap((material) => material.pages.map((page) => page.jpeg));
    pdf = await buildMaterialsPdf(materials, OPTIONS);
    file = path.join(dir.path, 'materials.pdf');
    writeFileSync(file, pdf.bytes);
    text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
  });

  it('has a cover, the two sides of the ID card on one sheet and a sheet for every other page, all A4', () => {
    expect(pdf.pages).toBe(6);
    expect(countPdfPages(pdf.bytes)).toBe(6);
    expect(pageSizes(file, pdf.pages)).toEqual(Array<string>(6).fill('595.28 x 841.89'));
  });

  it('embeds each page once, as the JPEG it was, at its real size', () => {
    const images = listImages(file);
    expect(images.map((image) => image.page)).toEqual([2, 2, 3, 4, 5, 6]);
    expect(images.every((image) => image.encoding === 'jpeg')).toBe(true);
    // The resolution on paper is the scan's: the page is printed at its real size.
    expect(images.map((image) => [image.xPpi, image.yPpi])).toEqual([
      [300, 300],
      [300, 300],
      [150, 150],
      [150, 150],
      [150, 150],
      [200, 200],
    ]);
    const bytes = Buffer.from(pdf.bytes);
    for (const jpeg of jpegs) expect(occurrences(bytes, jpeg)).toBe(1);
  });

  it('weighs the pages plus a cover of a few kilobytes (nothing re-encoded)', async () => {
    const compressed = await buildMaterialsPdf(materials, { ...OPTIONS, isCompressed: true });
    const pages = jpegs.reduce((sum, jpeg) => sum + jpeg.byteLength, 0);
    expect(pages).toBeGreaterThan(300_000);
    expect(compressed.bytes.byteLength).toBeGreaterThan(pages);
    expect(compressed.bytes.byteLength - pages).toBeLessThan(30 * 1024);
  });

  it('lists the application and every material with its page count on the cover', () => {
    const cover = text.split('\f')[0] ?? '';
    expect(cover).toContain('不动产转移登记（二手房买卖）');
    expect(cover).toContain('办件编号 SL20261124000123');
    expect(cover).toContain('自助终端 LYG-ZZ-0001');
    expect(cover).toContain('生成时间 2026-11-24 09:05');
    expect(cover).toContain('办理地点 连云港市政务服务中心');
    expect(cover).toContain('文件页数 共 6 页（含封面 1 页）');
    expect(cover).toContain('序号 材料名称 页数 所在页码');
    expect(cover).toContain('1 居民身份证 2 第 2 页');
    expect(cover).toContain('2 户口簿 2 第 3–4 页');
    expect(cover).toContain('3 房屋买卖合同 2 第 5–6 页');
    expect(cover).toContain('合计 3 项材料 6 第 2–6 页');
  });

  it('says on every sheet which material and page it holds, and the page of the file', () => {
    const sheets = text.split('\f');
    expect(sheets[1]).toContain('材料 1/3 居民身份证 第 1–2/2 页');
    expect(sheets[2]).toContain('材料 2/3 户口簿 第 1/2 页');
    expect(sheets[3]).toContain('材料 2/3 户口簿 第 2/2 页');
    expect(sheets[5]).toContain('材料 3/3 房屋买卖合同 第 2/2 页');
    for (let page = 1; page <= pdf.pages; page++) expect(sheets[page - 1]).toContain(`第 ${page} 页 共 ${pdf.pages} 页`);
  });

  it('shows the masked name only, and keeps name and reference out of the metadata', () => {
    expect(OPTIONS.applicantMaskedName).toBe('欧***');
    expect(text).toContain('申请人 欧***');
    const bytes = Buffer.from(pdf.bytes);
    for (const encoded of [Buffer.from(CANARY_NAME, 'utf8'), Buffer.from(CANARY_NAME, 'utf16le'), Buffer.from(CANARY_NAME, 'utf16le').swap16(), iconv.encode(CANARY_NAME, 'gb18030')]) {
      expect(bytes.includes(encoded)).toBe(false);
    }
    expect(text).not.toContain(CANARY_NAME);
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+不动产转移登记（二手房买卖） 申请材料$/mu);
    expect(info).not.toContain('欧');
    expect(info).not.toContain('SL20261124000123');
  });

  it('takes its creation date from createdAt and gives the same bytes for the same input', async () => {
    const ref = /\/CreationDate (\d+) 0 R/u.exec(latin1(pdf.bytes))?.[1];
    expect(ref).toBeDefined();
    expect(latin1(pdf.bytes)).toContain(`\n${ref} 0 obj\n(D:20261124010500Z)\nendobj`);
    const again = await buildMaterialsPdf(materials, OPTIONS);
    expect(Buffer.from(again.bytes).equals(Buffer.from(pdf.bytes))).toBe(true);
  });

  it('renders every page', () => {
    poppler('pdftoppm', ['-png', '-r', '20', file, path.join(dir.path, 'page')]);
    for (let page = 1; page <= pdf.pages; page++) {
      const png = readFileSync(path.join(dir.path, `page-${page}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('puts one material on its own behind a short cover', async () => {
    const hukou = materials[1];
    if (hukou === undefined) throw new Error('fixture');
    const single = await buildMaterialPdf(hukou, OPTIONS);
    const singleFile = path.join(dir.path, 'single.pdf');
    writeFileSync(singleFile, single.bytes);
    expect(single.pages).toBe(3);
    const extracted = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', singleFile, '-']);
    expect(extracted).toContain('材料名称 户口簿');
    expect(extracted).toContain('页数 2 页（本文件第 2–3 页）');
    expect(extracted).toContain('户口簿 第 1/2 页');
    expect(extracted).not.toContain('材料清单');
    expect(extracted).not.toContain('居民身份证');
    expect(listImages(singleFile).map((image) => image.page)).toEqual([2, 3]);
  });

  it('turns the sheet for a landscape page, so it keeps its real size', async () => {
    const landscape = await scannedPage(1754, 1240, 150, { isGrainy: false });
    const built = await buildMaterialPdf({ name: '营业执照', pages: [landscape] }, OPTIONS);
    const landscapeFile = path.join(dir.path, 'landscape.pdf');
    writeFileSync(landscapeFile, built.bytes);
    expect(pageSizes(landscapeFile, built.pages)).toEqual(['595.28 x 841.89', '841.89 x 595.28']);
    expect(listImages(landscapeFile).map((image) => [image.xPpi, image.yPpi])).toEqual([[150, 150]]);
  });

  it('shrinks a page larger than A4 to fit, and says so on the cover', async () => {
    // A3 at 150 dpi.
    const a3 = await scannedPage(1754, 2480, 150, { isGrainy: false });
    const built = await buildMaterialPdf({ name: '宗地图', pages: [a3] }, OPTIONS);
    const a3File = path.join(dir.path, 'a3.pdf');
    writeFileSync(a3File, built.bytes);
    const [image] = listImages(a3File);
    expect(image?.xPpi).toBeGreaterThan(200);
    expect(poppler('pdftotext', ['-raw', '-enc', 'UTF-8', a3File, '-'])).toContain('大于纸张的页面按比例缩小');
  });

  it('places a page upright even when its JPEG carries an EXIF orientation', async () => {
    const turned = await scannedPage(1011, 638, 300, { orientation: 6, isGrainy: false });
    const built = await buildMaterialPdf({ name: '居民身份证', layout: 'card', pages: [turned] }, OPTIONS);
    const turnedFile = path.join(dir.path, 'turned.pdf');
    writeFileSync(turnedFile, built.bytes);
    expect(listImages(turnedFile).map((image) => [image.width, image.height, image.xPpi, image.yPpi])).toEqual([[1011, 638, 300, 300]]);
  });

  describe('refuses input that is a bug in the caller', () => {
    let page: MaterialPage;
    beforeAll(async () => {
      page = await scannedPage(1011, 638, 300, { isGrainy: false });
    });
    const build = (pages: readonly MaterialPage[]) => buildMaterialsPdf([{ name: '居民身份证', pages }], OPTIONS);

    it('no materials, or a material without pages', async () => {
      await expect(buildMaterialsPdf([], OPTIONS)).rejects.toThrow(new RangeError('no materials to put in the PDF'));
      await expect(build([])).rejects.toThrow(new RangeError('material 1 (居民身份证) has no pages'));
    });

    it('a resolution or size that is not positive', async () => {
      for (const dpi of [0, -300, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(build([{ ...page, dpi }])).rejects.toThrow(RangeError);
      }
      await expect(build([{ ...page, widthPx: 0 }])).rejects.toThrow(/not a positive whole number of pixels/u);
      await expect(build([{ ...page, heightPx: -638 }])).rejects.toThrow(/not a positive whole number of pixels/u);
    });

    it('bytes that are not a JPEG, or a truncated one, or one of another size', async () => {
      const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer());
      await expect(build([page, { ...page, jpeg: png }])).rejects.toThrow(new RangeError('material 1 (居民身份证) page 2 is not a JPEG (it does not start with the FF D8 start-of-image marker)'));
      await expect(build([{ ...page, jpeg: page.jpeg.subarray(0, 20) }])).rejects.toThrow(/no JPEG frame header/u);
      await expect(build([{ ...page, widthPx: 1012 }])).rejects.toThrow(/declared 1012×638 px but the JPEG is 1011×638 px/u);
    });

    it('a name that has not been masked, without repeating it', async () => {
      const refused = buildMaterialsPdf([{ name: '居民身份证', pages: [page] }], { ...OPTIONS, applicantMaskedName: CANARY_NAME });
      await expect(refused).rejects.toThrow(RangeError);
      await expect(refused).rejects.not.toThrow(CANARY_NAME);
    });
  });
});

describe('the PDF font', () => {
  const font = fontkit.create(readFileSync(path.join(ASSETS_DIR, PDF_FONT_FILE)));
  const missing = (text: string): string[] =>
    'hasGlyphForCodePoint' in font ? [...new Set(text)].filter((ch) => ch.trim() !== '' && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) : ['(collection)'];

  // scripts/make-pdf-font.py reads the templates under documents/ only; this one lives
  // under capture/, so its words must be in the font already (GB2312 covers them).
  it('has a glyph for every character the materials PDF writes', () => {
    expect(missing(readFileSync(path.resolve(import.meta.dirname, '../../electron/services/capture/materials-pdf.ts'), 'utf8'))).toEqual([]);
  });
});
