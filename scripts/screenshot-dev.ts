/**
 * Screenshots of every 取号 screen (ID card screens included) and every 办事指南 screen
 * (scripts/screenshot-guide.ts), for a person to look at: builds the renderer in the
 * `fake` mode (in-page fake kiosk, see renderer/api/fake-kiosk.ts), serves it on 127.0.0.1
 * with the hosts' CSP header, and drives Debian's Chromium through the journey with a fixed
 * clock. Also reports CSP violations, page errors, content that spills out of the screen and
 * the smallest text size in use, and fails when any is wrong.
 *
 * 办件查询, 预约签到 and 好差评 are in scripts/screenshot-dev-services.ts, 拍摄申请材料 in
 * scripts/screenshot-dev-capture.ts, 自助申办 in scripts/screenshot-dev-application.ts, the
 * technician console in scripts/screenshot-dev-console.ts.
 *
 *   npx tsx scripts/screenshot-dev.ts [outDir]
 *     [--guide-only | --services-only | --capture-only | --application-only | --console-only]
 *   (default /tmp/shots)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../electron/services/static-files.js';
import { launchChromium } from '../tests/support/browser.js';
import { shootApplication } from './screenshot-dev-application.js';
import { shootCapture } from './screenshot-dev-capture.js';
import { shootConsole } from './screenshot-dev-console.js';
import { shootServices } from './screenshot-dev-services.js';
import { shootGuide } from './screenshot-guide.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? '/tmp/shots');
/** Only the 办事指南 screens (scripts/screenshot-guide.ts), when working on those. */
const IS_GUIDE_ONLY = process.argv.includes('--guide-only');
/** Only 办件查询, 预约签到 and 好差评 (scripts/screenshot-dev-services.ts). */
const IS_SERVICES_ONLY = process.argv.includes('--services-only');
/** Only 拍摄申请材料 (scripts/screenshot-dev-capture.ts). */
const IS_CAPTURE_ONLY = process.argv.includes('--capture-only');
/** Only 自助申办 (scripts/screenshot-dev-application.ts). */
const IS_APPLICATION_ONLY = process.argv.includes('--application-only');
/** Only the technician console (scripts/screenshot-dev-console.ts). */
const IS_CONSOLE_ONLY = process.argv.includes('--console-only');
/** Monday 24 November 2025, 09:30 in the hall. */
const FIXED_TIME = new Date('2025-11-24T09:30:00+08:00');
/** Body text is 28 px and more; labels and badges may go down to this. */
const MIN_FONT_PX = 25;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface Findings {
  readonly problems: string[];
  readonly shots: string[];
}

async function buildFakeRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'fake',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!file.startsWith(dir + sep)) {
      response.writeHead(400).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/** In-page checks, as source text: the node tsconfig has no DOM types. */
const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

const LAYOUT_REPORT = `(() => {
  const BOXES = '.screen, .screen__body, .app-header, .home__tiles, .tile, .category, .ticket, .ticket__main, ' +
    '.ticket__side, .apology, .notice, .dialog, .out-of-service, .identify, .identify__text, .identity, ' +
    '.identity__card, .take-card, .dev-cards__panel, .guide-tile, .item-card, .guide-facts__fact, .keyboard, ' +
    '.toast, .guide-actions, .guide-head, .theme-switch__panel, .search-results, .lookup-choice__option, ' +
    '.scan-prompt, .scan-prompt__text, .case-list__item, .case-head, .case-facts, .case-timeline, .case-missing, ' +
    '.case-collection, .appointment, .appointment__facts, .appointment__window, .evaluation, .evaluation__levels, ' +
    '.evaluation__level, .evaluation__details, .evaluation__phone, .phone-keypad, .evaluation__actions, .journey-actions, ' +
    '.capture-material, .capture-layout, .capture-layout__side, .capture-stage, .capture-review, .capture-summary, ' +
    '.application-intro__facts, .application-material, .application-date, .application-review__section, ' +
    '.application-missing, .application-result__main, .application-print, ' +
    '.console-menu, .console-page__head, .console-pin, .console-editor__dialog, .console-device, .console-proposal, .console-form';
  const width = window.innerWidth;
  const height = window.innerHeight;
  const spills = [];
  let minFont = Infinity;
  let minFontText = '';
  for (const el of document.querySelectorAll('body *')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.closest('.categories') && el.closest('.categories') !== el) continue;
    // A guide's content scrolls in its viewport (with 上翻 / 下翻 beside it).
    if (el.closest('.scroll-area__viewport') && el.closest('.scroll-area__viewport') !== el) continue;
    if (el.closest('.visually-hidden')) continue;
    if (rect.right > width + 1 || rect.bottom > height + 1 || rect.left < -1 || rect.top < -1) {
      spills.push((el.getAttribute('data-testid') || el.className || el.tagName) + ' ' +
        Math.round(rect.left) + ',' + Math.round(rect.top) + ' ' + Math.round(rect.width) + 'x' + Math.round(rect.height));
    }
    if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible' && el.clientWidth > 0) {
      spills.push('clipped-x ' + (el.className || el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth);
    }
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (hasText) {
      const size = parseFloat(style.fontSize);
      if (size < minFont) { minFont = size; minFontText = el.textContent.trim().slice(0, 30); }
    }
  }
  const isThemePanelOpen = document.querySelector('.theme-switch__panel:not([hidden])') !== null;
  for (const el of document.querySelectorAll(BOXES)) {
    // The open theme panel hangs below the header on purpose.
    if (isThemePanelOpen && el.classList.contains('app-header')) continue;
    if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2) {
      spills.push('overflows its box: ' + el.className + ' ' + el.scrollWidth + 'x' + el.scrollHeight +
        ' > ' + el.clientWidth + 'x' + el.clientHeight);
    }
  }
  // Keyboard keys have their own floor (72 px, 96 px in 关怀模式), checked by screenshot-guide.ts.
  const smallButtons = [...document.querySelectorAll('button:not([disabled])')]
    .filter((b) => !b.closest('.keyboard'))
    .filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.height < 95.5 || r.width < 95.5); });
  const small = smallButtons.length;
  const smallNames = smallButtons.slice(0, 3).map((b) => {
    const r = b.getBoundingClientRect();
    return (b.getAttribute('data-testid') || b.className) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height);
  });
  return { spills: spills.slice(0, 10), minFont, minFontText, smallTargets: small, smallNames, violations: window.__violations };
})()`;

interface LayoutReport {
  readonly spills: string[];
  readonly minFont: number;
  readonly minFontText: string;
  readonly smallTargets: number;
  /** The first few of them: test id (or class) and size. */
  readonly smallNames: string[];
  readonly violations: string[];
}

async function shoot(page: Page, name: string, findings: Findings): Promise<void> {
  // Let transitions and the next clock tick settle.
  await page.waitForTimeout(150);
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  const report = await page.evaluate<LayoutReport>(LAYOUT_REPORT);
  findings.shots.push(`${path}  (min font ${report.minFont}px "${report.minFontText}")`);
  for (const spill of report.spills) findings.problems.push(`${name}: outside the screen or clipped: ${spill}`);
  if (report.minFont < MIN_FONT_PX) findings.problems.push(`${name}: text of ${report.minFont}px: "${report.minFontText}"`);
  if (report.smallTargets > 0) {
    findings.problems.push(`${name}: ${report.smallTargets} buttons smaller than 96 px (${report.smallNames.join(', ')})`);
  }
  for (const violation of report.violations) findings.problems.push(`${name}: CSP violation ${violation}`);
}

async function openPage(
  browser: Browser,
  origin: string,
  query: string,
  viewport: { width: number; height: number },
  findings: Findings,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    reducedMotion,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => findings.problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    // Chromium asks for /favicon.ico by itself; the kiosk window never shows one.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      findings.problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.type() === 'warning') {
      findings.problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  await page.addInitScript(RECORD_VIOLATIONS);
  await page.clock.install({ time: FIXED_TIME });
  await page.goto(`${origin}/index.html${query}`);
  await page.getByTestId('screen-home').waitFor();
  return page;
}

/** The session calls the page made, e.g. `begin,end:finished`. */
async function sessionCalls(page: Page): Promise<string> {
  return page.evaluate<string>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('session.'))` +
      `.map((c) => c.method.slice(8) + (c.arg.reason ? ':' + c.arg.reason : '')).join(',')`,
  );
}

async function expectSessions(page: Page, expected: string, findings: Findings, what: string): Promise<void> {
  const actual = await sessionCalls(page);
  if (actual !== expected) findings.problems.push(`${what}: session calls ${actual}, expected ${expected}`);
}

/** Taps a category once the list takes taps (it refuses them for a moment after appearing). */
async function chooseCategory(page: Page, categoryId: string): Promise<void> {
  await page.locator('[data-testid="category-list"][data-accepting="true"]').waitFor();
  await page.getByTestId(`category-${categoryId}`).click();
}

/** 不刷证，直接取号, once the button takes taps (it refuses them for a moment after appearing). */
async function skipIdentification(page: Page): Promise<void> {
  await page.locator('[data-testid="ticket-skip-id"][data-accepting="true"]').click();
}

async function takeTicket(page: Page, categoryId: string): Promise<void> {
  await page.getByTestId('home-take-ticket').click();
  await chooseCategory(page, categoryId);
  await skipIdentification(page);
  await page.getByTestId('ticket-number').waitFor();
}

/**
 * Stops every CSS animation at `atMs` of its cycle, so the shot shows a chosen frame of the
 * card-on-reader picture (2 400 ms: the card lies on the reader, ripples out).
 */
async function freezeAnimations(page: Page, atMs: number): Promise<void> {
  await page.evaluate(`document.getAnimations().forEach((a) => { a.pause(); a.currentTime = ${atMs}; })`);
}

/** Puts a specimen card on the simulated reader through the dev panel, as a developer would. */
async function presentCard(page: Page, specimenId: string): Promise<void> {
  await page.getByTestId('dev-card-panel').click();
  await page.getByTestId(`dev-card-${specimenId}`).click();
}

/** The identity calls the page made, e.g. `startReading,revealName,stopReading`. */
async function identityCalls(page: Page): Promise<string> {
  return page.evaluate<string>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('identity.')).map((c) => c.method.slice(9)).join(',')`,
  );
}

async function expectIdentityCalls(page: Page, expected: string, findings: Findings, what: string): Promise<void> {
  const actual = await identityCalls(page);
  if (actual !== expected) findings.problems.push(`${what}: identity calls ${actual}, expected ${expected}`);
}

/** Takes a ticket with a specimen card: category, card, confirmation, 确认取号. */
async function takeTicketByCard(page: Page, categoryId: string, specimenId: string): Promise<void> {
  await page.getByTestId('home-take-ticket').click();
  await chooseCategory(page, categoryId);
  await page.getByTestId('screen-identify').waitFor();
  await presentCard(page, specimenId);
  await page.getByTestId('identity-confirm-take').click();
  await page.getByTestId('ticket-number').waitFor();
}

async function run(): Promise<Findings> {
  const findings: Findings = { problems: [], shots: [] };
  mkdirSync(OUT_DIR, { recursive: true });
  const buildDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-fake-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    await buildFakeRenderer(buildDir);
    const served = await serve(buildDir);
    server = served.server;
    browser = await launchChromium();
    const landscape = { width: 1920, height: 1080 };
    const portrait = { width: 1080, height: 1920 };

    const origin = served.origin;
    const active = browser;
    const guideTools = {
      open: (query: string, viewport: { width: number; height: number }) => openPage(active, origin, query, viewport, findings),
      shoot: (shotPage: Page, name: string) => shoot(shotPage, name, findings),
      problem: (text: string) => findings.problems.push(text),
    };
    if (IS_GUIDE_ONLY) {
      await shootGuide(guideTools);
      return findings;
    }
    if (IS_SERVICES_ONLY) {
      await shootServices(guideTools);
      return findings;
    }
    if (IS_CAPTURE_ONLY) {
      await shootCapture(guideTools);
      return findings;
    }
    if (IS_APPLICATION_ONLY) {
      await shootApplication(guideTools);
      return findings;
    }
    if (IS_CONSOLE_ONLY) {
      await shootConsole(guideTools);
      return findings;
    }

    // Home, category choice, taking, ticket.
    let page = await openPage(browser, served.origin, '?delay=400', landscape, findings);
    await shoot(page, 'home', findings);
    await page.getByTestId('home-take-ticket').click();
    await page.getByTestId('category-general').waitFor();
    await shoot(page, 'category', findings);
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await skipIdentification(page);
    await page.getByTestId('ticket-taking').waitFor();
    await shoot(page, 'taking', findings);
    await page.getByTestId('ticket-number').waitFor();
    await shoot(page, 'ticket', findings);
    // The ticket screen returns home by itself.
    await page.clock.runFor(21_000);
    await page.getByTestId('screen-home').waitFor();
    await expectSessions(page, 'begin,end:finished', findings, 'auto return');
    // A double tap opens one session only; 返回首页 ends it as `home`.
    await page.getByTestId('home-take-ticket').dblclick();
    await page.getByTestId('category-general').waitFor();
    await page.getByTestId('go-home').click();
    await page.getByTestId('screen-home').waitFor();
    await expectSessions(page, 'begin,end:finished,begin,end:home', findings, 'double tap, home');
    await page.context().close();

    // Print failed.
    page = await openPage(browser, served.origin, `?printFailure=${encodeURIComponent('打印机缺纸')}`, landscape, findings);
    await takeTicket(page, 'real-estate');
    await page.getByTestId('ticket-print-failed').waitFor();
    await shoot(page, 'ticket-print-failed', findings);
    await page.context().close();

    // Take-ticket error.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.evaluate(
      `window.fakeKiosk.setTakeTicketError({ code: 'unavailable', message: '该业务今日号源已发完，请明天再来或咨询工作人员' })`,
    );
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'tax');
    await skipIdentification(page);
    await page.getByTestId('ticket-error').waitFor();
    await shoot(page, 'ticket-failed', findings);
    await page.context().close();

    // Idle countdown, then expiry back home with session.end({ reason: 'idleTimeout' }).
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await page.getByTestId('category-general').waitFor();
    await page.clock.runFor(63_000);
    await page.getByTestId('idle-countdown').waitFor();
    await shoot(page, 'idle-countdown', findings);
    await page.clock.runFor(8_000);
    await page.getByTestId('screen-home').waitFor();
    await expectSessions(page, 'begin,end:idleTimeout', findings, 'idle');
    await page.context().close();

    // Out of service in the middle of a journey, then back to ready.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await page.getByTestId('category-general').waitFor();
    await page.evaluate(`window.fakeKiosk.setOutOfService('小票打印机缺纸，正在等待工作人员更换')`);
    await page.getByTestId('out-of-service').waitFor();
    await shoot(page, 'out-of-service', findings);
    await expectSessions(page, 'begin,end:home', findings, 'out of service');
    await page.evaluate(`window.fakeKiosk.setOutOfService(null)`);
    await page.getByTestId('screen-home').waitFor();
    // A ticket on the screen stays there when the terminal goes out of service.
    await takeTicket(page, 'general');
    await page.evaluate(`window.fakeKiosk.setOutOfService('设备维护中')`);
    await page.waitForTimeout(200);
    if (!(await page.getByTestId('ticket-number').isVisible())) findings.problems.push('out of service hid a ticket');
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('out-of-service').waitFor();
    await page.context().close();

    // 关怀模式: home, category and ticket; English home.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('care-mode-toggle').click();
    await shoot(page, 'home-care-mode', findings);
    await page.getByTestId('home-take-ticket').click();
    await page.getByTestId('category-general').waitFor();
    await shoot(page, 'category-care-mode', findings);
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-care-mode', findings);
    await skipIdentification(page);
    await page.getByTestId('ticket-number').waitFor();
    await shoot(page, 'ticket-care-mode', findings);
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('care-mode-toggle').click();
    await page.getByTestId('language-toggle').click();
    await shoot(page, 'home-en', findings);
    await page.context().close();

    // ID card (optional mode, the default): reading, a failed read, confirmation, ticket.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify', findings);
    await freezeAnimations(page, 900);
    await shoot(page, 'identify-card-coming', findings);
    await page.getByTestId('dev-card-panel').click();
    await page.getByTestId('dev-card-resident').waitFor();
    await shoot(page, 'identify-dev-panel', findings);
    await page.getByTestId('dev-card-expired').click();
    await page.getByTestId('identify-notice').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-read-failed', findings);
    await presentCard(page, 'resident');
    await page.getByTestId('identity-confirm').waitFor();
    await page.locator('[data-testid="identity-name"]', { hasText: '李晓梅' }).waitFor();
    await shoot(page, 'identity-confirm', findings);
    // 不是本人: back to reading, asked to swap the card.
    await page.getByTestId('identity-reread').click();
    await page.locator('[data-testid="identify-notice"][data-kind="swapCard"]').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-swap-card', findings);
    await presentCard(page, 'hk-macao-taiwan');
    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-number').waitFor();
    await shoot(page, 'ticket-identity', findings);
    await expectIdentityCalls(page, 'startReading,revealName,revealName,stopReading', findings, 'card journey');
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('screen-home').waitFor();
    // 不刷证 stops the reader as well (the last card taken away first, or it is read at once).
    await page.evaluate(`window.fakeKiosk.removeCard()`);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'tax');
    await skipIdentification(page);
    await page.getByTestId('ticket-number').waitFor();
    await expectIdentityCalls(
      page,
      'startReading,revealName,revealName,stopReading,startReading,stopReading',
      findings,
      'skip',
    );
    await page.context().close();

    // Priority (绿色通道): confirmation, ticket with the reminder, then the same category again.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'social-security');
    await page.getByTestId('screen-identify').waitFor();
    await presentCard(page, 'elder');
    await page.getByTestId('identity-priority').waitFor();
    await page.locator('[data-testid="identity-name"]', { hasText: '张建国' }).waitFor();
    await shoot(page, 'identity-confirm-priority', findings);
    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-priority').waitFor();
    await shoot(page, 'ticket-priority', findings);
    await page.getByTestId('ticket-done').click();
    await page.evaluate(`window.fakeKiosk.removeCard()`);
    await takeTicketByCard(page, 'social-security', 'elder');
    await page.getByTestId('ticket-existing').waitFor();
    await shoot(page, 'ticket-existing', findings);
    await page.getByTestId('ticket-reprint').click();
    await page.locator('[data-testid="ticket-reprint-status"][data-phase="printed"]').waitFor();
    await shoot(page, 'ticket-existing-reprinted', findings);
    await page.context().close();

    // An existing ticket whose reprint fails.
    page = await openPage(browser, served.origin, '?delay=100', landscape, findings);
    await takeTicketByCard(page, 'general', 'resident');
    await page.getByTestId('ticket-done').click();
    await page.evaluate(`window.fakeKiosk.removeCard()`);
    await takeTicketByCard(page, 'general', 'resident');
    await page.evaluate(`window.fakeKiosk.setPrintFailure('打印机缺纸')`);
    await page.getByTestId('ticket-reprint').click();
    await page.locator('[data-testid="ticket-reprint-status"][data-phase="failed"]').waitFor();
    await shoot(page, 'ticket-existing-reprint-failed', findings);
    await page.context().close();

    // Print failed on a card ticket: apology and reminder together.
    page = await openPage(browser, served.origin, `?printFailure=${encodeURIComponent('打印机缺纸')}`, landscape, findings);
    await takeTicketByCard(page, 'general', 'elder');
    await page.getByTestId('ticket-print-failed').waitFor();
    await shoot(page, 'ticket-identity-print-failed', findings);
    await page.context().close();

    // 关怀模式 with a card: confirmation and the priority ticket.
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('care-mode-toggle').click();
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await presentCard(page, 'elder');
    await page.locator('[data-testid="identity-name"]', { hasText: '张建国' }).waitFor();
    await shoot(page, 'identity-confirm-care-mode', findings);
    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-priority').waitFor();
    await shoot(page, 'ticket-priority-care-mode', findings);
    await page.context().close();

    // Required mode: no 不刷证; with the reader offline, a polite refusal.
    page = await openPage(browser, served.origin, '?identification=required', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    if ((await page.getByTestId('ticket-skip-id').count()) !== 0) findings.problems.push('required mode offers 不刷证');
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-required', findings);
    await page.context().close();
    page = await openPage(browser, served.origin, '?identification=required&reader=offline', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('reader-unavailable').waitFor();
    await shoot(page, 'reader-unavailable', findings);
    await page.context().close();

    // Optional mode with the reader offline: straight to the ticket, with a note.
    page = await openPage(browser, served.origin, '?reader=offline', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('ticket-reader-skipped').waitFor();
    await shoot(page, 'ticket-reader-skipped', findings);
    await page.context().close();

    // A real reader: no dev panel. Off: no identification screen.
    page = await openPage(browser, served.origin, '?reader=real', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    if ((await page.getByTestId('dev-card-panel').count()) !== 0) findings.problems.push('dev panel shown for a real reader');
    await page.context().close();
    page = await openPage(browser, served.origin, '?identification=off', landscape, findings);
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('ticket-number').waitFor();
    if ((await page.getByTestId('take-card-reminder').count()) !== 0) findings.problems.push('reminder without a card');
    await page.context().close();

    // English, and reduced motion (the card lies still on the reader).
    page = await openPage(browser, served.origin, '', landscape, findings);
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-en', findings);
    await presentCard(page, 'elder');
    await page.locator('[data-testid="identity-name"]', { hasText: '张建国' }).waitFor();
    await shoot(page, 'identity-confirm-en', findings);
    await page.context().close();
    page = await openPage(browser, served.origin, '', landscape, findings, 'reduce');
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    const running = await page.evaluate<number>(
      `document.getAnimations().filter((a) => a.playState === 'running' && a.animationName !== 'spin').length`,
    );
    if (running !== 0) findings.problems.push(`reduced motion: ${running} animations still running`);
    await shoot(page, 'identify-reduced-motion', findings);
    await page.context().close();

    // Portrait 1080×1920.
    page = await openPage(browser, served.origin, '', portrait, findings);
    await shoot(page, 'home-portrait', findings);
    await takeTicket(page, 'enterprise');
    await shoot(page, 'ticket-portrait', findings);
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('home-take-ticket').click();
    await chooseCategory(page, 'general');
    await page.getByTestId('screen-identify').waitFor();
    await freezeAnimations(page, 2_400);
    await shoot(page, 'identify-portrait', findings);
    await presentCard(page, 'elder');
    await page.locator('[data-testid="identity-name"]', { hasText: '张建国' }).waitFor();
    await shoot(page, 'identity-confirm-portrait', findings);
    await page.getByTestId('identity-confirm-take').click();
    await page.getByTestId('ticket-priority').waitFor();
    await shoot(page, 'ticket-priority-portrait', findings);
    await page.context().close();
    page = await openPage(browser, served.origin, `?printFailure=${encodeURIComponent('打印机缺纸')}`, portrait, findings);
    await takeTicket(page, 'enterprise');
    await shoot(page, 'ticket-print-failed-portrait', findings);
    await page.context().close();

    await shootGuide(guideTools);
    await shootServices(guideTools);
    await shootCapture(guideTools);
    await shootApplication(guideTools);
    await shootConsole(guideTools);
  } finally {
    await browser?.close();
    server?.close();
    rmSync(buildDir, { recursive: true, force: true });
  }
  return findings;
}

const findings = await run();
process.stdout.write(`${findings.shots.join('\n')}\n`);
if (findings.problems.length > 0) {
  process.stderr.write(`\n${findings.problems.length} problem(s):\n${findings.problems.join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('no problems found\n');
}
