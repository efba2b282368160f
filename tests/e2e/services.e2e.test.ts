/**
 * Issue #7 end to end in Chromium against the web host with simulated devices and the
 * local platform's demo data: a receipt QR scanned (simulated scanner, and a scanner that
 * types as a keyboard) shows the case's progress; an appointment is checked in by ID card
 * and gets its ticket; services are rated at every level, and a prompt left alone records
 * "not rated". Ratings reach the platform through the outbox.
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { launchChromium } from '../support/browser.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const SHOTS_DIR = process.env['KIOSK_SHOTS_DIR'];
const EVALUATION_TIMEOUT_SECONDS = 20;

describe('scanning, progress, check-in and evaluation (#7)', () => {
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
    dir = makeTempDir('kiosk-e2e-services-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, evaluation: { timeoutSeconds: EVALUATION_TIMEOUT_SECONDS } }));
    kiosk = await startKioskProcess(dir.path, { KIOSK_DEMO_DATA: '1' });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterEach(async () => {
    await page.close();
    await kiosk.stop();
    dir.remove();
  });

  const shot = async (name: string): Promise<void> => {
    if (SHOTS_DIR === undefined) return;
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, `e2e-services-${name}.png`) });
  };
  const evaluations = (): { outcome: string; level: number | null; journey: string | null; case_number: string | null; ticket_number: string | null }[] => {
    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare('SELECT outcome, level, journey, case_number, ticket_number FROM evaluations ORDER BY rated_at, rowid').all() as never;
    } finally {
      db.close();
    }
  };
  const sampleCode = async (prefix: string): Promise<string> => {
    const client = await connectClient(kiosk.url);
    try {
      const codes = await client.call('dev.listSampleCodes', {});
      if (!codes.ok) throw new Error(codes.error.message);
      const code = codes.value.find((c) => c.label.startsWith(prefix));
      if (code === undefined) throw new Error(`no sample code ${prefix}`);
      return code.text;
    } finally {
      client.close();
    }
  };
  const rate = async (level: 1 | 2 | 3 | 4 | 5, phone?: string): Promise<void> => {
    await page.getByTestId('screen-evaluation').waitFor();
    expect(await page.locator('[data-testid^=evaluation-level-][aria-pressed=true]').count()).toBe(0);
    await page.getByTestId(`evaluation-level-${level}`).click();
    if (level <= 2) {
      await page.getByTestId('evaluation-reason').first().click();
      for (const digit of phone ?? '') await page.getByTestId(`evaluation-key-${digit}`).click();
    }
    await page.getByTestId('evaluation-submit').click();
    await page.getByTestId('evaluation-thanks').waitFor();
  };

  it('scans a receipt QR with the simulated scanner, shows the 补正 case, and takes a low rating with a phone', async () => {
    await page.goto(kiosk.url);
    await page.getByTestId('home-progress').click();
    await page.getByTestId('lookup-scan').click();
    await page.getByTestId('screen-scan').waitFor();
    await shot('scan');
    await page.getByTestId('dev-scan-panel').click();
    await page.locator('[data-testid^=dev-scan-][data-label^="回执：需补正"]').click();
    await page.getByTestId('screen-progress-case').waitFor();
    expect(await page.getByTestId('case-status').getAttribute('data-status')).toBe('correctionRequired');
    expect(await page.getByTestId('missing-material').count()).toBe(2);
    expect(await page.getByTestId('case-missing').textContent()).toContain('婴儿出生医学证明');
    expect(await page.locator('[data-testid=case-step][data-state=current]').count()).toBe(1);
    // R-P2: the applicant's name is masked in main; neither name nor ID number reaches the page.
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('测****');
    expect(body).not.toContain(SPECIMEN_CARDS.resident.name);
    expect(body).not.toContain(SPECIMEN_CARDS.resident.idNumber);
    await shot('case');
    await page.getByTestId('progress-evaluate').click();
    await rate(1, '13800000000');
    await shot('thanks');
    expect(await page.getByTestId('evaluation-follow-up').count()).toBe(1);
    await waitFor(() => evaluations().length === 1, 'the rating recorded');
    expect(evaluations()[0]).toMatchObject({ outcome: 'rated', level: 1, journey: 'progress', case_number: expect.stringMatching(/^ZZ\d{14}$/u) as unknown });
  });

  it('takes a scanner typing as a keyboard: the burst is a scan, never text in a field; a bad code is refused', async () => {
    const receipt = await sampleCode('回执：已办结');
    await page.goto(kiosk.url);
    await page.getByTestId('home-progress').click();
    await page.getByTestId('lookup-scan').click();
    await page.getByTestId('screen-scan').waitFor();
    await page.keyboard.type('javascript:alert(document.cookie)', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=scan-notice][data-kind=refused]').waitFor();
    expect(await page.textContent('body')).not.toContain('alert(');
    await page.keyboard.type(receipt, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-progress-case').waitFor();
    expect(await page.getByTestId('case-status').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('case-collection').textContent()).toContain('窗口领取');
  });

  it('checks in an appointment by ID card and issues its ticket; rates it 非常满意', async () => {
    await page.goto(kiosk.url);
    await page.getByTestId('home-appointment').click();
    await page.getByTestId('lookup-card').click();
    await page.getByTestId('dev-card-panel').click();
    await page.getByTestId('dev-card-resident-elder').click();
    await page.getByTestId('screen-checkin-appointment').waitFor();
    expect(await page.getByTestId('appointment').getAttribute('data-window')).toBe('open');
    await shot('appointment');
    await page.getByTestId('checkin-submit').click();
    const number = page.getByTestId('ticket-number');
    await number.waitFor();
    const ticketNumber = (await number.textContent())?.trim() ?? '';
    expect(ticketNumber).toMatch(/^B\d{3}$/u);
    await shot('checked-in');
    await page.getByTestId('ticket-evaluate').click();
    await rate(5);
    await waitFor(() => evaluations().length === 1, 'the rating recorded');
    expect(evaluations()[0]).toMatchObject({ outcome: 'rated', level: 5, journey: 'checkIn', ticket_number: ticketNumber });
  });

  it('rates 满意, 基本满意 and 不满意 after tickets, and records "not rated" when the prompt times out', async () => {
    await page.clock.install();
    await page.goto(kiosk.url);
    for (const level of [4, 3, 2] as const) {
      await page.getByTestId('home-take-ticket').click();
      await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
      await page.getByTestId('category-general').click();
      await page.locator('[data-testid=ticket-skip-id][data-accepting=true]').click();
      await page.getByTestId('ticket-evaluate').click();
      await rate(level);
      await page.getByTestId('evaluation-home').click();
      await page.getByTestId('home-take-ticket').waitFor();
    }
    await page.getByTestId('home-take-ticket').click();
    await page.locator('[data-testid=category-list][data-accepting=true]').waitFor();
    await page.getByTestId('category-general').click();
    await page.locator('[data-testid=ticket-skip-id][data-accepting=true]').click();
    await page.getByTestId('ticket-evaluate').click();
    await page.getByTestId('screen-evaluation').waitFor();
    await page.clock.runFor((EVALUATION_TIMEOUT_SECONDS + 1) * 1000);
    await page.getByTestId('screen-home').waitFor();
    await waitFor(() => evaluations().length === 4, 'four evaluations recorded');
    const rows = evaluations();
    expect(rows.map((row) => [row.outcome, row.level, row.journey])).toEqual([
      ['rated', 4, 'ticket'],
      ['rated', 3, 'ticket'],
      ['rated', 2, 'ticket'],
      ['notRated', null, 'ticket'],
    ]);
    expect(new Set(rows.map((row) => row.ticket_number)).size).toBe(4);
    // Delivered to the (local) platform through the outbox.
    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    try {
      await waitFor(() => (db.prepare("SELECT count(*) AS n FROM platform_deliveries WHERE kind = 'evaluation'").get() as { n: number }).n === 4, 'delivered');
    } finally {
      db.close();
    }
  });
});
