/**
 * Issue #8 end to end in Chromium against the web host with simulated devices: the hidden
 * gesture opens the PIN pad; the first PIN is set (entered twice); wrong PINs lock the pad;
 * the console shows the devices, prints a test slip, reads a card masked, auto-detects,
 * exports a 诊断包 and shows an intact audit chain; axe-core finds nothing serious on any
 * console screen.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];
const PIN = '582047';

describe('technician console (#8)', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;
  let page: Page;
  let violations: string[];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = makeTempDir('kiosk-e2e-console-');
    kiosk = await startKioskProcess(dir.path);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.url);
    await page.getByTestId('screen-home').waitFor();
    violations = [];
  });
  afterEach(async () => {
    await page.close();
    await kiosk.stop();
    dir.remove();
  });

  const shot = async (name: string): Promise<void> => {
    if (SHOTS_DIR === undefined) return;
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, `e2e-console-${name}.png`) });
  };
  const checkA11y = async (screen: string): Promise<void> => {
    violations.push(...(await seriousViolations(page)).map((v) => `${screen}: ${v}`));
  };

  /** Hold the top-left corner for 3 s, let go, tap the top-right corner twice. */
  async function openConsole(): Promise<void> {
    await page.mouse.move(60, 60);
    await page.mouse.down();
    await page.waitForTimeout(3_200);
    await page.mouse.up();
    await page.mouse.click(1860, 50);
    await page.mouse.click(1860, 50);
    await page.getByTestId('screen-console-pin').waitFor();
  }

  async function typePin(pin: string): Promise<void> {
    for (const digit of pin) await page.getByTestId(`console-pin-key-${digit}`).click();
    await page.getByTestId('console-pin-submit').click();
  }

  it('opens only by the gesture; the first PIN is set twice; devices, tests, detect, 诊断包 and audit work', async () => {
    // A plain tap on the corners does nothing.
    await page.mouse.click(60, 60);
    await page.mouse.click(1860, 50);
    await page.mouse.click(1860, 50);
    expect(await page.getByTestId('screen-console-pin').count()).toBe(0);

    await openConsole();
    expect(await page.getByTestId('screen-console-pin').getAttribute('data-stage')).toBe('setFirst');
    await shot('pin-set');
    await checkA11y('pin pad');
    await typePin(PIN);
    await expect.poll(() => page.getByTestId('screen-console-pin').getAttribute('data-stage')).toBe('setConfirm');
    await typePin(PIN);

    // 设备总览: every device, the printer among them.
    await page.getByTestId('console-overview').waitFor();
    await page.getByTestId('console-device-receiptPrinter').waitFor();
    expect(await page.getByTestId('console-device-idCardReader').textContent()).toContain('模拟');
    await shot('overview');
    await checkA11y('overview');

    // 设备测试: a test slip on the simulated printer, a specimen card read masked.
    await page.getByTestId('console-tab-tests').click();
    await page.getByTestId('console-test-printTicket').click();
    await expect.poll(() => page.getByTestId('console-test-summary').textContent(), { timeout: 20_000 }).toContain('测试凭条已打印');
    expect(existsSync(path.join(dir.path, 'printer'))).toBe(true);
    const client = await connectClient(kiosk.url);
    try {
      const cards = await client.call('dev.listSpecimenCards', {});
      if (!cards.ok) throw new Error(cards.error.message);
      await client.call('dev.presentCard', { specimenId: cards.value[0]!.id });
    } finally {
      client.close();
    }
    await page.getByTestId('console-test-readCard').click();
    await expect.poll(() => page.getByTestId('console-test-summary').textContent(), { timeout: 20_000 }).toMatch(/读卡成功：\S+\*+\s+\d{4}\*{10}[\dX]{4}/u);
    await shot('tests');
    await checkA11y('tests');

    // 设备绑定: auto-detect runs and says what it looked at.
    await page.getByTestId('console-tab-binding').click();
    await page.getByTestId('console-binding').waitFor();
    await checkA11y('binding');
    await page.getByTestId('console-detect').click();
    await page.locator('[data-testid=console-looked], [data-testid=console-proposals-title]').first().waitFor({ timeout: 60_000 });
    await shot('binding');

    // 大厅设置.
    await page.getByTestId('console-tab-settings').click();
    await page.getByTestId('console-settings-form').waitFor();
    await checkA11y('settings');

    // 诊断包 to the data folder.
    await page.getByTestId('console-tab-diagnostics').click();
    await page.getByTestId('console-export-target-0').click();
    await page.getByTestId('console-export').click();
    await page.getByTestId('console-export-result').waitFor({ timeout: 30_000 });
    const exported = (await page.getByTestId('console-export-path').textContent())?.trim() ?? '';
    expect(exported).toMatch(/diagnostics-.*\.tar\.gz$/u);
    expect(existsSync(exported)).toBe(true);
    await shot('diagnostics');
    await checkA11y('diagnostics');

    // 审计日志: the PIN set, the tests, the export — and the chain intact.
    await page.getByTestId('console-tab-audit').click();
    await page.getByTestId('console-audit').waitFor();
    expect(await page.getByTestId('console-audit-chain').textContent()).toContain('完整');
    expect(await page.getByTestId('console-audit').textContent()).not.toContain(PIN);
    await shot('audit');
    await checkA11y('audit');

    await page.getByTestId('console-exit').click();
    await page.getByTestId('screen-home').waitFor();
    expect(violations).toEqual([]);
  }, 180_000);

  it('locks the PIN pad after five wrong PINs and says how long to wait', async () => {
    const client = await connectClient(kiosk.url);
    try {
      const set = await client.call('admin.setPin', { pin: PIN });
      expect(set.ok).toBe(true);
    } finally {
      client.close();
    }
    await openConsole();
    expect(await page.getByTestId('screen-console-pin').getAttribute('data-stage')).toBe('login');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await typePin('111222');
      await expect.poll(() => page.getByTestId('console-pin-notice').textContent()).toMatch(/密码错误|请/u);
    }
    await page.getByTestId('console-pin-locked').waitFor();
    expect(await page.getByTestId('console-pin-locked').textContent()).toMatch(/\d+\s*秒/u);
    await shot('pin-locked');
  }, 120_000);
});
