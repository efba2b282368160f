import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyHomography, homography, rectangleQuad, type Point, type Quad } from '../../hardware/imaging/geometry.js';
import type { Raster } from '../../hardware/imaging/raster.js';
import { PAGE_KINDS, pageSvg, qrMatrix } from '../../hardware/simulators/document-camera/page-art.js';
import { sampleSet, writeSampleSet } from '../../hardware/simulators/document-camera/sample-set.js';
import { encodeJpeg, renderScene, sceneTruth, type GroundTruth, type SceneSpec } from '../../hardware/simulators/document-camera/scene.js';
import { seededRandom } from '../../hardware/simulators/seeded-random.js';
import { SETTLE_MS, SimulatedDocumentCamera } from '../../hardware/simulators/document-camera/simulated-document-camera.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Small frames keep the file fast; one test renders a full 5 MP frame. */
const SMALL = { width: 640, height: 480 } as const;

const grey = (raster: Raster, p: Point): number => {
  const x = Math.min(raster.width - 1, Math.max(0, Math.floor(p.x)));
  const y = Math.min(raster.height - 1, Math.max(0, Math.floor(p.y)));
  const i = (y * raster.width + x) * raster.channels;
  return (raster.data[i]! + raster.data[i + 1]! + raster.data[i + 2]!) / 3;
};

const centroid = (q: Quad): Point => ({ x: q.reduce((s, p) => s + p.x, 0) / 4, y: q.reduce((s, p) => s + p.y, 0) / 4 });

/** `p` moved `px` pixels away from `from` (negative: toward it). */
const away = (p: Point, from: Point, px: number): Point => {
  const length = Math.hypot(p.x - from.x, p.y - from.y);
  return { x: p.x + ((p.x - from.x) / length) * px, y: p.y + ((p.y - from.y) / length) * px };
};

const isInFrame = (p: Point, truth: GroundTruth): boolean => p.x >= 0 && p.y >= 0 && p.x < truth.frame.width && p.y < truth.frame.height;

/** Whether `p` lies inside the quad's polygon (clockwise, so every edge cross ≥ 0). */
function isInside(q: Quad, p: Point): boolean {
  return q.every((a, i) => {
    const b = q[(i + 1) % 4]!;
    return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0;
  });
}

/** Mean squared 4-neighbour Laplacian of the grey image: high-frequency energy. */
function laplacianEnergy(raster: Raster): number {
  const { width, height } = raster;
  const g = (x: number, y: number): number => grey(raster, { x, y });
  let sum = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const l = 4 * g(x, y) - g(x - 1, y) - g(x + 1, y) - g(x, y - 1) - g(x, y + 1);
      sum += l * l;
    }
  }
  return sum / ((width - 2) * (height - 2));
}

async function decodeGrey(jpeg: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const meanAbsDiff = (a: Buffer, b: Buffer): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

const CLEAN_SPECS: readonly SceneSpec[] = [
  { kind: 'a4Text', seed: 11, rotationDeg: 9, tilt: { x: 0.04, y: 0.06 }, scale: 0.4, offset: { x: 0.03, y: -0.01 } },
  { kind: 'a4Qr', seed: 12, rotationDeg: -13, tilt: { x: -0.05, y: 0 }, scale: 0.33 },
  { kind: 'idCardFront', seed: 13, rotationDeg: 14, scale: 0.12, offset: { x: -0.1, y: 0.05 } },
  { kind: 'idCardBack', seed: 14, rotationDeg: -4, tilt: { x: 0, y: -0.07 }, scale: 0.08 },
];

describe('document camera simulator: scenes', () => {
  it('renders the same bytes and truth for the same seed, different ones for another seed', async () => {
    const spec: SceneSpec = { kind: 'a4Text', seed: 5, rotationDeg: 7, tilt: { x: 0.02, y: 0.03 } };
    const a = await renderScene(spec, SMALL);
    const b = await renderScene(spec, SMALL);
    const other = await renderScene({ ...spec, seed: 6 }, SMALL);
    expect(Buffer.from(a.raster.data).equals(Buffer.from(b.raster.data))).toBe(true);
    expect((await encodeJpeg(a.raster, 90)).equals(await encodeJpeg(b.raster, 90))).toBe(true);
    expect(a.truth).toEqual(b.truth);
    expect(Buffer.from(a.raster.data).equals(Buffer.from(other.raster.data))).toBe(false);
    expect(sampleSet(3, 12, SMALL)).toEqual(sampleSet(3, 12, SMALL));
    expect(sampleSet(3, 12, SMALL)).not.toEqual(sampleSet(4, 12, SMALL));
  });

  it('puts the page exactly where the truth says: bright just inside each corner and edge, dark just outside', async () => {
    for (const spec of CLEAN_SPECS) {
      const { raster, truth } = await renderScene(spec, SMALL);
      const corners = truth.corners!;
      const c = centroid(corners);
      const midpoints = corners.map((p, i) => {
        const q = corners[(i + 1) % 4]!;
        return { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
      });
      for (const p of [...corners, ...midpoints]) {
        expect(grey(raster, away(p, c, -7)), `${spec.kind} inside ${JSON.stringify(p)}`).toBeGreaterThan(150);
        expect(grey(raster, away(p, c, 3)), `${spec.kind} outside ${JSON.stringify(p)}`).toBeLessThan(80);
      }
      expect(truth.isBad).toBe(false);
      expect(truth.expectedIssue).toBeNull();
      expect(truth.visibleFraction).toBeCloseTo(1, 6);
    }
  });

  it('reports the page in its own reading order with the top edge angle and a true-aspect crop size', async () => {
    const { truth } = await renderScene({ kind: 'idCardFront', seed: 2, rotationDeg: -12, scale: 0.1 }, SMALL);
    const [tl, tr, br, bl] = truth.corners!;
    expect(truth.angleDeg).toBeCloseTo(-12, 6);
    // Turned anticlockwise: the page's top-right corner is the highest point.
    expect(tr.y).toBeLessThan(tl.y);
    expect(br.x).toBeGreaterThan(bl.x);
    expect(truth.cropSize!.width / truth.cropSize!.height).toBeCloseTo(85.6 / 54, 2);
    expect(truth.pageSizeMm).toEqual({ width: 85.6, height: 54 });
    const qr = await renderScene({ kind: 'a4Qr', seed: 9, qrText: 'https://zwfw.example.com/q/1' }, SMALL);
    expect(qr.truth.qrText).toBe('https://zwfw.example.com/q/1');
    expect(truth.qrText).toBeUndefined();
  });

  it('draws the QR code of the truth text where qrCorners says, module for module', async () => {
    const { raster, truth } = await renderScene({ kind: 'a4Qr', seed: 7, rotationDeg: 9, tilt: { x: 0.03, y: -0.04 }, scale: 0.42 }, { width: 1296, height: 972 });
    const matrix = qrMatrix(truth.qrText!);
    const n = matrix.size;
    const toFrame = homography(rectangleQuad(n, n), truth.qrCorners!)!;
    let agree = 0;
    for (let row = 0; row < n; row += 1) {
      for (let col = 0; col < n; col += 1) {
        const isDark = grey(raster, applyHomography(toFrame, { x: col + 0.5, y: row + 0.5 })) < 128;
        if (isDark === (matrix.get(row, col) === 1)) agree += 1;
      }
    }
    expect(agree / (n * n)).toBeGreaterThan(0.99);
  });

  it('cuts a cutOff page 10–30 % out of the frame, with at least one corner outside', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { raster, truth } = await renderScene({ kind: seed % 2 === 0 ? 'a4Text' : 'idCardFront', seed, variant: 'cutOff', rotationDeg: 5 * seed - 10 }, SMALL);
      expect(truth.isBad).toBe(true);
      expect(truth.expectedIssue).toBe('cutOff');
      expect(truth.visibleFraction).toBeGreaterThanOrEqual(0.69);
      expect(truth.visibleFraction).toBeLessThanOrEqual(0.91);
      expect(truth.corners!.some((p) => !isInFrame(p, truth))).toBe(true);
      // The part still in view is there.
      const inside = truth.corners!.filter((p) => isInFrame(away(p, centroid(truth.corners!), -7), truth));
      expect(inside.length).toBeGreaterThan(0);
      for (const p of inside) expect(grey(raster, away(p, centroid(truth.corners!), -7))).toBeGreaterThan(150);
    }
  });

  it('shows an empty stage with no page and nothing bright', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { raster, truth } = await renderScene({ kind: 'a4Text', seed, variant: 'empty' }, SMALL);
      expect(truth.corners).toBeNull();
      expect(truth.angleDeg).toBeNull();
      expect(truth.cropSize).toBeNull();
      expect(truth.expectedIssue).toBe('empty');
      let brightest = 0;
      let sum = 0;
      for (let y = 0; y < raster.height; y += 1) {
        for (let x = 0; x < raster.width; x += 1) {
          const g = grey(raster, { x, y });
          brightest = Math.max(brightest, g);
          sum += g;
        }
      }
      expect(brightest).toBeLessThan(90);
      const mean = sum / (raster.width * raster.height);
      expect(mean).toBeGreaterThan(18);
      expect(mean).toBeLessThan(48);
    }
  });

  it('puts a saturated glare spot of 3–8 % of the page on the page, and none on the clean twin', async () => {
    const spec: SceneSpec = { kind: 'a4Qr', seed: 21, rotationDeg: 6, scale: 0.4 };
    const countSaturated = (raster: Raster, quad: Quad): { onPage: number; offPage: number } => {
      let onPage = 0;
      let offPage = 0;
      for (let y = 0; y < raster.height; y += 1) {
        for (let x = 0; x < raster.width; x += 1) {
          const i = (y * raster.width + x) * 3;
          if (raster.data[i]! < 254 || raster.data[i + 1]! < 254 || raster.data[i + 2]! < 254) continue;
          if (isInside(quad, { x: x + 0.5, y: y + 0.5 })) onPage += 1;
          else offPage += 1;
        }
      }
      return { onPage, offPage };
    };
    const glare = await renderScene({ ...spec, variant: 'glare' }, SMALL);
    const clean = await renderScene(spec, SMALL);
    const quad = glare.truth.corners!;
    const pageArea = glare.truth.cropSize!.width * glare.truth.cropSize!.height;
    const withGlare = countSaturated(glare.raster, quad);
    expect(glare.truth.expectedIssue).toBe('glare');
    expect(glare.truth.glare).toBeDefined();
    expect(withGlare.onPage / pageArea).toBeGreaterThan(0.025);
    expect(withGlare.onPage / pageArea).toBeLessThan(0.12);
    expect(withGlare.offPage).toBe(0);
    expect(countSaturated(clean.raster, quad).onPage).toBeLessThan(pageArea * 0.001);
  });

  it('blurs the blur variant: far less high-frequency energy than the clean twin', async () => {
    const spec: SceneSpec = { kind: 'a4Text', seed: 31, rotationDeg: -3, scale: 0.4 };
    const size = { width: 1296, height: 972 };
    const blurred = await renderScene({ ...spec, variant: 'blur' }, size);
    const clean = await renderScene(spec, size);
    expect(blurred.truth.expectedIssue).toBe('blurred');
    expect(blurred.truth.blurSigmaPx).toBeGreaterThanOrEqual(2);
    expect(blurred.truth.corners).toEqual(clean.truth.corners);
    expect(laplacianEnergy(blurred.raster)).toBeLessThan(laplacianEnergy(clean.raster) * 0.25);
  });

  it('renders a 5 MP frame in well under the camera budget', async () => {
    const started = performance.now();
    const { raster, truth } = await renderScene({ kind: 'a4Text', seed: 41, rotationDeg: 8, tilt: { x: 0.02, y: 0.05 } });
    const jpeg = await encodeJpeg(raster, 92);
    const elapsedMs = performance.now() - started;
    expect(truth.frame).toEqual({ width: 2592, height: 1944 });
    const meta = await sharp(jpeg).metadata();
    expect([meta.width, meta.height]).toEqual([2592, 1944]);
    // Generous: the shared CI machine has two cores; a quiet one takes ~0.4 s.
    expect(elapsedMs).toBeLessThan(4000);
  }, 20_000);
});

describe('document camera simulator: pages and sample sets', () => {
  it('draws only specimen content: 样例/样本 marks, masked ID numbers', () => {
    for (const kind of PAGE_KINDS) {
      for (const seed of [1, 2, 3, 4]) {
        const svg = pageSvg(kind, seed);
        expect(svg, kind).toMatch(/样例|样本/u);
        expect(svg, kind).not.toMatch(/\d{17}[\dX]/u);
      }
    }
  });

  it('covers every kind and variant with rotations of both signs, pages inside the frame unless cut off', () => {
    const specs = sampleSet(1, 40);
    const kinds = new Set(specs.map((s) => s.kind));
    expect([...kinds].sort()).toEqual([...PAGE_KINDS].sort());
    const variants = specs.map((s) => s.variant ?? 'clean');
    expect(variants.filter((v) => v === 'clean')).toHaveLength(24);
    for (const v of ['blur', 'glare', 'cutOff', 'empty'] as const) expect(variants.filter((x) => x === v)).toHaveLength(4);
    const rotations = specs.map((s) => s.rotationDeg ?? 0);
    expect(Math.max(...rotations.map(Math.abs))).toBeLessThanOrEqual(15);
    expect(rotations.some((r) => r < -5) && rotations.some((r) => r > 5)).toBe(true);
    for (const spec of specs) {
      const truth = sceneTruth(spec);
      if (spec.variant !== 'cutOff' && spec.variant !== 'empty') {
        expect(truth.visibleFraction).toBeCloseTo(1, 6);
        expect(truth.corners!.every((p) => isInFrame(p, truth))).toBe(true);
      }
      const scale = spec.scale ?? 0;
      if (spec.kind === 'idCardFront' || spec.kind === 'idCardBack') {
        expect(scale).toBeGreaterThanOrEqual(0.06);
        expect(scale).toBeLessThanOrEqual(0.15);
      } else {
        expect(scale).toBeGreaterThan(0.25);
      }
    }
  });

  it('writes NNN.jpg with NNN.json ground truth beside it', async () => {
    const dir = makeTempDir('camsim-');
    try {
      const truths = await writeSampleSet(dir.path, 9, 3, { frame: { width: 320, height: 240 } });
      expect(truths).toHaveLength(3);
      for (const [i, truth] of truths.entries()) {
        const name = String(i).padStart(3, '0');
        expect(existsSync(path.join(dir.path, `${name}.jpg`))).toBe(true);
        expect(JSON.parse(readFileSync(path.join(dir.path, `${name}.json`), 'utf8'))).toEqual(truth);
        const meta = await sharp(path.join(dir.path, `${name}.jpg`)).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
      }
    } finally {
      dir.remove();
    }
  });

  it('keeps seeded streams reproducible', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 5 }, () => [a.next(), a.between(2, 3), a.int(1, 6)]);
    expect(Array.from({ length: 5 }, () => [b.next(), b.between(2, 3), b.int(1, 6)])).toEqual(draws);
    for (const [u, between, int] of draws) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(between).toBeGreaterThanOrEqual(2);
      expect(Number.isInteger(int) && int! >= 1 && int! <= 6).toBe(true);
    }
  });
});

describe('SimulatedDocumentCamera', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const page: SceneSpec = { kind: 'a4Text', seed: 3, rotationDeg: 5, scale: 0.4 };

  it('opens only after the slow first frame: closed → opening → ready', async () => {
    vi.useFakeTimers();
    const camera = new SimulatedDocumentCamera({ resolution: { width: 320, height: 240 }, previewSize: { width: 160, height: 120 } });
    const states: string[] = [];
    camera.onStatus((status) => states.push(status.state));
    expect(camera.info).toMatchObject({ id: 'documentCamera', kind: 'documentCamera', transport: 'simulated', hasPreview: true });
    expect((await camera.preview()).ok).toBe(false);
    const opening = camera.open();
    expect(camera.status().state).toBe('opening');
    await vi.advanceTimersByTimeAsync(1199);
    expect(camera.status().state).toBe('opening');
    const capturing = await camera.capture();
    expect(capturing.ok ? null : capturing.error.code).toBe('closed');
    await vi.advanceTimersByTimeAsync(1);
    expect(await opening).toEqual({ ok: true, value: undefined });
    expect(states).toEqual(['opening', 'ready']);
    await camera.close();
    expect(camera.status().state).toBe('closed');
  });

  it('goes offline when unplugged (also mid-open) and must be opened again after plugging back', async () => {
    vi.useFakeTimers();
    const camera = new SimulatedDocumentCamera({ resolution: { width: 320, height: 240 }, previewSize: { width: 160, height: 120 }, stage: page });
    const opening = camera.open();
    await vi.advanceTimersByTimeAsync(500);
    camera.unplug();
    const failed = await opening;
    expect(failed.ok ? null : failed.error.code).toBe('offline');
    expect(camera.status().state).toBe('offline');
    const preview = await camera.preview();
    const capture = await camera.capture();
    expect([preview.ok ? null : preview.error.code, capture.ok ? null : capture.error.code]).toEqual(['offline', 'offline']);
    const reopen = await camera.open();
    expect(reopen.ok ? null : reopen.error.code).toBe('offline');
    camera.plug();
    expect(camera.status().state).toBe('closed');
    const opened = camera.open();
    await vi.advanceTimersByTimeAsync(1200);
    expect((await opened).ok).toBe(true);
    expect((await camera.capture()).ok).toBe(true);
  });

  it('gives previews smaller than stills; busy while capturing; the truth matches the still', async () => {
    const camera = new SimulatedDocumentCamera({ resolution: { width: 1296, height: 972 }, firstFrameDelayMs: 0, stage: page });
    expect((await camera.open()).ok).toBe(true);
    const preview = await camera.preview();
    if (!preview.ok) throw new Error(preview.error.message);
    expect([preview.value.width, preview.value.height]).toEqual([640, 480]);
    const states: string[] = [];
    camera.onStatus((status) => states.push(status.state));
    const first = camera.capture();
    const second = await camera.capture();
    expect(second.ok ? null : second.error.code).toBe('busy');
    const still = await first;
    if (!still.ok) throw new Error(still.error.message);
    expect(still.value).toMatchObject({ width: 1296, height: 972, geometry: 'photo' });
    expect(preview.value.jpeg.length).toBeLessThan(still.value.image.length);
    expect(states).toEqual(['busy', 'ready']);
    const meta = await sharp(still.value.image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1296, 972]);
    expect(camera.lastTruth().frame).toEqual({ width: 1296, height: 972 });
    expect(camera.lastTruth().corners).not.toBeNull();
    camera.remove();
    expect(camera.lastTruth().expectedIssue).toBe('empty');
  });

  it('shows a page jittering while it settles, then lying still', async () => {
    vi.useFakeTimers();
    const camera = new SimulatedDocumentCamera({ firstFrameDelayMs: 0, resolution: { width: 640, height: 480 }, previewSize: { width: 320, height: 240 } });
    const opened = camera.open();
    await vi.advanceTimersByTimeAsync(0);
    expect((await opened).ok).toBe(true);
    const frame = async (): Promise<Buffer> => {
      const result = await camera.preview();
      if (!result.ok) throw new Error(result.error.message);
      return (await decodeGrey(result.value.jpeg)).data;
    };
    camera.place(page);
    expect(camera.isSettled()).toBe(false);
    const moving: number[] = [];
    let previous = await frame();
    for (let i = 0; i < 4; i += 1) {
      vi.advanceTimersByTime(45);
      const next = await frame();
      moving.push(meanAbsDiff(previous, next));
      previous = next;
    }
    vi.advanceTimersByTime(SETTLE_MS);
    expect(camera.isSettled()).toBe(true);
    const resting: number[] = [];
    previous = await frame();
    for (let i = 0; i < 3; i += 1) {
      vi.advanceTimersByTime(45);
      const next = await frame();
      resting.push(meanAbsDiff(previous, next));
      previous = next;
    }
    expect(Math.min(...moving)).toBeGreaterThan(Math.max(...resting) * 1.5);
    // At rest only the sensor noise changes between frames.
    expect(Math.max(...resting)).toBeLessThan(3);
    // A still taken at rest is reproducible.
    const a = await camera.capture();
    const b = await camera.capture();
    expect(a.ok && b.ok && a.value.image.equals(b.value.image)).toBe(true);
  }, 20_000);
});
