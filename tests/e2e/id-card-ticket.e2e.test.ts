/**
 * Issue #3: a ticket taken with the (simulated) ID-card reader, end to end in Chromium
 * against the web host — priority lane for 70+, one ticket per person and category, reprint,
 * "请取回身份证" — and the canary scan of R-P2: the card's ID number appears nowhere (DOM,
 * IPC frames, receipts, logs, database), its name and address nowhere outside the one
 * confirmation screen, in UTF-8, UTF-16LE or GB18030.
 */
import iconv from 'iconv-lite';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const CARD = SPECIMEN_CARDS['resident-elder'];
const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];

function encodings(text: string): Buffer[] {
  return [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), iconv.encode(text, 'gb18030')];
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function chooseCategory(page: Page, categoryId: string): Promise<void> {
  await page.getByTestId('home-take-ticket').click();
  await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
  await page.getByTestId(`category-${categoryId}`).click();
}

async function presentSpecimen(page: Page, specimenId: string): Promise<void> {
  await page.getByTestId('dev-card-panel').click();
  await page.getByTestId(`dev-card-${specimenId}`).click();
}

describe('ticket by ID card (#3)', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;
  let page: Page;
  const frames: string[] = [];
  const domSnapshots: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = makeTempDir('kiosk-e2e-card-');
    // DEBUG on: the canary scan must cover everything the logs could say.
    kiosk = await startKioskProcess(dir.path, { DEBUG: 'kiosk:*' });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => frames.push(String(frame.payload)));
      ws.on('framereceived', (frame) => frames.push(String(frame.payload)));
    });
    await page.goto(kiosk.url);
  });
  afterEach(async () => {
    await page.close();
    await kiosk.stop();
    dir.remove();
  });

  it('reads the card, confirms, issues a priority ticket once, reprints, and leaks nothing', async () => {
    const prompt = page.waitForResponse((response) => response.url().endsWith('/voice/zh-CN/placeCard.ogg'));
    await chooseCategory(page, 'general');
    await page.getByText('请将身份证放置在感应区').first().waitFor();
    // The voice prompt of the screen was fetched (and played through Web Audio).
    expect((await prompt).status()).toBe(200);
    if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, 'id-card-place.png') });
    domSnapshots.push(await page.content());

    await presentSpecimen(page, 'resident-elder');
    await page.getByTestId('identity-confirm').waitFor();
    const confirm = await page.getByTestId('identity-confirm').textContent();
    expect(confirm).toContain(CARD.name); // shown in full once, to its holder
    expect(confirm).toContain('3200');
    expect(confirm).not.toContain(CARD.idNumber);
    if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, 'id-card-confirm.png') });
    domSnapshots.push(await page.content());

    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A001');
    await page.getByTestId('ticket-priority').waitFor();
    await page.getByTestId('take-card-reminder').waitFor();
    if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, 'id-card-ticket.png') });
    domSnapshots.push(await page.content());

    // The same person again in the same category: the same ticket, reprint on request.
    await page.getByRole('button', { name: '返回首页' }).first().click();
    await chooseCategory(page, 'general');
    await presentSpecimen(page, 'resident-elder');
    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-reprint').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A001');
    domSnapshots.push(await page.content());
    await page.getByTestId('ticket-reprint').click();
    const printedTexts = (): string[] =>
      filesBelow(path.join(dir.path, 'printer'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(f, 'utf8'));
    // The simulator writes its preview files just after the job; wait for both slips.
    await waitFor(() => printedTexts().filter((text) => text.includes('A001')).length === 2, 'the ticket and its reprint');
    const printed = printedTexts();
    for (const text of printed) {
      expect(text).toContain('A001');
      expect(text).toMatch(/绿\s*色\s*通\s*道/u);
    }

    await page.getByRole('button', { name: '返回首页' }).first().click();
    await page.getByTestId('home-take-ticket').waitFor();
    domSnapshots.push(await page.content());
    await kiosk.stop();

    // Canary scan (R-P2).
    const idNumber = encodings(CARD.idNumber);
    const private_ = [...idNumber, ...encodings(CARD.name), ...encodings(CARD.address ?? '')];
    const hits: string[] = [];
    for (const file of filesBelow(dir.path)) {
      const bytes = readFileSync(file);
      if (private_.some((canary) => bytes.includes(canary))) hits.push(path.relative(dir.path, file));
    }
    const output = Buffer.from(kiosk.output(), 'utf8');
    if (private_.some((canary) => output.includes(canary))) hits.push('process output');
    if (frames.some((frame) => frame.includes(CARD.idNumber) || frame.includes(CARD.address ?? '\u0000'))) hits.push('IPC frames');
    // The full name crosses IPC once per card read (identity.revealName), for the
    // confirmation screen: two presentations, two frames.
    expect(frames.filter((frame) => frame.includes(CARD.name))).toHaveLength(2);
    if (domSnapshots.some((html) => html.includes(CARD.idNumber))) hits.push('DOM');
    expect(domSnapshots.filter((html) => html.includes(CARD.name))).toHaveLength(1);
    expect(hits).toEqual([]);
  });

  it('says so when the card has expired, and keeps reading', async () => {
    await chooseCategory(page, 'tax');
    await presentSpecimen(page, 'resident-expired');
    await page.getByText('您的证件已过期').first().waitFor();
    await presentSpecimen(page, 'resident');
    await page.getByTestId('identity-confirm').waitFor();
  });
});
