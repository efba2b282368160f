import { type PointerEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Ink, type InkLimit, EMPTY_INK, beginStroke, endStroke, extendStroke, sharePoint, strokePixels, toSignature } from '../flows/signature-strokes';
import { useTheme } from '../themes/theme-context';
import { Icon } from './icons';

export interface SignaturePadProps {
  /** The signature after each stroke; null when cleared or empty. */
  readonly onChange: (signature: { aspect: number; strokes: number[][] } | null) => void;
  /** Above the pad, e.g. 请在框内签写您的姓名. */
  readonly label: string;
}

/** Ink width as a share of the pad's height, within bounds in CSS px. */
const INK_WIDTH_SHARE = 0.014;
const INK_WIDTH_MIN_PX = 3;
const INK_WIDTH_MAX_PX = 8;

interface Summary {
  readonly strokes: number;
  readonly points: number;
  readonly limit: InkLimit;
}

interface Pixel {
  readonly x: number;
  readonly y: number;
}

function mid(a: Pixel, b: Pixel): Pixel {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** The pen: the canvas's CSS colour (the theme's text colour), round ends. */
function pen(canvas: HTMLCanvasElement, height: number): CanvasRenderingContext2D | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const ink = getComputedStyle(canvas).color;
  context.strokeStyle = ink;
  context.fillStyle = ink;
  context.lineWidth = Math.min(INK_WIDTH_MAX_PX, Math.max(INK_WIDTH_MIN_PX, height * INK_WIDTH_SHARE));
  context.lineCap = 'round';
  context.lineJoin = 'round';
  return context;
}

function dot(context: CanvasRenderingContext2D, at: Pixel): void {
  context.beginPath();
  context.arc(at.x, at.y, context.lineWidth / 2, 0, Math.PI * 2);
  context.fill();
}

/**
 * A whole stroke, smoothed: quadratic curves through the midpoints between points, the points
 * as control points, so the corners of a finger's sampled path do not show. The live drawing
 * (segment) lays the same curves down piece by piece.
 */
function drawStroke(context: CanvasRenderingContext2D, points: readonly Pixel[]): void {
  const [first, second] = points;
  if (!first) return;
  if (!second) {
    dot(context, first);
    return;
  }
  context.beginPath();
  context.moveTo(first.x, first.y);
  const start = mid(first, second);
  context.lineTo(start.x, start.y);
  for (let i = 1; i + 1 < points.length; i += 1) {
    const control = points[i] ?? first;
    const end = mid(control, points[i + 1] ?? control);
    context.quadraticCurveTo(control.x, control.y, end.x, end.y);
  }
  const last = points.at(-1) ?? first;
  context.lineTo(last.x, last.y);
  context.stroke();
}

/** The piece a new last point adds; with `isEnd`, the tail to the last point. */
function drawSegment(context: CanvasRenderingContext2D, points: readonly Pixel[], isEnd: boolean): void {
  const n = points.length;
  const last = points[n - 1];
  const before = points[n - 2];
  if (!last) return;
  if (!before) {
    dot(context, last);
    return;
  }
  context.beginPath();
  if (isEnd) {
    const from = mid(before, last);
    context.moveTo(from.x, from.y);
    context.lineTo(last.x, last.y);
  } else if (n === 2) {
    const to = mid(before, last);
    context.moveTo(before.x, before.y);
    context.lineTo(to.x, to.y);
  } else {
    const from = mid(points[n - 3] ?? before, before);
    const to = mid(before, last);
    context.moveTo(from.x, from.y);
    context.quadraticCurveTo(before.x, before.y, to.x, to.y);
  }
  context.stroke();
}

/**
 * The touch signature: a canvas that takes a finger, a pen or a mouse (pointer capture, so a
 * stroke leaving the pad still ends; `touch-action: none`, so it never scrolls), one pointer
 * at a time, and 重写. The ink lives in shares of the pad (signature-strokes.ts): a resize
 * redraws it at the new size. The signature is reported after each stroke, and null when
 * cleared. At the contract's limits the pad takes no more ink and says so.
 */
export function SignaturePad({ onChange, label }: SignaturePadProps): ReactNode {
  const { t } = useTranslation();
  const { theme } = useTheme();
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const ink = useRef<Ink>(EMPTY_INK);
  const pointer = useRef<number | null>(null);
  const size = useRef({ width: 0, height: 0 });
  const [summary, setSummary] = useState<Summary>({ strokes: 0, points: 0, limit: null });

  const redraw = useCallback(() => {
    const element = canvas.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    size.current = { width, height };
    element.width = Math.max(1, Math.round(width * ratio));
    element.height = Math.max(1, Math.round(height * ratio));
    const context = pen(element, height);
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    for (const stroke of ink.current.strokes) drawStroke(context, strokePixels(stroke, width, height));
  }, []);

  useEffect(() => {
    redraw();
    const element = canvas.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(redraw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [redraw]);
  // The ink takes the theme's text colour: a new theme draws it again.
  useEffect(redraw, [redraw, theme]);

  const summarise = (): void => {
    const { strokes, pointCount, limit } = ink.current;
    setSummary((previous) =>
      previous.strokes === strokes.length && previous.points === pointCount && previous.limit === limit ? previous : { strokes: strokes.length, points: pointCount, limit },
    );
  };

  const lastStroke = (): readonly Pixel[] => strokePixels(ink.current.strokes.at(-1) ?? [], size.current.width, size.current.height);
  const context = (): CanvasRenderingContext2D | null => {
    const element = canvas.current;
    if (!element) return null;
    const drawing = pen(element, size.current.height);
    drawing?.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
    return drawing;
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (pointer.current !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    const rect = event.currentTarget.getBoundingClientRect();
    const before = ink.current;
    ink.current = beginStroke(before, sharePoint(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height), rect.width / Math.max(1, rect.height));
    if (!ink.current.isDrawing) {
      summarise();
      return;
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    pointer.current = event.pointerId;
    const drawing = context();
    if (drawing) drawSegment(drawing, lastStroke(), false);
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (event.pointerId !== pointer.current) return;
    const rect = event.currentTarget.getBoundingClientRect();
    // Fast strokes: every sample the browser merged into this event, for a smooth line.
    const samples = event.nativeEvent.getCoalescedEvents?.() ?? [];
    const drawing = context();
    for (const sample of samples.length > 0 ? samples : [event.nativeEvent]) {
      const before = ink.current;
      ink.current = extendStroke(before, sharePoint(sample.clientX - rect.left, sample.clientY - rect.top, rect.width, rect.height));
      if (ink.current !== before && ink.current.isDrawing && drawing) drawSegment(drawing, lastStroke(), false);
      if (!ink.current.isDrawing) break;
    }
    if (!ink.current.isDrawing) finish();
  };

  /** Pen up, cancelled, or the ink ran out: the stroke's tail, and the signature reported. */
  const finish = (): void => {
    const id = pointer.current;
    if (id === null) return;
    // Cleared first: releasing the capture fires lostpointercapture, which ends here too.
    pointer.current = null;
    const element = canvas.current;
    if (element?.hasPointerCapture(id)) element.releasePointerCapture(id);
    ink.current = endStroke(ink.current);
    const drawing = context();
    if (drawing) drawSegment(drawing, lastStroke(), true);
    summarise();
    onChange(toSignature(ink.current));
  };

  const onPointerEnd = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (event.pointerId === pointer.current) finish();
  };

  const clear = (): void => {
    pointer.current = null;
    ink.current = EMPTY_INK;
    redraw();
    summarise();
    onChange(null);
  };

  const isEmpty = summary.strokes === 0;
  const status = summary.limit === 'strokes' ? t('form.signature.fullStrokes') : summary.limit === 'points' ? t('form.signature.fullPoints') : isEmpty ? '' : t('form.signature.signed');

  return (
    <div className={`signature${summary.limit ? ' signature--full' : ''}`} data-testid="signature">
      <p id={`${id}-label`} className="signature__label">
        {label}
      </p>
      <div className="signature__pad">
        <canvas
          ref={canvas}
          className="signature__canvas"
          role="img"
          aria-label={`${label} (${t('form.signature.pad')})`}
          aria-describedby={`${id}-status`}
          data-testid="signature-canvas"
          data-strokes={summary.strokes}
          data-points={summary.points}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onLostPointerCapture={onPointerEnd}
        />
        <span className="signature__line" aria-hidden="true" />
        {isEmpty ? (
          <p className="signature__placeholder" aria-hidden="true">
            {t('form.signature.placeholder')}
          </p>
        ) : null}
      </div>
      <div className="signature__footer">
        <p id={`${id}-status`} className={`signature__status${summary.limit ? ' signature__status--full' : ''}`} role="status" data-testid="signature-status">
          {summary.limit ? <Icon name="alert" /> : isEmpty ? null : <Icon name="check" />}
          <span>{status}</span>
        </p>
        <button type="button" className="button button--secondary signature__clear" disabled={isEmpty && summary.limit === null} data-testid="signature-clear" onClick={clear}>
          <Icon name="rotate" />
          <span>{t('form.signature.clear')}</span>
        </button>
      </div>
    </div>
  );
}
