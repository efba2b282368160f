/**
 * The 办事指南 part of scripts/screenshot-dev.ts: every guide screen (browse tabs, search with
 * the keyboard and candidates, results with highlights, a guide page, print outcomes) in the
 * standard theme, 关怀模式 and high contrast, English, and portrait 1080×1920. Besides the
 * shared layout checks it measures the keyboard's keys (≥ 72 px, ≥ 96 px in 关怀模式) and runs
 * axe-core on the guide screens in every theme, failing on serious or critical violations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface GuideShotTools {
  /** Opens the fake build with a query string, on the home screen. */
  readonly open: (query: string, viewport: { width: number; height: number }) => Promise<Page>;
  readonly shoot: (page: Page, name: string) => Promise<void>;
  readonly problem: (text: string) => void;
}

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type ThemeOption = 'standard' | 'care' | 'contrast';

async function openGuide(page: Page): Promise<void> {
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-tab-popular').waitFor();
}

export async function chooseTheme(page: Page, theme: ThemeOption): Promise<void> {
  await page.getByTestId('theme-switch').click();
  await page.getByTestId(`theme-${theme}`).click();
}

/** Types on the on-screen keyboard, key by key, as a citizen would. */
async function typeKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.getByTestId(`keyboard-key-${key}`).click();
}

async function resultsFor(page: Page, query: string): Promise<void> {
  await page.locator(`[data-testid="guide-search-results"][data-phase="ready"][data-query="${query}"]`).waitFor();
}

async function openItem(page: Page, code: string): Promise<void> {
  await page.getByTestId(`guide-item-${code}`).click();
  await page.getByTestId('guide-page').waitFor();
}

/** The session calls the page made, e.g. `begin,end:home`, compared with what is expected. */
async function expectSessions(page: Page, expected: string, tools: GuideShotTools, what: string): Promise<void> {
  const actual = await page.evaluate<string>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('session.'))` +
      `.map((c) => c.method.slice(8) + (c.arg.reason ? ':' + c.arg.reason : '')).join(',')`,
  );
  if (actual !== expected) tools.problem(`${what}: session calls ${actual}, expected ${expected}`);
}

/** Keys and candidates at least `min` px both ways. */
async function checkKeys(page: Page, min: number, name: string, tools: GuideShotTools): Promise<void> {
  const small = await page.evaluate<string[]>(`[...document.querySelectorAll('.keyboard button')]
    .map((b) => [b.getAttribute('data-testid'), b.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.width < ${min} - 0.5 || r.height < ${min} - 0.5))
    .map(([id, r]) => id + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`);
  if (small.length > 0) tools.problem(`${name}: keys under ${min} px: ${small.slice(0, 5).join(', ')}`);
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core in the page (page.evaluate is not subject to the CSP), serious and critical only. */
export async function checkAxe(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const { passes, violations } = await page.evaluate<{ passes: number; violations: AxeViolation[] }>(
    `axe.run(document).then((r) => ({ passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })) }))`,
  );
  if (passes === 0) tools.problem(`${name}: axe checked nothing`);
  for (const violation of violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('; ');
    tools.problem(`${name}: axe ${violation.impact} ${violation.id} at ${where}`);
  }
}

async function shootAndCheck(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  await tools.shoot(page, name);
  await checkAxe(page, name, tools);
}

/** The whole guide in one theme: home tabs, search, results, a guide page, print outcomes. */
async function guideInTheme(theme: ThemeOption, tools: GuideShotTools): Promise<void> {
  const suffix = theme === 'standard' ? '' : `-${theme}`;
  const page = await tools.open('?delay=300', LANDSCAPE);
  if (theme !== 'standard') await chooseTheme(page, theme);
  await openGuide(page);
  await page.getByTestId('guide-item-list').waitFor();
  await shootAndCheck(page, `guide-home${suffix}`, tools);
  if (theme === 'care') {
    await page.getByTestId('guide-list-next').click();
    await page.locator('[data-testid="guide-list-status"]', { hasText: '第 2 / 2 页' }).waitFor();
    await tools.shoot(page, 'guide-home-care-page-2');
  }
  await page.getByTestId('guide-tab-department').click();
  await page.getByTestId('guide-dept-real-estate').waitFor();
  await shootAndCheck(page, `guide-home-department${suffix}`, tools);
  await page.getByTestId('guide-dept-real-estate').click();
  await page.getByTestId('guide-item-list').waitFor();
  await tools.shoot(page, `guide-home-department-list${suffix}`);
  await page.getByTestId('guide-tab-personal').click();
  await page.getByTestId('guide-event-birth').waitFor();
  await tools.shoot(page, `guide-home-personal${suffix}`);
  await page.getByTestId('guide-tab-legalPerson').click();
  await page.getByTestId('guide-event-business-start').waitFor();
  await tools.shoot(page, `guide-home-legal${suffix}`);

  // Search: "bdc" on the keyboard finds 不动产 items at once, with 不动产 as a candidate.
  await page.getByTestId('guide-search').click();
  await page.getByTestId('keyboard').waitFor();
  await tools.shoot(page, `guide-search-start${suffix}`);
  await typeKeys(page, 'bdc');
  await page.getByTestId('keyboard-candidate-0').waitFor();
  await resultsFor(page, 'bdc');
  await checkKeys(page, theme === 'care' ? 96 : 72, `guide-search-keyboard${suffix}`, tools);
  await shootAndCheck(page, `guide-search-keyboard${suffix}`, tools);
  const candidate = await page.getByTestId('keyboard-candidate-0').textContent();
  if (candidate !== '不动产') tools.problem(`bdc: first candidate ${candidate ?? 'none'}, expected 不动产`);
  await page.getByTestId('keyboard-candidate-0').click();
  await resultsFor(page, '不动产');
  await page.getByTestId('keyboard-key-close').click();
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
  await shootAndCheck(page, `guide-search-results${suffix}`, tools);
  const marks = await page.locator('[data-testid="guide-hit-list"] mark').count();
  if (marks === 0) tools.problem(`guide-search-results${suffix}: no <mark> on the hits`);

  await page.getByTestId(`guide-hit-320700-BDC-0001`).click();
  await page.getByTestId('guide-page').waitFor();
  await shootAndCheck(page, `guide-page${suffix}`, tools);
  await page.getByTestId('guide-print-checklist').click();
  await page.locator('[data-testid="guide-toast"][data-status="printed"]').waitFor();
  await shootAndCheck(page, `guide-print-checklist${suffix}`, tools);
  await page.getByTestId('guide-toast-dismiss').click();
  await page.getByTestId('guide-print-guide').click();
  await page.locator('[data-testid="guide-toast"][data-kind="guide"]').waitFor();
  await tools.shoot(page, `guide-print-guide${suffix}`);
  await page.getByTestId('guide-toast-dismiss').click();
  await page.getByTestId('scroll-down').click();
  await page.waitForTimeout(600);
  await tools.shoot(page, `guide-page-scrolled${suffix}`);
  await page.getByTestId('guide-section-process-toggle').click();
  await page.getByTestId('guide-section-process-toggle').scrollIntoViewIfNeeded();
  await tools.shoot(page, `guide-page-process${suffix}`);
  await page.context().close();
}

export async function shootGuide(tools: GuideShotTools): Promise<void> {
  for (const theme of ['standard', 'care', 'contrast'] as const) await guideInTheme(theme, tools);

  // The theme switch open, over the guide home; high contrast home and ticket screens.
  let page = await tools.open('', LANDSCAPE);
  await openGuide(page);
  await page.getByTestId('theme-switch').click();
  await page.getByTestId('theme-contrast').waitFor();
  await tools.shoot(page, 'theme-switch-open');
  await page.getByTestId('theme-contrast').click();
  await page.getByTestId('go-home').click();
  await page.getByTestId('screen-home').waitFor();
  await shootAndCheck(page, 'home-contrast', tools);
  await page.getByTestId('home-take-ticket').click();
  await page.locator('[data-testid="category-list"][data-accepting="true"]').waitFor();
  await shootAndCheck(page, 'category-contrast', tools);
  await page.context().close();

  // Keyword (俗称) and empty results; 取号 from a guide goes straight to the card step.
  page = await tools.open('', LANDSCAPE);
  await openGuide(page);
  await page.getByTestId('guide-search').click();
  await page.getByTestId('guide-search-input').fill('yyzz');
  await resultsFor(page, 'yyzz');
  await tools.shoot(page, 'guide-search-keyword');
  await page.getByTestId('guide-search-input').fill('xyz');
  await resultsFor(page, 'xyz');
  await shootAndCheck(page, 'guide-search-empty', tools);
  await page.getByTestId('guide-search-input').fill('');
  await page.getByTestId('guide-back').click();
  await openItem(page, '320700-BDC-0003');
  await page.getByTestId('guide-take-ticket').click();
  await page.getByTestId('screen-identify').waitFor();
  const category = await page.getByText('办理业务：不动产登记').count();
  if (category === 0) tools.problem('取号 from a guide: the identification screen does not name 不动产登记');
  await tools.shoot(page, 'guide-take-ticket-identify');
  // 取号 from the guide goes on in the guide's session; 返回首页 ends it once.
  await expectSessions(page, 'begin', tools, '取号 from a guide');
  await page.getByTestId('go-home').click();
  await page.getByTestId('screen-home').waitFor();
  await expectSessions(page, 'begin,end:home', tools, '取号 from a guide, home');
  await page.context().close();

  // The guide is a journey like 取号: idle countdown, then home, session ended as idleTimeout.
  page = await tools.open('', LANDSCAPE);
  await openGuide(page);
  await page.clock.runFor(63_000);
  await page.getByTestId('idle-countdown').waitFor();
  await tools.shoot(page, 'guide-idle-countdown');
  await page.clock.runFor(8_000);
  await page.getByTestId('screen-home').waitFor();
  await expectSessions(page, 'begin,end:idleTimeout', tools, 'guide idle');
  await page.context().close();

  // Print failures, and the catalogue not served yet (the real host until the core has it).
  page = await tools.open(`?printFailure=${encodeURIComponent('打印机缺纸')}&a4Failure=`, LANDSCAPE);
  await openGuide(page);
  await openItem(page, '320700-GA-0001');
  await page.getByTestId('guide-print-checklist').click();
  await page.locator('[data-testid="guide-toast"][data-status="failed"]').waitFor();
  await shootAndCheck(page, 'guide-print-failed', tools);
  await page.context().close();
  page = await tools.open('?catalogue=unavailable', LANDSCAPE);
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-load-failed').waitFor();
  await tools.shoot(page, 'guide-load-failed');
  await page.context().close();

  // English.
  page = await tools.open('', LANDSCAPE);
  await page.getByTestId('language-toggle').click();
  await openGuide(page);
  await page.getByTestId('guide-item-list').waitFor();
  await tools.shoot(page, 'guide-home-en');
  await page.getByTestId('guide-tab-department').click();
  await page.getByTestId('guide-dept-market-regulation').click();
  await openItem(page, '320700-SJ-0002');
  await tools.shoot(page, 'guide-page-en');
  await page.context().close();

  // Portrait 1080×1920: home, search with the keyboard, a guide page; 关怀模式 keys.
  for (const theme of ['standard', 'care'] as const) {
    const suffix = theme === 'standard' ? '' : '-care';
    page = await tools.open('', PORTRAIT);
    if (theme === 'care') await chooseTheme(page, 'care');
    await openGuide(page);
    await page.getByTestId('guide-item-list').waitFor();
    await tools.shoot(page, `guide-home-portrait${suffix}`);
    await page.getByTestId('guide-search').click();
    await typeKeys(page, 'sfz');
    await resultsFor(page, 'sfz');
    await page.getByTestId('keyboard-candidate-0').waitFor();
    await checkKeys(page, theme === 'care' ? 96 : 72, `guide-search-portrait${suffix}`, tools);
    await tools.shoot(page, `guide-search-portrait${suffix}`);
    await page.getByTestId('guide-hit-320700-GA-0001').click();
    await page.getByTestId('guide-page').waitFor();
    await tools.shoot(page, `guide-page-portrait${suffix}`);
    await page.context().close();
  }
}
