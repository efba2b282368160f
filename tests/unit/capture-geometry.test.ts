import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyHomography,
  convexHull,
  convexIoU,
  homography,
  orderCorners,
  polygonArea,
  rectangleQuad,
  type Point,
  type Quad,
} from '../../hardware/imaging/geometry.js';
import { createRaster, warpPerspective } from '../../hardware/imaging/raster.js';
import { largestInscribedQuad } from '../../electron/services/capture/page-detector.js';

const turned = (cx: number, cy: number, w: number, h: number, degrees: number): Quad => {
  const r = (degrees * Math.PI) / 180;
  return ([
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ] as const).map(([x, y]) => ({ x: cx + x * Math.cos(r) - y * Math.sin(r), y: cy + x * Math.sin(r) + y * Math.cos(r) })) as unknown as Quad;
};

describe('homography', () => {
  it('maps each corner of one quadrilateral onto the other', () => {
    const from = rectangleQuad(210, 297);
    const to: Quad = [
      { x: 100, y: 80 },
      { x: 900, y: 130 },
      { x: 860, y: 1200 },
      { x: 60, y: 1100 },
    ];
    const h = homography(from, to)!;
    from.forEach((corner, i) => {
      const mapped = applyHomography(h, corner);
      expect(mapped.x).toBeCloseTo(to[i]!.x, 6);
      expect(mapped.y).toBeCloseTo(to[i]!.y, 6);
    });
  });

  it('refuses three corners on one line', () => {
    expect(homography(rectangleQuad(1, 1), [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 0, y: 5 }])).toBeUndefined();
  });
});

describe('orderCorners', () => {
  it('puts any turn up to 40° of a rectangle in TL, TR, BR, BL order, whatever the input order', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.integer({ min: 0, max: 23 }), (degrees, permutation) => {
        const quad = turned(500, 400, 300, 200, degrees);
        const order = [0, 1, 2, 3];
        // Shuffle by the permutation number (Lehmer code).
        const shuffled: Point[] = [];
        let code = permutation;
        for (let n = 4; n > 0; n -= 1) {
          shuffled.push(quad[order.splice(code % n, 1)[0]!]!);
          code = Math.floor(code / n);
        }
        expect(orderCorners(shuffled)).toEqual(quad);
      }),
    );
  });
});

describe('convexIoU', () => {
  it('is 1 for the same polygon, 0 for disjoint ones and 1/3 for half-overlapping squares', () => {
    const square = rectangleQuad(10, 10);
    expect(convexIoU(square, square)).toBeCloseTo(1, 9);
    expect(convexIoU(square, square.map((p) => ({ x: p.x + 20, y: p.y })))).toBe(0);
    expect(convexIoU(square, square.map((p) => ({ x: p.x + 5, y: p.y })))).toBeCloseTo(1 / 3, 9);
  });

  it('does not depend on the winding of either polygon', () => {
    const a = turned(0, 0, 10, 6, 12);
    const b = turned(1, 1, 10, 6, 20);
    expect(convexIoU([...a].reverse(), b)).toBeCloseTo(convexIoU(a, b), 9);
  });
});

describe('largestInscribedQuad', () => {
  it('finds the four corners of a turned rectangle among many hull points', () => {
    const quad = turned(300, 200, 240, 160, 9);
    const points: Point[] = [];
    for (let side = 0; side < 4; side += 1) {
      const a = quad[side]!;
      const b = quad[(side + 1) % 4]!;
      for (let t = 0; t < 1; t += 0.01) points.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    }
    const found = largestInscribedQuad(convexHull(points))!;
    expect(convexIoU(found, quad)).toBeGreaterThan(0.999);
    expect(polygonArea(found)).toBeCloseTo(240 * 160, -1);
  });
});

describe('warpPerspective', () => {
  it('reads the quadrilateral back out as an upright rectangle', () => {
    // A 100 × 100 grey ramp (value = x + y); sampling its inner 50 × 50 square at 1:1
    // gives the same ramp shifted by 25 + 25.
    const source = createRaster(100, 100, 1);
    for (let y = 0; y < 100; y += 1) for (let x = 0; x < 100; x += 1) source.data[y * 100 + x] = x + y;
    const quad: Quad = [
      { x: 25, y: 25 },
      { x: 75, y: 25 },
      { x: 75, y: 75 },
      { x: 25, y: 75 },
    ];
    const out = warpPerspective(source, quad, 50, 50);
    for (const [x, y] of [
      [0, 0],
      [10, 40],
      [49, 49],
    ] as const) {
      expect(out.data[y * 50 + x]).toBe(x + y + 50);
    }
  });

  it('fills what falls outside the source with the background', () => {
    const source = createRaster(10, 10, 3, 200);
    const out = warpPerspective(source, rectangleQuad(20, 20), 20, 20, 7);
    expect(out.data[0]).toBe(200);
    expect(out.data[(19 * 20 + 19) * 3]).toBe(7);
  });
});
