/**
 * R-D3: the disk fills up under a running kiosk (a 1 MiB tmpfs, most of it taken by a filler
 * file). Tickets are issued until SQLite reports the disk full; the terminal goes out of
 * service with a clear reason instead of crashing, the database stays consistent, and once
 * space returns it serves again by itself, numbering on without a gap or a repeat.
 *
 * Mounting a tmpfs needs root (as CI and this machine run); without it the test fails with
 * that reason — it never skips.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../electron/ipc/contract.js';
import { OUT_OF_SERVICE_REASONS, createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const TMPFS_BYTES = 1024 * 1024;
const FILLER_BYTES = 400 * 1024;

describe('disk full (R-D3)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let mountPoint: string;
  let core: KioskCore | null = null;

  beforeEach(() => {
    dir = makeTempDir('kiosk-disk-full-');
    mountPoint = path.join(dir.path, 'tmpfs');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_BYTES}`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`mounting a tmpfs needs root (run the suite as root, as CI does): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    execFileSync('umount', [mountPoint]);
    dir.remove();
  });

  it('goes out of service when the disk is full and comes back when space returns', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const filler = path.join(mountPoint, 'filler');
    writeFileSync(filler, Buffer.alloc(FILLER_BYTES, 1));
    core = await createKioskCore({ dataDir, assetsDir: ASSETS_DIR, storageProbeMs: 50 });
    const kiosk = core;
    const statuses: SystemStatus[] = [];
    kiosk.onEvent((event, payload) => {
      if (event === 'system.statusChanged') statuses.push(payload as SystemStatus);
    });

    const issued: string[] = [];
    const categories = ['general', 'real-estate', 'social-insurance', 'public-security', 'business', 'tax'];
    let refusal: unknown = null;
    for (let attempt = 0; attempt < 5000 && refusal === null; attempt += 1) {
      const result = await kiosk.handlers['queue.takeTicket']({ categoryId: categories[attempt % categories.length] ?? 'general' });
      if (result.ok) issued.push(result.value.ticketNumber);
      else refusal = result.error;
    }
    expect(refusal).toEqual({ code: 'outOfService', message: `${OUT_OF_SERVICE_REASONS.storageFull}，请联系大厅工作人员` });
    expect(issued.length).toBeGreaterThan(10);
    expect(kiosk.status()).toMatchObject({ mode: 'outOfService', outOfServiceReason: OUT_OF_SERVICE_REASONS.storageFull });
    expect(kiosk.diagnostics().join('\n')).toMatch(/database write failed: .*(full|disk|I\/O)/iu);
    // Out of service answers as a value; nothing is half-written.
    expect(await kiosk.handlers['queue.takeTicket']({ categoryId: 'general' })).toMatchObject({ ok: false, error: { code: 'outOfService' } });
    const check = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = (check.prepare('SELECT ticket_number AS n FROM tickets ORDER BY id').all() as { n: string }[]).map((row) => row.n);
      expect(stored).toEqual(issued);
    } finally {
      check.close();
    }

    rmSync(filler);
    await waitFor(() => kiosk.status().mode === 'ready', 'back in service once space returns', 10_000);
    expect(statuses.at(-1)).toMatchObject({ mode: 'ready', outOfServiceReason: null });
    const next = await kiosk.handlers['queue.takeTicket']({ categoryId: 'general' });
    if (!next.ok) throw new Error(next.error.message);
    const lastGeneral = issued.filter((n) => n.startsWith('A')).at(-1) ?? 'A000';
    expect(next.value.ticketNumber).toBe(`A${String(Number(lastGeneral.slice(1)) + 1).padStart(3, '0')}`);
  });
});
