/**
 * One document camera frame (protocols.md §5.3): a page lying on a dark stage, seen from
 * above by a 5 MP 高拍仪, with the ground truth the capture pipeline is measured against.
 *
 * The scene is described in frame fractions (page area as a share of the frame, centre
 * offset as a share of width/height), so the same spec renders the same scene at 5 MP for
 * a still and at 640 × 480 for a preview. Rendering, in order:
 *   1. stage: dark mat (RGB ~25–45) with a faint blotchy texture, lit by a lamp that
 *      falls off toward the corners (vignette) and slightly from one side (gradient);
 *   2. page: the flat page art (page-art.ts) inverse-mapped through the homography
 *      frame → page, bilinear, under the same light; edges anti-aliased by each pixel's
 *      distance to the page outline (the ID card's rounded corners come from its alpha);
 *   3. `blur`: Gaussian blur of the whole frame (defocus happens before the sensor);
 *   4. sensor noise, signal-dependent, different per `frameIndex`;
 *   5. `glare`: a clipped (255) elliptical specular spot on the page, soft rim.
 *
 * Corners are in continuous pixel coordinates: the frame spans [0, width] × [0, height]
 * and pixel (i, j) covers [i, i+1] × [j, j+1], so its centre is (i + 0.5, j + 0.5).
 */
import sharp from 'sharp';
import { applyHomography, convexIoU, distance, homography, polygonArea, rectangleQuad, type Point, type Quad } from '../../imaging/geometry.js';
import type { Raster } from '../../imaging/raster.js';
import { PAGE_SIZE_MM, PageArtCache, defaultQrText, qrSymbolMm, type PageArt, type PageKind, type SizeMm } from './page-art.js';
import { deriveSeed, mulberry32, seededRandom, type SeededRandom } from '../seeded-random.js';

/** A good frame, or one that a quality check should refuse (and why). */
export type SceneVariant = 'clean' | 'blur' | 'glare' | 'cutOff' | 'empty';
/** The issue a quality check should report for a bad variant (the pipeline's words). */
export type ExpectedIssue = 'blurred' | 'glare' | 'cutOff' | 'empty';

/** A frame or raster size in pixels. */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** A 5 MP document camera (2592 × 1944, 4:3), the common 高拍仪 sensor. */
export const DEFAULT_FRAME: FrameSize = { width: 2592, height: 1944 };

/** Page area as a share of the frame when a spec gives none. */
export const DEFAULT_SCALE: Readonly<Record<PageKind, number>> = { a4Text: 0.4, a4Qr: 0.4, idCardFront: 0.1, idCardBack: 0.1 };

/**
 * Keystone from a tilted camera, as fractions of the page's edge length: `y > 0` makes
 * the top edge shorter than the bottom by that fraction (`y < 0` the bottom), `x > 0` the
 * left edge shorter than the right (`x < 0` the right). Realistic: within ±0.1.
 */
export interface Tilt {
  readonly x: number;
  readonly y: number;
}

/** What lies under the camera. Every field but `kind` and `seed` has a default. */
export interface SceneSpec {
  readonly kind: PageKind;
  /** Drives the page content, stage, noise and every variant detail. */
  readonly seed: number;
  /** Default `clean`. */
  readonly variant?: SceneVariant;
  /**
   * Turn of the page in degrees, positive clockwise on screen; −15…15 in sample sets.
   * Default 0.
   */
  readonly rotationDeg?: number;
  /** Default none. */
  readonly tilt?: Tilt;
  /** Untilted page area as a share of the frame area. Default {@link DEFAULT_SCALE}. */
  readonly scale?: number;
  /**
   * Page centre minus frame centre, as fractions of frame width and height. Default 0, 0.
   */
  readonly offset?: Point;
  /** `a4Qr`: the QR code's text. Default {@link defaultQrText}(seed). */
  readonly qrText?: string;
  /**
   * `cutOff`: share of the page area outside the frame, 0.1–0.3. Default from the seed.
   */
  readonly cutOffFraction?: number;
}

/**
 * A small displacement of the whole page (a hand letting go), applied after placement.
 */
export interface Motion {
  /** Fractions of frame width and height. */
  readonly dx: number;
  readonly dy: number;
  readonly rotationDeg: number;
}

/** The saturated core of a glare spot, in frame pixels. */
export interface GlareSpot {
  readonly centre: Point;
  readonly radiusX: number;
  readonly radiusY: number;
  /** Turn of the ellipse's x axis, degrees clockwise on screen. */
  readonly angleDeg: number;
}

/** The sidecar JSON of a frame: what a perfect capture pipeline would find. */
export interface GroundTruth {
  readonly kind: PageKind;
  readonly variant: SceneVariant;
  readonly seed: number;
  readonly frame: FrameSize;
  /**
   * The page's corners in frame pixels, in the page's own reading order (top-left of the
   * page first, then clockwise), so TL is not necessarily the corner nearest the image's
   * top-left. May lie outside the frame (`cutOff`). Null on an empty stage.
   */
  readonly corners: Quad | null;
  /**
   * Direction of the page's top edge (TL → TR), degrees, positive clockwise on screen.
   */
  readonly angleDeg: number | null;
  readonly pageSizeMm: SizeMm;
  /**
   * Size of a straightened crop at the page's sharpest resolution in the frame (pixels
   * per mm along its longest-looking edge), with the page's true aspect. Null when empty.
   */
  readonly cropSize: FrameSize | null;
  /** Share of the page area inside the frame (1 unless `cutOff`; 0 when empty). */
  readonly visibleFraction: number;
  readonly qrText?: string;
  /**
   * `a4Qr`: the QR symbol's outer corners in frame pixels (quiet zone excluded), in the
   * symbol's own order (finder patterns at TL, TR, BL). Absent on an empty stage.
   */
  readonly qrCorners?: Quad;
  readonly isBad: boolean;
  readonly expectedIssue: ExpectedIssue | null;
  /** `glare` only. */
  readonly glare?: GlareSpot;
  /** `blur` only: the Gaussian sigma applied, frame pixels. */
  readonly blurSigmaPx?: number;
  /** The spec with every default filled in, so the frame can be rendered again. */
  readonly spec: Required<Omit<SceneSpec, 'qrText' | 'cutOffFraction'>> & Pick<SceneSpec, 'qrText' | 'cutOffFraction'>;
}

/** How to render a {@link SceneSpec}: frame size, noise pattern, motion, art cache. */
export interface RenderOptions {
  /** Frame size; default {@link DEFAULT_FRAME}. */
  readonly width?: number;
  readonly height?: number;
  /** Selects the sensor noise pattern: 0 for a still, a counter for preview frames. */
  readonly frameIndex?: number;
  readonly motion?: Motion;
  /** Where rendered page art is kept; default a module-wide cache. */
  readonly artCache?: PageArtCache;
}

/** A rendered frame with its ground truth. */
export interface RenderedScene {
  /** RGB, `frame` sized. */
  readonly raster: Raster;
  readonly truth: GroundTruth;
}

const sharedArtCache = new PageArtCache();

/** Blur sigma range of the `blur` variant at 5 MP width; scaled with the frame width. */
const BLUR_SIGMA_AT_5MP: readonly [number, number] = [4, 8];
/** Saturated glare core as a share of the page area. */
const GLARE_AREA: readonly [number, number] = [0.03, 0.08];
const CUT_OFF_FRACTION: readonly [number, number] = [0.1, 0.3];
/** Light reaching the page centre, so a 247 paper stays below clipping. */
const EXPOSURE = 0.97;

// ---------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------

function filled(spec: SceneSpec): GroundTruth['spec'] {
  return {
    kind: spec.kind,
    seed: spec.seed,
    variant: spec.variant ?? 'clean',
    rotationDeg: spec.rotationDeg ?? 0,
    tilt: spec.tilt ?? { x: 0, y: 0 },
    scale: spec.scale ?? DEFAULT_SCALE[spec.kind],
    offset: spec.offset ?? { x: 0, y: 0 },
    ...(spec.qrText !== undefined ? { qrText: spec.qrText } : {}),
    ...(spec.cutOffFraction !== undefined ? { cutOffFraction: spec.cutOffFraction } : {}),
  };
}

const rotate = (p: Point, c: Point, radians: number): Point => {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const x = p.x - c.x;
  const y = p.y - c.y;
  return { x: c.x + x * cos - y * sin, y: c.y + x * sin + y * cos };
};

const mapQuad = (quad: Quad, f: (p: Point) => Point): Quad => [f(quad[0]), f(quad[1]), f(quad[2]), f(quad[3])];

const centroid = (quad: Quad): Point => ({
  x: (quad[0].x + quad[1].x + quad[2].x + quad[3].x) / 4,
  y: (quad[0].y + quad[1].y + quad[2].y + quad[3].y) / 4,
});

/** Share of `quad`'s area inside the frame (intersection recovered from the IoU). */
export function visibleFraction(quad: Quad, frame: FrameSize): number {
  const area = polygonArea(quad);
  const frameArea = frame.width * frame.height;
  const iou = convexIoU(quad, rectangleQuad(frame.width, frame.height));
  if (area === 0) return 0;
  // Rounding can give 1 + 1e-16 for a page wholly inside.
  return Math.min(1, (iou * (area + frameArea)) / (1 + iou) / area);
}

/**
 * The page placed as the spec says, before any `cutOff` shift or motion: sized,
 * keystoned, turned about its centre and moved to the frame centre plus offset.
 */
export function placedQuad(spec: SceneSpec, frame: FrameSize): Quad {
  const s = filled(spec);
  const mm = PAGE_SIZE_MM[s.kind];
  const aspect = mm.height / mm.width;
  const w = Math.sqrt((s.scale * frame.width * frame.height) / aspect);
  const h = w * aspect;
  const top = 1 - Math.max(0, s.tilt.y);
  const bottom = 1 - Math.max(0, -s.tilt.y);
  const left = 1 - Math.max(0, s.tilt.x);
  const right = 1 - Math.max(0, -s.tilt.x);
  const flat: Quad = [
    { x: (-w / 2) * top, y: (-h / 2) * left },
    { x: (w / 2) * top, y: (-h / 2) * right },
    { x: (w / 2) * bottom, y: (h / 2) * right },
    { x: (-w / 2) * bottom, y: (h / 2) * left },
  ];
  const centre = { x: frame.width * (0.5 + s.offset.x), y: frame.height * (0.5 + s.offset.y) };
  const radians = (s.rotationDeg * Math.PI) / 180;
  return mapQuad(flat, (p) => rotate({ x: p.x + centre.x, y: p.y + centre.y }, centre, radians));
}

/**
 * Moves the page along a seeded direction until `fraction` of it lies outside the frame.
 */
function cutOffQuad(quad: Quad, frame: FrameSize, seed: number, fraction: number): Quad {
  const angle = seededRandom(deriveSeed(seed, 'cutOff-direction')).between(0, 2 * Math.PI);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const shifted = (t: number): Quad => mapQuad(quad, (p) => ({ x: p.x + ux * t, y: p.y + uy * t }));
  let lo = 0;
  let hi = Math.hypot(frame.width, frame.height);
  for (let i = 0; i < 40; i += 1) {
    const mid = (lo + hi) / 2;
    if (1 - visibleFraction(shifted(mid), frame) < fraction) lo = mid;
    else hi = mid;
  }
  return shifted((lo + hi) / 2);
}

function applyMotion(quad: Quad, frame: FrameSize, motion: Motion): Quad {
  const c = centroid(quad);
  const radians = (motion.rotationDeg * Math.PI) / 180;
  const dx = motion.dx * frame.width;
  const dy = motion.dy * frame.height;
  return mapQuad(quad, (p) => {
    const r = rotate(p, c, radians);
    return { x: r.x + dx, y: r.y + dy };
  });
}

function cutOffFractionOf(spec: SceneSpec): number {
  return spec.cutOffFraction ?? seededRandom(deriveSeed(spec.seed, 'cutOff')).between(...CUT_OFF_FRACTION);
}

/** The page's corners in the frame (after `cutOff` shift and motion); null when empty. */
export function pageCorners(spec: SceneSpec, frame: FrameSize, motion?: Motion): Quad | null {
  const variant = spec.variant ?? 'clean';
  if (variant === 'empty') return null;
  let quad = placedQuad(spec, frame);
  if (variant === 'cutOff') quad = cutOffQuad(quad, frame, spec.seed, cutOffFractionOf(spec));
  return motion === undefined ? quad : applyMotion(quad, frame, motion);
}

/** Pixels per mm along the page's longest-looking edge. */
function pixelsPerMm(quad: Quad, mm: SizeMm): number {
  const [tl, tr, br, bl] = quad;
  return Math.max(distance(tl, tr) / mm.width, distance(bl, br) / mm.width, distance(tl, bl) / mm.height, distance(tr, br) / mm.height);
}

function glareSpot(quad: Quad, seed: number, art: SizeMm): GlareSpot {
  const random = seededRandom(deriveSeed(seed, 'glare'));
  const toFrame = homography(rectangleQuad(art.width, art.height), quad);
  if (toFrame === undefined) throw new RangeError('degenerate page quadrilateral');
  const centre = applyHomography(toFrame, { x: art.width * random.between(0.3, 0.7), y: art.height * random.between(0.3, 0.7) });
  const area = polygonArea(quad) * random.between(...GLARE_AREA);
  const aspect = random.between(1.2, 2);
  const radiusY = Math.sqrt(area / (Math.PI * aspect));
  return { centre, radiusX: radiusY * aspect, radiusY, angleDeg: random.between(-90, 90) };
}

function blurSigma(seed: number, frame: FrameSize): number {
  const sigma = seededRandom(deriveSeed(seed, 'blur')).between(...BLUR_SIGMA_AT_5MP) * (frame.width / DEFAULT_FRAME.width);
  return Math.max(0.5, sigma);
}

/** The QR symbol's square mapped from page mm into the frame. */
function qrCornersOf(qrText: string, corners: Quad, mm: SizeMm): Quad {
  const toFrame = homography(rectangleQuad(mm.width, mm.height), corners);
  if (toFrame === undefined) throw new RangeError('degenerate page quadrilateral');
  const { x, y, size } = qrSymbolMm(qrText);
  return mapQuad([{ x, y }, { x: x + size, y }, { x: x + size, y: y + size }, { x, y: y + size }], (p) => applyHomography(toFrame, p));
}

const EXPECTED_ISSUE: Readonly<Record<SceneVariant, ExpectedIssue | null>> = {
  clean: null,
  blur: 'blurred',
  glare: 'glare',
  cutOff: 'cutOff',
  empty: 'empty',
};

/** The ground truth of a frame, without rendering it (cheap). */
export function sceneTruth(spec: SceneSpec, frame: FrameSize = DEFAULT_FRAME, motion?: Motion): GroundTruth {
  const s = filled(spec);
  const mm = PAGE_SIZE_MM[s.kind];
  const corners = pageCorners(spec, frame, motion);
  const qrText = s.kind === 'a4Qr' ? (s.qrText ?? defaultQrText(s.seed)) : undefined;
  const ppm = corners === null ? 0 : pixelsPerMm(corners, mm);
  // Built in the order the sidecar JSON should read.
  return {
    kind: s.kind,
    variant: s.variant,
    seed: s.seed,
    frame: { width: frame.width, height: frame.height },
    corners,
    angleDeg: corners === null ? null : (Math.atan2(corners[1].y - corners[0].y, corners[1].x - corners[0].x) * 180) / Math.PI,
    pageSizeMm: mm,
    cropSize: corners === null ? null : { width: Math.round(mm.width * ppm), height: Math.round(mm.height * ppm) },
    visibleFraction: corners === null ? 0 : visibleFraction(corners, frame),
    ...(qrText !== undefined ? { qrText } : {}),
    ...(qrText !== undefined && corners !== null ? { qrCorners: qrCornersOf(qrText, corners, mm) } : {}),
    isBad: s.variant !== 'clean',
    expectedIssue: EXPECTED_ISSUE[s.variant],
    ...(s.variant === 'glare' && corners !== null ? { glare: glareSpot(corners, s.seed, mm) } : {}),
    ...(s.variant === 'blur' ? { blurSigmaPx: blurSigma(s.seed, frame) } : {}),
    spec: s,
  };
}

// ---------------------------------------------------------------------------------------
// Light and stage
// ---------------------------------------------------------------------------------------

/** The lamp: brightest near the centre, darker toward the corners and to one side. */
interface Light {
  readonly cx: number;
  readonly cy: number;
  /** 1 / half diagonal. */
  readonly inv: number;
  readonly vignette: number;
  readonly gx: number;
  readonly gy: number;
}

function lightOf(seed: number, frame: FrameSize): Light {
  const random = seededRandom(deriveSeed(seed, 'light'));
  const gradient = random.between(0.03, 0.08);
  const angle = random.between(0, 2 * Math.PI);
  return {
    cx: frame.width * (0.5 + random.between(-0.06, 0.06)),
    cy: frame.height * (0.5 + random.between(-0.06, 0.06)),
    inv: 2 / Math.hypot(frame.width, frame.height),
    vignette: random.between(0.22, 0.34),
    gx: gradient * Math.cos(angle),
    gy: gradient * Math.sin(angle),
  };
}

function lightAt(light: Light, x: number, y: number): number {
  const nx = (x - light.cx) * light.inv;
  const ny = (y - light.cy) * light.inv;
  return (1 - light.vignette * (nx * nx + ny * ny)) * (1 + light.gx * nx + light.gy * ny);
}

/** A `cols × rows` grid of values in [−1, 1], sampled bilinearly over the frame. */
class ValueNoise {
  readonly #values: Float32Array;
  readonly #cols: number;
  readonly #rows: number;
  readonly #sx: number;
  readonly #sy: number;

  constructor(seed: number, cols: number, rows: number, frame: FrameSize) {
    const next = mulberry32(seed);
    this.#values = Float32Array.from({ length: (cols + 1) * (rows + 1) }, () => next() * 2 - 1);
    this.#cols = cols;
    this.#rows = rows;
    this.#sx = cols / frame.width;
    this.#sy = rows / frame.height;
  }

  at(x: number, y: number): number {
    const gx = Math.min(x * this.#sx, this.#cols - 1e-6);
    const gy = Math.min(y * this.#sy, this.#rows - 1e-6);
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const fx = gx - x0;
    const fy = gy - y0;
    const stride = this.#cols + 1;
    const i = y0 * stride + x0;
    const v = this.#values;
    const top = v[i]! + (v[i + 1]! - v[i]!) * fx;
    const bottom = v[i + stride]! + (v[i + stride + 1]! - v[i + stride]!) * fx;
    return top + (bottom - top) * fy;
  }
}

/**
 * The stage is smooth (light, mat texture, shadow): its brightness is computed on a grid
 * 1/8 the frame size and enlarged bilinearly. Every channel is the mat colour times that
 * one brightness, so only one channel is interpolated (vips takes ~200 ms to enlarge a
 * tiny image to 5 MP; this takes ~25 ms).
 */
const STAGE_SUBSAMPLING = 8;

/** The dark mat under the camera, lit; if empty, perhaps a hand's shadow and a pen. */
function paintStage(frame: FrameSize, seed: number, light: Light, isEmpty: boolean): Raster {
  const random = seededRandom(deriveSeed(seed, 'stage'));
  const grey = random.between(33, 42);
  const colour = [grey + random.between(-2, 1), grey + random.between(-1, 1), grey + random.between(0, 4)] as const;
  const coarse = new ValueNoise(deriveSeed(seed, 'mat-coarse'), 12, 9, frame);
  const fine = new ValueNoise(deriveSeed(seed, 'mat-fine'), 96, 72, frame);
  const shadow = isEmpty && random.chance(0.7) ? randomShadow(random, frame) : null;
  const gw = Math.max(2, Math.ceil(frame.width / STAGE_SUBSAMPLING));
  const gh = Math.max(2, Math.ceil(frame.height / STAGE_SUBSAMPLING));
  const grid = new Float32Array(gw * gh);
  for (let gy = 0; gy < gh; gy += 1) {
    const py = ((gy + 0.5) * frame.height) / gh;
    for (let gx = 0; gx < gw; gx += 1) {
      const px = ((gx + 0.5) * frame.width) / gw;
      let level = lightAt(light, px, py) * (1 + 0.07 * coarse.at(px, py) + 0.03 * fine.at(px, py));
      if (shadow !== null) level *= shadowAt(shadow, px, py);
      grid[gy * gw + gx] = level;
    }
  }
  const out = fillFromGrid(grid, gw, gh, frame, colour);
  if (isEmpty && random.chance(0.5)) paintPen(out, random, light);
  return out;
}

/** One grid row interpolated across the frame width. */
function gridRow(grid: Float32Array, gw: number, gy: number, width: number): Float32Array {
  const row = new Float32Array(width);
  for (let x = 0; x < width; x += 1) {
    const sx = Math.min(gw - 1, Math.max(0, ((x + 0.5) * gw) / width - 0.5));
    const x0 = Math.floor(sx);
    const x1 = x0 < gw - 1 ? x0 + 1 : x0;
    row[x] = grid[gy * gw + x0]! + (grid[gy * gw + x1]! - grid[gy * gw + x0]!) * (sx - x0);
  }
  return row;
}

/** Enlarges the brightness grid bilinearly (pixel centres aligned) and colours it. */
function fillFromGrid(grid: Float32Array, gw: number, gh: number, frame: FrameSize, colour: readonly [number, number, number]): Raster {
  const { width, height } = frame;
  const data = new Uint8Array(width * height * 3);
  const [r, g, b] = colour;
  const rows: Float32Array[] = [];
  for (let gy = 0; gy < gh; gy += 1) rows.push(gridRow(grid, gw, gy, width));
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(gh - 1, Math.max(0, ((y + 0.5) * gh) / height - 0.5));
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    const top = rows[y0]!;
    const bottom = rows[y0 < gh - 1 ? y0 + 1 : y0]!;
    let o = y * width * 3;
    for (let x = 0; x < width; x += 1, o += 3) {
      const level = top[x]! + (bottom[x]! - top[x]!) * fy;
      data[o] = r * level + 0.5;
      data[o + 1] = g * level + 0.5;
      data[o + 2] = b * level + 0.5;
    }
  }
  return { width, height, channels: 3, data };
}

interface Shadow {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

function randomShadow(random: SeededRandom, frame: FrameSize): Shadow {
  return {
    cx: frame.width * random.between(0.2, 0.8),
    cy: frame.height * random.between(0.2, 0.8),
    rx: frame.width * random.between(0.12, 0.25),
    ry: frame.height * random.between(0.12, 0.25),
  };
}

/** A soft darkening (a hand or the camera arm between lamp and mat). */
function shadowAt(s: Shadow, x: number, y: number): number {
  const dx = (x - s.cx) / s.rx;
  const dy = (y - s.cy) / s.ry;
  const r2 = dx * dx + dy * dy;
  return r2 >= 1 ? 1 : 1 - 0.28 * (1 - r2) * (1 - r2);
}

/** A dark pen: long, thin, not page-like; anti-aliased by distance to its axis. */
function paintPen(out: Raster, random: SeededRandom, light: Light): void {
  const { width, height, data } = out;
  const length = width * random.between(0.18, 0.28);
  const radius = Math.max(1.5, width * 0.006);
  const angle = random.between(0, Math.PI);
  const a = { x: width * random.between(0.25, 0.75), y: height * random.between(0.25, 0.75) };
  const b = { x: a.x + length * Math.cos(angle), y: a.y + length * Math.sin(angle) };
  const colour = [58, 60, 72] as const;
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + radius + 1));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius + 1));
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len2 = vx * vx + vy * vy;
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const px = x + 0.5 - a.x;
      const py = y + 0.5 - a.y;
      const t = Math.max(0, Math.min(1, (px * vx + py * vy) / len2));
      const d = Math.hypot(px - t * vx, py - t * vy);
      const cover = Math.max(0, Math.min(1, radius - d + 0.5));
      if (cover === 0) continue;
      const l = lightAt(light, x + 0.5, y + 0.5);
      const i = (y * width + x) * 3;
      for (let k = 0; k < 3; k += 1) data[i + k] = data[i + k]! * (1 - cover) + colour[k]! * l * cover;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Page compositing
// ---------------------------------------------------------------------------------------

/**
 * The four edge lines of a clockwise quad as `a, b, c` triples (12 numbers), normalised
 * so `a x + b y + c` is the signed distance to the edge, positive inside.
 */
function edgeLines(quad: Quad): number[] {
  const lines: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const p = quad[i]!;
    const q = quad[(i + 1) % 4]!;
    const length = distance(p, q);
    // cross(q − p, r − p) / |q − p|: positive on the inner side of a clockwise quad.
    const a = -(q.y - p.y) / length;
    const b = (q.x - p.x) / length;
    lines.push(a, b, -(a * p.x + b * p.y));
  }
  return lines;
}

/**
 * Fraction of the pixel centred at (x, y) inside the quad (1 px wide ramp at the edges).
 */
function coverageAt(lines: readonly number[], x: number, y: number): number {
  let d = Infinity;
  for (let i = 0; i < 12; i += 3) d = Math.min(d, lines[i]! * x + lines[i + 1]! * y + lines[i + 2]!);
  return d <= -0.5 ? 0 : d >= 0.5 ? 1 : d + 0.5;
}

/**
 * Inverse-maps every frame pixel over the page into the art and blends it in, lit. The
 * hot loop is written out by hand (no closures): millions of pixels per still.
 */
function compositePage(out: Raster, quad: Quad, art: PageArt, light: Light): void {
  const { width, height, data } = out;
  const { raster } = art;
  const toArt = homography(quad, rectangleQuad(raster.width, raster.height));
  if (toArt === undefined) throw new RangeError('degenerate page quadrilateral');
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)) + 1);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)) + 1);
  const src = raster.data;
  const aw = raster.width;
  const maxU = raster.width - 1;
  const maxV = raster.height - 1;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toArt;
  const [a0, b0, c0, a1, b1, c1, a2, b2, c2, a3, b3, c3] = edgeLines(quad);
  for (let y = y0; y <= y1; y += 1) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x += 1) {
      const px = x + 0.5;
      const d = Math.min(a0! * px + b0! * py + c0!, a1! * px + b1! * py + c1!, a2! * px + b2! * py + c2!, a3! * px + b3! * py + c3!);
      if (d <= -0.5) continue;
      const cover = d >= 0.5 ? 1 : d + 0.5;
      const w = h6 * px + h7 * py + h8;
      let u = (h0 * px + h1 * py + h2) / w - 0.5;
      let v = (h3 * px + h4 * py + h5) / w - 0.5;
      u = u < 0 ? 0 : u > maxU ? maxU : u;
      v = v < 0 ? 0 : v > maxV ? maxV : v;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const du = u0 < maxU ? 4 : 0;
      const dv = v0 < maxV ? aw * 4 : 0;
      const fu = u - u0;
      const fv = v - v0;
      const i00 = (v0 * aw + u0) * 4;
      const w00 = (1 - fu) * (1 - fv);
      const w10 = fu * (1 - fv);
      const w01 = (1 - fu) * fv;
      const w11 = fu * fv;
      const alpha = (cover * (src[i00 + 3]! * w00 + src[i00 + du + 3]! * w10 + src[i00 + dv + 3]! * w01 + src[i00 + du + dv + 3]! * w11)) / 255;
      if (alpha <= 0) continue;
      const nx = (px - light.cx) * light.inv;
      const ny = (py - light.cy) * light.inv;
      const lit = (1 - light.vignette * (nx * nx + ny * ny)) * (1 + light.gx * nx + light.gy * ny) * EXPOSURE * alpha;
      const keep = 1 - alpha;
      const i = (y * width + x) * 3;
      for (let k = 0; k < 3; k += 1) {
        const colour = src[i00 + k]! * w00 + src[i00 + du + k]! * w10 + src[i00 + dv + k]! * w01 + src[i00 + du + dv + k]! * w11;
        data[i + k] = data[i + k]! * keep + colour * lit;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Sensor and optics
// ---------------------------------------------------------------------------------------

/** 65 536 standard normal samples (Box–Muller, fixed seed), indexed by 16 random bits. */
const GAUSSIAN = ((): Float32Array => {
  const next = mulberry32(0x5eed);
  const table = new Float32Array(65_536);
  for (let i = 0; i < table.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    table[i] = r * Math.cos(theta);
    table[i + 1] = r * Math.sin(theta);
  }
  return table;
})();

/** Shot + read noise: sigma ≈ 1 at black, ≈ 3 at paper white; then rounds and clips. */
function addSensorNoise(raster: Raster, seed: number): void {
  const { data } = raster;
  const n = data.length;
  let state = seed >>> 0 || 1;
  for (let i = 0; i < n; i += 2) {
    // xorshift32, written out: 8 M draws per 5 MP frame, 16 bits per sample.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const a = data[i]!;
    const noisyA = a + (0.9 + a * 0.0085) * GAUSSIAN[state & 0xffff]!;
    data[i] = noisyA <= 0 ? 0 : noisyA >= 255 ? 255 : noisyA + 0.5;
    if (i + 1 === n) break;
    const b = data[i + 1]!;
    const noisyB = b + (0.9 + b * 0.0085) * GAUSSIAN[(state >>> 16) & 0xffff]!;
    data[i + 1] = noisyB <= 0 ? 0 : noisyB >= 255 ? 255 : noisyB + 0.5;
  }
}

async function gaussianBlur(raster: Raster, sigma: number): Promise<Raster> {
  const { width, height } = raster;
  const data = await sharp(raster.data, { raw: { width, height, channels: 3 } }).blur(sigma).raw().toBuffer();
  return { width, height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Blends toward white (clipped) inside the spot and on the page only. */
function paintGlare(out: Raster, quad: Quad, spot: GlareSpot): void {
  const { width, height, data } = out;
  const edges = edgeLines(quad);
  const reach = Math.max(spot.radiusX, spot.radiusY) * 1.8;
  const cos = Math.cos((spot.angleDeg * Math.PI) / 180);
  const sin = Math.sin((spot.angleDeg * Math.PI) / 180);
  const x0 = Math.max(0, Math.floor(spot.centre.x - reach));
  const x1 = Math.min(width - 1, Math.ceil(spot.centre.x + reach));
  const y0 = Math.max(0, Math.floor(spot.centre.y - reach));
  const y1 = Math.min(height - 1, Math.ceil(spot.centre.y + reach));
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const dx = x + 0.5 - spot.centre.x;
      const dy = y + 0.5 - spot.centre.y;
      const ex = (dx * cos + dy * sin) / spot.radiusX;
      const ey = (-dx * sin + dy * cos) / spot.radiusY;
      const rho = Math.sqrt(ex * ex + ey * ey);
      if (rho >= 1.8) continue;
      // Core clipped to white; a smooth rim out to 1.8 radii.
      const t = rho <= 1 ? 1 : 1 - (rho - 1) / 0.8;
      const strength = (rho <= 1 ? 1 : t * t * (3 - 2 * t)) * coverageAt(edges, x + 0.5, y + 0.5);
      if (strength <= 0) continue;
      const i = (y * width + x) * 3;
      for (let k = 0; k < 3; k += 1) data[i + k] = strength >= 1 ? 255 : data[i + k]! + (255 - data[i + k]!) * strength + 0.5;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The frame
// ---------------------------------------------------------------------------------------

/** Renders one frame of `spec` and its ground truth (5 MP: a few hundred ms). */
export async function renderScene(spec: SceneSpec, options: RenderOptions = {}): Promise<RenderedScene> {
  const frame = { width: options.width ?? DEFAULT_FRAME.width, height: options.height ?? DEFAULT_FRAME.height };
  const truth = sceneTruth(spec, frame, options.motion);
  const light = lightOf(spec.seed, frame);
  let raster = paintStage(frame, spec.seed, light, truth.corners === null);
  if (truth.corners !== null) {
    const mm = truth.pageSizeMm;
    const art = await (options.artCache ?? sharedArtCache).get({
      kind: truth.kind,
      seed: truth.seed,
      widthPx: Math.min(4096, pixelsPerMm(truth.corners, mm) * mm.width),
      ...(truth.qrText !== undefined ? { qrText: truth.qrText } : {}),
    });
    compositePage(raster, truth.corners, art, light);
  }
  if (truth.blurSigmaPx !== undefined) raster = await gaussianBlur(raster, truth.blurSigmaPx);
  addSensorNoise(raster, deriveSeed(spec.seed, `noise:${options.frameIndex ?? 0}`));
  if (truth.glare !== undefined && truth.corners !== null) paintGlare(raster, truth.corners, truth.glare);
  return { raster, truth };
}

/** JPEG bytes of an RGB raster (sharp/mozjpeg, 4:2:0 like a camera's MJPEG). */
export async function encodeJpeg(raster: Raster, quality: number): Promise<Buffer> {
  const { width, height, channels } = raster;
  return sharp(raster.data, { raw: { width, height, channels } }).jpeg({ quality }).toBuffer();
}
