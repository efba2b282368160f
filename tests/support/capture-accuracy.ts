/**
 * Runs the capture pipeline over the document camera simulator's seeded set and compares
 * each result with the ground truth beside the frame: overlap (IoU) of the found page with
 * the true one, corner and angle errors, and whether the quality check caught each bad
 * capture (blur, glare, cut off, empty stage) without flagging the good ones. Shared by the
 * accuracy test (small frames) and `npm run bench` (5 MP frames).
 */
import { convexIoU, distance } from '../../hardware/imaging/geometry.js';
import { sampleSet } from '../../hardware/simulators/document-camera/sample-set.js';
import { encodeJpeg, renderScene, type GroundTruth } from '../../hardware/simulators/document-camera/scene.js';
import { processStill, type ProcessedPage } from '../../electron/services/capture/frame-pipeline.js';
import type { PageKind } from '../../electron/services/capture/page-profile.js';

export interface SampleOutcome {
  readonly truth: GroundTruth;
  readonly page: ProcessedPage;
  /** Milliseconds processStill took. */
  readonly processMs: number;
  /** IoU with the true page; null when the frame has no whole page to compare (empty, cut off). */
  readonly iou: number | null;
  readonly cornerErrorPx: number | null;
  readonly angleErrorDeg: number | null;
  /** Bad frame whose expected issue was reported. */
  readonly isCaught: boolean;
  /** Good frame reported with a blocking issue. */
  readonly isFalseAlarm: boolean;
}

export interface AccuracySummary {
  readonly samples: number;
  readonly meanIoU: number;
  readonly minIoU: number;
  readonly meanCornerErrorPx: number;
  readonly maxAngleErrorDeg: number;
  readonly badCaughtShare: number;
  readonly falseAlarmShare: number;
  readonly outcomes: readonly SampleOutcome[];
}

function profileOf(truth: GroundTruth): PageKind {
  return truth.kind === 'idCardFront' || truth.kind === 'idCardBack' ? 'idCard' : 'a4';
}

export async function measureSample(truth: GroundTruth, jpeg: Buffer): Promise<SampleOutcome> {
  const started = performance.now();
  const page = await processStill(
    { image: jpeg, width: truth.frame.width, height: truth.frame.height, geometry: 'photo' },
    { kind: profileOf(truth), colorMode: 'color' },
  );
  const processMs = performance.now() - started;
  const corners = truth.visibleFraction >= 0.999 ? truth.corners : null;
  const quad = page.quad;
  const iou = corners === null ? null : quad === undefined ? 0 : convexIoU(quad, corners);
  const cornerErrorPx = corners !== null && quad !== undefined ? quad.reduce((sum, corner, i) => sum + distance(corner, corners[i]!), 0) / 4 : null;
  const angleErrorDeg = corners !== null && quad !== undefined && truth.angleDeg !== null ? Math.abs(page.angleDeg - truth.angleDeg) : null;
  const isCaught = truth.expectedIssue !== null && page.issues.includes(truth.expectedIssue);
  const isFalseAlarm = !truth.isBad && page.issues.some((issue) => issue !== 'pageNotFound');
  return { truth, page, processMs, iou, cornerErrorPx, angleErrorDeg, isCaught, isFalseAlarm };
}

const mean = (values: readonly number[]): number => (values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length);

export async function measureAccuracy(seed: number, count: number, frame: { width: number; height: number }): Promise<AccuracySummary> {
  const outcomes: SampleOutcome[] = [];
  for (const spec of sampleSet(seed, count, frame)) {
    const scene = await renderScene(spec, frame);
    const jpeg = await encodeJpeg(scene.raster, 90);
    outcomes.push(await measureSample(scene.truth, jpeg));
  }
  const ious = outcomes.flatMap((o) => (o.iou === null ? [] : [o.iou]));
  const bad = outcomes.filter((o) => o.truth.isBad);
  const good = outcomes.filter((o) => !o.truth.isBad);
  return {
    samples: outcomes.length,
    meanIoU: mean(ious),
    minIoU: Math.min(...ious),
    meanCornerErrorPx: mean(outcomes.flatMap((o) => (o.cornerErrorPx === null ? [] : [o.cornerErrorPx]))),
    maxAngleErrorDeg: Math.max(...outcomes.flatMap((o) => (o.angleErrorDeg === null ? [] : [o.angleErrorDeg]))),
    badCaughtShare: bad.length === 0 ? NaN : bad.filter((o) => o.isCaught).length / bad.length,
    falseAlarmShare: good.length === 0 ? NaN : good.filter((o) => o.isFalseAlarm).length / good.length,
    outcomes,
  };
}
