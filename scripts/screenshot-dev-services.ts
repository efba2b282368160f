/**
 * The 办件查询, 预约签到 and 好差评 part of scripts/screenshot-dev.ts (issue #7): the choice,
 * the scan prompt (with a refused code), a case in each telling status, the card's list, an
 * appointment early / open / late / checked in, check-in to a ticket, and the evaluation with
 * a low level (reasons, keypad, what is missing) up to the thanks — in the standard theme,
 * 关怀模式 and high contrast, English and portrait. Besides the shared layout checks it runs
 * axe-core, and checks the API calls: the scanner on and off with its screen, the keyboard
 * guard (a fast burst is a scan; slow typing reaches no field), and sessions ended once.
 *
 *   npx tsx scripts/screenshot-dev.ts /tmp/shots --services-only
 */
import type { Page } from 'playwright-core';
import { type GuideShotTools, type ThemeOption, checkAxe, chooseTheme } from './screenshot-guide.js';

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

/** Labels of the fake's sample codes (renderer/api/fake-kiosk-services.ts). */
const SAMPLE = {
  correction: '回执：需补正',
  completed: '回执：已办结',
  rejected: '回执：不予受理',
  unknownCase: '回执：查询不到',
  open: '预约：可签到',
  early: '预约：未到时间',
  late: '预约：已过时间',
  checkedIn: '预约：已签到',
  script: '脚本链接',
  otherHost: '其他网站二维码',
} as const;

async function shootAndCheck(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  await tools.shoot(page, name);
  await checkAxe(page, name, tools);
}

/** Stops CSS animations at a frame, so shots are steady. */
async function freeze(page: Page): Promise<void> {
  await page.evaluate(`document.getAnimations().forEach((a) => { a.pause(); a.currentTime = 1200; })`);
}

/** Scans a sample code through the dev panel, as a developer would. */
async function scanSample(page: Page, label: string): Promise<void> {
  await page.getByTestId('dev-scan-panel').click();
  await page.locator(`[data-testid^="dev-scan-"][data-label="${label}"]`).click();
}

async function presentCard(page: Page, specimenId: string): Promise<void> {
  await page.getByTestId('dev-card-panel').click();
  await page.getByTestId(`dev-card-${specimenId}`).click();
}

async function calls(page: Page, prefix: string): Promise<string> {
  return page.evaluate<string>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('${prefix}'))` +
      `.map((c) => c.method.slice(${prefix.length}) + (c.arg.reason ? ':' + c.arg.reason : '') + (c.arg.why ? ':' + c.arg.why : '')).join(',')`,
  );
}

async function expectCalls(page: Page, prefix: string, expected: string, tools: GuideShotTools, what: string): Promise<void> {
  const actual = await calls(page, prefix);
  if (actual !== expected) tools.problem(`${what}: ${prefix} calls ${actual}, expected ${expected}`);
}

async function openScan(page: Page, tile: 'home-progress' | 'home-appointment' | 'home-evaluation'): Promise<void> {
  await page.getByTestId(tile).click();
  await page.getByTestId('lookup-scan').click();
  await page.getByTestId('screen-scan').waitFor();
}

/** One theme: the screens a citizen sees most, each shot. */
async function servicesInTheme(theme: ThemeOption, tools: GuideShotTools): Promise<void> {
  const suffix = theme === 'standard' ? '' : `-${theme}`;
  let page = await tools.open('', LANDSCAPE);
  if (theme !== 'standard') await chooseTheme(page, theme);
  await shootAndCheck(page, `svc-home${suffix}`, tools);

  // 办件查询 by receipt: 需补正.
  await page.getByTestId('home-progress').click();
  await page.getByTestId('lookup-choice').waitFor();
  await shootAndCheck(page, `progress-choice${suffix}`, tools);
  await page.getByTestId('lookup-scan').click();
  await page.getByTestId('screen-scan').waitFor();
  await freeze(page);
  await shootAndCheck(page, `scan${suffix}`, tools);
  await scanSample(page, SAMPLE.script);
  await page.locator('[data-testid="scan-notice"][data-kind="refused"]').waitFor();
  await freeze(page);
  await tools.shoot(page, `scan-refused${suffix}`);
  const body = await page.evaluate<string>('document.body.innerText');
  if (body.includes('javascript')) tools.problem('scan-refused: the refused text is on the screen');
  await scanSample(page, SAMPLE.correction);
  await page.getByTestId('screen-progress-case').waitFor();
  await shootAndCheck(page, `progress-case-correction${suffix}`, tools);

  // Rate it: level 1, what is missing, reasons, phone, thanks.
  await page.getByTestId('progress-evaluate').click();
  await page.getByTestId('evaluation-level-5').waitFor();
  await shootAndCheck(page, `evaluation${suffix}`, tools);
  await page.getByTestId('evaluation-level-1').click();
  await page.getByTestId('evaluation-submit').click();
  await page.getByTestId('evaluation-missing').waitFor();
  await shootAndCheck(page, `evaluation-low${suffix}`, tools);
  await page.locator('[data-testid="evaluation-reason"]').nth(0).click();
  await page.locator('[data-testid="evaluation-reason"]').nth(3).click();
  for (const digit of '13812345678') await page.getByTestId(`evaluation-key-${digit}`).click();
  await tools.shoot(page, `evaluation-low-filled${suffix}`);
  await page.getByTestId('evaluation-submit').click();
  await page.getByTestId('evaluation-thanks').waitFor();
  await shootAndCheck(page, `evaluation-thanks${suffix}`, tools);
  await page.getByTestId('evaluation-home').click();
  await page.getByTestId('screen-home').waitFor();
  await page.context().close();

  // 已办结 with its collection place; the card's list.
  page = await tools.open('', LANDSCAPE);
  if (theme !== 'standard') await chooseTheme(page, theme);
  await openScan(page, 'home-progress');
  await scanSample(page, SAMPLE.completed);
  await page.getByTestId('case-collection').waitFor();
  await tools.shoot(page, `progress-case-completed${suffix}`);
  await page.getByTestId('go-home').click();
  await page.getByTestId('home-progress').click();
  await page.getByTestId('lookup-card').click();
  await page.getByTestId('screen-identify').waitFor();
  await presentCard(page, 'resident');
  await page.getByTestId('progress-list').waitFor();
  await shootAndCheck(page, `progress-list${suffix}`, tools);
  await page.context().close();

  // 预约签到: open → ticket; early; late; checked in; the card's list.
  page = await tools.open('', LANDSCAPE);
  if (theme !== 'standard') await chooseTheme(page, theme);
  await openScan(page, 'home-appointment');
  await freeze(page);
  await tools.shoot(page, `checkin-scan${suffix}`);
  await scanSample(page, SAMPLE.open);
  await page.getByTestId('checkin-submit').waitFor();
  await shootAndCheck(page, `checkin-appointment-open${suffix}`, tools);
  await page.getByTestId('checkin-submit').click();
  await page.getByTestId('ticket-number').waitFor();
  await shootAndCheck(page, `checkin-ticket${suffix}`, tools);
  await page.getByTestId('ticket-done').click();
  for (const [label, name] of [
    [SAMPLE.early, 'early'],
    [SAMPLE.late, 'late'],
    [SAMPLE.checkedIn, 'checked-in'],
  ] as const) {
    await openScan(page, 'home-appointment');
    await scanSample(page, label);
    await page.getByTestId('appointment').waitFor();
    await tools.shoot(page, `checkin-appointment-${name}${suffix}`);
    await page.getByTestId('go-home').click();
  }
  await page.getByTestId('home-appointment').click();
  await page.getByTestId('lookup-card').click();
  await presentCard(page, 'resident');
  await page.getByTestId('checkin-list').waitFor();
  await tools.shoot(page, `checkin-list${suffix}`);
  await page.context().close();
}

export async function shootServices(tools: GuideShotTools): Promise<void> {
  for (const theme of ['standard', 'care', 'contrast'] as const) await servicesInTheme(theme, tools);

  // The API sequence of a scan lookup, a rating with reasons and phone, sessions ended once.
  let page = await tools.open('', LANDSCAPE);
  await openScan(page, 'home-progress');
  await expectCalls(page, 'scan.', 'start', tools, 'scan screen shown');
  await scanSample(page, SAMPLE.rejected);
  await page.getByTestId('screen-progress-case').waitFor();
  await expectCalls(page, 'scan.', 'start,stop', tools, 'scan screen left');
  await tools.shoot(page, 'progress-case-rejected');
  await page.getByTestId('progress-evaluate').click();
  await page.getByTestId('evaluation-level-4').click();
  await page.locator('[data-testid="evaluation-reason"]').first().click();
  await tools.shoot(page, 'evaluation-level-4');
  await page.getByTestId('evaluation-submit').click();
  await page.getByTestId('evaluation-thanks').waitFor();
  await expectCalls(page, 'evaluation.', 'begin,submit', tools, 'rated');
  await page.clock.runFor(7_000);
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'session.', 'begin,end:finished', tools, 'rated, home by itself');
  await page.context().close();

  // The keyboard guard in Chromium: a scanner-fast burst is a scan; slow typing is nobody's.
  page = await tools.open('', LANDSCAPE);
  await openScan(page, 'home-progress');
  await page.keyboard.type('https://zwfw.lyg.gov.cn/progress?case=ZW20251121000210&v=B6T4W1', { delay: 5 });
  await page.keyboard.press('Enter');
  await page.getByTestId('screen-progress-case').waitFor();
  await expectCalls(page, 'scan.', 'start,submitText,stop', tools, 'keyboard burst');
  await page.getByTestId('go-home').click();
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-search').click();
  await page.getByTestId('guide-search-input').focus();
  await page.keyboard.type('shenfenzheng', { delay: 80 });
  const typed = await page.getByTestId('guide-search-input').inputValue();
  if (typed !== '') tools.problem(`keyboard guard: the search field received "${typed}"`);
  await page.context().close();

  // Refusals, nothing found, a platform outage.
  page = await tools.open('', LANDSCAPE);
  await openScan(page, 'home-progress');
  await scanSample(page, SAMPLE.otherHost);
  await page.locator('[data-testid="scan-notice"][data-kind="refused"]').waitFor();
  await scanSample(page, SAMPLE.open);
  await page.locator('[data-testid="scan-notice"][data-kind="wrongKind"]').waitFor();
  await freeze(page);
  await tools.shoot(page, 'scan-wrong-kind');
  await scanSample(page, SAMPLE.unknownCase);
  await page.getByTestId('lookup-empty').waitFor();
  await shootAndCheck(page, 'progress-not-found', tools);
  await page.getByTestId('lookup-choose-again').click();
  await page.getByTestId('lookup-card').click();
  await presentCard(page, 'hk-macao-taiwan');
  await page.getByTestId('lookup-empty').waitFor();
  await tools.shoot(page, 'progress-empty-card');
  await page.evaluate(`window.fakeKiosk.setPlatformError({ code: 'unavailable', message: '办件查询服务暂时无法连接，请稍后再试' })`);
  await page.getByTestId('lookup-choose-again').click();
  await page.getByTestId('lookup-scan').click();
  await scanSample(page, SAMPLE.completed);
  await page.getByTestId('lookup-failed').waitFor();
  await shootAndCheck(page, 'progress-failed', tools);
  await page.context().close();

  // 好差评 from home: pick a case by card, then leave it: the prompt times out, not rated.
  page = await tools.open('', LANDSCAPE);
  await page.getByTestId('home-evaluation').click();
  await page.getByTestId('lookup-choice').waitFor();
  await shootAndCheck(page, 'evaluate-choice', tools);
  await page.getByTestId('lookup-card').click();
  await presentCard(page, 'resident');
  await page.getByTestId('progress-list').waitFor();
  await tools.shoot(page, 'evaluate-list');
  await page.getByTestId('progress-case-ZW20251105000087').click();
  await page.getByTestId('evaluation-level-5').waitFor();
  await tools.shoot(page, 'evaluate-case');
  await page.clock.runFor(75_000);
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'evaluation.', 'begin,decline:timeout', tools, 'evaluation left alone');
  await expectCalls(page, 'session.', 'begin,end:finished', tools, 'evaluation left alone');
  // 暂不评价 on the ticket's offer; a second journey is offered anew, once. The card read
  // above is taken away first, or the ticket's card step reads it at once.
  await page.evaluate(`window.fakeKiosk.removeCard()`);
  await page.getByTestId('home-take-ticket').click();
  await page.locator('[data-testid="category-list"][data-accepting="true"]').waitFor();
  await page.getByTestId('category-general').click();
  await page.locator('[data-testid="ticket-skip-id"][data-accepting="true"]').click();
  await page.getByTestId('ticket-evaluate').click();
  await page.getByTestId('evaluation-skip').click();
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'evaluation.', 'begin,decline:timeout,begin,decline:skipped', tools, 'ticket, skipped');
  await expectCalls(page, 'session.', 'begin,end:finished,begin,end:finished', tools, 'ticket, skipped');
  await page.context().close();

  // The guide's 评价; English; portrait.
  page = await tools.open('', LANDSCAPE);
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-item-320700-GA-0001').click();
  await page.getByTestId('guide-page').waitFor();
  await tools.shoot(page, 'guide-page-evaluate');
  await page.getByTestId('guide-evaluate').click();
  await page.getByTestId('evaluation-level-3').waitFor();
  await tools.shoot(page, 'evaluation-guide');
  await page.context().close();
  page = await tools.open('', LANDSCAPE);
  await chooseTheme(page, 'care');
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-item-320700-GA-0001').click();
  await page.getByTestId('guide-page').waitFor();
  await tools.shoot(page, 'guide-page-evaluate-care');
  await page.context().close();

  page = await tools.open('', LANDSCAPE);
  await page.getByTestId('language-toggle').click();
  await openScan(page, 'home-progress');
  await freeze(page);
  await tools.shoot(page, 'scan-en');
  await scanSample(page, SAMPLE.correction);
  await page.getByTestId('screen-progress-case').waitFor();
  await tools.shoot(page, 'progress-case-en');
  await page.getByTestId('progress-evaluate').click();
  await page.getByTestId('evaluation-level-2').click();
  await tools.shoot(page, 'evaluation-low-en');
  await page.context().close();

  for (const theme of ['standard', 'care'] as const) {
    const suffix = theme === 'standard' ? '' : '-care';
    page = await tools.open('', PORTRAIT);
    if (theme === 'care') await chooseTheme(page, 'care');
    await openScan(page, 'home-progress');
    await freeze(page);
    await tools.shoot(page, `scan-portrait${suffix}`);
    await scanSample(page, SAMPLE.correction);
    await page.getByTestId('screen-progress-case').waitFor();
    await tools.shoot(page, `progress-case-portrait${suffix}`);
    await page.getByTestId('progress-evaluate').click();
    await page.getByTestId('evaluation-level-1').click();
    await tools.shoot(page, `evaluation-low-portrait${suffix}`);
    await page.context().close();
  }
}
