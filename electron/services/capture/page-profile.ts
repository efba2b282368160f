/**
 * The shapes a captured page is straightened to (protocols.md §5.2): an A4 sheet, the
 * resident ID card (ISO/IEC 7810 ID-1, 85.6 × 54 mm), or whatever the page turns out to be.
 * The profile also sets the output resolution and how small a page may be on the stage
 * before it is taken for clutter rather than the material.
 */

export type PageKind = 'a4' | 'idCard' | 'auto';

export interface PageShape {
  /** Millimetres, portrait (short side first). */
  readonly shortMm: number;
  readonly longMm: number;
}

export const A4: PageShape = { shortMm: 210, longMm: 297 };
export const ID_CARD: PageShape = { shortMm: 54, longMm: 85.6 };

/** How far a measured long/short ratio may stray from a known shape and still be taken for it. */
export const ASPECT_TOLERANCE = 0.07;

export interface PageProfile {
  readonly kind: PageKind;
  /** Output resolution; the encoder lowers it if a page will not fit in {@link maxBytes}. */
  readonly dpi: number;
  /** Largest encoded page (JPEG bytes). */
  readonly maxBytes: number;
  /** Smallest share of the frame a page may cover and still be found. */
  readonly minAreaShare: number;
}

export const MAX_PAGE_BYTES = 300 * 1024;

export const PAGE_PROFILES: Readonly<Record<PageKind, PageProfile>> = {
  a4: { kind: 'a4', dpi: 150, maxBytes: MAX_PAGE_BYTES, minAreaShare: 0.2 },
  idCard: { kind: 'idCard', dpi: 300, maxBytes: MAX_PAGE_BYTES, minAreaShare: 0.03 },
  auto: { kind: 'auto', dpi: 150, maxBytes: MAX_PAGE_BYTES, minAreaShare: 0.03 },
};

/** The known shape a long/short ratio is closest to, within {@link ASPECT_TOLERANCE}. */
export function shapeOfAspect(ratio: number): PageShape | undefined {
  for (const shape of [A4, ID_CARD]) {
    if (Math.abs(ratio - shape.longMm / shape.shortMm) <= ASPECT_TOLERANCE) return shape;
  }
  return undefined;
}

export function mmToPx(mm: number, dpi: number): number {
  return Math.max(1, Math.round((mm / 25.4) * dpi));
}
