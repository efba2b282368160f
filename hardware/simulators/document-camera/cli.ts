/**
 * Writes a seeded sample set of document camera frames with ground truth, for measuring
 * the capture pipeline or looking at what the simulated 高拍仪 produces:
 *
 *   npm run sim:camera -- --out /tmp/camsim [--seed 1] [--count 40]
 *                         [--width 2592 --height 1944]
 *
 * Each frame is `NNN.jpg` (JPEG q 90) beside `NNN.json` (corners, angle, crop size, QR
 * text, expected issue; see scene.ts `GroundTruth`).
 */
import { parseArgs } from 'node:util';
import { writeSampleSet } from './sample-set.js';
import { DEFAULT_FRAME } from './scene.js';

const USAGE = 'usage: tsx hardware/simulators/document-camera/cli.ts --out <dir> [--seed n] [--count n] [--width px --height px]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number ≥ 0, got ${value}`);
  return n;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '40' },
    width: { type: 'string', default: String(DEFAULT_FRAME.width) },
    height: { type: 'string', default: String(DEFAULT_FRAME.height) },
  },
});

const out = values.out ?? fail('missing --out <dir>');
const seed = positiveInteger(values.seed, 'seed');
const count = positiveInteger(values.count, 'count');
const frame = { width: positiveInteger(values.width, 'width'), height: positiveInteger(values.height, 'height') };
if (frame.width < 16 || frame.height < 16) fail('--width and --height must be at least 16');

const started = performance.now();
const truths = await writeSampleSet(out, seed, count, { frame });
const byIssue = new Map<string, number>();
for (const truth of truths) byIssue.set(truth.expectedIssue ?? 'clean', (byIssue.get(truth.expectedIssue ?? 'clean') ?? 0) + 1);
console.log(`wrote ${truths.length} frames (${frame.width}×${frame.height}, seed ${seed}) to ${out} in ${Math.round(performance.now() - started)} ms`);
console.log([...byIssue].map(([issue, n]) => `${issue}: ${n}`).join(', '));
