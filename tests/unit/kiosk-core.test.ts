import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUT_OF_SERVICE_REASONS, createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
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
    expect(kiosk.status()).toMatchObject({ mode: 'ready', isSimulated: false, devices: [{ state: 'offline' }] });
    const ticket = await kiosk.handlers['queue.takeTicket']({ categoryId: 'tax' });
    expect(ticket).toMatchObject({ ok: true, value: { ticketNumber: 'F001', print: { status: 'failed', reason: '打印机未连接' } } });
  });
});
