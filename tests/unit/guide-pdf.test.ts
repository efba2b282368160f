import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderGuidePdf } from '../../electron/services/documents/guide-pdf.js';
import { PDF_FONT_FILE } from '../../electron/services/documents/pdf-layout.js';
import { countPdfPages } from '../../electron/services/printing/pdf-pages.js';
import { GUIDE_PDF_OPTIONS, GUIDE_VIEW } from '../fixtures/guide-view.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

const OPTIONS = { ...GUIDE_PDF_OPTIONS, assetsDir: ASSETS_DIR };
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Runs a poppler tool; CI installs poppler-utils, so a missing tool fails the suite. */
function poppler(tool: 'pdftoppm' | 'pdftotext', args: readonly string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error !== undefined) {
    throw new Error(
      (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${tool} not found: apt-get install -y poppler-utils` : `${tool}: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${run.status ?? 'by signal'}: ${run.stderr}`);
  return run.stdout;
}

describe('office guide PDF', () => {
  let pdf: { bytes: Uint8Array; pages: number };
  let text: string;
  beforeAll(async () => {
    pdf = await renderGuidePdf(GUIDE_VIEW, { ...OPTIONS, isCompressed: false });
    text = latin1(pdf.bytes);
  });

  it('is an A4 PDF whose table of 14 materials runs over pages', () => {
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.pages).toBe(3);
    expect(text).toMatch(new RegExp(`/Type /Pages\\s*/Count ${pdf.pages}\\b`, 'u'));
    expect(countPdfPages(pdf.bytes)).toBe(pdf.pages);
    expect(text.match(/\/MediaBox \[0 0 595\.28 841\.89\]/gu)).toHaveLength(pdf.pages);
  });

  it('embeds the CJK face from assets/ as a subset, and no other font', () => {
    expect(text).toMatch(/\/FontFile3 \d+ 0 R/u);
    expect(text).toMatch(/\/Subtype \/CIDFontType0C/u);
    const baseFonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6})\+([\w-]+)/gu)].map((m) => m[2]);
    expect(new Set(baseFonts)).toEqual(new Set(['NotoSansSCKioskSubset-Regular']));
    expect(text).not.toMatch(/Helvetica|Times|Courier/u);
    // A subset, not the 1.3 MB file: the whole document is smaller than that.
    expect(pdf.bytes.byteLength).toBeLessThan(statSync(path.join(ASSETS_DIR, PDF_FONT_FILE)).size / 5);
  });

  it('takes its creation date from printedAt and gives the same bytes for the same input', async () => {
    // pdfkit writes the info strings as indirect objects: follow the reference.
    const ref = /\/CreationDate (\d+) 0 R/u.exec(text)?.[1];
    expect(ref).toBeDefined();
    expect(text).toContain(`\n${ref} 0 obj\n(D:20261124010500Z)\nendobj`);
    const again = await renderGuidePdf(GUIDE_VIEW, { ...OPTIONS, isCompressed: false });
    expect(Buffer.from(again.bytes).equals(Buffer.from(pdf.bytes))).toBe(true);
  });

  it('fits the bench budget compressed (60 KB) and says the same page count', async () => {
    const compressed = await renderGuidePdf(GUIDE_VIEW, OPTIONS);
    expect(compressed.pages).toBe(pdf.pages);
    expect(compressed.bytes.byteLength).toBeLessThan(pdf.bytes.byteLength);
    expect(compressed.bytes.byteLength).toBeLessThanOrEqual(60 * 1024);
  });

  describe('rendered by poppler', () => {
    const dir = makeTempDir('kiosk-guide-pdf-');
    afterAll(() => dir.remove());
    let extracted: string;
    beforeAll(() => {
      const file = path.join(dir.path, 'guide.pdf');
      writeFileSync(file, pdf.bytes);
      poppler('pdftoppm', ['-png', '-r', '50', file, path.join(dir.path, 'page')]);
      // -raw keeps the order text was drawn in, so a wrapped table cell stays in one piece.
      extracted = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
    });

    it('draws every page as a non-empty image', () => {
      const images = readdirSync(dir.path).filter((name) => name.endsWith('.png'));
      expect(images).toHaveLength(pdf.pages);
      for (const image of images) {
        const png = readFileSync(path.join(dir.path, image));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.byteLength).toBeGreaterThan(2_000);
      }
    });

    it('has the item, the materials heading, every material and the page footer as text', () => {
      const flat = extracted.replace(/\s+/gu, '');
      expect(flat).toContain(GUIDE_VIEW.name);
      for (const heading of ['基本信息', '受理条件', '申请材料', '办理流程', '特别程序', '设定依据']) expect(flat).toContain(heading);
      for (const material of GUIDE_VIEW.materials) expect(flat).toContain(material.name.replace(/\s+/gu, ''));
      for (let page = 1; page <= pdf.pages; page++) expect(extracted).toContain(`第 ${page} 页 共 ${pdf.pages} 页`);
      expect(extracted).toContain('以窗口最新告知为准');
      expect(extracted).toContain('LYG-ZZ-0001');
      expect(extracted).toContain('2026-11-24 09:05');
      // The materials table header repeats on the page the table continues on.
      expect(extracted.match(/序号 材料名称 形式 份数 要求 来源/gu)?.length).toBe(2);
    });
  });
});

describe('the PDF font', () => {
  const font = fontkit.create(readFileSync(path.join(ASSETS_DIR, PDF_FONT_FILE)));
  const missing = (text: string): string[] =>
    'hasGlyphForCodePoint' in font ? [...new Set(text)].filter((ch) => ch.trim() !== '' && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) : ['(collection)'];

  it('has a glyph for every character of the bundled catalogue (else re-run scripts/make-pdf-font.py)', () => {
    expect(missing(readFileSync(path.join(ASSETS_DIR, 'catalogue', 'catalogue.json'), 'utf8'))).toEqual([]);
  });

  it('has a glyph for every character of the fixture guide', () => {
    expect(missing(JSON.stringify(GUIDE_VIEW))).toEqual([]);
  });
});
