/**
 * R-P6 / R-D2: the audit chain survives `kill -9` in the middle of appending. Two child
 * processes append in tight loops on their own connections (so they also contend for the
 * write lock); the parent kills both at a moment of its choosing, several times. After each
 * kill the database opens (integrity check, migrations), the whole chain verifies — no row
 * half-written, no two rows after the same predecessor — and every row a child reported
 * committed is there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/services/admin/audit-log.js';
import { openDatabase } from '../../electron/services/storage/database.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITER = path.join(ROOT, 'tests/support/audit-writer.ts');
const KILLS = 8;
const WRITERS = 2;

interface Writer {
  readonly child: ChildProcess;
  /** Highest seq this writer saw committed. */
  lastAck: number;
  acks: number;
  isReady: boolean;
  output: string;
  readonly exited: Promise<void>;
}

function startWriter(dataDir: string, name: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, name], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const writer: Writer = {
    child,
    lastAck: 0,
    acks: 0,
    isReady: false,
    output: '',
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') writer.isReady = true;
      const ack = /^ack (\d+)$/u.exec(line)?.[1];
      if (ack !== undefined) {
        writer.lastAck = Math.max(writer.lastAck, Number(ack));
        writer.acks += 1;
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    writer.output += chunk.toString('utf8');
  });
  return writer;
}

async function kill(writer: Writer): Promise<void> {
  if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
  await writer.exited;
}

describe('audit log across kill -9 (R-P6)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let writers: Writer[] = [];
  beforeEach(() => {
    dir = makeTempDir('kiosk-audit-kill-');
  });
  afterEach(async () => {
    for (const writer of writers) await kill(writer);
    writers = [];
    dir.remove();
  });

  it(`${KILLS} kills of ${WRITERS} appending processes: the chain verifies, every acknowledged row is kept`, async () => {
    let acknowledged = 0;
    for (let round = 0; round < KILLS; round += 1) {
      writers = Array.from({ length: WRITERS }, (_, i) => startWriter(dir.path, `w${round}.${i}`));
      // Kill after a different amount of work each round (deterministic, no sleeps).
      const target = 40 + ((round * 97) % 300);
      // Starting a writer (tsx compiling the modules of a fresh clone, on a busy CI machine)
      // may take long; only the appending is held to the shorter deadline.
      await waitFor(() => writers.every((w) => w.isReady || w.child.exitCode !== null), 'the writers to start', 90_000);
      // A writer that died on its own says why.
      expect(writers.filter((w) => w.child.exitCode !== null).map((w) => w.output)).toEqual([]);
      await waitFor(
        () => writers.every((w) => w.isReady) && writers.reduce((n, w) => n + w.acks, 0) >= target,
        `${target} appends`,
        20_000,
      );
      await Promise.all(writers.map(kill));
      expect(writers.map((w) => w.child.signalCode)).toEqual(writers.map(() => 'SIGKILL'));
      acknowledged = Math.max(acknowledged, ...writers.map((w) => w.lastAck));
      writers = [];

      const opened = openDatabase(dir.path);
      if (!opened.ok) throw new Error(opened.error.message);
      try {
        expect(opened.value.pragma('integrity_check', { simple: true })).toBe('ok');
        const verified = new AuditLog(opened.value).verify();
        expect(verified).toMatchObject({ ok: true });
        if (!verified.ok) return;
        expect(verified.count).toBeGreaterThanOrEqual(acknowledged);
      } finally {
        opened.value.close();
      }
    }
    expect(acknowledged).toBeGreaterThan(KILLS * 40);
  }, 180_000);
});
