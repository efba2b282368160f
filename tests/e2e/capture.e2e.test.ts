/**
 * Issue #5 end to end in Chromium against the web host: a citizen opens the guide of a
 * kiosk item (居住证签注), taps 我要申办 (capturing is part of 自助申办, issue #6), has the
 * applicant's card read, and in the application's materials captures the two sides of an ID
 * card with the simulated 高拍仪 and an A4 page — a blurred shot is refused and retaken — each
 * material then counting as captured. Then the same with a UVC camera: Chromium's fake
 * camera plays a simulator frame, the screen finds the page on its own preview frames and
 * uploads the still in pieces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedDocumentKind, SimulatedDocumentVariant } from '../../electron/ipc/contract.js';
import { encodeJpeg, renderScene } from '../../hardware/simulators/document-camera/scene.js';
import { seriousViolations } from '../support/axe.js';
import { assertChromiumInstalled, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];
/** 居住证签注: 申请人居民身份证 (two sides) and 居住证 (A4) are required. */
const ITEM = '320700-GA-GG-0004';

describe('document capture (#5)', () => {
  let browser: Browser | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let kiosk: KioskProcess | undefined;
  let page: Page;
  /** axe-core findings of serious or critical impact, per screen. */
  let violations: string[] = [];
  const checkA11y = async (screen: string): Promise<void> => {
    violations.push(...(await seriousViolations(page)).map((v) => `${screen}: ${v}`));
  };

  beforeAll(() => {
    assertChromiumInstalled();
  });
  afterEach(async () => {
    await browser?.close();
    await kiosk?.stop();
    dir?.remove();
  });

  async function start(config: object, extraArgs: readonly string[] = []): Promise<void> {
    dir = makeTempDir('kiosk-e2e-capture-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, ...config }));
    kiosk = await startKioskProcess(dir.path);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.url);
  }

  const shot = async (name: string): Promise<void> => {
    if (SHOTS_DIR === undefined) return;
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, `e2e-capture-${name}.png`) });
  };

  /** What lies under the simulated camera, set as the dev panel does. */
  const place = async (document: SimulatedDocumentKind, variant: SimulatedDocumentVariant = 'clean'): Promise<void> => {
    const client = await connectClient(kiosk!.url);
    try {
      const placed = await client.call('dev.placeDocument', { document, variant });
      if (!placed.ok) throw new Error(placed.error.message);
    } finally {
      client.close();
    }
  };

  /** The guide, 我要申办, 本人办理, the applicant's specimen card read: the materials. */
  async function openItemGuide(): Promise<void> {
    await page.getByTestId('home-guide').click();
    await page.getByTestId('guide-search').click();
    await page.getByTestId('guide-search-input').click();
    for (const key of ['j', 'z', 'z', 'q', 'z']) await page.getByTestId(`keyboard-key-${key}`).click();
    await page.getByTestId(`guide-hit-${ITEM}`).click();
    await page.getByTestId('guide-page').waitFor();
    await page.getByTestId('guide-apply').click();
    await page.getByTestId('application-start-self').click();
    await page.getByTestId('application-card-reading').waitFor();
    const client = await connectClient(kiosk!.url);
    try {
      const presented = await client.call('dev.presentCard', { specimenId: 'resident' });
      if (!presented.ok) throw new Error(presented.error.message);
    } finally {
      client.close();
    }
    await page.getByTestId('application-card-confirm-take').click();
    await page.getByTestId('application-material-list').waitFor();
  }

  /** Waits for the outline to be found and still, then takes the picture. */
  async function takeWhenReady(): Promise<void> {
    await page.locator('[data-testid=capture-status][data-code=ready]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('capture-take').isEnabled()).toBe(true);
    await page.getByTestId('capture-take').click();
    await page.getByTestId('capture-review').waitFor({ timeout: 15_000 });
  }

  it('captures both sides of an ID card and an A4 page, refusing a blurred shot', async () => {
    await start({});
    await openItemGuide();
    await page.getByTestId('application-material-id-card').waitFor();
    await shot('materials');
    violations = [];
    await checkA11y('materials');

    // 人像面, then 国徽面.
    await place('idCardFront');
    await page.getByTestId('material-id-card-capture').click();
    await page.getByTestId('capture-outline').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=capture-status][data-code=ready]').waitFor({ timeout: 15_000 });
    await shot('live-card');
    await checkA11y('live');
    await takeWhenReady();
    await shot('review-card-front');
    await checkA11y('review');
    expect(await page.getByTestId('capture-review').getAttribute('data-usable')).toBe('true');
    await page.getByTestId('capture-accept').click();
    await place('idCardBack');
    await takeWhenReady();
    // Both sides taken: the card is captured and the application's list comes back by itself.
    await page.getByTestId('capture-accept').click();
    await expect.poll(() => page.getByTestId('application-material-id-card').getAttribute('data-choice')).toBe('captured');

    // The 居住证: first blurred — refused with the reason — then sharp.
    await place('a4Text', 'blur');
    await page.getByTestId('material-residence-permit-capture').click();
    await page.getByTestId('capture-outline').waitFor({ timeout: 15_000 });
    await page.getByTestId('capture-take').click();
    await page.getByTestId('capture-issues').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('capture-issues').textContent()).toContain('图像模糊，请重新拍摄');
    expect(await page.getByTestId('capture-accept').isDisabled()).toBe(true);
    await shot('review-blurred');
    await checkA11y('review blocked');
    await place('a4Text');
    await page.getByTestId('capture-retake').click();
    await takeWhenReady();
    await shot('review-a4');
    await page.getByTestId('capture-accept').click();
    await page.getByTestId('capture-material-done').click();
    await expect.poll(() => page.getByTestId('application-material-residence-permit').getAttribute('data-choice')).toBe('captured');
    await shot('materials-captured');
    await checkA11y('materials captured');
    expect(violations).toEqual([]);

    // The pages were in this session only: after 返回首页 the core holds none.
    await page.getByTestId('go-home').click();
    await page.getByTestId('home-guide').waitFor();
    const client = await connectClient(kiosk!.url);
    try {
      expect(await client.call('capture.materials', {})).toMatchObject({ ok: false });
    } finally {
      client.close();
    }
  }, 120_000);

  it('uses a UVC camera through getUserMedia and uploads the still in pieces', async () => {
    // Chromium's fake camera plays one simulator frame: an ID card on the stage.
    const frameDir = makeTempDir('kiosk-e2e-camera-');
    try {
      const scene = await renderScene({ kind: 'idCardFront', seed: 5, rotationDeg: 6, scale: 0.12 }, { width: 1280, height: 960 });
      const mjpeg = path.join(frameDir.path, 'document-camera.mjpeg');
      const jpeg = await encodeJpeg(scene.raster, 90);
      writeFileSync(mjpeg, Buffer.concat([jpeg, jpeg]));
      await start({ devices: { documentCamera: { transport: { type: 'uvc', labelHint: 'document-camera', width: 1280, height: 960 } } } }, [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${mjpeg}`,
      ]);
      await openItemGuide();
      await page.getByTestId('material-id-card-capture').click();
      await page.getByTestId('capture-outline').waitFor({ timeout: 20_000 });
      await takeWhenReady();
      await shot('uvc-review');
      expect(await page.getByTestId('capture-review').getAttribute('data-usable')).toBe('true');
      // The video is gone once the still is taken: the camera is not left running.
      expect(await page.locator('video').count()).toBe(0);
      const client = await connectClient(kiosk!.url);
      try {
        const listed = await client.call('capture.materials', {});
        if (!listed.ok) throw new Error(listed.error.message);
        const card = listed.value.materials.find((m) => m.materialId === 'id-card');
        expect(card?.pages).toHaveLength(1);
        expect(card?.pages[0]).toMatchObject({ width: 1011, height: 638, dpi: 300, isUsable: true });
      } finally {
        client.close();
      }
    } finally {
      frameDir.remove();
    }
  }, 120_000);
});
