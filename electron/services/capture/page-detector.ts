/**
 * Finds the page on a document camera frame (protocols.md §5.2): the page is the largest
 * bright region on the dark stage. Works on a small greyscale copy of the frame (about
 * 640 px wide — sharp decodes a JPEG that small almost for free):
 *
 * 1. Otsu threshold; a frame without two clear tones is an empty stage.
 * 2. The largest connected bright region; its edge points with sub-pixel positions
 *    (where the grey level crosses the threshold between two pixels).
 * 3. The largest quadrilateral inside the convex hull of those points gives rough corners.
 * 4. Each side is refitted (total least squares) to the edge points near it, and the
 *    corners are the intersections of neighbouring sides — so the corners are accurate to a
 *    fraction of a small-image pixel even where a corner itself is rounded or in glare.
 *
 * Pure computation on a raster; no I/O.
 */
import {
  convexHull,
  distance,
  lineIntersection,
  orderCorners,
  polygonArea,
  type Point,
  type Quad,
} from '../../../hardware/imaging/geometry.js';
import type { Raster } from '../../../hardware/imaging/raster.js';

/** Bright and dark classes closer than this (grey levels) mean nothing lies on the stage. */
export const MIN_TONE_SEPARATION = 48;
/** Edge points farther than this (small-image pixels) from a rough side don't refine it. */
const SIDE_FIT_TOLERANCE_PX = 2.5;
/** Share of each side, at each end, left out of its refit (rounded or shadowed corners). */
const SIDE_END_MARGIN = 0.1;
/** Region pixels on the frame's border, as a share of the frame's perimeter, that mean the page runs out of frame. */
const CUT_OFF_BORDER_SHARE = 0.02;

export type PageDetection =
  | {
      readonly found: true;
      /** Corners in the raster's pixel coordinates (pixel edges: 0…width), TL, TR, BR, BL. */
      readonly quad: Quad;
      /** Quad area over frame area. */
      readonly areaShare: number;
      /** The region reaches the frame's edge: part of the page is likely outside. */
      readonly isCutOff: boolean;
    }
  | {
      readonly found: false;
      /** `empty`: one tone only; `tooSmall`: the largest bright region is below the profile's share. */
      readonly reason: 'empty' | 'tooSmall';
    };

/** Otsu's threshold and the distance between the two class means. */
export function otsu(grey: Uint8Array): { threshold: number; separation: number } {
  const histogram = new Float64Array(256);
  for (let i = 0; i < grey.length; i += 1) histogram[grey[i]!]! += 1;
  const total = grey.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v += 1) sumAll += v * histogram[v]!;
  let weightDark = 0;
  let sumDark = 0;
  let best = -1;
  let threshold = 127;
  let separation = 0;
  for (let v = 0; v < 256; v += 1) {
    weightDark += histogram[v]!;
    if (weightDark === 0) continue;
    const weightBright = total - weightDark;
    if (weightBright === 0) break;
    sumDark += v * histogram[v]!;
    const meanDark = sumDark / weightDark;
    const meanBright = (sumAll - sumDark) / weightBright;
    const between = weightDark * weightBright * (meanDark - meanBright) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
      separation = meanBright - meanDark;
    }
  }
  return { threshold, separation };
}

/** Labels of the largest 4-connected region of `mask`, as a mask of its own; undefined when `mask` is empty. */
function largestRegion(mask: Uint8Array, width: number, height: number): { region: Uint8Array; size: number } | undefined {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < mask.length; start += 1) {
    if (mask[start] === 0 || labels[start] !== 0) continue;
    next += 1;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = next;
    while (top > 0) {
      const i = stack[--top]!;
      size += 1;
      const x = i % width;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i >= width ? i - width : -1, i < mask.length - width ? i + width : -1];
      for (const n of neighbours) {
        if (n >= 0 && mask[n] !== 0 && labels[n] === 0) {
          labels[n] = next;
          stack[top++] = n;
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = next;
    }
  }
  if (bestLabel === 0) return undefined;
  const region = new Uint8Array(mask.length);
  for (let i = 0; i < labels.length; i += 1) if (labels[i] === bestLabel) region[i] = 1;
  return { region, size: bestSize };
}

/** Where the grey level crosses `threshold` between pixel centres `a` (outside) and `b` (inside), 0…1 from a. */
function crossing(outside: number, inside: number, threshold: number): number {
  const span = inside - outside;
  if (span <= 0) return 0.5;
  return Math.min(1, Math.max(0, (threshold + 0.5 - outside) / span));
}

/**
 * The region's outline as sub-pixel points: the first and last region pixel of every row and
 * every column, moved to where the grey level crosses the threshold.
 */
function edgePoints(grey: Uint8Array, region: Uint8Array, width: number, height: number, threshold: number): { points: Point[]; borderPixels: number } {
  const points: Point[] = [];
  let borderPixels = 0;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x += 1) {
      if (region[row + x] !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (first === 0) borderPixels += 1;
    if (last === width - 1) borderPixels += 1;
    const cy = y + 0.5;
    const left = first === 0 ? 0 : first - 0.5 + crossing(grey[row + first - 1]!, grey[row + first]!, threshold);
    const right = last === width - 1 ? width : last + 1.5 - crossing(grey[row + last + 1]!, grey[row + last]!, threshold);
    points.push({ x: left, y: cy }, { x: right, y: cy });
  }
  for (let x = 0; x < width; x += 1) {
    let first = -1;
    let last = -1;
    for (let y = 0; y < height; y += 1) {
      if (region[y * width + x] !== 0) {
        if (first < 0) first = y;
        last = y;
      }
    }
    if (first < 0) continue;
    if (first === 0) borderPixels += 1;
    if (last === height - 1) borderPixels += 1;
    const cx = x + 0.5;
    const top = first === 0 ? 0 : first - 0.5 + crossing(grey[(first - 1) * width + x]!, grey[first * width + x]!, threshold);
    const bottom = last === height - 1 ? height : last + 1.5 - crossing(grey[(last + 1) * width + x]!, grey[last * width + x]!, threshold);
    points.push({ x: cx, y: top }, { x: cx, y: bottom });
  }
  return { points, borderPixels };
}

/** Area of triangle abc (absolute). */
function triangleArea(a: Point, b: Point, c: Point): number {
  return Math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
}

/** Hull vertices kept for the quadrilateral search; the least significant go first. */
const MAX_HULL_VERTICES = 48;

/** Drops the hull vertices that matter least (smallest triangle with their neighbours) down to `keep`. */
function simplifyHull(hull: readonly Point[], keep: number): Point[] {
  const points = [...hull];
  while (points.length > keep) {
    let weakest = 0;
    let weakestArea = Infinity;
    for (let i = 0; i < points.length; i += 1) {
      const area = triangleArea(points[(i + points.length - 1) % points.length]!, points[i]!, points[(i + 1) % points.length]!);
      if (area < weakestArea) {
        weakestArea = area;
        weakest = i;
      }
    }
    points.splice(weakest, 1);
  }
  return points;
}

/**
 * The largest-area quadrilateral with corners on the convex polygon `hull`: for every
 * diagonal (i, k), the farthest vertex on each side of it.
 */
export function largestInscribedQuad(hull: readonly Point[]): Quad | undefined {
  const points = simplifyHull(hull, MAX_HULL_VERTICES);
  const n = points.length;
  if (n < 4) return undefined;
  let best = -1;
  let corners: Point[] = [];
  for (let i = 0; i < n; i += 1) {
    for (let k = i + 2; k < n; k += 1) {
      if (i === 0 && k === n - 1) continue;
      const a = points[i]!;
      const c = points[k]!;
      let left = -1;
      let leftVertex = a;
      for (let j = i + 1; j < k; j += 1) {
        const area = triangleArea(a, points[j]!, c);
        if (area > left) {
          left = area;
          leftVertex = points[j]!;
        }
      }
      let right = -1;
      let rightVertex = c;
      for (let j = k + 1; j < n + i; j += 1) {
        const area = triangleArea(c, points[j % n]!, a);
        if (area > right) {
          right = area;
          rightVertex = points[j % n]!;
        }
      }
      if (left + right > best) {
        best = left + right;
        corners = [a, leftVertex, c, rightVertex];
      }
    }
  }
  return best > 0 ? orderCorners(corners) : undefined;
}

/** Total-least-squares line through `points`: a point on it and its unit direction. */
function fitLine(points: readonly Point[]): { origin: Point; direction: Point } | undefined {
  if (points.length < 4) return undefined;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= points.length;
  my /= points.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { origin: { x: mx, y: my }, direction: { x: Math.cos(angle), y: Math.sin(angle) } };
}

/** Edge points within `tolerance` of the line through `a` along unit `u`, in the middle of the side's `length`. */
function pointsNear(points: readonly Point[], a: Point, u: Point, length: number, tolerance: number): Point[] {
  return points.filter((p) => {
    const along = (p.x - a.x) * u.x + (p.y - a.y) * u.y;
    const across = Math.abs((p.x - a.x) * u.y - (p.y - a.y) * u.x);
    return across <= tolerance && along >= length * SIDE_END_MARGIN && along <= length * (1 - SIDE_END_MARGIN);
  });
}

/**
 * Refits each side of `rough` to the edge points near it and intersects neighbouring sides.
 * Two passes: the rough side (a chord between points on rounded corners) may lie a few
 * pixels inside the true edge, so the first pass takes a wide band, the second a narrow
 * band around the first fit.
 */
function refineQuad(rough: Quad, points: readonly Point[]): Quad {
  const lines = rough.map((a, side) => {
    const b = rough[(side + 1) % 4]!;
    const length = distance(a, b);
    if (length === 0) return undefined;
    const u = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
    const first = fitLine(pointsNear(points, a, u, length, Math.max(SIDE_FIT_TOLERANCE_PX, length * 0.04)));
    if (first === undefined) return undefined;
    // Keep the first fit's direction pointing from a to b, and measure `along` from a's foot on it.
    const direction = first.direction.x * u.x + first.direction.y * u.y < 0 ? { x: -first.direction.x, y: -first.direction.y } : first.direction;
    const t = (a.x - first.origin.x) * direction.x + (a.y - first.origin.y) * direction.y;
    const foot = { x: first.origin.x + t * direction.x, y: first.origin.y + t * direction.y };
    return fitLine(pointsNear(points, foot, direction, length, SIDE_FIT_TOLERANCE_PX)) ?? first;
  });
  const shortest = Math.min(...rough.map((a, side) => distance(a, rough[(side + 1) % 4]!)));
  const refined: Point[] = [];
  for (let corner = 0; corner < 4; corner += 1) {
    const incoming = lines[(corner + 3) % 4];
    const outgoing = lines[corner];
    const meet =
      incoming && outgoing
        ? lineIntersection(
            incoming.origin,
            { x: incoming.origin.x + incoming.direction.x, y: incoming.origin.y + incoming.direction.y },
            outgoing.origin,
            { x: outgoing.origin.x + outgoing.direction.x, y: outgoing.origin.y + outgoing.direction.y },
          )
        : undefined;
    // A refit that moves a corner far (a side fitted to clutter) is not trusted.
    refined.push(meet !== undefined && distance(meet, rough[corner]!) < Math.max(8, shortest * 0.1) ? meet : rough[corner]!);
  }
  return orderCorners(refined);
}

/**
 * Finds the page on `grey` (one channel). `minAreaShare` is the profile's smallest page
 * (e.g. 0.2 of the frame for A4, 0.03 for an ID card).
 */
export function detectPage(grey: Raster, minAreaShare: number): PageDetection {
  if (grey.channels !== 1) throw new RangeError('detectPage needs a one-channel raster');
  const { width, height, data } = grey;
  const { threshold, separation } = otsu(data);
  if (separation < MIN_TONE_SEPARATION) return { found: false, reason: 'empty' };
  const mask = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 1) if (data[i]! > threshold) mask[i] = 1;
  const largest = largestRegion(mask, width, height);
  if (largest === undefined || largest.size < minAreaShare * width * height * 0.9) return { found: false, reason: 'tooSmall' };
  const { points, borderPixels } = edgePoints(data, largest.region, width, height, threshold);
  const rough = largestInscribedQuad(convexHull(points));
  if (rough === undefined) return { found: false, reason: 'tooSmall' };
  const quad = refineQuad(rough, points);
  const areaShare = polygonArea(quad) / (width * height);
  if (areaShare < minAreaShare) return { found: false, reason: 'tooSmall' };
  const isCutOff = borderPixels > CUT_OFF_BORDER_SHARE * 2 * (width + height);
  return { found: true, quad, areaShare, isCutOff };
}
