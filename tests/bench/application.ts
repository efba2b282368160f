/**
 * Bench figures for self-service applications (issue #6):
 * - submit-to-receipt time with the local adapter: from `application.submit` to its answer,
 *   which comes after COMMIT, the case number from the platform, the 受理回执 on the
 *   (simulated) thermal printer and the 受理通知书 on the A4 printer;
 * - records lost / duplicated over N ≥ 300 kill -9 of a kiosk submitting applications to the
 *   loopback test platform at random moments (goal 0 / 0), with the kills' count.
 * `BENCH_KILLS` overrides N (e.g. a quick look with 20).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IpcResult, MethodArgument, MethodName, MethodValues } from '../../electron/ipc/contract.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import { applyOnce, prepareApplication, value } from '../support/application-journey.js';
import { configureForTestPlatform, drainOutbox, runChild, verdict } from '../support/application-kill.js';
import { startPlatformTestServer } from '../support/platform-test-server.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

/** 开具税收完税证明: one material (the ID card, photographed): submit-to-receipt includes its PDF. */
const ITEM = '320700-SW-GG-0007';
/**
 * 义务教育阶段新生入学报名: every material shared or 容缺, nothing to photograph — about 200 ms
 * per application, so the random kills land in submissions rather than in photography.
 */
const KILL_ITEM = '320700-JY-GG-0001';
const SUBMIT_SAMPLES = 20;
const KILLS = Number(process.env['BENCH_KILLS'] ?? 300);

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

export interface SubmitFigures {
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Submit-to-receipt over the local adapter, in process (the journey before submit is not timed). */
export async function measureSubmitToReceipt(): Promise<SubmitFigures> {
  const dir = makeTempDir('kiosk-bench-apply-');
  writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1 }));
  const core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
  const client = {
    call: <M extends MethodName>(method: M, arg: MethodArgument<M>) =>
      (core.handlers[method] as (a: MethodArgument<M>) => Promise<IpcResult<MethodValues[M]>>)(arg),
  };
  try {
    await applyOnce(client, { itemCode: ITEM }); // warm-up: pdfkit, fonts, receiptline
    const times: number[] = [];
    for (let sample = 0; sample < SUBMIT_SAMPLES; sample += 1) {
      await prepareApplication(client, { itemCode: ITEM });
      const started = performance.now();
      const submitted = value(await client.call('application.submit', {}), 'submit');
      times.push(performance.now() - started);
      if (submitted.caseNumber === null || submitted.receipt.status !== 'printed') throw new Error('submission without case or receipt');
      await client.call('session.end', { reason: 'finished' });
    }
    return { samples: times.length, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: Math.max(...times) };
  } finally {
    await core.close();
    dir.remove();
  }
}

export interface KillFigures {
  readonly kills: number;
  readonly acknowledged: number;
  readonly committed: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly undelivered: number;
  readonly elapsedS: number;
}

/** N kill -9 at random moments of back-to-back submissions, then a drain and the comparison. */
export async function measureKills(kills = KILLS): Promise<KillFigures> {
  const dir = makeTempDir('kiosk-bench-kill-');
  const platform = await startPlatformTestServer();
  const started = performance.now();
  try {
    configureForTestPlatform(dir.path, platform);
    const acknowledged: string[] = [];
    let killed = 0;
    while (killed < kills) {
      // Random moments over a child's life: during start-up, mid-journey, mid-submission.
      const run = await runChild({ dataDir: dir.path, itemCode: KILL_ITEM, count: 1000, killAfterMs: Math.round(Math.random() * 1500) });
      acknowledged.push(...run.acknowledged);
      if (run.ending === 'SIGKILL') killed += 1;
      else throw new Error(`child ended ${run.ending} instead of being killed:\n${run.output.slice(-2000)}`);
    }
    await drainOutbox(dir.path, 120_000);
    const result = verdict(dir.path, acknowledged, platform);
    if (result.integrity !== 'ok') throw new Error(`integrity check: ${result.integrity}`);
    return {
      kills: killed,
      acknowledged: result.acknowledged,
      committed: result.committed,
      lost: result.lost.length,
      duplicated: result.duplicated.length,
      undelivered: result.undelivered.length,
      elapsedS: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await platform.close();
    dir.remove();
  }
}
