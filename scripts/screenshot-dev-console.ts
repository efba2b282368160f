/**
 * The technician console part of scripts/screenshot-dev.ts (issue #8): the hidden gesture on
 * home, the PIN pad (first start with a mismatch, login, wrong PINs up to the lock), every
 * console page — overview with its quarantined outbox records and 重新发送, auto-detect with proposals and the manual form with the console
 * keyboard, a device test, hall settings with a refusal, the diagnostics export, the audit
 * log intact and tampered — then 退出 and the session running out, in landscape and
 * portrait. Besides the shared layout checks it runs axe-core on every screen and checks
 * the calls: no PIN in them, a token on every admin call, logout on the way out.
 *
 *   npx tsx scripts/screenshot-dev.ts /tmp/shots --console-only
 */
import type { Page } from 'playwright-core';
import { type GuideShotTools, checkAxe } from './screenshot-guide.js';

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const PIN = '314159';
/** The fake's admin idle timeout (renderer/api/fake-admin.ts FAKE_ADMIN_IDLE_MS). */
const ADMIN_IDLE_MS = 5 * 60_000;

async function shootAndCheck(page: Page, name: string, tools: GuideShotTools): Promise<void> {
  await tools.shoot(page, name);
  await checkAxe(page, name, tools);
}

/**
 * Holds the top-left corner 3 s, then taps the top-right corner twice. The corners must be
 * inert on home: `what` names the page in a problem if the taps hit a control.
 */
async function openConsole(page: Page, tools?: GuideShotTools, what = ''): Promise<void> {
  const width = page.viewportSize()?.width ?? LANDSCAPE.width;
  if (tools) {
    const hits = await page.evaluate<string[]>(
      `[[50, 50], [${width - 50}, 50]].map(([x, y]) => document.elementFromPoint(x, y)?.closest('button, a, input') ?` +
        ` document.elementFromPoint(x, y).closest('button, a, input').getAttribute('data-testid') : '').filter(Boolean)`,
    );
    for (const hit of hits) tools.problem(`${what}: the console gesture's corner lies on ${hit}`);
  }
  await page.mouse.move(50, 50);
  await page.mouse.down();
  await page.clock.runFor(3_100);
  await page.mouse.up();
  await page.mouse.click(width - 50, 50);
  await page.mouse.click(width - 50, 50);
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`console-pin-key-${digit}`).click();
}

async function stage(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="screen-console-pin"][data-stage="${name}"]`).waitFor();
}

async function login(page: Page, tools: GuideShotTools, what: string): Promise<void> {
  await openConsole(page, tools, what);
  await stage(page, 'login');
  await typePin(page, PIN);
  await page.getByTestId('console-pin-submit').click();
  await page.getByTestId('console-device-receiptPrinter').waitFor();
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByTestId(`console-tab-${name}`).click();
  await page.locator(`[data-testid="screen-console"][data-tab="${name}"]`).waitFor();
}

/** Admin calls as `method` or `method!` when it went without a token, and any PIN seen. */
async function checkCalls(page: Page, tools: GuideShotTools, what: string): Promise<string[]> {
  const calls = await page.evaluate<{ method: string; arg: Record<string, unknown> }[]>(
    `window.fakeKiosk.calls.filter((c) => c.method.startsWith('admin.'))`,
  );
  const free = new Set(['admin.pinStatus', 'admin.setPin', 'admin.login']);
  for (const call of calls) {
    if (!free.has(call.method) && typeof call.arg['token'] !== 'string') tools.problem(`${what}: ${call.method} without a token`);
    if (JSON.stringify(call.arg).includes(PIN)) tools.problem(`${what}: the PIN appears in ${call.method}`);
  }
  return calls.map((call) => call.method);
}

async function firstStart(tools: GuideShotTools): Promise<void> {
  const page = await tools.open('', LANDSCAPE);
  await openConsole(page, tools, 'home');
  await stage(page, 'setFirst');
  await typePin(page, '2468');
  await shootAndCheck(page, 'console-pin-set', tools);
  await typePin(page, '10');
  await page.getByTestId('console-pin-submit').click();
  await stage(page, 'setConfirm');
  await typePin(page, '246811');
  await page.getByTestId('console-pin-submit').click();
  await page.getByTestId('console-pin-notice').waitFor();
  await shootAndCheck(page, 'console-pin-mismatch', tools);
  // A weak PIN: the core's words.
  await typePin(page, '123456');
  await page.getByTestId('console-pin-submit').click();
  await typePin(page, '123456');
  await page.getByTestId('console-pin-submit').click();
  await page.locator('[data-testid="console-pin-notice"]', { hasText: '连续' }).waitFor();
  await shootAndCheck(page, 'console-pin-weak', tools);
  for (let round = 0; round < 2; round += 1) {
    await typePin(page, PIN);
    await page.getByTestId('console-pin-submit').click();
  }
  await page.getByTestId('console-device-receiptPrinter').waitFor();
  await shootAndCheck(page, 'console-overview', tools);
  await quarantine(page, tools, '');
  await consolePages(page, tools, '');
  await page.getByTestId('console-exit').click();
  await page.getByTestId('screen-home').waitFor();
  const calls = await checkCalls(page, tools, 'first start');
  if (calls.at(-1) !== 'admin.logout') tools.problem(`first start: last admin call ${calls.at(-1) ?? 'none'}, expected admin.logout`);
  await page.context().close();
}

/** 隔离记录 on the overview: the list, a record being sent again, the result. */
async function quarantine(page: Page, tools: GuideShotTools, suffix: string): Promise<void> {
  const release = page.getByTestId('console-quarantine-release-41');
  await release.scrollIntoViewIfNeeded();
  await shootAndCheck(page, `console-overview-quarantine${suffix}`, tools);
  await release.click();
  await page.locator('[data-testid="console-quarantine-release-17"][disabled]').waitFor();
  await shootAndCheck(page, `console-overview-quarantine-sending${suffix}`, tools);
  await page.getByTestId('console-quarantine-result').waitFor();
  if ((await page.getByTestId('console-quarantine-record-41').count()) !== 0) tools.problem(`quarantine${suffix}: the record sent again is still listed`);
  await page.getByTestId('console-quarantine').scrollIntoViewIfNeeded();
  await shootAndCheck(page, `console-overview-quarantine-sent${suffix}`, tools);
}

/** Every page after the overview; `suffix` names the shots (`-portrait`). */
async function consolePages(page: Page, tools: GuideShotTools, suffix: string): Promise<void> {
  await tab(page, 'binding');
  await page.getByTestId('console-detect').click();
  await page.getByTestId('console-proposal-2').waitFor();
  await shootAndCheck(page, `console-binding${suffix}`, tools);
  await page.getByTestId('console-proposal-0-apply').click();
  await page.getByTestId('console-restart-required').waitFor();
  await shootAndCheck(page, `console-binding-applied${suffix}`, tools);
  await page.getByTestId('console-binding-view-manual').click();
  await page.getByTestId('console-bind-transport-serial').click();
  await page.getByTestId('console-bind-save').click();
  await page.locator('.console-field__problem').first().waitFor();
  await shootAndCheck(page, `console-binding-manual-problem${suffix}`, tools);
  await page.getByTestId('console-bind-path').click();
  await page.getByTestId('console-editor').waitFor();
  for (const key of ['slash', 'toLatin', 'd', 'e', 'v', 'toSymbols', 'slash', 'toLatin', 't', 't', 'y']) await page.getByTestId(`console-key-${key}`).click();
  await shootAndCheck(page, `console-editor-symbols${suffix}`, tools);
  // A technician's keyboard types into the editor, past the scanner guard.
  await page.getByTestId('console-editor-input').press('End');
  await page.keyboard.type('S3', { delay: 80 });
  await page.getByTestId('console-editor-done').click();
  const path = await page.getByTestId('console-bind-path').getAttribute('data-value');
  if (path !== '/dev/ttyS3') tools.problem(`binding: the path field holds ${path ?? 'nothing'}, expected /dev/ttyS3`);
  await page.getByTestId('console-bind-baud-9600').click();
  await page.getByTestId('console-bind-save').click();
  await page.getByTestId('console-restart').waitFor();
  await shootAndCheck(page, `console-binding-manual${suffix}`, tools);
  // The scanner has the most options: serial with its suffix.
  await page.getByTestId('console-bind-device-barcodeScanner').click();
  await page.getByTestId('console-bind-option-suffix-auto').waitFor();
  await shootAndCheck(page, `console-binding-scanner${suffix}`, tools);
  await page.getByTestId('console-bind-transport-hid').click();
  await page.getByTestId('console-bind-option-mode-hidKeyboard').waitFor();
  await shootAndCheck(page, `console-binding-scanner-hid${suffix}`, tools);

  await tab(page, 'tests');
  await page.getByTestId('console-test-readCard').click();
  await page.getByTestId('console-test-running').waitFor();
  await shootAndCheck(page, `console-tests-running${suffix}`, tools);
  await page.getByTestId('console-test-result').waitFor();
  await shootAndCheck(page, `console-tests${suffix}`, tools);

  await tab(page, 'settings');
  await page.getByTestId('console-settings-hallName').waitFor();
  await shootAndCheck(page, `console-settings${suffix}`, tools);
  await page.getByTestId('console-settings-hallName').click();
  await page.getByTestId('console-key-clear').click();
  for (const key of ['z', 'h', 'e', 'n', 'g']) await page.getByTestId(`console-key-${key}`).click();
  await page.getByTestId('console-candidate-0').waitFor();
  await shootAndCheck(page, `console-editor-pinyin${suffix}`, tools);
  await page.getByTestId('console-editor-cancel').click();
  await page.getByTestId('console-settings-idleTimeout').click();
  await page.getByTestId('console-key-clear').click();
  await page.getByTestId('console-key-5').click();
  await page.getByTestId('console-editor-done').click();
  await page.getByTestId('console-settings-save').click();
  await page.getByTestId('console-settings-error').waitFor();
  await shootAndCheck(page, `console-settings-error${suffix}`, tools);

  await tab(page, 'diagnostics');
  await page.getByTestId('console-export-target-0').waitFor();
  await page.getByTestId('console-export').click();
  await page.getByTestId('console-export-result').waitFor();
  await shootAndCheck(page, `console-diagnostics${suffix}`, tools);

  await tab(page, 'audit');
  await page.getByTestId('console-audit-chain').waitFor();
  await shootAndCheck(page, `console-audit${suffix}`, tools);
}

async function loginAndLock(tools: GuideShotTools): Promise<void> {
  const page = await tools.open(`?adminPin=${PIN}`, LANDSCAPE);
  await openConsole(page);
  await stage(page, 'login');
  await typePin(page, '97');
  await shootAndCheck(page, 'console-pin-login', tools);
  await page.getByTestId('console-pin-key-clear').click();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await typePin(page, '975310');
    await page.getByTestId('console-pin-submit').click();
    if (attempt < 5) await page.locator('[data-testid="console-pin-notice"]', { hasText: String(5 - attempt) }).waitFor();
    if (attempt === 1) await shootAndCheck(page, 'console-pin-wrong', tools);
  }
  await stage(page, 'locked');
  await shootAndCheck(page, 'console-pin-locked', tools);
  await page.clock.runFor(31_000);
  await stage(page, 'login');
  await typePin(page, PIN);
  await page.getByTestId('console-pin-submit').click();
  await page.getByTestId('console-device-receiptPrinter').waitFor();
  // Left alone, the session runs out and the terminal goes home.
  await page.clock.runFor(ADMIN_IDLE_MS + 2_000);
  await page.getByTestId('screen-home').waitFor({ timeout: 10_000 });
  await checkCalls(page, tools, 'lock');
  await page.context().close();
}

async function tampered(tools: GuideShotTools): Promise<void> {
  const page = await tools.open(`?adminPin=${PIN}&audit=tampered`, LANDSCAPE);
  // A technician gets in while the terminal is out of service.
  await page.evaluate(`window.fakeKiosk.setOutOfService('小票打印机缺纸，正在等待工作人员更换')`);
  await page.getByTestId('out-of-service').waitFor();
  await login(page, tools, 'out of service');
  await shootAndCheck(page, 'console-overview-out-of-service', tools);
  await tab(page, 'audit');
  await page.locator('[data-testid="console-audit-chain"][data-ok="false"]').waitFor();
  await shootAndCheck(page, 'console-audit-tampered', tools);
  await page.evaluate(`window.fakeKiosk.admin.expireAdminSessions()`);
  await page.getByTestId('console-audit-refresh').click();
  await stage(page, 'login');
  await page.getByTestId('console-pin-notice').waitFor();
  await shootAndCheck(page, 'console-pin-session-over', tools);
  await page.context().close();
}

async function portrait(tools: GuideShotTools): Promise<void> {
  const page = await tools.open(`?adminPin=${PIN}`, PORTRAIT);
  await openConsole(page, tools, 'home portrait');
  await stage(page, 'login');
  await typePin(page, '97');
  await shootAndCheck(page, 'console-pin-login-portrait', tools);
  await page.getByTestId('console-pin-key-clear').click();
  await typePin(page, PIN);
  await page.getByTestId('console-pin-submit').click();
  await page.getByTestId('console-device-receiptPrinter').waitFor();
  await shootAndCheck(page, 'console-overview-portrait', tools);
  await quarantine(page, tools, '-portrait');
  await consolePages(page, tools, '-portrait');
  await page.context().close();
}

export async function shootConsole(tools: GuideShotTools): Promise<void> {
  await firstStart(tools);
  await loginAndLock(tools);
  await tampered(tools);
  await portrait(tools);
}
