/**
 * The signature's ink as pure functions (renderer/flows/signature-strokes.ts): shares of the
 * pad rounded to 4 decimals, close points dropped, the contract's caps with the reason, and
 * a result the contract's `application.sign` schema takes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_POINTS, MAX_SIGNATURE_STROKES, methodSchemas } from '../../electron/ipc/contract';
import {
  EMPTY_INK,
  type Ink,
  MAX_ASPECT,
  MAX_POINTS,
  MAX_STROKES,
  MIN_ASPECT,
  MIN_POINT_DISTANCE,
  type SharePoint,
  beginStroke,
  clampAspect,
  endStroke,
  extendStroke,
  sharePoint,
  strokePixels,
  toShare,
  toSignature,
} from '../../renderer/flows/signature-strokes';

/** One stroke from `points`, pen down at the first, up after the last. */
function stroke(ink: Ink, points: readonly SharePoint[], aspect = 3): Ink {
  const [first, ...rest] = points;
  if (!first) return ink;
  return endStroke(rest.reduce(extendStroke, beginStroke(ink, first, aspect)));
}

/** `count` points along a line, `step` apart in x. */
function line(count: number, step = 0.01, y = 0.5): SharePoint[] {
  return Array.from({ length: count }, (_, i) => ({ x: (i * step) % 1, y }));
}

describe('signature ink', () => {
  it('holds the contract’s limits (the renderer may not import its values)', () => {
    expect(MAX_STROKES).toBe(MAX_SIGNATURE_STROKES);
    expect(MAX_POINTS).toBe(MAX_SIGNATURE_POINTS);
  });

  it('keeps points in shares of the pad, rounded to 4 decimals and within 0…1', () => {
    expect(sharePoint(123.456, 50, 1000, 300)).toEqual({ x: 0.1235, y: 0.1667 });
    expect(sharePoint(-20, 400, 1000, 300)).toEqual({ x: 0, y: 1 });
    expect(sharePoint(10, 10, 0, 0)).toEqual({ x: 0, y: 0 });
    expect(toShare(0.123_449)).toBe(0.1234);
    expect(toShare(Number.NaN)).toBe(0);
  });

  it('starts a stroke with one point (a dot is ink) and fixes the aspect at the first stroke', () => {
    const ink = beginStroke(EMPTY_INK, { x: 0.2, y: 0.3 }, 3.333_33);
    expect(ink.strokes).toEqual([[0.2, 0.3]]);
    expect(ink).toMatchObject({ pointCount: 1, aspect: 3.3333, isDrawing: true, limit: null });
    const second = beginStroke(endStroke(ink), { x: 0.5, y: 0.5 }, 1.5);
    expect(second.aspect).toBe(3.3333);
    expect(toSignature(endStroke(second))).toEqual({ aspect: 3.3333, strokes: [[0.2, 0.3], [0.5, 0.5]] });
  });

  it('drops a point closer than MIN_POINT_DISTANCE of the width to the last one', () => {
    const ink = beginStroke(EMPTY_INK, { x: 0.5, y: 0.5 }, 2);
    expect(extendStroke(ink, { x: 0.5 + MIN_POINT_DISTANCE / 2, y: 0.5 })).toBe(ink);
    // y shares are 1 / aspect of the width: 0.006 of the height is 0.003 of the width.
    expect(extendStroke(ink, { x: 0.5, y: 0.506 })).toBe(ink);
    const kept = extendStroke(ink, { x: 0.5 + MIN_POINT_DISTANCE, y: 0.5 });
    expect(kept.strokes).toEqual([[0.5, 0.5, 0.504, 0.5]]);
    expect(kept.pointCount).toBe(2);
  });

  it('takes no moves without a pen down, nor after it is up', () => {
    expect(extendStroke(EMPTY_INK, { x: 0.5, y: 0.5 })).toBe(EMPTY_INK);
    const done = stroke(EMPTY_INK, [{ x: 0.1, y: 0.1 }, { x: 0.2, y: 0.2 }]);
    expect(extendStroke(done, { x: 0.9, y: 0.9 })).toBe(done);
    expect(endStroke(done)).toBe(done);
  });

  it('refuses the stroke after MAX_STROKES and says why', () => {
    let ink = EMPTY_INK;
    for (let i = 0; i < MAX_STROKES; i += 1) ink = stroke(ink, [{ x: 0.01 * i, y: 0.2 }, { x: 0.01 * i, y: 0.4 }]);
    expect(ink.strokes).toHaveLength(MAX_STROKES);
    expect(ink.limit).toBeNull();
    const refused = beginStroke(ink, { x: 0.9, y: 0.9 }, 3);
    expect(refused.strokes).toHaveLength(MAX_STROKES);
    expect(refused).toMatchObject({ isDrawing: false, limit: 'strokes' });
    // Once full, always full until cleared.
    expect(beginStroke(refused, { x: 0.9, y: 0.9 }, 3).strokes).toHaveLength(MAX_STROKES);
  });

  it('ends the stroke at MAX_POINTS and takes no more ink', () => {
    let ink = EMPTY_INK;
    // 30 strokes of 100 points: exactly the cap.
    for (let i = 0; i < 30; i += 1) ink = stroke(ink, line(100, 0.005, 0.02 * i + 0.1));
    expect(ink.pointCount).toBe(MAX_POINTS);
    expect(ink.limit).toBeNull();
    const refused = beginStroke(ink, { x: 0.5, y: 0.95 }, 3);
    expect(refused).toMatchObject({ pointCount: MAX_POINTS, limit: 'points', isDrawing: false });

    // A stroke running into the cap stops there.
    let long = EMPTY_INK;
    for (let i = 0; i < 29; i += 1) long = stroke(long, line(100, 0.005, 0.02 * i + 0.1));
    long = beginStroke(long, { x: 0, y: 0.9 }, 3);
    for (const point of line(150, 0.005, 0.9).slice(1)) long = extendStroke(long, point);
    expect(long.pointCount).toBe(MAX_POINTS);
    expect(long).toMatchObject({ isDrawing: false, limit: 'points' });
    expect(long.strokes.at(-1)).toHaveLength(200);
  });

  it('has no signature without ink, and gives fresh arrays', () => {
    expect(toSignature(EMPTY_INK)).toBeNull();
    const ink = stroke(EMPTY_INK, [{ x: 0.1, y: 0.1 }, { x: 0.3, y: 0.3 }]);
    const signature = toSignature(ink);
    signature?.strokes[0]?.push(1, 1);
    expect(ink.strokes[0]).toEqual([0.1, 0.1, 0.3, 0.3]);
  });

  it('keeps the aspect within the contract’s bounds', () => {
    expect(clampAspect(20)).toBe(MAX_ASPECT);
    expect(clampAspect(0.1)).toBe(MIN_ASPECT);
    expect(clampAspect(Number.POSITIVE_INFINITY)).toBe(1);
    expect(clampAspect(2.123_456)).toBe(2.1235);
  });

  it('makes signatures the contract takes, up to the full pad', () => {
    const schema = methodSchemas['application.sign'];
    let ink = EMPTY_INK;
    for (let i = 0; i < 30; i += 1) ink = stroke(ink, line(100, 0.0073, (0.031 * i) % 1), 12);
    ink = stroke(ink, [{ x: 0.5, y: 0.5 }]);
    const signature = toSignature(ink);
    expect(signature).not.toBeNull();
    expect(schema.safeParse(signature).success).toBe(true);
    const json = JSON.stringify(signature);
    expect(json).not.toMatch(/\.\d{5,}/u);
    expect(json.length).toBeLessThan(64 * 1024);
  });

  it('turns a stroke back into pixels of any pad size (a resize redraws from shares)', () => {
    expect(strokePixels([0.5, 0.25, 1, 1], 800, 200)).toEqual([
      { x: 400, y: 50 },
      { x: 800, y: 200 },
    ]);
    expect(strokePixels([], 800, 200)).toEqual([]);
  });
});
