/**
 * Deskew by text-line angle (protocols.md §5.2) for pages that are flat but turned a little:
 * sheets from a scanner, and camera frames where no page outline was found. Dark (ink)
 * pixels are projected onto rows at each candidate angle; text lines line up — and the
 * row histogram is most peaked — at the page's skew.
 */
import type { Raster } from '../../../hardware/imaging/raster.js';
import { otsu } from './page-detector.js';

/** Largest skew looked for, degrees either way. */
export const MAX_SKEW_DEG = 6;
/** Fewer ink pixels than this share and there is no text to measure. */
const MIN_INK_SHARE = 0.002;

function peakedness(xs: Float32Array, ys: Float32Array, angleDeg: number, rows: number): number {
  const radians = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const histogram = new Float64Array(rows * 2);
  for (let i = 0; i < xs.length; i += 1) {
    const row = Math.round(ys[i]! * cos - xs[i]! * sin) + rows;
    if (row >= 0 && row < histogram.length) histogram[row]! += 1;
  }
  let sumSquares = 0;
  for (const count of histogram) sumSquares += count * count;
  return sumSquares;
}

/**
 * The angle (degrees, clockwise positive in image coordinates) the text lines of `grey` run
 * at, or 0 when the page has too little text to tell. Rotating the page by minus this
 * angle straightens it.
 */
export function skewAngle(grey: Raster): number {
  if (grey.channels !== 1) throw new RangeError('skewAngle needs a one-channel raster');
  const { width, height, data } = grey;
  const { threshold, separation } = otsu(data);
  if (separation < 40) return 0;
  const xsList: number[] = [];
  const ysList: number[] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (data[y * width + x]! <= threshold) {
        xsList.push(x - width / 2);
        ysList.push(y - height / 2);
      }
    }
  }
  const inkShare = xsList.length / (width * height);
  // Too little ink, or mostly ink (a dark photo): no text lines to measure.
  if (inkShare < MIN_INK_SHARE || inkShare > 0.5) return 0;
  const xs = Float32Array.from(xsList);
  const ys = Float32Array.from(ysList);
  let best = 0;
  let bestScore = -1;
  for (let angle = -MAX_SKEW_DEG; angle <= MAX_SKEW_DEG; angle += 0.5) {
    const score = peakedness(xs, ys, angle, height);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  const coarse = best;
  for (let angle = coarse - 0.5; angle <= coarse + 0.5; angle += 0.05) {
    const score = peakedness(xs, ys, angle, height);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return Math.round(best * 100) / 100;
}
