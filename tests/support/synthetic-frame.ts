/**
 * A quick stand-in for a document camera frame, made with sharp alone: a light page with
 * dark "text" bars, turned and laid on a dark stage. For service tests that need a page
 * the pipeline can find; the simulator's seeded set is what measures the pipeline.
 */
import sharp from 'sharp';
import type { Quad } from '../../hardware/imaging/geometry.js';

export interface SyntheticFrameOptions {
  readonly width?: number;
  readonly height?: number;
  /** Page width in frame pixels; the page is A4-shaped (1 : 1.414). */
  readonly pageWidth?: number;
  readonly angleDeg?: number;
  /** Gaussian blur sigma over the whole frame (0: sharp). */
  readonly blur?: number;
  /** No page at all (empty stage). */
  readonly isEmpty?: boolean;
}

export async function syntheticFrame(options: SyntheticFrameOptions = {}): Promise<{ jpeg: Buffer; width: number; height: number; corners: Quad | null }> {
  const width = options.width ?? 1296;
  const height = options.height ?? 972;
  const pageWidth = options.pageWidth ?? Math.round(width * 0.42);
  const pageHeight = Math.round(pageWidth * 1.414);
  const angle = options.angleDeg ?? 6;
  const stage = sharp({ create: { width, height, channels: 3, background: { r: 34, g: 34, b: 38 } } });
  if (options.isEmpty === true) {
    const jpeg = await stage.jpeg({ quality: 90 }).toBuffer();
    return { jpeg, width, height, corners: null };
  }
  const bar = Math.max(2, Math.round(pageWidth / 80));
  let lines = '';
  for (let i = 0; i < 30; i += 1) {
    const y = Math.round(pageHeight * 0.08 + i * pageHeight * 0.028);
    lines += `<rect x="${Math.round(pageWidth * 0.08)}" y="${y}" width="${Math.round(pageWidth * (0.6 + ((i * 37) % 25) / 100))}" height="${bar}" fill="#202020"/>`;
  }
  const page = await sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${pageWidth}" height="${pageHeight}"><rect width="100%" height="100%" fill="#eeeeea"/>${lines}</svg>`),
  )
    .png()
    .toBuffer();
  const turned = await sharp(page).rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const meta = await sharp(turned).metadata();
  const left = Math.round((width - meta.width) / 2);
  const top = Math.round((height - meta.height) / 2);
  let frame = sharp(await stage.composite([{ input: turned, left, top }]).png().toBuffer());
  if ((options.blur ?? 0) > 0) frame = frame.blur(options.blur);
  const jpeg = await frame.jpeg({ quality: 90 }).toBuffer();
  const cx = left + meta.width / 2;
  const cy = top + meta.height / 2;
  const r = (angle * Math.PI) / 180;
  const corners = (
    [
      [-pageWidth / 2, -pageHeight / 2],
      [pageWidth / 2, -pageHeight / 2],
      [pageWidth / 2, pageHeight / 2],
      [-pageWidth / 2, pageHeight / 2],
    ] as const
  ).map(([x, y]) => ({ x: cx + x * Math.cos(r) - y * Math.sin(r), y: cy + x * Math.sin(r) + y * Math.cos(r) })) as unknown as Quad;
  return { jpeg, width, height, corners };
}
