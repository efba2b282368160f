/**
 * Issue #4 end to end against the web host: search "bdc" on the on-screen keyboard finds
 * 不动产 items, a guide opens, its materials checklist prints on the (simulated) receipt
 * printer, and the A4 guide arrives as a PDF that renders and contains the item's name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];

function filesIn(dir: string, extension: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(extension)).map((f) => path.join(dir, f)) : [];
}

function requirePoppler(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftotext is missing: apt-get install -y poppler-utils');
  }
}

describe('office guide (#4)', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;
  let page: Page;

  beforeAll(async () => {
    requirePoppler();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = makeTempDir('kiosk-e2e-guide-');
    kiosk = await startKioskProcess(dir.path);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.url);
  });
  afterEach(async () => {
    await page.close();
    await kiosk.stop();
    dir.remove();
  });

  it('finds 不动产 items by "bdc", opens a guide and prints its checklist and A4 guide', async () => {
    await page.getByTestId('home-guide').click();
    await page.getByTestId('guide-search').click();
    await page.getByTestId('guide-search-input').click();
    await page.getByTestId('keyboard').waitFor();
    for (const key of ['b', 'd', 'c']) await page.getByTestId(`keyboard-key-${key}`).click();
    const results = page.getByTestId('guide-search-results');
    const hits = results.locator('[data-testid^="guide-hit-"]:not([data-testid="guide-hit-list"])');
    await hits.first().waitFor();
    if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, 'guide-search.png') });
    const names = await hits.allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.includes('不动产'))).toBe(true);

    await hits.first().click();
    const guide = page.getByTestId('guide-page');
    await guide.waitFor();
    const title = (await guide.locator('h1, h2').first().textContent())?.trim() ?? '';
    expect(title).toContain('不动产');
    if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, 'guide-page.png') });

    await page.getByTestId('guide-print-checklist').click();
    await waitFor(() => filesIn(path.join(dir.path, 'printer'), '.txt').length === 1, 'the printed checklist');
    await waitFor(() => (readFileSync(filesIn(path.join(dir.path, 'printer'), '.txt')[0] ?? '', 'utf8').includes('[CUT]')), 'the whole checklist');
    const checklist = readFileSync(filesIn(path.join(dir.path, 'printer'), '.txt')[0] ?? '', 'utf8');
    expect(checklist).toContain('材料清单');
    expect(checklist).toMatch(/□/u);
    expect(checklist).toMatch(/\[QR: https:\/\//u);

    await page.getByTestId('guide-print-guide').click();
    await waitFor(() => filesIn(path.join(dir.path, 'a4'), '.pdf').length === 1, 'the A4 PDF', 15_000);
    const pdf = filesIn(path.join(dir.path, 'a4'), '.pdf')[0] ?? '';
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/gu, '')).toContain(title.replace(/\s+/gu, ''));
    const png = path.join(dir.path, 'page');
    execFileSync('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '1', pdf, png]);
    const rendered = readdirSync(dir.path).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(rendered.length).toBe(1);
    expect(readFileSync(path.join(dir.path, rendered[0] ?? '')).byteLength).toBeGreaterThan(1000);
  });
});
