/**
 * kill -9 at every step of a submission (issue #6, R-D2, R-D5): the kiosk dies after taking
 * a number, before and after COMMIT, after the platform filed the case but before the kiosk
 * marked it delivered, after the case number came back, after the receipt printed — and at
 * random moments. After restarts and a final drain: every acknowledged application is in the
 * database once and filed at the test platform once; nothing committed stays undelivered;
 * the database checks out. (The bench does the same over 300 kills.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureForTestPlatform, drainOutbox, outboxState, runChild, verdict } from '../support/application-kill.js';
import { type PlatformTestServer, startPlatformTestServer } from '../support/platform-test-server.js';
import { makeTempDir } from '../support/temp-dir.js';

/** 开具税收完税证明: one material (the ID card, two pages), no commitment — a short submission. */
const ITEM = '320700-SW-GG-0007';
/** Where a submission can die, in order (electron/services/application/application-service.ts, sync-worker.ts). */
const FAILPOINTS = [
  'application.numbered',
  'application.beforeCommit',
  'application.committed',
  'sync.deliveredNotMarked',
  'application.acknowledged',
  'application.receiptPrinted',
] as const;
const AFTER_COMMIT = new Set<string>(['application.committed', 'sync.deliveredNotMarked', 'application.acknowledged', 'application.receiptPrinted']);
const RANDOM_KILLS = 6;
/** 义务教育阶段新生入学报名: nothing to photograph, ~200 ms per application — random kills land mid-submission. */
const QUICK_ITEM = '320700-JY-GG-0001';

describe('application submission across kill -9', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let platform: PlatformTestServer;

  beforeEach(async () => {
    dir = makeTempDir('kiosk-application-kill-');
    platform = await startPlatformTestServer();
    configureForTestPlatform(dir.path, platform);
  });
  afterEach(async () => {
    await platform.close();
    dir.remove();
  });

  it('at every failpoint and at random moments: nothing acknowledged is lost, nothing is filed twice', async () => {
    const acknowledged: string[] = [];
    // One whole application first: acknowledged, delivered, receipt printed.
    const first = await runChild({ dataDir: dir.path, itemCode: ITEM, count: 1 });
    expect(first.ending, first.output).toBe('exit 0');
    acknowledged.push(...first.acknowledged);
    expect(acknowledged).toHaveLength(1);

    for (const point of FAILPOINTS) {
      // Nothing pending from the kill before, so the point is reached by this submission.
      await drainOutbox(dir.path);
      const before = outboxState(dir.path).references.length;
      const run = await runChild({ dataDir: dir.path, itemCode: ITEM, count: 1, failpoints: [point] });
      expect(run.ending, `${point}: ${run.output}`).toBe('SIGKILL');
      // The citizen was never told: the process died inside submit.
      expect(run.acknowledged).toEqual([]);
      expect(outboxState(dir.path).references.length, point).toBe(before + (AFTER_COMMIT.has(point) ? 1 : 0));
    }
    for (let kill = 0; kill < RANDOM_KILLS; kill += 1) {
      const run = await runChild({ dataDir: dir.path, itemCode: QUICK_ITEM, count: 50, killAfterMs: 150 + kill * 190 });
      acknowledged.push(...run.acknowledged);
    }

    await drainOutbox(dir.path);
    const result = verdict(dir.path, acknowledged, platform);
    expect(result.integrity).toBe('ok');
    expect(result.lost).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.undelivered).toEqual([]);
    expect(result.committed).toBeGreaterThanOrEqual(acknowledged.length + AFTER_COMMIT.size);
    // The case filed before the kiosk heard of it was not filed again on redelivery.
    const keys = platform.store.applications.map((filed) => filed.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => platform.effects(key) !== 1)).toEqual([]);
    expect(keys).toHaveLength(result.committed);
  }, 240_000);
});
