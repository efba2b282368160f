/**
 * What a simulated job lays out on paper, in printer dots (203 dpi, 576 dots per 80 mm
 * line): produced by print-head.ts, rendered by job-text.ts and job-svg.ts.
 */
import type { QrErrorCorrection } from '../../protocols/escpos/commands.js';

/** One run of text sharing a style, positioned in dots from the paper's left edge. */
export interface TextSegment {
  readonly xDots: number;
  readonly widthDots: number;
  readonly text: string;
  readonly widthScale: number;
  readonly heightScale: number;
  readonly isBold: boolean;
  readonly isUnderline: boolean;
  readonly isReverse: boolean;
}

export type JobBlock =
  | { readonly kind: 'text'; readonly heightDots: number; readonly segments: readonly TextSegment[] }
  | { readonly kind: 'feed'; readonly dots: number }
  | {
      readonly kind: 'image';
      readonly xDots: number;
      readonly widthDots: number;
      readonly heightDots: number;
      readonly bytesPerRow: number;
      readonly bits: Uint8Array | undefined;
    }
  | {
      readonly kind: 'qr';
      readonly xDots: number;
      readonly sizeDots: number;
      readonly moduleDots: number;
      readonly errorCorrection: QrErrorCorrection;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: 'barcode';
      readonly xDots: number;
      readonly widthDots: number;
      readonly heightDots: number;
      readonly system: number;
      readonly data: Uint8Array;
    }
  | { readonly kind: 'cut'; readonly mode: 'full' | 'partial'; readonly isJammed: boolean };

