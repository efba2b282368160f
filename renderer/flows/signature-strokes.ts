/**
 * The ink of the touch signature under the 告知承诺书 (issue #6), as pure functions;
 * signature-pad.tsx captures the pointer and draws. Points are kept in shares (0…1) of the
 * pad, so the ink survives a resize, and leave as the contract's `application.sign`
 * argument: flat `[x0, y0, x1, y1, …]` per stroke, rounded to 4 decimals.
 *
 * The limits are the contract's (MAX_SIGNATURE_STROKES, MAX_SIGNATURE_POINTS in
 * contract-application.ts; the renderer may import only types from it, so they are repeated
 * here and a test holds them equal). Past them the pad takes no more ink and says so:
 * dropping strokes silently would change a signature behind the signer's back.
 */

/** The contract's MAX_SIGNATURE_STROKES. */
export const MAX_STROKES = 64;
/** The contract's MAX_SIGNATURE_POINTS, over all strokes. */
export const MAX_POINTS = 3000;
/**
 * A point this close to the stroke's last one (in shares of the pad's width) adds nothing
 * one can see: about 5 px on a 1200 px pad. Dropping it keeps a long signature within
 * MAX_POINTS.
 */
export const MIN_POINT_DISTANCE = 0.004;
export const DECIMALS = 4;
/** The contract's bounds on `aspect` (width / height). */
export const MIN_ASPECT = 0.5;
export const MAX_ASPECT = 8;

/** Why the pad takes no more ink, or null. */
export type InkLimit = 'strokes' | 'points' | null;

export interface Ink {
  /** Flat x, y pairs in shares, rounded. */
  readonly strokes: readonly (readonly number[])[];
  readonly pointCount: number;
  /** Width / height of the pad when the first stroke began (what the strokes are shares of). */
  readonly aspect: number;
  /** Whether a stroke is being drawn (the last one grows). */
  readonly isDrawing: boolean;
  readonly limit: InkLimit;
}

export const EMPTY_INK: Ink = { strokes: [], pointCount: 0, aspect: 1, isDrawing: false, limit: null };

export interface SharePoint {
  readonly x: number;
  readonly y: number;
}

const SCALE = 10 ** DECIMALS;

/** Rounded to 4 decimals and kept in 0…1 (a captured pointer may leave the pad). */
export function toShare(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(1, Math.max(0, value)) * SCALE) / SCALE;
}

/** A point at (`x`, `y`) px on a pad of `width` × `height` px, in shares. */
export function sharePoint(x: number, y: number, width: number, height: number): SharePoint {
  return { x: toShare(width > 0 ? x / width : 0), y: toShare(height > 0 ? y / height : 0) };
}

export function clampAspect(aspect: number): number {
  if (!Number.isFinite(aspect)) return 1;
  return Math.round(Math.min(MAX_ASPECT, Math.max(MIN_ASPECT, aspect)) * SCALE) / SCALE;
}

/** Distance in shares of the width: y shares are `1 / aspect` of an x share. */
function distance(x0: number, y0: number, point: SharePoint, aspect: number): number {
  return Math.hypot(point.x - x0, (point.y - y0) / aspect);
}

/**
 * Pen down at `point`: a new stroke of one point (a dot is ink too). Refused, with the
 * reason in `limit`, once the strokes or the points are used up. `aspect` is the pad's now;
 * the first stroke fixes it for the signature.
 */
export function beginStroke(ink: Ink, point: SharePoint, aspect: number): Ink {
  if (ink.limit !== null) return { ...ink, isDrawing: false };
  if (ink.strokes.length >= MAX_STROKES) return { ...ink, isDrawing: false, limit: 'strokes' };
  if (ink.pointCount >= MAX_POINTS) return { ...ink, isDrawing: false, limit: 'points' };
  const first = { x: toShare(point.x), y: toShare(point.y) };
  return {
    ...ink,
    strokes: [...ink.strokes, [first.x, first.y]],
    pointCount: ink.pointCount + 1,
    aspect: ink.strokes.length === 0 ? clampAspect(aspect) : ink.aspect,
    isDrawing: true,
  };
}

/**
 * The pen moved to `point`: appended to the stroke being drawn unless it is within
 * MIN_POINT_DISTANCE of its last point. At MAX_POINTS the stroke ends there and the pad is
 * full. Returns the same object when nothing changed (the pad then draws nothing).
 */
export function extendStroke(ink: Ink, point: SharePoint): Ink {
  const last = ink.strokes.at(-1);
  if (!ink.isDrawing || !last) return ink;
  if (ink.pointCount >= MAX_POINTS) return { ...ink, isDrawing: false, limit: 'points' };
  const x = toShare(point.x);
  const y = toShare(point.y);
  const lastX = last[last.length - 2] ?? x;
  const lastY = last[last.length - 1] ?? y;
  if (distance(lastX, lastY, { x, y }, ink.aspect) < MIN_POINT_DISTANCE) return ink;
  return { ...ink, strokes: [...ink.strokes.slice(0, -1), [...last, x, y]], pointCount: ink.pointCount + 1 };
}

/** Pen up (or the pointer was cancelled): the stroke is done. */
export function endStroke(ink: Ink): Ink {
  return ink.isDrawing ? { ...ink, isDrawing: false } : ink;
}

/** The signature for `application.sign`, or null while there is no ink. Fresh arrays. */
export function toSignature(ink: Ink): { aspect: number; strokes: number[][] } | null {
  if (ink.strokes.length === 0) return null;
  return { aspect: ink.aspect, strokes: ink.strokes.map((stroke) => [...stroke]) };
}

/** The points of one stroke in pixels of a pad of `width` × `height`. */
export function strokePixels(stroke: readonly number[], width: number, height: number): readonly { readonly x: number; readonly y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < stroke.length; i += 2) points.push({ x: (stroke[i] ?? 0) * width, y: (stroke[i + 1] ?? 0) * height });
  return points;
}
