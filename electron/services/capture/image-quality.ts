/**
 * The quality check on a straightened page: is it sharp, is it free of glare, is it whole,
 * is there anything there at all. Each finding has a message a citizen understands and can
 * act on. Pure computation on rasters.
 */
import type { Raster } from '../../../hardware/imaging/raster.js';

export type QualityIssue = 'blurred' | 'glare' | 'cutOff' | 'empty' | 'pageNotFound';

/** What the citizen reads under the preview; short, polite, says what to do. */
export const QUALITY_MESSAGES: Readonly<Record<QualityIssue, string>> = {
  blurred: '图像模糊，请重新拍摄',
  glare: '材料反光，请调整角度或遮挡强光后重新拍摄',
  cutOff: '材料未完整拍入，请将材料放在拍摄区域中央',
  empty: '未检测到材料，请将材料平放在拍摄区域内',
  pageNotFound: '未识别到材料边缘，请确认图像完整清晰',
};

/** Issues that make a capture unusable (the others are warnings the citizen may accept). */
export const BLOCKING_ISSUES: ReadonlySet<QualityIssue> = new Set(['blurred', 'glare', 'cutOff', 'empty']);

/**
 * Blur score above which a page is too blurred to read (0 sharp … 1 flat). On the simulator's
 * set sharp pages score 0.11–0.27 and blurred ones 0.45–0.59 (5 MP and 1.3 MP frames).
 */
export const BLUR_LIMIT = 0.38;
/** Share of clipped page pixels above which the page has glare. */
export const GLARE_LIMIT = 0.008;
/** A grey level at or above this in every channel is clipped. */
const CLIPPED_LEVEL = 250;

/** Averages `grey` over 9 pixels along one axis (the re-blur of the blur metric). */
function boxBlur(grey: Uint8Array, width: number, height: number, vertical: boolean): Float32Array {
  const out = new Float32Array(grey.length);
  const radius = 4;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let d = -radius; d <= radius; d += 1) {
        const xx = vertical ? x : Math.min(width - 1, Math.max(0, x + d));
        const yy = vertical ? Math.min(height - 1, Math.max(0, y + d)) : y;
        sum += grey[yy * width + xx]!;
      }
      out[y * width + x] = sum / (2 * radius + 1);
    }
  }
  return out;
}

/**
 * The no-reference blur metric of Crete et al. (2007, "The blur effect"): how much of the
 * image's neighbour-to-neighbour variation survives a further blur. A sharp page loses much
 * of it (score near 0.2–0.35); a blurred one has little left to lose (score near 1).
 * `grey` should be the page at its output resolution, one channel.
 */
export function blurScore(grey: Raster): number {
  if (grey.channels !== 1) throw new RangeError('blurScore needs a one-channel raster');
  const { width, height, data } = grey;
  let worst = 0;
  for (const vertical of [false, true]) {
    const blurred = boxBlur(data, width, height, vertical);
    const step = vertical ? width : 1;
    let sumSharp = 0;
    let sumLost = 0;
    for (let y = vertical ? 1 : 0; y < height; y += 1) {
      for (let x = vertical ? 0 : 1; x < width; x += 1) {
        const i = y * width + x;
        const dSharp = Math.abs(data[i]! - data[i - step]!);
        const dBlurred = Math.abs(blurred[i]! - blurred[i - step]!);
        sumSharp += dSharp;
        sumLost += Math.max(0, dSharp - dBlurred);
      }
    }
    if (sumSharp === 0) return 1;
    worst = Math.max(worst, (sumSharp - sumLost) / sumSharp);
  }
  return worst;
}

/** Share of pixels clipped to white in every channel (specular glare), over an RGB or grey raster. */
export function glareShare(image: Raster): number {
  const { data, channels } = image;
  const colourChannels = Math.min(channels, 3);
  const pixels = data.length / channels;
  let clipped = 0;
  for (let i = 0; i < data.length; i += channels) {
    let isClipped = true;
    for (let k = 0; k < colourChannels; k += 1) {
      if (data[i + k]! < CLIPPED_LEVEL) {
        isClipped = false;
        break;
      }
    }
    if (isClipped) clipped += 1;
  }
  return clipped / pixels;
}

/** Converts an RGB(A) raster to one grey channel (Rec. 601 luma). */
export function toGrey(image: Raster): Raster {
  if (image.channels === 1) return image;
  const pixels = image.width * image.height;
  const grey = new Uint8Array(pixels);
  const { data, channels } = image;
  for (let p = 0, i = 0; p < pixels; p += 1, i += channels) {
    grey[p] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114 + 500) / 1000;
  }
  return { width: image.width, height: image.height, channels: 1, data: grey };
}
