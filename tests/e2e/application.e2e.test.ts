/**
 * Issue #6 end to end in Chromium against the web host, simulated reader, 高拍仪 and printers:
 * - a complete 居住证签注 by 代办 — both ID cards, two materials photographed, one not
 *   applicable, the form typed with the pinyin keyboard and the digit pad, the 告知承诺书
 *   signed with the pointer — submitted: the screen shows the 办件编号, the thermal printer's
 *   受理回执 and the A4 受理通知书 (read back with pdftotext) carry it and the masked ID;
 * - an incomplete 失业保险金申领 — the ID card 暂无, the 社保卡 暂无, the termination proof 容缺:
 *   nothing is submitted and the A4 一次性告知书 lists what is missing and where to get it.
 * Neither the full name nor the full ID number ever appears in the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgument, MethodName } from '../../electron/ipc/contract.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { seriousViolations } from '../support/axe.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromiumInstalled } from '../support/browser.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];
/** 居住证签注: 告知承诺, 代办 allowed; ID card (two sides) and 居住证 photographed, 变更证明 conditional. */
const PERMIT = '320700-GA-GG-0004';
/** 失业保险金申领: ID card, a 容缺 termination proof, the 社保卡. */
const UNEMPLOYMENT = '320700-RS-JF-0005';
const CANARIES = [SPECIMEN_CARDS.resident.name, SPECIMEN_CARDS.resident.idNumber, SPECIMEN_CARDS['resident-elder'].name, SPECIMEN_CARDS['resident-elder'].idNumber];

describe('self-service application (#6)', () => {
  let browser: Browser | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let kiosk: KioskProcess | undefined;
  let page: Page;
  let violations: string[] = [];
  /** Every page text seen, for the canary check at the end. */
  let seen: string[] = [];

  beforeAll(() => {
    assertChromiumInstalled();
  });
  afterEach(async () => {
    await browser?.close();
    await kiosk?.stop();
    dir?.remove();
  });

  async function start(): Promise<void> {
    dir = makeTempDir('kiosk-e2e-application-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1 }));
    kiosk = await startKioskProcess(dir.path);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Buttons fade their colour over 80 ms when they become enabled; axe must see the end state.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(kiosk.url);
    violations = [];
    seen = [];
  }

  /** Screenshot (when KIOSK_SHOTS_DIR is set), axe, and the page text for the canary check. */
  const look = async (name: string): Promise<void> => {
    if (SHOTS_DIR !== undefined) {
      mkdirSync(SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS_DIR, `e2e-application-${name}.png`) });
    }
    violations.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    seen.push(await page.content());
  };

  /** A dev call, as the dev panel makes it. */
  async function dev<M extends MethodName>(method: M, arg: MethodArgument<M>): Promise<void> {
    const client = await connectClient(kiosk!.url);
    try {
      const result = await client.call(method, arg);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    } finally {
      client.close();
    }
  }

  async function openGuide(initials: string, itemCode: string): Promise<void> {
    await page.getByTestId('home-guide').click();
    await page.getByTestId('guide-search').click();
    await page.getByTestId('guide-search-input').click();
    for (const key of initials) await page.getByTestId(`keyboard-key-${key}`).click();
    await page.getByTestId(`guide-hit-${itemCode}`).click();
    await page.getByTestId('guide-page').waitFor();
    await page.getByTestId('guide-apply').click();
  }

  async function readCard(specimenId: string): Promise<void> {
    await page.getByTestId('application-card-reading').waitFor();
    await dev('dev.presentCard', { specimenId });
    await page.getByTestId('application-card-confirm-take').click();
    await dev('dev.removeCard', {});
  }

  async function photograph(materialId: string, documents: readonly ('idCardFront' | 'idCardBack' | 'a4Text')[]): Promise<void> {
    await dev('dev.placeDocument', { document: documents[0] ?? 'a4Text', variant: 'clean' });
    await page.getByTestId(`material-${materialId}-capture`).click();
    for (const [index, document] of documents.entries()) {
      if (index > 0) await dev('dev.placeDocument', { document, variant: 'clean' });
      await page.locator('[data-testid=capture-status][data-code=ready]').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('capture-take').isEnabled()).toBe(true);
      await page.getByTestId('capture-take').click();
      await page.getByTestId('capture-review').waitFor({ timeout: 15_000 });
      await page.getByTestId('capture-accept').click();
    }
    if ((await page.getByTestId('capture-material-done').count()) > 0) await page.getByTestId('capture-material-done').click();
    await expect.poll(() => page.getByTestId(`application-material-${materialId}`).getAttribute('data-choice'), { timeout: 15_000 }).toBe('captured');
  }

  /** Types pinyin on the on-screen keyboard and picks the first candidate that is `word`. */
  async function typeWord(pinyin: string, word: string): Promise<void> {
    for (const key of pinyin) await page.getByTestId(`keyboard-key-${key}`).click();
    await page.locator('[data-testid^=keyboard-candidate-]').filter({ hasText: new RegExp(`^${word}$`, 'u') }).first().click();
  }

  const a4Text = (file: string): string => execFileSync('pdftotext', ['-layout', path.join(dir!.path, 'a4', file), '-'], { encoding: 'utf8' });
  const receipts = (): string =>
    readdirSync(path.join(dir!.path, 'printer'))
      .filter((name) => name.endsWith('.txt'))
      .map((name) => readFileSync(path.join(dir!.path, 'printer', name), 'utf8'))
      .join('\n');

  it('submits a complete 居住证签注 by 代办 with the commitment signed: case number on screen, receipt and acceptance notice printed', async () => {
    await start();
    await openGuide('jzzqz', PERMIT);
    await look('intro');
    await page.getByTestId('application-start-agent').click();
    await readCard('resident');
    await readCard('resident-elder');
    await page.getByTestId('application-material-list').waitFor();
    await look('materials');

    await photograph('id-card', ['idCardFront', 'idCardBack']);
    await photograph('residence-permit', ['a4Text']);
    await page.getByTestId('material-change-proof-notApplicable').click();
    await expect.poll(() => page.getByTestId('application-material-change-proof').getAttribute('data-choice')).toBe('notApplicable');
    await look('materials-done');
    await page.getByTestId('application-materials-next').click();

    // The form: the address with pinyin, two choices, the phone on the digit pad.
    await page.getByTestId('application-form').waitFor();
    await page.getByTestId('form-input-currentAddress').click();
    await typeWord('lianyungang', '连云港市');
    await typeWord('haizhou', '海州区');
    await expect.poll(() => page.getByTestId('form-input-currentAddress').getAttribute('data-value')).toBe('连云港市海州区');
    await look('form-address');
    await page.getByTestId('form-option-residenceType-rented').click();
    await page.getByTestId('form-option-changeType-none').click();
    await page.getByTestId('form-input-contactPhone').click();
    for (const digit of '13812345678') await page.getByTestId(`form-key-${digit}`).click();
    await expect.poll(() => page.getByTestId('form-input-contactPhone').getAttribute('data-value')).toBe('13812345678');
    await look('form-filled');
    await page.getByTestId('application-form-next').click();

    // The 告知承诺书: sign with the pointer, then 我已阅读并承诺.
    await page.getByTestId('application-commitment-title').waitFor();
    const pad = await page.getByTestId('signature-canvas').boundingBox();
    if (pad === null) throw new Error('no signature pad');
    await page.mouse.move(pad.x + pad.width * 0.2, pad.y + pad.height * 0.5);
    await page.mouse.down();
    for (let step = 0; step <= 30; step += 1) {
      await page.mouse.move(pad.x + pad.width * (0.2 + step * 0.02), pad.y + pad.height * (0.5 + Math.sin(step / 3) * 0.25));
    }
    await page.mouse.up();
    await look('commitment-signed');
    await page.getByTestId('application-commit').click();

    await page.getByTestId('application-submit').waitFor();
    expect(await page.getByTestId('application-review-agent').textContent()).toContain('3200');
    await look('review');
    await page.getByTestId('application-submit').click();
    await page.getByTestId('application-result').waitFor({ timeout: 30_000 });
    await look('result');
    const caseNumber = (await page.getByTestId('application-result-case-number').textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(/^ZZ\d{14}$/u);
    expect(await page.getByTestId('application-receipt').getAttribute('data-status')).toBe('printed');
    expect(await page.getByTestId('application-notice').getAttribute('data-status')).toBe('printed');

    // The 受理回执 as the thermal printer got it, and the A4 受理通知书.
    const receipt = receipts();
    expect(receipt).toContain('受理回执');
    expect(receipt).toContain(caseNumber);
    expect(receipt).toContain('居住证签注');
    expect(receipt).toMatch(/3200\*{10}991\d/u);
    const notice = a4Text('1.pdf');
    expect(notice).toContain('受理通知书');
    expect(notice).toContain(caseNumber);
    expect(notice).toContain('居住证签注');

    await page.getByTestId('application-done').click();
    await page.getByTestId('home-guide').waitFor();
    const hits = seen.flatMap((html) => CANARIES.filter((canary) => html.includes(canary)));
    expect(hits).toEqual([]);
    expect(receipt.includes(SPECIMEN_CARDS.resident.idNumber) || receipt.includes(SPECIMEN_CARDS.resident.name)).toBe(false);
    expect(violations).toEqual([]);
  }, 180_000);

  it('does not submit an incomplete 失业保险金申领: prints the 一次性告知书 with every missing material', async () => {
    await start();
    await openGuide('sybxjsl', UNEMPLOYMENT);
    await page.getByTestId('application-start-self').click();
    await readCard('resident');
    await page.getByTestId('application-material-list').waitFor();
    await page.getByTestId('material-id-card-missing').click();
    await page.getByTestId('material-social-security-card-missing').click();
    await page.getByTestId('material-termination-proof-deferred').click();
    await page.getByTestId('application-date-confirm').click();
    await expect.poll(() => page.getByTestId('application-material-termination-proof').getAttribute('data-choice')).toBe('deferred');
    await page.getByTestId('application-materials-next').click();

    await page.getByTestId('application-review-incomplete').waitFor();
    await look('review-incomplete');
    expect(await page.getByTestId('application-submit').count()).toBe(0);
    const missing = (await page.getByTestId('application-review-missing').textContent()) ?? '';
    expect(missing).toContain('申请人居民身份证');
    expect(missing).toContain('本人社会保障卡');
    await page.getByTestId('application-print-notice').click();
    await page.locator('[data-testid=application-notice-result][data-status=printed]').waitFor({ timeout: 30_000 });
    await look('notice-printed');

    const notice = a4Text('1.pdf').replace(/\s+/gu, '');
    expect(notice).toContain('一次性告知');
    expect(notice).toContain('失业保险金申领');
    expect(notice).toContain('申请人居民身份证');
    expect(notice).toContain('本人社会保障卡');
    // Nothing was submitted: no receipt, no case.
    expect(readdirSync(dir!.path).includes('printer') ? receipts() : '').not.toContain('受理回执');
    const hits = seen.flatMap((html) => CANARIES.filter((canary) => html.includes(canary)));
    expect(hits).toEqual([]);
    expect(violations).toEqual([]);
  }, 120_000);
});
