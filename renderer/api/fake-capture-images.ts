/**
 * Pictures for the fake 高拍仪 (fake-capture.ts): a light page on the dark stage for the
 * preview, and the page alone, straightened, for the review and the thumbnails — drawn on a
 * canvas and encoded as JPEG base64, as the core would send them. Without a canvas (the
 * renderer's unit tests run in Node) every picture is one small constant JPEG.
 */
import type { CapturePoint, SimulatedDocumentKind, SimulatedDocumentVariant } from '../../electron/ipc/contract';

/** A 16 × 12 grey JPEG with a lighter page in it. */
export const FALLBACK_JPEG =
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAIF/8QAIRAAAAUDBQEAAAAAAAAAAAAAAQIFERMAEhQDBCIxUQb/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFREBAQAAAAAAAAAAAAAAAAAAAEH/2gAMAwEAAhEDEQA/AJ+KSNgq5ufoSxR2czFZ7n6EPAp9qkbBKwsDQilkv5mM7Wt2I+jWImq+/SpMDXila/gUzs7dgPo0UlffqsefryxPZwKVnZ+gDwKUf//Z';

export const PREVIEW_WIDTH = 640;
export const PREVIEW_HEIGHT = 480;

export type FakeDocument = Exclude<SimulatedDocumentKind, 'none'>;

export interface Placement {
  readonly document: SimulatedDocumentKind;
  readonly variant: SimulatedDocumentVariant;
  /** Pixels the page is off its resting place while it is still being put down. */
  readonly wobble: number;
}

export type Quad = readonly [CapturePoint, CapturePoint, CapturePoint, CapturePoint];

type Context2d = CanvasRenderingContext2D;

export function isIdCard(document: FakeDocument): boolean {
  return document === 'idCardFront' || document === 'idCardBack';
}

/** The page's size on the preview frame (px), centre and turn. */
function pageOnStage(placement: Placement & { readonly document: FakeDocument }) {
  const isCard = isIdCard(placement.document);
  const width = isCard ? 300 : 283;
  const height = isCard ? 189 : 400;
  const shift = placement.variant === 'cutOff' ? (isCard ? 250 : 230) : 0;
  return {
    width,
    height,
    cx: PREVIEW_WIDTH / 2 + shift + placement.wobble,
    cy: PREVIEW_HEIGHT / 2 - placement.wobble / 2,
    angle: ((isCard ? -5 : 3) + placement.wobble / 4) * (Math.PI / 180),
  };
}

/** The page's corners (TL, TR, BR, BL) as shares of the frame, kept inside it. */
export function quadOf(placement: Placement): Quad | null {
  if (placement.document === 'none') return null;
  const { width, height, cx, cy, angle } = pageOnStage({ ...placement, document: placement.document });
  const corner = (dx: number, dy: number): CapturePoint => {
    const x = cx + dx * Math.cos(angle) - dy * Math.sin(angle);
    const y = cy + dx * Math.sin(angle) + dy * Math.cos(angle);
    return { x: clamp(x / PREVIEW_WIDTH), y: clamp(y / PREVIEW_HEIGHT) };
  };
  return [corner(-width / 2, -height / 2), corner(width / 2, -height / 2), corner(width / 2, height / 2), corner(-width / 2, height / 2)];
}

function clamp(share: number): number {
  return Math.round(Math.min(1, Math.max(0, share)) * 10_000) / 10_000;
}

function encode(width: number, height: number, quality: number, draw: (ctx: Context2d) => void): string {
  if (typeof document === 'undefined') return FALLBACK_JPEG;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return FALLBACK_JPEG;
  draw(ctx);
  const url = canvas.toDataURL('image/jpeg', quality);
  // The fake hands the core's format on: base64 only, never a data: URL for the screen.
  return url.slice(url.indexOf(',') + 1);
}

/** One preview frame: the stage, and the page on it where {@link quadOf} says. */
export function previewJpeg(placement: Placement): string {
  return encode(PREVIEW_WIDTH, PREVIEW_HEIGHT, 0.7, (ctx) => {
    ctx.fillStyle = '#3a3e44';
    ctx.fillRect(0, 0, PREVIEW_WIDTH, PREVIEW_HEIGHT);
    ctx.strokeStyle = '#4a4f57';
    ctx.lineWidth = 2;
    ctx.strokeRect(40, 30, PREVIEW_WIDTH - 80, PREVIEW_HEIGHT - 60);
    if (placement.document === 'none') return;
    const stage = pageOnStage({ ...placement, document: placement.document });
    ctx.save();
    ctx.translate(stage.cx, stage.cy);
    ctx.rotate(stage.angle);
    ctx.translate(-stage.width / 2, -stage.height / 2);
    ctx.shadowColor = 'rgb(0 0 0 / 0.5)';
    ctx.shadowBlur = 12;
    paintPage(ctx, placement.document, placement.variant, stage.width, stage.height);
    ctx.restore();
  });
}

/** The page straightened (review: ≤ 1000 px; thumbnail: ≤ 240 px), turned `quarterTurns` clockwise. */
export function pageJpeg(
  document: FakeDocument,
  variant: SimulatedDocumentVariant,
  longSide: number,
  quarterTurns: number,
): { readonly base64: string; readonly width: number; readonly height: number } {
  const isCard = isIdCard(document);
  const ratio = isCard ? 85.6 / 54 : 297 / 210;
  const pageWidth = Math.round(isCard ? longSide : longSide / ratio);
  const pageHeight = Math.round(isCard ? longSide / ratio : longSide);
  const isSideways = quarterTurns % 2 === 1;
  const width = isSideways ? pageHeight : pageWidth;
  const height = isSideways ? pageWidth : pageHeight;
  const base64 = encode(width, height, 0.8, (ctx) => {
    ctx.translate(width / 2, height / 2);
    ctx.rotate((quarterTurns % 4) * (Math.PI / 2));
    ctx.translate(-pageWidth / 2, -pageHeight / 2);
    paintPage(ctx, document, variant, pageWidth, pageHeight);
  });
  return { base64, width, height };
}

/** The page itself, at the origin, `w` × `h`. */
function paintPage(ctx: Context2d, document: FakeDocument, variant: SimulatedDocumentVariant, w: number, h: number): void {
  ctx.save();
  if (variant === 'blur') ctx.filter = `blur(${Math.max(2, Math.round(w / 90))}px)`;
  ctx.fillStyle = isIdCard(document) ? '#eef2f4' : '#f6f4ef';
  ctx.fillRect(0, 0, w, h);
  ctx.shadowColor = 'transparent';
  switch (document) {
    case 'a4Text':
      paintText(ctx, w, h, 0.9);
      break;
    case 'a4Qr':
      paintText(ctx, w, h, 0.62);
      paintQr(ctx, w * 0.62, h * 0.72, w * 0.26);
      break;
    case 'idCardFront':
      paintCardFront(ctx, w, h);
      break;
    case 'idCardBack':
      paintCardBack(ctx, w, h);
      break;
  }
  ctx.restore();
  if (variant === 'glare') {
    ctx.save();
    ctx.shadowColor = 'transparent';
    const glare = ctx.createRadialGradient(w * 0.62, h * 0.36, 0, w * 0.62, h * 0.36, w * 0.32);
    glare.addColorStop(0, 'rgb(255 255 255 / 1)');
    glare.addColorStop(0.55, 'rgb(255 255 255 / 0.9)');
    glare.addColorStop(1, 'rgb(255 255 255 / 0)');
    ctx.fillStyle = glare;
    ctx.fillRect(0, 0, w, h);
    ctx.restore();
  }
}

function paintText(ctx: Context2d, w: number, h: number, until: number): void {
  ctx.fillStyle = '#3b4450';
  ctx.fillRect(w * 0.2, h * 0.07, w * 0.6, h * 0.03);
  ctx.fillStyle = '#8e98a4';
  let line = 0;
  for (let y = h * 0.16; y < h * until; y += h * 0.042) {
    const width = line % 5 === 4 ? 0.45 : 0.8 - (line % 3) * 0.06;
    ctx.fillRect(w * 0.1, y, w * width, Math.max(1, h * 0.012));
    line += 1;
  }
}

function paintQr(ctx: Context2d, x: number, y: number, size: number): void {
  const cell = size / 21;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - cell, y - cell, size + 2 * cell, size + 2 * cell);
  ctx.fillStyle = '#111111';
  for (let row = 0; row < 21; row += 1) {
    for (let col = 0; col < 21; col += 1) {
      const isFinder = (row < 7 && (col < 7 || col > 13)) || (row > 13 && col < 7);
      const ring = isFinder ? Math.max(Math.abs((row % 14) - 3), Math.abs((col % 14) - 3)) : 0;
      const isDark = isFinder ? ring !== 2 : (row * 7 + col * 13 + row * col) % 3 === 0;
      if (isDark) ctx.fillRect(x + col * cell, y + row * cell, cell, cell);
    }
  }
}

function paintCardFront(ctx: Context2d, w: number, h: number): void {
  ctx.fillStyle = '#7c8896';
  for (let i = 0; i < 5; i += 1) ctx.fillRect(w * 0.08, h * (0.14 + i * 0.13), w * (i === 3 ? 0.5 : 0.32), h * 0.045);
  ctx.fillRect(w * 0.3, h * 0.84, w * 0.6, h * 0.055);
  ctx.fillStyle = '#cdd5de';
  ctx.fillRect(w * 0.64, h * 0.14, w * 0.28, h * 0.58);
  ctx.fillStyle = '#98a6b5';
  ctx.beginPath();
  ctx.arc(w * 0.78, h * 0.35, h * 0.11, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(w * 0.69, h * 0.5, w * 0.18, h * 0.22);
}

function paintCardBack(ctx: Context2d, w: number, h: number): void {
  ctx.fillStyle = '#c0392b';
  ctx.beginPath();
  ctx.arc(w * 0.16, h * 0.26, h * 0.15, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#e7b53c';
  ctx.beginPath();
  ctx.arc(w * 0.16, h * 0.26, h * 0.06, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#5f6b78';
  ctx.fillRect(w * 0.36, h * 0.16, w * 0.5, h * 0.07);
  ctx.fillRect(w * 0.44, h * 0.3, w * 0.34, h * 0.06);
  ctx.fillStyle = '#8e98a4';
  ctx.fillRect(w * 0.3, h * 0.66, w * 0.56, h * 0.045);
  ctx.fillRect(w * 0.3, h * 0.8, w * 0.46, h * 0.045);
}
