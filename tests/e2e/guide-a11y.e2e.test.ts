/**
 * Issue #4 item 7: axe-core on the 办事指南 screens (guide home, search results, one guide)
 * in all three themes, against the real web host and its bundled catalogue, with no serious
 * or critical violations. Also: "bdc" typed on the on-screen keyboard finds 不动产 items.
 * axe runs through tests/support/axe.ts.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];
const THEMES = ['standard', 'care', 'contrast'] as const;
type ThemeOption = (typeof THEMES)[number];

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

describe('office guide accessibility (axe-core)', () => {
  let browser: Browser;
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = makeTempDir('kiosk-guide-a11y-');
    kiosk = await startKioskProcess(dir.path);
  });
  afterEach(async () => {
    await kiosk.stop();
    dir.remove();
  });

  async function openPage(theme: ThemeOption, viewport = { width: 1920, height: 1080 }): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport, locale: 'zh-CN', hasTouch: true });
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    );
    await page.goto(kiosk.url);
    await page.getByTestId('screen-home').waitFor();
    await page.getByTestId('theme-switch').click();
    await page.getByTestId(`theme-${theme}`).click();
    await page.getByTestId('home-guide').click();
    return { page, violations };
  }

  for (const theme of THEMES) {
    it(`has no serious or critical violations on the guide home, results and a guide (${theme})`, async () => {
      const { page, violations: cspViolations } = await openPage(theme);
      const found: string[] = [];

      await page.getByTestId('guide-item-list').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `guide home: ${v}`));
      await shot(page, `a11y-guide-home-${theme}`);

      await page.getByTestId('guide-search').click();
      for (const key of ['b', 'd', 'c']) await page.getByTestId(`keyboard-key-${key}`).click();
      await page.locator('[data-testid="guide-search-results"][data-phase="ready"][data-query="bdc"]').waitFor();
      const hits = page.locator('[data-testid="guide-hit-list"] button');
      expect(await hits.count()).toBeGreaterThan(0);
      expect(await hits.first().textContent()).toContain('不动产');
      expect(await page.locator('[data-testid="guide-hit-list"] mark').count()).toBeGreaterThan(0);
      found.push(...(await seriousViolations(page)).map((v) => `search results: ${v}`));
      await shot(page, `a11y-guide-search-${theme}`);

      await hits.first().click();
      await page.getByTestId('guide-page').waitFor();
      expect(await page.getByTestId('guide-section-materials').getAttribute('data-open')).toBe('true');
      found.push(...(await seriousViolations(page)).map((v) => `guide page: ${v}`));
      await shot(page, `a11y-guide-page-${theme}`);

      expect(found).toEqual([]);
      expect(cspViolations).toEqual([]);
      await page.close();
    });
  }

  it('has no serious or critical violations on a guide in portrait, high contrast', async () => {
    const { page } = await openPage('contrast', { width: 1080, height: 1920 });
    await page.getByTestId('guide-item-list').waitFor();
    await page.locator('[data-testid="guide-item-list"] button').first().click();
    await page.getByTestId('guide-page').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
