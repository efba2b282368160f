/**
 * Bench figures for the A4 office guide (issue #4, goal ≤ 60 KB and ≤ 150 ms warm): the size
 * of the fixture guide's PDF compressed as in production, and the median time of warm renders.
 * "Warm" means the font is already read and parsed, as it is for every print after the
 * first in a running kiosk; the first render pays ~0.5 s more for that.
 */
import path from 'node:path';
import { renderGuidePdf } from '../../electron/services/documents/guide-pdf.js';
import { GUIDE_PDF_OPTIONS, GUIDE_VIEW } from '../fixtures/guide-view.js';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../assets');
const DEFAULT_RUNS = 10;

export interface GuidePdfFigures {
  /** Size of the compressed PDF, bytes. */
  readonly bytes: number;
  /** Median of `runs` warm renders, ms. */
  readonly warmMs: number;
}

export async function measureGuidePdf(runs = DEFAULT_RUNS): Promise<GuidePdfFigures> {
  const options = { ...GUIDE_PDF_OPTIONS, assetsDir: ASSETS_DIR };
  const { bytes } = await renderGuidePdf(GUIDE_VIEW, options);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await renderGuidePdf(GUIDE_VIEW, options);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { bytes: bytes.byteLength, warmMs: times[Math.floor(times.length / 2)] ?? Number.NaN };
}
