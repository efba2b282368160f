/**
 * Bench figures for document capture (issue #5): processing time per 5 MP camera frame
 * (goal ≤ 500 ms on the 2-core CI machine), the size of each straightened page (goal
 * ≤ 300 KB), and crop accuracy on the simulator's seeded set (mean IoU with the ground
 * truth ≥ 0.95; share of bad captures caught ≥ 0.9). Frames are rendered before the clock
 * starts; only `processStill` is timed.
 */
import { DEFAULT_FRAME } from '../../hardware/simulators/document-camera/scene.js';
import { measureAccuracy } from '../support/capture-accuracy.js';

const SEED = 11;
const SAMPLES = 40;

export interface CaptureFigures {
  readonly samples: number;
  readonly processMsMedian: number;
  readonly processMsP95: number;
  readonly processMsMax: number;
  readonly a4PageBytesMedian: number;
  readonly pageBytesMax: number;
  readonly meanIoU: number;
  readonly meanCornerErrorPx: number;
  readonly maxAngleErrorDeg: number;
  readonly badCaughtShare: number;
  readonly falseAlarmShare: number;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

export async function measureCapture(): Promise<CaptureFigures> {
  // One warm-up frame: sharp's first call loads libvips' codecs.
  await measureAccuracy(SEED + 1, 1, DEFAULT_FRAME);
  const summary = await measureAccuracy(SEED, SAMPLES, DEFAULT_FRAME);
  const times = summary.outcomes.map((o) => o.processMs);
  const a4Bytes = summary.outcomes.filter((o) => o.page.shape === 'a4').map((o) => o.page.jpeg.byteLength);
  return {
    samples: summary.samples,
    processMsMedian: percentile(times, 0.5),
    processMsP95: percentile(times, 0.95),
    processMsMax: Math.max(...times),
    a4PageBytesMedian: percentile(a4Bytes, 0.5),
    pageBytesMax: Math.max(...summary.outcomes.map((o) => o.page.jpeg.byteLength)),
    meanIoU: summary.meanIoU,
    meanCornerErrorPx: summary.meanCornerErrorPx,
    maxAngleErrorDeg: summary.maxAngleErrorDeg,
    badCaughtShare: summary.badCaughtShare,
    falseAlarmShare: summary.falseAlarmShare,
  };
}
