/**
 * A seeded set of document camera frames with ground truth, for measuring the capture
 * pipeline (page found with IoU ≥ 0.95? bad frames caught?) and for e2e fixtures.
 *
 * Mix, in stratified blocks so even a small set covers everything: kinds 11/20 A4 text,
 * 3/20 each of A4 with QR, ID card front and back; variants 6/10 clean and 1/10 each
 * blur, glare, cutOff, empty. Rotation −15…15°, keystone tilt up to ±0.08, position
 * anywhere the page still fits (2 % margin) unless the variant is cutOff.
 *
 * Page size: ID cards take 6–15 % of the frame area. A4 asks for 30–55 % but is capped at
 * what fits: a portrait A4 page in a 4:3 landscape frame can cover at most ~53 % of it
 * (less once turned), so the nominal 45–80 % of a landscape-placed page is not reachable.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from '../../imaging/geometry.js';
import type { PageKind } from './page-art.js';
import { DEFAULT_FRAME, encodeJpeg, placedQuad, renderScene, type FrameSize, type GroundTruth, type SceneSpec, type SceneVariant } from './scene.js';
import { deriveSeed, seededRandom, type SeededRandom } from '../seeded-random.js';

const KIND_BLOCK: readonly PageKind[] = [
  ...Array<PageKind>(11).fill('a4Text'),
  ...Array<PageKind>(3).fill('a4Qr'),
  ...Array<PageKind>(3).fill('idCardFront'),
  ...Array<PageKind>(3).fill('idCardBack'),
];
const VARIANT_BLOCK: readonly SceneVariant[] = [...Array<SceneVariant>(6).fill('clean'), 'blur', 'glare', 'cutOff', 'empty'];

/** Requested page area as a share of the frame, before capping to what fits. */
const SCALE_RANGE: Readonly<Record<PageKind, readonly [number, number]>> = {
  a4Text: [0.3, 0.55],
  a4Qr: [0.3, 0.55],
  idCardFront: [0.06, 0.15],
  idCardBack: [0.06, 0.15],
};
const MAX_ROTATION_DEG = 15;
const MAX_TILT = 0.08;
/** Border kept free around a page meant to be wholly in view, share of the short side. */
const FIT_MARGIN = 0.02;

/** JPEG quality of written sample frames. */
export const SAMPLE_JPEG_QUALITY = 90;

/** Element `i` of `block`, the block reshuffled (seeded) every `block.length` items. */
function stratified<T>(seed: number, salt: string, block: readonly T[], i: number): T {
  const round = Math.floor(i / block.length);
  const random = seededRandom(deriveSeed(seed, `${salt}:${round}`));
  const order = [...block];
  for (let k = order.length - 1; k > 0; k -= 1) {
    const j = random.int(0, k);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  return order[i % block.length]!;
}

function boundingBox(quad: Quad): { readonly minX: number; readonly maxX: number; readonly minY: number; readonly maxY: number } {
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

/** The largest scale at which the centred page fits the frame with the margin. */
export function maxFittingScale(spec: SceneSpec, frame: FrameSize = DEFAULT_FRAME, margin = FIT_MARGIN): number {
  const inset = margin * Math.min(frame.width, frame.height);
  const fits = (scale: number): boolean => {
    const box = boundingBox(placedQuad({ ...spec, scale, offset: { x: 0, y: 0 } }, frame));
    return box.minX >= inset && box.minY >= inset && box.maxX <= frame.width - inset && box.maxY <= frame.height - inset;
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i += 1) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

function tiltOf(random: SeededRandom): { readonly x: number; readonly y: number } {
  // A third of the pages lie flat under a camera looking straight down.
  if (random.chance(1 / 3)) return { x: 0, y: 0 };
  return { x: random.between(-MAX_TILT, MAX_TILT), y: random.between(-MAX_TILT, MAX_TILT) };
}

/** One spec of a sample set: everything explicit, so the sidecar JSON reproduces it. */
function sampleSpec(setSeed: number, i: number, frame: FrameSize): SceneSpec {
  const seed = deriveSeed(setSeed, i);
  const random = seededRandom(deriveSeed(seed, 'placement'));
  const kind = stratified(setSeed, 'kind', KIND_BLOCK, i);
  const variant = stratified(setSeed, 'variant', VARIANT_BLOCK, i);
  const base: SceneSpec = { kind, seed, variant, rotationDeg: random.sign() * random.between(0, MAX_ROTATION_DEG), tilt: tiltOf(random) };
  const [lo, hi] = SCALE_RANGE[kind];
  const scale = Math.min(random.between(lo, hi), maxFittingScale(base, frame));
  const box = boundingBox(placedQuad({ ...base, scale, offset: { x: 0, y: 0 } }, frame));
  const inset = FIT_MARGIN * Math.min(frame.width, frame.height);
  const slackX = Math.max(0, Math.min(box.minX - inset, frame.width - inset - box.maxX)) / frame.width;
  const slackY = Math.max(0, Math.min(box.minY - inset, frame.height - inset - box.maxY)) / frame.height;
  return { ...base, scale, offset: { x: random.between(-slackX, slackX), y: random.between(-slackY, slackY) } };
}

/** `count` scene specs for `seed`: the same list every time. */
export function sampleSet(seed: number, count: number, frame: FrameSize = DEFAULT_FRAME): SceneSpec[] {
  return Array.from({ length: count }, (_, i) => sampleSpec(seed, i, frame));
}

export interface WriteSampleSetOptions {
  readonly frame?: FrameSize;
  /** Default {@link SAMPLE_JPEG_QUALITY}. */
  readonly quality?: number;
}

/**
 * Renders `sampleSet(seed, count)` into `dir` as `000.jpg` + `000.json` (ground truth), …
 * Creates `dir`; overwrites files of the same names. Returns the truths in order.
 */
export async function writeSampleSet(dir: string, seed: number, count: number, options: WriteSampleSetOptions = {}): Promise<GroundTruth[]> {
  const frame = options.frame ?? DEFAULT_FRAME;
  await mkdir(dir, { recursive: true });
  const digits = Math.max(3, String(count - 1).length);
  const truths: GroundTruth[] = [];
  for (const [i, spec] of sampleSet(seed, count, frame).entries()) {
    const { raster, truth } = await renderScene(spec, frame);
    const name = String(i).padStart(digits, '0');
    await writeFile(path.join(dir, `${name}.jpg`), await encodeJpeg(raster, options.quality ?? SAMPLE_JPEG_QUALITY));
    await writeFile(path.join(dir, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    truths.push(truth);
  }
  return truths;
}
