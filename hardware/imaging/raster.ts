/**
 * Raw pixel buffers as sharp gives them (`.raw()`: interleaved 8-bit channels, row-major)
 * and the one operation sharp lacks: a perspective warp. Everything else — decoding,
 * resizing, blurring, encoding — is sharp's.
 */
import { homography, rectangleQuad, type Quad } from './geometry.js';

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array;
}

export function createRaster(width: number, height: number, channels: Raster['channels'], fill = 0): Raster {
  const data = new Uint8Array(width * height * channels);
  if (fill !== 0) data.fill(fill);
  return { width, height, channels, data };
}

/**
 * Samples the quadrilateral `sourceQuad` of `source` into a `width × height` raster
 * (inverse mapping, bilinear). Output pixels whose source falls outside `source` get
 * `background`. Throws on a degenerate quadrilateral (a bug upstream: callers check).
 */
export function warpPerspective(source: Raster, sourceQuad: Quad, width: number, height: number, background = 0): Raster {
  const h = homography(rectangleQuad(width, height), sourceQuad);
  if (h === undefined) throw new RangeError('degenerate quadrilateral');
  const out = createRaster(width, height, source.channels, background);
  const { data: src, width: sw, height: sh, channels: c } = source;
  const dst = out.data;
  const maxX = sw - 1;
  const maxY = sh - 1;
  for (let y = 0; y < height; y += 1) {
    // Pixel centres: sample at (x + 0.5, y + 0.5) of the output, minus 0.5 in the source.
    const oy = y + 0.5;
    let wx = h[0] * 0.5 + h[1] * oy + h[2];
    let wy = h[3] * 0.5 + h[4] * oy + h[5];
    let ww = h[6] * 0.5 + h[7] * oy + h[8];
    let di = y * width * c;
    for (let x = 0; x < width; x += 1, wx += h[0], wy += h[3], ww += h[6], di += c) {
      const sx = wx / ww - 0.5;
      const sy = wy / ww - 0.5;
      if (sx < 0 || sy < 0 || sx > maxX || sy > maxY) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = x0 < maxX ? x0 + 1 : x0;
      const y1 = y0 < maxY ? y0 + 1 : y0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * sw + x0) * c;
      const i10 = (y0 * sw + x1) * c;
      const i01 = (y1 * sw + x0) * c;
      const i11 = (y1 * sw + x1) * c;
      for (let k = 0; k < c; k += 1) {
        const top = src[i00 + k]! + (src[i10 + k]! - src[i00 + k]!) * fx;
        const bottom = src[i01 + k]! + (src[i11 + k]! - src[i01 + k]!) * fx;
        dst[di + k] = top + (bottom - top) * fy + 0.5;
      }
    }
  }
  return out;
}
