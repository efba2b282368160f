/**
 * R-D6 / issue #8: config.json written by the console survives `kill -9` at any moment. A
 * child rewrites the binding in a tight loop; the parent kills it, several times. After each
 * kill config.json is whole — it parses and passes the schema — and is the last write the
 * child reported, or the one after it (killed between the rename and the report).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE, loadTerminalConfig } from '../../electron/services/config/terminal-config.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITER = path.join(ROOT, 'tests/support/config-writer.ts');
const KILLS = 6;

describe('config.json under kill -9 (R-D6)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('kiosk-config-kill-');
  });
  afterEach(() => {
    dir.remove();
  });

  it('is always a whole, valid file: the last acknowledged write or the next one', async () => {
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WRITER, dir.path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let lastAck = 0;
      let isReady = false;
      let pending = '';
      let errors = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'ready') isReady = true;
          const ack = /^ack (\d+)$/u.exec(line)?.[1];
          if (ack !== undefined) lastAck = Number(ack);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
      // Starting the writer (tsx compiling a fresh clone's modules on a busy machine) may take long.
      await waitFor(() => isReady || errors !== '' || child.exitCode !== null, 'the writer to start', 90_000);
      // Let it write for a while: a varying number of writes before each kill.
      await waitFor(() => lastAck >= 20 + kill * 15 || errors !== '', 'the writer to write', 20_000);
      expect(errors).toBe('');
      child.kill('SIGKILL');
      await exited;

      const loaded = loadTerminalConfig(dir.path);
      expect(loaded.ok && loaded.value.source, `after kill ${kill}: ${loaded.ok ? '' : loaded.error.join('; ')}`).toBe('file');
      const written = JSON.parse(readFileSync(path.join(dir.path, CONFIG_FILE), 'utf8')) as { devices: { idCardReader: { transport: { path: string } } } };
      const port = written.devices.idCardReader.transport.path;
      const expected = (n: number): string => `/dev/ttyUSB${n % 7}${'/x'.repeat(n % 40)}`;
      expect([expected(lastAck), expected(lastAck + 1)]).toContain(port);
    }
    // No temp file is mistaken for a configuration: at most leftovers with the temp prefix.
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.json'))).toEqual(expect.arrayContaining([CONFIG_FILE]));
  }, 120_000);
});
