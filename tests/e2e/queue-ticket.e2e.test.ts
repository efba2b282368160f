import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

function printedTexts(dataDir: string): string[] {
  const dir = path.join(dataDir, 'printer');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** The list ignores taps for a moment after it appears (a double tap on 取号 must not choose). */
async function chooseCategory(page: Page, categoryId: string): Promise<void> {
  await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
  await page.getByTestId(`category-${categoryId}`).click();
}

/**
 * 不刷证，直接取号 on the identification screen (the default `optional` mode). The button
 * ignores taps for a moment after it appears, like the category list.
 */
async function takeDirectly(page: Page): Promise<void> {
  await page.locator('[data-testid=ticket-skip-id][data-accepting=true]').click();
}

async function takeTicket(page: Page, categoryId: string): Promise<string> {
  await page.getByTestId('home-take-ticket').click();
  await chooseCategory(page, categoryId);
  await takeDirectly(page);
  const number = page.getByTestId('ticket-number');
  await number.waitFor();
  return (await number.textContent())?.trim() ?? '';
}

async function goHome(page: Page): Promise<void> {
  await page.getByRole('button', { name: '返回首页' }).first().click();
  await page.getByTestId('home-take-ticket').waitFor();
}

describe('queue ticket journey (取号)', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess | null = null;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(() => {
    dir = makeTempDir('kiosk-e2e-');
  });
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = null;
    dir.remove();
  });

  it('takes tickets in two categories; numbers, screen and printed tickets agree', async () => {
    kiosk = await startKioskProcess(dir.path);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    );
    await page.goto(kiosk.url);
    await page.getByTestId('simulated-badge').waitFor();
    await shot(page, 'home');

    await page.getByTestId('home-take-ticket').click();
    await page.getByTestId('category-general').waitFor();
    await shot(page, 'categories');
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await shot(page, 'identify');
    await takeDirectly(page);
    await page.getByTestId('ticket-number').waitFor();
    await shot(page, 'ticket');
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A001');
    expect(await page.getByTestId('ticket-category').textContent()).toContain('综合受理');
    await expect(page.getByText('请取走小票').first().isVisible()).resolves.toBe(true);
    await goHome(page);

    expect(await takeTicket(page, 'tax')).toBe('F001');
    await goHome(page);
    expect(await takeTicket(page, 'general')).toBe('A002');
    expect(await page.getByTestId('ticket-waiting').textContent()).toContain('1');

    // The simulator writes its preview files just after confirming the job.
    await waitFor(() => printedTexts(dir.path).length === 3, 'three printed tickets');
    const printed = printedTexts(dir.path);
    expect(printed[0]).toContain('A001');
    expect(printed[0]).toContain('综合受理');
    expect(printed[0]).toMatch(/\[QR: zwkiosk:\/\/ticket\?t=[^\]]+&n=A001\]/u);
    expect(printed[1]).toContain('F001');
    expect(printed[1]).toContain('税务');
    expect(printed[2]).toContain('A002');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('still gives the number on screen when the printer is out of paper', async () => {
    writeFileSync(
      path.join(dir.path, 'config.json'),
      JSON.stringify({ version: 1, devices: { receiptPrinter: { transport: { type: 'simulated', paper: 'empty' } } } }),
    );
    kiosk = await startKioskProcess(dir.path);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.url);
    expect(await takeTicket(page, 'real-estate')).toBe('B001');
    await page.getByTestId('ticket-print-failed').waitFor();
    expect(await page.getByTestId('ticket-print-failed').textContent()).toContain('打印机缺纸');
    await shot(page, 'ticket-print-failed');
    await page.close();
  });
});
