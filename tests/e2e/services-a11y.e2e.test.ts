/**
 * Issue #7: axe-core on the scan, case progress, appointment and evaluation screens in all
 * three themes, against the real web host with demo data; no serious or critical
 * violations, and no CSP violation on the way.
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

describe('scan, progress, check-in and evaluation accessibility (axe-core)', () => {
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
    dir = makeTempDir('kiosk-services-a11y-');
    kiosk = await startKioskProcess(dir.path, { KIOSK_DEMO_DATA: '1' });
  });
  afterEach(async () => {
    await kiosk.stop();
    dir.remove();
  });

  for (const theme of THEMES) {
    it(`has no serious or critical violations (${theme})`, async () => {
      // Reduced motion: axe measures colours as they are, not halfway through an 80 ms transition.
      const page: Page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', hasTouch: true, reducedMotion: 'reduce' });
      const csp: string[] = [];
      await page.exposeFunction('reportCspViolation', (v: string) => csp.push(v));
      await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));");
      const found: string[] = [];
      const check = async (name: string): Promise<void> => {
        found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
        if (SHOTS_DIR !== undefined) await page.screenshot({ path: path.join(SHOTS_DIR, `a11y-${name}-${theme}.png`) });
      };
      await page.goto(kiosk.url);
      await page.getByTestId('screen-home').waitFor();
      await page.getByTestId('theme-switch').click();
      await page.getByTestId(`theme-${theme}`).click();

      await page.getByTestId('home-progress').click();
      await page.getByTestId('lookup-scan').click();
      await page.getByTestId('screen-scan').waitFor();
      await check('scan');
      await page.getByTestId('dev-scan-panel').click();
      await page.locator('[data-testid^=dev-scan-][data-label^="回执：需补正"]').click();
      await page.getByTestId('screen-progress-case').waitFor();
      await check('case');
      await page.getByTestId('progress-evaluate').click();
      await page.getByTestId('screen-evaluation').waitFor();
      await check('evaluation');
      await page.getByTestId('evaluation-level-2').click();
      await page.getByTestId('evaluation-reason').first().waitFor();
      await check('evaluation-low');
      await page.getByTestId('evaluation-skip').click();

      await page.getByTestId('screen-home').waitFor();
      await page.getByTestId('home-appointment').click();
      await page.getByTestId('lookup-card').click();
      await page.getByTestId('dev-card-panel').click();
      await page.getByTestId('dev-card-resident-elder').click();
      await page.getByTestId('screen-checkin-appointment').waitFor();
      await check('appointment');

      expect(found).toEqual([]);
      expect(csp).toEqual([]);
      await page.close();
    });
  }
});
