/**
 * The capture pipeline measured against the document camera simulator's ground truth
 * (issue #5): where it finds the page, how straight it makes it, and whether the quality
 * check catches each bad capture. Frames are 1296 × 972 here to keep the suite quick; the
 * 5 MP figures come from `npm run bench`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { measureAccuracy, type AccuracySummary } from '../support/capture-accuracy.js';

const FRAME = { width: 1296, height: 972 };
const DIAGONAL = Math.hypot(FRAME.width, FRAME.height);
let summary: AccuracySummary;

beforeAll(async () => {
  summary = await measureAccuracy(7, 24, FRAME);
}, 120_000);

describe('capture pipeline on the simulator set', () => {
  it('covers every page kind and every bad variant', () => {
    const seen = new Set(summary.outcomes.map((o) => `${o.truth.variant}`));
    expect([...seen].sort()).toEqual(['blur', 'clean', 'cutOff', 'empty', 'glare']);
    expect(new Set(summary.outcomes.map((o) => o.truth.kind))).toEqual(new Set(['a4Text', 'a4Qr', 'idCardFront', 'idCardBack']));
  });

  it('finds the page: mean IoU with the true page ≥ 0.95, none below 0.9', () => {
    expect(summary.meanIoU).toBeGreaterThanOrEqual(0.95);
    expect(summary.minIoU).toBeGreaterThanOrEqual(0.9);
  });

  it('puts the corners within 1 % of the frame diagonal and the angle within 1°', () => {
    expect(summary.meanCornerErrorPx).toBeLessThan(DIAGONAL * 0.01);
    expect(summary.maxAngleErrorDeg).toBeLessThan(1);
  });

  it('catches at least 90 % of bad captures, each with the issue the citizen must fix', () => {
    const missed = summary.outcomes.filter((o) => o.truth.isBad && !o.isCaught).map((o) => `${o.truth.kind}/${o.truth.variant}: ${o.page.issues.join(',')}`);
    expect(summary.badCaughtShare, missed.join('; ')).toBeGreaterThanOrEqual(0.9);
  });

  it('does not send good captures back: at most 1 in 10 flagged', () => {
    const flagged = summary.outcomes.filter((o) => o.isFalseAlarm).map((o) => `${o.truth.kind}: ${o.page.issues.join(',')}`);
    expect(summary.falseAlarmShare, flagged.join('; ')).toBeLessThanOrEqual(0.1);
  });

  it('keeps every page within 300 KB at the profile resolution (A4 150 dpi, ID card 300 dpi)', () => {
    for (const { page, truth } of summary.outcomes) {
      expect(page.jpeg.byteLength).toBeLessThanOrEqual(300 * 1024);
      if (truth.variant === 'clean') {
        expect(page.dpi).toBe(truth.kind.startsWith('idCard') ? 300 : 150);
        expect(page.shape).toBe(truth.kind.startsWith('idCard') ? 'idCard' : 'a4');
      }
    }
  });
});
