/**
 * The capture pipeline (issue #5, protocols.md §5.2): from a device's still to a page ready
 * to send — found, straightened to its real shape, checked, and small.
 *
 * Camera photo: decode twice in parallel (a ~640 px grey copy for finding the page, full
 * size for the crop) → find the page → warp it to its aspect (A4, ID card, or as measured)
 * → quality check → colour mode → JPEG at the profile's DPI, lowering quality and then
 * resolution until it fits the byte budget (≤ 300 KB). No page found → the full frame,
 * deskewed by text lines, with a warning.
 * Scanner sheet: already flat — deskew by text lines, quality check, encode.
 *
 * sharp decodes, resizes, rotates and encodes; the warp and the measurements are ours
 * (sharp has no perspective transform).
 */
import sharp from 'sharp';
import type { CaptureColorMode, CapturedStill } from '../../../hardware/devices/document-capture/capture-source.js';
import { distance, type Quad } from '../../../hardware/imaging/geometry.js';
import { warpPerspective, type Raster } from '../../../hardware/imaging/raster.js';
import { skewAngle } from './deskew.js';
import { BLOCKING_ISSUES, BLUR_LIMIT, GLARE_LIMIT, blurScore, glareShare, toGrey, type QualityIssue } from './image-quality.js';
import { detectPage, type PageDetection } from './page-detector.js';
import { A4, ID_CARD, PAGE_PROFILES, mmToPx, shapeOfAspect, type PageKind, type PageProfile, type PageShape } from './page-profile.js';

/** Width of the grey copy the page is found on. */
export const DETECTION_WIDTH = 640;
/** Width the quality check looks at (blur is judged at a fixed scale). */
const QUALITY_WIDTH = 1000;
/** JPEG qualities tried in turn before the resolution is lowered. */
const JPEG_QUALITIES = [82, 72, 62, 52] as const;
/** The stage a document camera sees, for sizing a page of unknown shape (A3 across). */
const STAGE_WIDTH_MM = 420;

export interface ProcessOptions {
  readonly kind: PageKind;
  readonly colorMode: CaptureColorMode;
  /** Overrides the profile's output resolution (tests, a hall's setting). */
  readonly dpi?: number;
  readonly maxBytes?: number;
}

export interface ProcessedPage {
  /** The encoded page (JPEG). */
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  /** The page's corners on the still (full-size pixels), when a page was found. */
  readonly quad?: Quad;
  /** The page's turn on the still (degrees, clockwise positive): the top edge's, or the text lines'. */
  readonly angleDeg: number;
  /** The shape the page was straightened to. */
  readonly shape: 'a4' | 'idCard' | 'measured';
  readonly issues: readonly QualityIssue[];
  readonly blurScore: number;
  readonly glareShare: number;
}

export interface PreviewAnalysis {
  /** Corners as shares of the frame's width and height (0…1), when a page was found. */
  readonly quad?: Quad;
  readonly issues: readonly QualityIssue[];
}

/** True when none of `issues` makes the page unusable. */
export function isUsable(issues: readonly QualityIssue[]): boolean {
  return !issues.some((issue) => BLOCKING_ISSUES.has(issue));
}

async function greyCopy(image: Buffer, width: number): Promise<Raster> {
  const { data, info } = await sharp(image, { failOn: 'error' })
    .rotate() // EXIF orientation, as the camera meant it
    .resize({ width, withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 1, data };
}

async function fullRaster(image: Buffer): Promise<Raster> {
  const { data, info } = await sharp(image, { failOn: 'error' }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3, data };
}

function scaleQuad(quad: Quad, sx: number, sy: number): Quad {
  return quad.map((p) => ({ x: p.x * sx, y: p.y * sy })) as unknown as Quad;
}

/** Side lengths of a quad: the mean of the top and bottom, and of the left and right. */
function quadSize(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  return { width: (distance(tl, tr) + distance(bl, br)) / 2, height: (distance(tl, bl) + distance(tr, br)) / 2 };
}

/** The page's output size: the profile's shape (or the nearest known one), in the page's orientation. */
function targetSize(quad: Quad, kind: PageKind, dpi: number, frameWidth: number): { width: number; height: number; shape: ProcessedPage['shape'] } {
  const measured = quadSize(quad);
  const isLandscape = measured.width > measured.height;
  const ratio = Math.max(measured.width, measured.height) / Math.max(1, Math.min(measured.width, measured.height));
  const known: PageShape | undefined = kind === 'a4' ? A4 : kind === 'idCard' ? ID_CARD : shapeOfAspect(ratio);
  if (known !== undefined) {
    const short = mmToPx(known.shortMm, dpi);
    const long = mmToPx(known.longMm, dpi);
    return { width: isLandscape ? long : short, height: isLandscape ? short : long, shape: known === A4 ? 'a4' : 'idCard' };
  }
  // Unknown shape: its real size from the stage's scale.
  const mmPerPx = STAGE_WIDTH_MM / frameWidth;
  return {
    width: mmToPx(measured.width * mmPerPx, dpi),
    height: mmToPx(measured.height * mmPerPx, dpi),
    shape: 'measured',
  };
}

/**
 * Blur and glare of `page`. Blur is judged at the page's native scale on the still
 * (`nativeWidth`: its width in still pixels) — a camera's defocus is so many still pixels
 * wide, whatever the page's output resolution — and at most {@link QUALITY_WIDTH} wide.
 */
async function qualityIssues(page: Raster, nativeWidth = page.width): Promise<{ blur: number; glare: number; issues: QualityIssue[] }> {
  const width = Math.round(Math.min(page.width, nativeWidth, QUALITY_WIDTH));
  const small = width < page.width ? await resizeRaster(page, width) : page;
  const blur = blurScore(toGrey(small));
  const glare = glareShare(small);
  const issues: QualityIssue[] = [];
  if (blur > BLUR_LIMIT) issues.push('blurred');
  if (glare > GLARE_LIMIT) issues.push('glare');
  return { blur, glare, issues };
}

async function resizeRaster(image: Raster, width: number): Promise<Raster> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize({ width })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: image.channels, data };
}

function colourPipeline(pipeline: sharp.Sharp, colorMode: CaptureColorMode): sharp.Sharp {
  switch (colorMode) {
    case 'color':
      return pipeline;
    case 'grey':
      return pipeline.greyscale();
    case 'blackWhite':
      // Ink black, paper white: normalise the tones, then a fixed cut.
      return pipeline.greyscale().normalise().threshold(150);
  }
}

/**
 * Encodes `page` as JPEG within `maxBytes`: the qualities in turn, then 80 % of the
 * resolution, and so on. Returns the JPEG and the resolution it was made at.
 */
async function encodeWithinBudget(
  page: Raster,
  dpi: number,
  colorMode: CaptureColorMode,
  maxBytes: number,
): Promise<{ jpeg: Buffer; width: number; height: number; dpi: number }> {
  let scale = 1;
  for (;;) {
    const width = Math.max(1, Math.round(page.width * scale));
    const height = Math.max(1, Math.round(page.height * scale));
    const outDpi = Math.round(dpi * scale);
    for (const quality of JPEG_QUALITIES) {
      let pipeline = sharp(page.data, { raw: { width: page.width, height: page.height, channels: page.channels } });
      if (scale !== 1) pipeline = pipeline.resize({ width, height });
      const jpeg = await colourPipeline(pipeline, colorMode)
        .withMetadata({ density: outDpi })
        .jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:2:0' })
        .toBuffer();
      if (jpeg.byteLength <= maxBytes || (width <= 200 && quality === JPEG_QUALITIES[JPEG_QUALITIES.length - 1])) {
        return { jpeg, width, height, dpi: outDpi };
      }
    }
    scale *= 0.8;
  }
}

/** Turns `image` by `angleDeg` (clockwise positive) about its centre, keeping its size; corners filled with `background`. */
async function rotateRaster(image: Raster, angleDeg: number, background: number): Promise<Raster> {
  if (angleDeg === 0) return image;
  const rotated = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .rotate(angleDeg, { background: { r: background, g: background, b: background } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.floor((rotated.info.width - image.width) / 2));
  const top = Math.max(0, Math.floor((rotated.info.height - image.height) / 2));
  const { data, info } = await sharp(rotated.data, { raw: { width: rotated.info.width, height: rotated.info.height, channels: image.channels } })
    .extract({ left, top, width: Math.min(image.width, rotated.info.width), height: Math.min(image.height, rotated.info.height) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: image.channels, data };
}

/** Straightens a flat page (scanner sheet, or a frame without a page outline) by its text lines. */
async function deskewFlat(image: Raster, background: number): Promise<{ page: Raster; angle: number }> {
  const small = image.width > QUALITY_WIDTH ? await resizeRaster(image, QUALITY_WIDTH) : image;
  const angle = skewAngle(toGrey(small));
  return { page: Math.abs(angle) < 0.2 ? image : await rotateRaster(image, -angle, background), angle };
}

/**
 * Processes one still into a page. Throws only on undecodable image bytes (the caller maps
 * that to a device failure); everything about the page itself is in `issues`.
 */
export async function processStill(still: CapturedStill, options: ProcessOptions): Promise<ProcessedPage> {
  const profile: PageProfile = PAGE_PROFILES[options.kind];
  const dpi = options.dpi ?? (still.geometry === 'flatScan' && still.dpi !== undefined ? Math.min(still.dpi, profile.dpi) : profile.dpi);
  const maxBytes = options.maxBytes ?? profile.maxBytes;

  if (still.geometry === 'flatScan') {
    const full = await fullRaster(still.image);
    const { page, angle } = await deskewFlat(full, 255);
    const scanDpi = still.dpi ?? dpi;
    const scaled = scanDpi > dpi ? await resizeRaster(page, Math.round((page.width * dpi) / scanDpi)) : page;
    const quality = await qualityIssues(scaled);
    const encoded = await encodeWithinBudget(scaled, Math.min(dpi, scanDpi), options.colorMode, maxBytes);
    return { ...encoded, angleDeg: angle, shape: 'measured', issues: quality.issues, blurScore: quality.blur, glareShare: quality.glare };
  }

  const [small, full] = await Promise.all([greyCopy(still.image, DETECTION_WIDTH), fullRaster(still.image)]);
  const detection: PageDetection = detectPage(small, profile.minAreaShare);
  if (!detection.found) {
    const { page, angle } = await deskewFlat(full, 0);
    const quality = await qualityIssues(page);
    const issues: QualityIssue[] = detection.reason === 'empty' ? ['empty'] : ['pageNotFound', ...quality.issues];
    const frameDpi = Math.round((full.width / STAGE_WIDTH_MM) * 25.4);
    const encoded = await encodeWithinBudget(page, frameDpi, options.colorMode, maxBytes);
    return { ...encoded, angleDeg: angle, shape: 'measured', issues, blurScore: quality.blur, glareShare: quality.glare };
  }
  const quad = scaleQuad(detection.quad, full.width / small.width, full.height / small.height);
  const size = targetSize(quad, options.kind, dpi, full.width);
  const page = warpPerspective(full, quad, size.width, size.height);
  const quality = await qualityIssues(page, quadSize(quad).width);
  const issues: QualityIssue[] = detection.isCutOff ? ['cutOff', ...quality.issues] : quality.issues;
  const encoded = await encodeWithinBudget(page, dpi, options.colorMode, maxBytes);
  const [tl, tr] = quad;
  const angleDeg = (Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI;
  return { ...encoded, quad, angleDeg, shape: size.shape, issues, blurScore: quality.blur, glareShare: quality.glare };
}

/** Finds the page on a preview frame for the live outline; quick (the frame is small). */
export async function analysePreview(jpeg: Buffer, kind: PageKind): Promise<PreviewAnalysis> {
  const small = await greyCopy(jpeg, DETECTION_WIDTH);
  const detection = detectPage(small, PAGE_PROFILES[kind].minAreaShare);
  if (!detection.found) return { issues: detection.reason === 'empty' ? ['empty'] : ['pageNotFound'] };
  return {
    quad: scaleQuad(detection.quad, 1 / small.width, 1 / small.height),
    issues: detection.isCutOff ? ['cutOff'] : [],
  };
}

/** Turns an encoded page by a quarter turn (the citizen's rotate button); keeps its DPI. */
export async function rotatePage(jpeg: Buffer, quarterTurns: 1 | 2 | 3, dpi: number): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(jpeg).rotate(quarterTurns * 90).withMetadata({ density: dpi }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}
