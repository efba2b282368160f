/**
 * R-D5 / R-D2 end to end: ratings acknowledged to the citizen while the platform is down
 * survive `kill -9` of the kiosk, are delivered after restart, and each has exactly one
 * effect at the platform — also when the platform's answer to a delivery is lost (it did
 * the work, the kiosk did not hear so and sends again with the same idempotency key).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/services/storage/database.js';
import { type KioskProcess, connectClient, startKioskProcess } from '../support/kiosk-process.js';
import { type PlatformTestServer, TEST_PLATFORM_TOKEN, startPlatformTestServer } from '../support/platform-test-server.js';
import { makeTempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const ROUNDS = 3;
const RATINGS_PER_ROUND = 4;

describe('outbox across kill -9 (R-D5)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let platform: PlatformTestServer;
  let kiosk: KioskProcess | null = null;

  beforeEach(async () => {
    dir = makeTempDir('kiosk-outbox-kill-');
    platform = await startPlatformTestServer();
    writeFileSync(
      path.join(dir.path, 'config.json'),
      JSON.stringify({ version: 1, platform: { adapter: 'http', http: { baseUrl: platform.url, totalTimeoutMs: 2000 } } }),
    );
    writeFileSync(path.join(dir.path, 'platform.token'), TEST_PLATFORM_TOKEN, { mode: 0o600 });
  });
  afterEach(async () => {
    await kiosk?.stop('SIGKILL');
    kiosk = null;
    await platform.close();
    dir.remove();
  });

  it(`${ROUNDS} kills with the platform down: every acknowledged rating delivered once`, async () => {
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      platform.faults.clear();
      platform.faults.always('evaluations', { kind: 'serverErrorPage', status: 502 });
      kiosk = await startKioskProcess(dir.path);
      const client = await connectClient(kiosk.url);
      for (let index = 0; index < RATINGS_PER_ROUND; index += 1) {
        await client.call('session.begin', {});
        const prompt = await client.call('evaluation.begin', { journey: 'guide' });
        if (!prompt.ok) throw new Error(prompt.error.message);
        const level = ((index + round) % 5) + 1;
        const reasons = level <= 2 ? [prompt.value.reasons[level as 1 | 2][0] ?? ''] : [];
        const submitted = await client.call('evaluation.submit', { promptId: prompt.value.promptId, level: level as 1, reasons });
        if (submitted.ok) acknowledged += 1;
      }
      // One more in flight when the kiosk dies: committed or not, never half.
      await client.call('session.begin', {});
      const last = await client.call('evaluation.begin', { journey: 'guide' });
      if (last.ok) client.send('evaluation.submit', { promptId: last.value.promptId, level: 5, reasons: [] });
      await kiosk.stop('SIGKILL');
      client.close();
    }

    // The platform is back, but the first answer to a delivery is lost after it took effect.
    platform.faults.clear();
    platform.faults.next('evaluations', { kind: 'resetBeforeHeaders' });
    kiosk = await startKioskProcess(dir.path);
    const db = new Database(path.join(dir.path, DATABASE_FILE), { readonly: true });
    try {
      const keys = (): string[] =>
        (db.prepare("SELECT idempotency_key AS key FROM outbox WHERE kind = 'evaluation'").all() as { key: string }[]).map((row) => row.key);
      const committed = keys();
      expect(committed.length).toBeGreaterThanOrEqual(acknowledged);
      expect(committed.length).toBeLessThanOrEqual(acknowledged + ROUNDS);
      await waitFor(
        () => (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'delivered'").get() as { n: number }).n === committed.length,
        'every committed rating delivered',
        30_000,
      );
      expect(committed.map((key) => platform.effects(key))).toEqual(committed.map(() => 1));
      expect(platform.store.evaluations).toHaveLength(committed.length);
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      db.close();
    }
  });
});
