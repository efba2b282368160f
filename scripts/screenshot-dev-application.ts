/**
 * The 自助申办 part of scripts/screenshot-dev.ts (issue #6): from an office guide through
 * every step — 须知, the applicant's and the agent's cards, the materials with the embedded
 * capture and a 容缺 date, the form (with the core's errors, then filled), the 告知承诺书
 * signed on the pad, the review, submitting, the result — then an incomplete application
 * and its one-time notice, a submission while the platform is offline with a failed
 * receipt and its reprint, 关怀模式 (materials and review), English and portrait. Besides the
 * shared layout checks it runs axe-core and checks that no full name or unmasked ID number
 * reaches the screen, that the Chinese screens show no English words, and that the journey
 * never calls `capture.begin` (the application begins capture itself).
 *
 *   npx tsx scripts/screenshot-dev.ts /tmp/shots --application-only
 */
import type { Page } from 'playwright-core';
import { type GuideShotTools, type ThemeOption, checkAxe, chooseTheme } from './screenshot-guide.js';

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
/** 失业保险金申领: 代办 allowed, 告知承诺书, 身份证 to capture, 离职证明 shared, 银行卡 容缺. */
const UNEMPLOYMENT = { code: '320700-RS-0001', initials: 'sybxj' };
/** 居民身份证换领: in person, no commitment, 户口簿 shared, 照片 conditional. */
const ID_RENEWAL = { code: '320700-GA-0001', initials: 'jmsfz' };
/** What the fake's specimen cards say in full: never on the screen in this journey (R-P2). */
const FULL_NAMES = ['李晓梅', '张建国', '陈志强'];

type Item = typeof UNEMPLOYMENT;

async function shootAndCheck(page: Page, name: string, tools: GuideShotTools, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  await tools.shoot(page, name);
  await checkAxe(page, name, tools);
  await checkText(page, name, tools, language);
}

/** No full name on the screen; in Chinese, no English words (codes and numbers aside). */
async function checkText(page: Page, name: string, tools: GuideShotTools, language: 'zh-CN' | 'en'): Promise<void> {
  const text = await page.evaluate<string>('document.body.innerText');
  for (const full of FULL_NAMES) if (text.includes(full)) tools.problem(`${name}: full name ${full} on the screen`);
  if (/\d{6}(19|20)\d{6}\d{3}[\dX]/u.test(text)) tools.problem(`${name}: an unmasked ID number on the screen`);
  if (language === 'zh-CN') {
    // Web addresses (the guide's 网上办理) are no English copy.
    const words = text.replace(/https?:\/\/\S+/gu, '').match(/\b[A-Za-z][a-z]{2,}\b/gu) ?? [];
    if (words.length > 0) tools.problem(`${name}: English in the Chinese screen: ${[...new Set(words)].slice(0, 5).join(', ')}`);
  }
}

async function typeKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.getByTestId(`keyboard-key-${key}`).click();
}

/** Home → 办事指南 → search by initials → the item's guide. */
async function openGuide(page: Page, item: Item): Promise<void> {
  await page.getByTestId('home-guide').click();
  await page.getByTestId('guide-search').click();
  await page.getByTestId('keyboard').waitFor();
  await typeKeys(page, item.initials);
  await page.getByTestId(`guide-hit-${item.code}`).click();
  await page.getByTestId('guide-apply').waitFor();
}

/** … → 我要申办 → the 须知. */
async function openApplication(page: Page, item: Item): Promise<void> {
  await openGuide(page, item);
  await page.getByTestId('guide-apply').click();
  await page.getByTestId('application-start-self').waitFor();
}

/** Stops the card-on-reader animation where the card lies on the reader. */
async function freezeAnimations(page: Page): Promise<void> {
  await page.evaluate(`document.getAnimations().forEach((a) => { a.pause(); a.currentTime = 2400; })`);
}

async function presentCard(page: Page, specimenId: string): Promise<void> {
  await page.getByTestId('dev-card-panel').click();
  await page.getByTestId(`dev-card-${specimenId}`).click();
}

/** Reads and confirms a card: the screen waits for it, the dev panel puts it down. */
async function readCard(page: Page, specimenId: string, beforeConfirm?: () => Promise<void>): Promise<void> {
  await page.getByTestId('application-card-reading').waitFor();
  await page.evaluate('window.fakeKiosk.removeCard()');
  await presentCard(page, specimenId);
  await page.getByTestId('application-card-confirm').waitFor();
  await beforeConfirm?.();
  await page.getByTestId('application-card-confirm-take').click();
}

/** 拍摄 a material: every page in the live view, 使用此页, back to the list. */
async function capture(page: Page, materialId: string, onLive?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`material-${materialId}-capture`).click();
  for (let pages = 0; pages < 4; pages += 1) {
    await page.locator('[data-testid="capture-outline"][data-tone="steady"]').waitFor();
    if (pages === 0) await onLive?.();
    await page.getByTestId('capture-take').click();
    await page.locator('[data-testid="capture-accept"]:not([disabled])').waitFor();
    await page.getByTestId('capture-accept').click();
    // Back at the list, or on the next page (the card's other side), or 完成此材料.
    const next = await Promise.race([
      page.getByTestId('application-material-list').waitFor().then(() => 'list' as const),
      page.getByTestId('capture-material-done').waitFor().then(() => 'accepted' as const),
      page.getByTestId('capture-take').waitFor().then(() => 'live' as const),
    ]);
    if (next === 'list') break;
    if (next === 'accepted') {
      await page.getByTestId('capture-material-done').click();
      break;
    }
  }
  await page.locator(`[data-testid="application-material-${materialId}"][data-choice="captured"]`).waitFor();
}

async function chooseMaterial(page: Page, materialId: string, choice: 'missing' | 'notApplicable'): Promise<void> {
  await page.getByTestId(`material-${materialId}-${choice}`).click();
  await page.locator(`[data-testid="application-material-${materialId}"][data-choice="${choice}"]`).waitFor();
}

/** A digit pad field: tap it, type, 完成. */
async function padField(page: Page, fieldId: string, digits: string): Promise<void> {
  await page.getByTestId(`form-input-${fieldId}`).click();
  for (const digit of digits) await page.getByTestId(`form-key-${digit === '-' ? 'dash' : digit}`).click();
}

async function fillUnemploymentForm(page: Page): Promise<void> {
  await padField(page, 'phone', '13800001234');
  await page.getByTestId('form-input-leftOn').click();
  await page.getByTestId('form-date-confirm').click();
  await page.getByTestId('form-option-leavingReason-contractEnded').click();
  await padField(page, 'months', '36');
  await page.getByTestId('form-input-address').click();
  await typeKeys(page, 'lianyungang');
  await page.getByTestId('keyboard-candidate-0').click();
  await typeKeys(page, 'haizhouqu');
  await page.getByTestId('keyboard-candidate-0').click();
}

async function fillIdRenewalForm(page: Page): Promise<void> {
  await page.getByTestId('form-option-reason-expired').click();
  await padField(page, 'phone', '13900002345');
}

/** A few strokes on the signature pad, as a finger would write. */
async function sign(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  if (!box) throw new Error('no signature pad');
  const at = (x: number, y: number): [number, number] => [box.x + box.width * x, box.y + box.height * y];
  for (const stroke of [
    [[0.15, 0.3], [0.2, 0.7], [0.3, 0.4], [0.35, 0.75]],
    [[0.45, 0.25], [0.5, 0.5], [0.55, 0.8], [0.6, 0.45], [0.7, 0.7]],
    [[0.72, 0.3], [0.8, 0.35], [0.85, 0.6], [0.9, 0.5]],
  ]) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await page.mouse.move(...at(first[0] ?? 0, first[1] ?? 0));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(point[0] ?? 0, point[1] ?? 0), { steps: 6 });
    await page.mouse.up();
  }
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

/** 代办 with a commitment, complete: every step, shot; then the evaluation follows. */
async function completeJourney(tools: GuideShotTools): Promise<void> {
  const page = await tools.open('?submitDelay=2500', LANDSCAPE);
  await openGuide(page, UNEMPLOYMENT);
  await shootAndCheck(page, 'application-guide-page', tools);
  await page.getByTestId('guide-apply').click();
  await page.getByTestId('application-start-agent').waitFor();
  await shootAndCheck(page, 'application-intro', tools);

  await page.getByTestId('application-start-agent').click();
  await page.getByTestId('application-card-reading').waitFor();
  await freezeAnimations(page);
  await shootAndCheck(page, 'application-card-applicant', tools);
  await readCard(page, 'resident', () => shootAndCheck(page, 'application-card-confirm', tools));
  // The applicant's card still lies on the reader: the screen asks for it to be taken away.
  await page.locator('[data-testid="application-card-reading"][data-role="agent"]').waitFor();
  await page.locator('[data-testid="application-card-notice"][data-kind="applicantCard"]').waitFor();
  await freezeAnimations(page);
  await shootAndCheck(page, 'application-card-agent', tools);
  await readCard(page, 'elder');

  await page.getByTestId('application-material-list').waitFor();
  await shootAndCheck(page, 'application-materials', tools);
  await capture(page, 'id-card', () => tools.shoot(page, 'application-capture-live'));
  await shootAndCheck(page, 'application-materials-captured', tools);
  await page.getByTestId('material-bank-card-deferred').click();
  await page.getByTestId('application-date').waitFor();
  await page.getByTestId('application-date-week-later').click();
  await shootAndCheck(page, 'application-date', tools);
  await page.getByTestId('application-date-confirm').click();
  await page.locator('[data-testid="application-material-bank-card"][data-choice="deferred"]').waitFor();
  await shootAndCheck(page, 'application-materials-done', tools);

  await page.getByTestId('application-materials-next').click();
  await page.getByTestId('application-form').waitFor();
  await shootAndCheck(page, 'application-form', tools);
  await page.getByTestId('application-form-next').click();
  await page.getByTestId('application-form-invalid').waitFor();
  await shootAndCheck(page, 'application-form-errors', tools);
  await fillUnemploymentForm(page);
  await tools.shoot(page, 'application-form-address');
  await page.getByTestId('application-form-next').click();

  await page.getByTestId('application-commitment-title').waitFor();
  await shootAndCheck(page, 'application-commitment', tools);
  await sign(page);
  await page.locator('[data-testid="application-commit"]:not([disabled])').waitFor();
  await shootAndCheck(page, 'application-commitment-signed', tools);
  await page.getByTestId('application-commit').click();

  await page.getByTestId('application-submit').waitFor();
  await shootAndCheck(page, 'application-review', tools);
  await page.getByTestId('application-submit').click();
  await page.getByTestId('application-wait').waitFor();
  await shootAndCheck(page, 'application-submitting', tools);
  await page.getByTestId('application-result-case-number').waitFor();
  await shootAndCheck(page, 'application-result', tools);
  await expectCalls(page, 'capture.', 'open,take,take,close,materials', tools, 'application');
  await expectCalls(
    page,
    'application.',
    'begin,setAgent,takeCard,takeCard,setMaterial,setMaterial,setForm,setForm,sign,review,submit',
    tools,
    'application',
  );

  await page.getByTestId('application-evaluate').click();
  await page.getByTestId('evaluation-levels').waitFor();
  await tools.shoot(page, 'application-evaluation');
  const subject = await page.getByTestId('evaluation-subject').innerText();
  if (!subject.includes('办件')) tools.problem(`application-evaluation: the subject reads "${subject}", not the case`);
  await page.context().close();
}

/** In person, materials missing: 材料不齐全, the one-time notice, home as finished. */
async function incompleteJourney(tools: GuideShotTools): Promise<void> {
  const page = await tools.open('', LANDSCAPE);
  await openApplication(page, ID_RENEWAL);
  await shootAndCheck(page, 'application-intro-self-only', tools);
  await page.getByTestId('application-start-self').click();
  await readCard(page, 'resident');
  await page.getByTestId('application-material-list').waitFor();
  await chooseMaterial(page, 'id-card', 'missing');
  await chooseMaterial(page, 'photo', 'missing');
  await page.getByTestId('application-materials-next').click();
  await page.getByTestId('application-form').waitFor();
  await fillIdRenewalForm(page);
  await page.getByTestId('application-form-next').click();
  await page.getByTestId('application-review-incomplete').waitFor();
  await shootAndCheck(page, 'application-review-incomplete', tools);
  await page.getByTestId('application-print-notice').click();
  await page.getByTestId('application-notice-result').waitFor();
  await shootAndCheck(page, 'application-notice-printed', tools);
  await page.getByTestId('application-done').click();
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'session.', 'begin,end:finished', tools, 'incomplete');
  await page.context().close();
}

/** The platform offline and the receipt printer out of paper: 申报编号, then one reprint. */
async function offlineJourney(tools: GuideShotTools): Promise<void> {
  const page = await tools.open(`?platform=offline&submitDelay=300&printFailure=${encodeURIComponent('小票打印机缺纸')}`, LANDSCAPE);
  await openApplication(page, ID_RENEWAL);
  await page.getByTestId('application-start-self').click();
  await readCard(page, 'resident');
  await page.getByTestId('application-material-list').waitFor();
  await capture(page, 'id-card');
  await chooseMaterial(page, 'photo', 'notApplicable');
  await page.getByTestId('application-materials-next').click();
  await page.getByTestId('application-form').waitFor();
  await fillIdRenewalForm(page);
  await page.getByTestId('application-form-next').click();
  await page.getByTestId('application-submit').click();
  await page.getByTestId('application-result-reference').waitFor();
  await shootAndCheck(page, 'application-result-offline', tools);
  await page.evaluate('window.fakeKiosk.setPrintFailure(null)');
  await page.getByTestId('application-reprint').click();
  await page.locator('[data-testid="application-receipt"][data-reprint="printed"]').waitFor();
  await tools.shoot(page, 'application-result-reprinted');
  await page.context().close();
}

/** 关怀模式 (and high contrast for the list): the materials and the review, larger. */
async function themed(theme: ThemeOption, suffix: string, tools: GuideShotTools): Promise<void> {
  const page = await tools.open('', LANDSCAPE);
  await chooseTheme(page, theme);
  await openApplication(page, UNEMPLOYMENT);
  await page.getByTestId('application-start-self').click();
  await readCard(page, 'resident');
  await page.getByTestId('application-material-list').waitFor();
  await shootAndCheck(page, `application-materials${suffix}`, tools);
  await chooseMaterial(page, 'id-card', 'missing');
  await chooseMaterial(page, 'bank-card', 'missing');
  await page.getByTestId('application-materials-next').click();
  await page.getByTestId('application-form').waitFor();
  await tools.shoot(page, `application-form${suffix}`);
  await fillUnemploymentForm(page);
  await page.getByTestId('application-form-next').click();
  await page.getByTestId('application-commitment-title').waitFor();
  await sign(page);
  await page.getByTestId('application-commit').click();
  await page.getByTestId('application-review-incomplete').waitFor();
  await shootAndCheck(page, `application-review${suffix}`, tools);
  // 返回首页 before anything was handed in: the session ends as `home`.
  await page.getByTestId('go-home').click();
  await page.getByTestId('screen-home').waitFor();
  await expectCalls(page, 'session.', 'begin,end:home', tools, `application${suffix}`);
  await page.context().close();
}

export async function shootApplication(tools: GuideShotTools): Promise<void> {
  await completeJourney(tools);
  await incompleteJourney(tools);
  await offlineJourney(tools);
  await themed('care', '-care', tools);
  await themed('contrast', '-contrast', tools);

  // English; portrait.
  let page = await tools.open('', LANDSCAPE);
  await page.getByTestId('language-toggle').click();
  await openApplication(page, UNEMPLOYMENT);
  await shootAndCheck(page, 'application-intro-en', tools, 'en');
  await page.getByTestId('application-start-self').click();
  await readCard(page, 'resident');
  await page.getByTestId('application-material-list').waitFor();
  await shootAndCheck(page, 'application-materials-en', tools, 'en');
  await page.context().close();

  page = await tools.open('', PORTRAIT);
  await openApplication(page, UNEMPLOYMENT);
  await tools.shoot(page, 'application-intro-portrait');
  await page.getByTestId('application-start-self').click();
  await readCard(page, 'resident');
  await page.getByTestId('application-material-list').waitFor();
  await tools.shoot(page, 'application-materials-portrait');
  await page.context().close();
}
