import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUT_OF_SERVICE_REASONS, createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

const NOW = Date.UTC(2026, 10, 24, 2, 30); // 10:30 in the hall

describe('kiosk core', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: KioskCore | null = null;
  const start = async (): Promise<KioskCore> => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    return core;
  };
  const writeConfig = (config: unknown): void => writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify(config));

  beforeEach(() => {
    dir = makeTempDir('kiosk-core-');
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    dir.remove();
  });

  it('starts ready with a simulated printer and issues, prints and reports a ticket', async () => {
    const kiosk = await start();
    expect(kiosk.status()).toMatchObject({ mode: 'ready', isSimulated: true, timeZone: 'Asia/Shanghai' });
    const events: string[] = [];
    kiosk.onEvent((event) => events.push(event));

    const ticket = await kiosk.handlers['queue.takeTicket']({ categoryId: 'social-insurance' });
    expect(ticket).toMatchObject({
      ok: true,
      value: { ticketNumber: 'C001', categoryName: '社保医保', waitingAhead: 0, issuedAt: '2026-11-24T10:30:00+08:00', print: { status: 'printed' } },
    });
    if (ticket.ok) {
      expect(ticket.value.qrPath).toMatch(/^M\d+ \d+h\d+v1h-\d+z/u);
      expect(ticket.value.qrModules).toBeGreaterThanOrEqual(21);
    }
    expect(events).toContain('queue.waitingChanged');
    const categories = await kiosk.handlers['queue.listCategories']({});
    expect(categories.ok && categories.value.find((c) => c.id === 'social-insurance')?.waitingCount).toBe(1);
    // Closing waits for the simulated printer to write its preview files.
    await kiosk.close();
    expect(readdirSync(path.join(dir.path, 'printer')).sort()).toEqual(['1.bin', '1.svg', '1.txt']);
  });

  it('refuses an unknown category without using up a number', async () => {
    const kiosk = await start();
    expect(await kiosk.handlers['queue.takeTicket']({ categoryId: 'lottery' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(await kiosk.handlers['queue.takeTicket']({ categoryId: 'general' })).toMatchObject({ value: { ticketNumber: 'A001' } });
  });

  it('still issues the number when the printer is out of paper, and raises an alarm', async () => {
    writeConfig({ version: 1, devices: { receiptPrinter: { transport: { type: 'simulated', paper: 'empty' } } } });
    const kiosk = await start();
    expect(kiosk.status().devices[0]).toMatchObject({ kind: 'receiptPrinter', state: 'error', condition: 'paperEmpty' });
    const ticket = await kiosk.handlers['queue.takeTicket']({ categoryId: 'general' });
    expect(ticket).toMatchObject({ ok: true, value: { ticketNumber: 'A001', print: { status: 'failed', reason: '打印机缺纸' } } });
    await kiosk.close();
    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT source, code FROM alarms WHERE cleared_at IS NULL').all()).toEqual([{ source: 'receiptPrinter', code: 'paperEmpty' }]);
    expect(db.prepare('SELECT status FROM print_jobs').pluck().all()).toEqual(['failed']);
    db.close();
  });

  it('goes out of service on an unreadable database instead of starting empty', async () => {
    writeFileSync(path.join(dir.path, DATABASE_FILE), 'garbage '.repeat(1000));
    const kiosk = await start();
    expect(kiosk.status()).toMatchObject({ mode: 'outOfService', outOfServiceReason: OUT_OF_SERVICE_REASONS.storage });
    expect(kiosk.diagnostics().join('\n')).toMatch(/database: .*kiosk\.sqlite/u);
    expect(await kiosk.handlers['queue.takeTicket']({ categoryId: 'general' })).toMatchObject({
      ok: false,
      error: { code: 'outOfService', message: `${OUT_OF_SERVICE_REASONS.storage}，请联系大厅工作人员` },
    });
    expect(await kiosk.handlers['queue.listCategories']({})).toMatchObject({ ok: false, error: { code: 'outOfService' } });
    expect(await kiosk.handlers['system.getStatus']({})).toMatchObject({ ok: true, value: { mode: 'outOfService' } });
  });

  it('goes out of service on a bad configuration with no good copy, naming the field', async () => {
    writeConfig({ version: 1, devices: { receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyS0', baudRate: 'fast' } } } });
    const kiosk = await start();
    expect(kiosk.status()).toMatchObject({ mode: 'outOfService', outOfServiceReason: OUT_OF_SERVICE_REASONS.config });
    expect(kiosk.diagnostics()[0]).toMatch(/devices\.receiptPrinter\.transport\.baudRate/u);
    expect(existsSync(path.join(dir.path, DATABASE_FILE))).toBe(false);
  });

  it('reports an unplugged serial printer as offline and still issues tickets', async () => {
    writeConfig({ version: 1, devices: { receiptPrinter: { transport: { type: 'serial', path: path.join(dir.path, 'no-such-tty') } } } });
    const kiosk = await start();
    expect(kiosk.status().mode).toBe('ready');
    expect(kiosk.status().devices[0]).toMatchObject({ kind: 'receiptPrinter', isSimulated: false, state: 'offline' });
    const ticket = await kiosk.handlers['queue.takeTicket']({ categoryId: 'tax' });
    expect(ticket).toMatchObject({ ok: true, value: { ticketNumber: 'F001', print: { status: 'failed', reason: '打印机未连接' } } });
  });
});

describe('kiosk core: ticket by ID card (#3)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: KioskCore | null = null;
  beforeEach(() => {
    dir = makeTempDir('kiosk-core-card-');
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    dir.remove();
  });

  /** Presents a specimen on the simulated reader and waits for the masked identity event. */
  async function presentCard(kiosk: KioskCore, specimenId: string): Promise<unknown> {
    const read = new Promise<unknown>((resolve) => {
      const off = kiosk.onEvent((event, payload) => {
        if (event === 'identity.cardRead' || event === 'identity.readFailed') {
          off();
          resolve({ event, payload });
        }
      });
    });
    expect(await kiosk.handlers['dev.presentCard']({ specimenId })).toEqual({ ok: true, value: { presented: true } });
    return read;
  }

  it('issues one ticket per person per category per day, in the priority lane for 70+', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    const kiosk = core;
    expect(kiosk.status().devices.map((d) => d.kind)).toEqual(['receiptPrinter', 'idCardReader', 'documentPrinter', 'barcodeScanner', 'documentCamera']);
    expect(await kiosk.handlers['queue.takeTicketByIdCard']({ categoryId: 'general' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    await kiosk.handlers['session.begin']({});
    expect(await kiosk.handlers['identity.startReading']({})).toEqual({ ok: true, value: { isReading: true } });
    const read = await presentCard(kiosk, 'resident-elder');
    expect(read).toMatchObject({ event: 'identity.cardRead', payload: { isPriority: true, maskedName: '测****', cardTypeLabel: '居民身份证' } });
    expect(JSON.stringify(read)).not.toContain(SPECIMEN_CARDS['resident-elder'].idNumber);

    const first = await kiosk.handlers['queue.takeTicketByIdCard']({ categoryId: 'general' });
    expect(first).toMatchObject({ ok: true, value: { ticketNumber: 'A001', isPriority: true, holderMaskedName: '测****', isExisting: false, print: { status: 'printed' } } });
    const again = await kiosk.handlers['queue.takeTicketByIdCard']({ categoryId: 'general' });
    expect(again).toMatchObject({ ok: true, value: { ticketNumber: 'A001', isExisting: true, print: { status: 'notPrinted' } } });
    expect(await kiosk.handlers['queue.reprintTicket']({ ticketNumber: 'A001' })).toEqual({ ok: true, value: { print: { status: 'printed' } } });
    expect(await kiosk.handlers['queue.reprintTicket']({ ticketNumber: 'A002' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    // Another category is another queue.
    expect(await kiosk.handlers['queue.takeTicketByIdCard']({ categoryId: 'tax' })).toMatchObject({ value: { ticketNumber: 'F001', isExisting: false } });

    await kiosk.handlers['session.end']({ reason: 'finished' });
    expect(await kiosk.handlers['queue.takeTicketByIdCard']({ categoryId: 'general' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await kiosk.close();

    // R-P1/R-P2: neither the number nor the name reached the database or the receipts.
    for (const file of readdirSync(dir.path, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const bytes = readFileSync(path.join(file.parentPath, file.name));
      for (const canary of [SPECIMEN_CARDS['resident-elder'].idNumber, SPECIMEN_CARDS['resident-elder'].name]) {
        expect(bytes.includes(Buffer.from(canary, 'utf8')), `${canary} in ${file.name}`).toBe(false);
        expect(bytes.includes(Buffer.from(canary, 'utf16le')), `${canary} (UTF-16) in ${file.name}`).toBe(false);
        expect(bytes.includes(iconv.encode(canary, 'gb18030')), `${canary} (GB18030) in ${file.name}`).toBe(false);
      }
    }
  });

  it('files an alarm a host raises (the renderer watchdog) in the alarm table and the diagnostics', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    const kiosk = core;
    kiosk.raiseAlarm('watchdog', 'crashLoop', 'the screen failed 3 times (crashed); out-of-service page shown');
    kiosk.raiseAlarm('watchdog', 'crashLoop', 'again');
    expect(kiosk.diagnostics().join('\n')).toContain('watchdog crashLoop: the screen failed 3 times');
    await kiosk.close();
    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT code, message FROM alarms WHERE source = 'watchdog'").all()).toEqual([
        { code: 'crashLoop', message: 'the screen failed 3 times (crashed); out-of-service page shown' },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses an expired card and dev controls with a real reader', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    await core.handlers['identity.startReading']({});
    expect(await presentCard(core, 'resident-expired')).toMatchObject({ event: 'identity.readFailed', payload: { reason: 'expired' } });
    expect(await core.handlers['dev.presentCard']({ specimenId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    await core.close();

    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, devices: { idCardReader: { transport: { type: 'serial', path: path.join(dir.path, 'no-tty') } } } }));
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    expect(await core.handlers['dev.presentCard']({ specimenId: 'resident' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.handlers['identity.startReading']({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('kiosk core: office guide (#4)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: KioskCore | null = null;
  beforeEach(() => {
    dir = makeTempDir('kiosk-core-guide-');
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    dir.remove();
  });

  it('browses, searches, shows a guide and prints its checklist and A4 guide', async () => {
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    const summary = await core.handlers['catalogue.summary']({});
    expect(summary).toMatchObject({ ok: true, value: { source: 'bundled' } });
    if (!summary.ok) return;
    expect(summary.value.itemCount).toBeGreaterThanOrEqual(60);
    expect(summary.value.departments.length).toBeGreaterThanOrEqual(12);

    const popular = await core.handlers['catalogue.list']({ isPopular: true, offset: 0, limit: 50 });
    expect(popular.ok && popular.value.items.every((i) => i.isPopular)).toBe(true);

    const search = await core.handlers['catalogue.search']({ query: 'bdc', limit: 30 });
    expect(search.ok && search.value.hits.length).toBeGreaterThan(0);
    if (!search.ok) return;
    expect(search.value.hits.every((h) => h.name.includes('不动产') || h.matchedKeyword !== null)).toBe(true);
    const first = search.value.hits[0];
    if (first === undefined) return;

    const guide = await core.handlers['catalogue.guide']({ code: first.code });
    expect(guide).toMatchObject({ ok: true, value: { code: first.code, name: first.name } });
    expect(await core.handlers['catalogue.guide']({ code: 'NO-SUCH-ITEM' })).toMatchObject({ ok: false, error: { code: 'notFound' } });

    expect(await core.handlers['printing.printChecklist']({ code: first.code })).toEqual({ ok: true, value: { print: { status: 'printed' } } });
    const a4 = await core.handlers['printing.printGuide']({ code: first.code });
    expect(a4).toMatchObject({ ok: true, value: { print: { status: 'printed' } } });
    expect(readdirSync(path.join(dir.path, 'a4'))).toEqual(['1.pdf']);
    expect(readFileSync(path.join(dir.path, 'a4', '1.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('keeps the bundled catalogue and raises an alarm when the synced copy is bad', async () => {
    mkdirSync(path.join(dir.path, 'catalogue'));
    writeFileSync(path.join(dir.path, 'catalogue', 'synced.json'), '{"version":1,"updatedAt":"2099-01-01","departments":[],"lifeEvents":[],"items":[]}');
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR, now: () => NOW });
    expect(await core.handlers['catalogue.summary']({})).toMatchObject({ ok: true, value: { source: 'bundled' } });
    expect(core.diagnostics().join('\n')).toMatch(/synced catalogue: /u);
  });
});
