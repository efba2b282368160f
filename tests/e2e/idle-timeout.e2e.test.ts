/**
 * Issue #2 item 9 / R-P3: on any screen but home, 60 s without a touch brings a 10 s
 * countdown with 继续办理; letting it run out wipes the session and returns home.
 * Chromium's clock is driven by Playwright (page.clock), so no test waits a minute.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('idle timeout', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = makeTempDir('kiosk-idle-');
    kiosk = await startKioskProcess(dir.path);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install();
    await page.goto(kiosk.url);
    await page.getByTestId('home-take-ticket').click();
    await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await kiosk.stop();
    dir.remove();
  });

  it('counts down after 60 s and returns home when nobody answers', async () => {
    await page.clock.runFor(59_000);
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    await page.clock.runFor(1_500);
    await page.getByTestId('idle-countdown').waitFor();
    expect(await page.getByTestId('idle-countdown').textContent()).toMatch(/\d+/u);
    await page.clock.runFor(10_500);
    await page.getByTestId('screen-home').waitFor();
    expect(await page.getByTestId('category-list').count()).toBe(0);
  });

  it('stays on the screen when the citizen taps 继续办理', async () => {
    await page.clock.runFor(61_000);
    await page.getByTestId('idle-continue').click();
    await page.clock.runFor(15_000);
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    expect(await page.getByTestId('category-list').count()).toBe(1);
  });

  it('restarts the idle period when a card is laid on the reader, without a touch', async () => {
    await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
    await page.getByTestId('category-general').click();
    await page.getByTestId('screen-identify').waitFor();
    // Inside the reader's own 30 s wait, then a card: 65 s after the last touch there is
    // still no countdown, because the card was the citizen acting at 25 s.
    await page.clock.runFor(25_000);
    const client = await connectClient(kiosk.url);
    try {
      expect(await client.call('dev.presentCard', { specimenId: 'resident' })).toEqual({ ok: true, value: { presented: true } });
    } finally {
      client.close();
    }
    await page.getByTestId('identity-confirm-take').waitFor();
    await page.clock.runFor(40_000);
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    await page.clock.runFor(21_000);
    await page.getByTestId('idle-countdown').waitFor();
  });
});
