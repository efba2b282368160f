/**
 * R-W3: the host is killed (SIGKILL) after a ticket number was committed but before its
 * printout finished. After a restart the next ticket gets the next number, the interrupted
 * job is marked abandoned and never printed, and no number is ever issued or printed twice.
 */
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const KILLS = 3;

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function readDb<T>(dataDir: string, query: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

function printedNumbers(dataDir: string): string[] {
  const dir = path.join(dataDir, 'printer');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/&n=([A-Z]\d{3})\]/gu)].map((m) => m[1] ?? ''));
}

const slowPrinterConfig = JSON.stringify({
  version: 1,
  devices: { receiptPrinter: { transport: { type: 'simulated', printDelayMs: 10_000 } } },
});

describe('a crash between issuing and printing a ticket', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess | null = null;
  beforeEach(() => {
    dir = makeTempDir('kiosk-crash-');
  });
  afterEach(async () => {
    await kiosk?.stop('SIGKILL');
    kiosk = null;
    dir.remove();
  });

  it(`never repeats a number over ${KILLS} kills`, async () => {
    for (let kill = 1; kill <= KILLS; kill++) {
      writeFileSync(path.join(dir.path, 'config.json'), slowPrinterConfig);
      kiosk = await startKioskProcess(dir.path);
      const client = await connectClient(kiosk.url);
      client.send('queue.takeTicket', { categoryId: 'general' });
      // Committed and handed to the (slow) printer, not yet printed.
      await until(
        () => readDb<unknown>(dir.path, (db) => db.prepare("SELECT id FROM print_jobs WHERE status = 'pending'").get()),
        'a pending print job',
      );
      client.close();
      await kiosk.stop('SIGKILL');
    }

    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1 }));
    kiosk = await startKioskProcess(dir.path);
    const client = await connectClient(kiosk.url);
    const next = await client.call('queue.takeTicket', { categoryId: 'general' });
    client.close();
    expect(next).toMatchObject({ ok: true, value: { ticketNumber: `A${String(KILLS + 1).padStart(3, '0')}`, print: { status: 'printed' } } });

    const { numbers, jobs } = readDb(dir.path, (db) => ({
      numbers: db.prepare('SELECT ticket_number FROM tickets ORDER BY id').pluck().all() as string[],
      jobs: db.prepare('SELECT status FROM print_jobs ORDER BY id').pluck().all() as string[],
    }));
    const expected = Array.from({ length: KILLS + 1 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`);
    expect(numbers).toEqual(expected);
    expect(jobs).toEqual([...Array.from({ length: KILLS }, () => 'abandoned'), 'printed']);
    await waitFor(() => printedNumbers(dir.path).length > 0, 'the printed ticket');
    const printed = printedNumbers(dir.path);
    expect(printed).toEqual([expected.at(-1)]);
    expect(new Set(printed).size).toBe(printed.length);
  });
});
