/**
 * Issue #7, counter mode: a window system on the same machine asks the running kiosk for a
 * rating over loopback HTTP; the simulated evaluation pad (real serial-pad protocol over an
 * in-memory link) is prompted, a citizen presses a button, the window system gets the level
 * — and a prompt nobody answers comes back "not rated". Both go to the platform through the
 * outbox (here the local platform).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { freePort } from '../support/free-port.js';
import { type KioskClient, type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

describe('counter mode with the evaluation pad (#7)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let kiosk: KioskProcess;
  let client: KioskClient;
  let port: number;

  beforeEach(async () => {
    dir = makeTempDir('kiosk-counter-');
    port = await freePort();
    writeFileSync(
      path.join(dir.path, 'config.json'),
      JSON.stringify({ version: 1, devices: { evaluationPad: { transport: { type: 'simulated' } } }, evaluation: { counter: { isEnabled: true, port } } }),
    );
    kiosk = await startKioskProcess(dir.path);
    client = await connectClient(kiosk.url);
  });
  afterEach(async () => {
    client.close();
    await kiosk.stop();
    dir.remove();
  });

  const ask = async (body: unknown): Promise<Reply> => {
    const response = await fetch(`http://127.0.0.1:${port}/v1/evaluation-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const pressWhenPrompted = async (level: 1 | 2 | 3 | 4 | 5): Promise<void> => {
    for (let tries = 0; tries < 300; tries += 1) {
      const pressed = await client.call('dev.pressPad', { level });
      if (pressed.ok && pressed.value.isPrompted) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the pad was never prompted');
  };

  it('returns the level the citizen pressed, and "not rated" when nobody does', async () => {
    const status = await fetch(`http://127.0.0.1:${port}/v1/status`);
    expect(await status.json()).toMatchObject({ pad: { kind: 'evaluationPad', state: 'online', isSimulated: true } });

    for (const level of [5, 1] as const) {
      const answer = ask({ windowId: 'W03', staffId: 'S0012', caseNumber: 'ZZ20261124000001', timeoutSeconds: 20 });
      await pressWhenPrompted(level);
      expect(await answer).toMatchObject({ status: 200, body: { outcome: 'rated', level } });
    }
    expect(await ask({ windowId: 'W03', timeoutSeconds: 5 })).toMatchObject({ status: 200, body: { outcome: 'notRated', why: 'timeout' } });
    // A late press after the timeout is not taken for anything.
    expect(await client.call('dev.pressPad', { level: 3 })).toEqual({ ok: true, value: { isPrompted: false } });
    // A browser page cannot ask.
    const forged = await fetch(`http://127.0.0.1:${port}/v1/evaluation-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{"windowId":"W03"}',
    });
    expect(forged.status).toBe(403);

    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    try {
      await waitFor(() => (db.prepare("SELECT count(*) AS n FROM platform_deliveries WHERE kind = 'evaluation'").get() as { n: number }).n === 3, 'three deliveries', 10_000);
      const rows = db.prepare("SELECT channel, outcome, level, window_id AS windowId, staff_id AS staffId FROM evaluations ORDER BY rated_at, rowid").all();
      expect(rows).toEqual([
        { channel: 'pad', outcome: 'rated', level: 5, windowId: 'W03', staffId: 'S0012' },
        { channel: 'pad', outcome: 'rated', level: 1, windowId: 'W03', staffId: 'S0012' },
        { channel: 'pad', outcome: 'notRated', level: null, windowId: 'W03', staffId: null },
      ]);
    } finally {
      db.close();
    }
  });
});
