/**
 * The 拍摄申请材料 part of scripts/screenshot-dev.ts (issue #5): capturing is part of 自助申办
 * (issue #6), so from an office guide through 我要申办 and the applicant's card to the
 * application's materials, then the live view with the page outlined, a page with a
 * blocking issue and its retake, rotate, 再拍一页 / 完成此材料 — in the standard theme, 关怀模式
 * (the 3-2-1 before the photo takes itself) and high contrast, English, portrait, and the
 * camera unplugged. Documents are placed through the dev panel, as a developer would. Besides
 * the shared layout checks it runs axe-core, checks that the outline lies on the page, and
 * checks the calls: the camera closed on the way back to the list and out, one session.
 *
 *   npx tsx scripts/screenshot-dev.ts /tmp/shots --capture-only
 */
import type { Page } from 'playwright-core';
import { type GuideShotTools, type ThemeOption, checkAxe, chooseTheme } from './screenshot-guide.js';

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
/** 居民身份证换领: an ID card (two sides) and a photo page to capture, 户口簿 shared. */
const ITEM = '320700-GA-0001';

type Document = 'a4Text' | 'idCardFront' | 'idCardBack' | 'a4Qr' | 'none';
type Variant = 'clean' | 'blur' | 'glare' | 'cutOff';

async function shootAndCheck(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  await tools.shoot(page, name);
  await checkAxe(page, name, tools);
}

/** 我要申办 → 本人办理 → the applicant's card (dev panel) → the application's materials. */
async function applyToMaterials(page: Page): Promise<void> {
  await page.getByTestId('guide-apply').click();
  await page.getByTestId('application-start-self').click();
  await page.getByTestId('application-card-reading').waitFor();
  await page.getByTestId('dev-card-panel').click();
  await page.getByTestId('dev-card-resident').click();
  await page.getByTestId('application-card-confirm-take').click();
  await page.getByTestId('application-material-list').waitFor();
}

/** Home → 办事指南 → the item's guide → 我要申办 … → the materials list. */
async function openCapture(page: Page): Promise<void> {
  await page.getByTestId('home-guide').click();
  await page.getByTestId(`guide-item-${ITEM}`).click();
  await applyToMaterials(page);
}

/** Places a document on the simulated camera's stage through the dev panel. */
async function place(page: Page, document: Document, variant: Variant = 'clean'): Promise<void> {
  await page.getByTestId('dev-camera-panel').click();
  await page.getByTestId(`dev-camera-variant-${variant}`).click();
  await page.getByTestId(`dev-camera-${document}`).click();
}

async function statusIs(page: Page, code: string): Promise<void> {
  await page.locator(`[data-testid="capture-status"][data-code="${code}"]`).waitFor();
}

/** The live view once the page lies still and is outlined green. */
async function steady(page: Page): Promise<void> {
  await page.locator('[data-testid="capture-outline"][data-tone="steady"]').waitFor();
}

/** 拍照 — unless 关怀模式 has already taken the still page by itself (then the tap finds no button). */
async function take(page: Page): Promise<void> {
  if (!(await page.getByTestId('capture-review').isVisible())) {
    await page
      .getByTestId('capture-take')
      .click({ timeout: 3_000 })
      .catch(() => undefined);
  }
  await page.getByTestId('capture-review').waitFor();
}

async function calls(page: Page, prefix: string): Promise<string> {
  return page.evaluate<string>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('${prefix}'))` +
      `.map((c) => c.method.slice(${prefix.length}) + (c.arg.reason ? ':' + c.arg.reason : '')).join(',')`,
  );
}

async function expectCalls(page: Page, prefix: string, expected: string, tools: GuideShotTools, what: string): Promise<void> {
  const actual = await calls(page, prefix);
  if (actual !== expected) tools.problem(`${what}: ${prefix} calls ${actual}, expected ${expected}`);
}

/**
 * The outline's corners against the fake's page on the picture: the polygon's points (shares
 * of the frame) must lie on the picture, and the picture must fill the frame it is drawn in.
 */
async function checkOutline(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  const report = await page.evaluate<string | null>(`(() => {
    const img = document.querySelector('.capture-stage__media');
    const svg = document.querySelector('[data-testid="capture-outline"]');
    if (!img || !svg) return 'no picture or no outline';
    const a = img.getBoundingClientRect();
    const b = svg.getBoundingClientRect();
    if (Math.abs(a.left - b.left) > 1 || Math.abs(a.top - b.top) > 1 || Math.abs(a.width - b.width) > 1 || Math.abs(a.height - b.height) > 1) {
      return 'outline box ' + [b.left, b.top, b.width, b.height].map(Math.round) + ' is not the picture box ' + [a.left, a.top, a.width, a.height].map(Math.round);
    }
    const ratio = img.naturalWidth / img.naturalHeight;
    if (Math.abs(a.width / a.height - ratio) > 0.02) return 'picture drawn at ' + (a.width / a.height).toFixed(3) + ', is ' + ratio.toFixed(3);
    return null;
  })()`);
  if (report !== null) tools.problem(`${name}: ${report}`);
}

/** The whole journey in one theme and orientation, shot at each step. */
async function journey(theme: ThemeOption, viewport: { width: number; height: number }, suffix: string, tools: GuideShotTools): Promise<void> {
  const page = await tools.open('', viewport);
  if (theme !== 'standard') await chooseTheme(page, theme);
  await page.getByTestId('home-guide').click();
  await page.getByTestId(`guide-item-${ITEM}`).click();
  await page.getByTestId('guide-apply').waitFor();
  await tools.shoot(page, `capture-guide-page${suffix}`);
  await applyToMaterials(page);
  await shootAndCheck(page, `capture-materials${suffix}`, tools);

  // ID card: 人像面, then 国徽面 (the fake turns the card over by itself).
  await page.getByTestId('material-id-card-capture').click();
  await steady(page);
  await checkOutline(page, `capture-live${suffix}`, tools);
  await shootAndCheck(page, `capture-live${suffix}`, tools);
  await take(page);
  await page.getByTestId('capture-review-ok').waitFor();
  await shootAndCheck(page, `capture-review-ok${suffix}`, tools);
  await page.getByTestId('capture-accept').click();
  await page.locator('[data-testid="capture-page"]', { hasText: '国徽面' }).waitFor();
  await steady(page);
  await take(page);
  await page.getByTestId('capture-accept').click();
  await page.locator('[data-testid="application-material-id-card"][data-choice="captured"]').waitFor();
  await tools.shoot(page, `capture-materials-progress${suffix}`);

  // The photo page: blurred first (cannot be used), retaken, turned, kept, 完成此材料.
  await page.getByTestId('material-photo-capture').click();
  await steady(page);
  await place(page, 'a4Text', 'blur');
  await statusIs(page, 'blurred');
  await tools.shoot(page, `capture-live-blurred${suffix}`);
  await take(page);
  await page.getByTestId('capture-issues').waitFor();
  if (await page.getByTestId('capture-accept').isEnabled()) tools.problem(`capture-review-blocked${suffix}: 使用此页 is enabled`);
  await shootAndCheck(page, `capture-review-blocked${suffix}`, tools);
  await page.getByTestId('capture-retake').click();
  await page.getByTestId('capture-take').waitFor();
  await place(page, 'a4Qr', 'clean');
  await steady(page);
  await take(page);
  await page.getByTestId('capture-rotate').click();
  await page.locator('[data-testid="capture-accept"]:not([disabled])').waitFor();
  await tools.shoot(page, `capture-review-rotated${suffix}`);
  await page.getByTestId('capture-accept').click();
  await page.getByTestId('capture-saved').waitFor();
  await shootAndCheck(page, `capture-accepted${suffix}`, tools);
  await page.getByTestId('capture-material-done').click();
  await page.locator('[data-testid="application-material-photo"][data-choice="captured"]').waitFor();
  await shootAndCheck(page, `capture-materials-done${suffix}`, tools);
  await page.getByTestId('go-home').click();
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'session.', 'begin,end:home', tools, `capture${suffix}`);
  // The application began the capture: no capture.begin from the screen.
  await expectCalls(
    page,
    'capture.',
    'open,take,take,close,materials,open,take,discard,take,rotate,close,materials',
    tools,
    `capture${suffix}`,
  );
  await page.context().close();
}

/** 关怀模式: the count before the photo takes itself, frozen mid-way, then the photo. */
async function careCountdown(viewport: { width: number; height: number }, suffix: string, tools: GuideShotTools): Promise<void> {
  const page = await tools.open('', viewport);
  await chooseTheme(page, 'care');
  await openCapture(page);
  await page.getByTestId('material-photo-capture').click();
  await page.getByTestId('dev-camera-panel').waitFor();
  // Time stands still from here; it moves only by runFor, so the count can be caught.
  const now = await page.evaluate<number>('Date.now()');
  await page.clock.pauseAt(now + 1_000);
  await place(page, 'a4Text', 'clean');
  await page.clock.runFor(1_800);
  await page.getByTestId('capture-countdown').waitFor();
  await checkOutline(page, `capture-live-care-countdown${suffix}`, tools);
  await tools.shoot(page, `capture-live-care-countdown${suffix}`);
  await page.clock.runFor(1_200);
  await page.getByTestId('capture-review').waitFor();
  await tools.shoot(page, `capture-review-care-auto${suffix}`);
  await page.clock.resume();
  await expectCalls(page, 'capture.', 'open,take', tools, `care auto-capture${suffix}`);
  await page.context().close();
}

export async function shootCapture(tools: GuideShotTools): Promise<void> {
  await journey('standard', LANDSCAPE, '', tools);
  await journey('care', LANDSCAPE, '-care', tools);
  await journey('contrast', LANDSCAPE, '-contrast', tools);
  await journey('standard', PORTRAIT, '-portrait', tools);
  await careCountdown(LANDSCAPE, '', tools);
  await careCountdown(PORTRAIT, '-portrait', tools);

  // The dev panel over the live view; a page partly off the stage.
  let page = await tools.open('', LANDSCAPE);
  await openCapture(page);
  await page.getByTestId('material-photo-capture').click();
  await steady(page);
  await place(page, 'a4Text', 'cutOff');
  await statusIs(page, 'cutOff');
  await tools.shoot(page, 'capture-live-cut-off');
  await page.getByTestId('dev-camera-panel').click();
  await page.getByTestId('dev-camera-list').waitFor();
  await tools.shoot(page, 'capture-dev-panel');
  await page.getByTestId('dev-camera-none').click();
  await statusIs(page, 'empty');
  await tools.shoot(page, 'capture-live-empty');
  // 返回首页 from the live view closes the camera and ends the session as `home`.
  await page.getByTestId('go-home').click();
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'session.', 'begin,end:home', tools, 'capture home');
  await expectCalls(page, 'capture.', 'open,close', tools, 'capture home');
  await page.context().close();

  // The camera unplugged: a clear message, 重试 and 返回.
  page = await tools.open('?camera=offline', LANDSCAPE);
  await openCapture(page);
  await page.getByTestId('material-id-card-capture').click();
  await page.getByTestId('capture-failed').waitFor();
  await shootAndCheck(page, 'capture-offline', tools);
  await page.getByTestId('capture-failed-back').click();
  await page.getByTestId('application-material-list').waitFor();
  await page.context().close();

  // English.
  page = await tools.open('', LANDSCAPE);
  await page.getByTestId('language-toggle').click();
  await openCapture(page);
  await tools.shoot(page, 'capture-materials-en');
  await page.getByTestId('material-id-card-capture').click();
  await steady(page);
  await tools.shoot(page, 'capture-live-en');
  await page.context().close();
}
