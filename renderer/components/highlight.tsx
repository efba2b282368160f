import type { ReactNode } from 'react';

export interface TextSegment {
  readonly text: string;
  readonly isMatch: boolean;
}

/**
 * `text` cut into plain and matched runs from the core's half-open `[start, end)` ranges
 * (UTF-16 indices, as JavaScript strings count them). Ranges are not trusted: reversed,
 * empty, non-integer or wholly outside the text are ignored, partly outside are clipped,
 * overlapping or touching ones are merged, and their order does not matter.
 */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[]): readonly TextSegment[] {
  const clipped = ranges
    .filter(([start, end]) => Number.isInteger(start) && Number.isInteger(end) && start < end && end > 0 && start < text.length)
    .map(([start, end]) => [Math.max(0, start), Math.min(text.length, end)] as const)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of clipped) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: TextSegment[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) segments.push({ text: text.slice(position, start), isMatch: false });
    segments.push({ text: text.slice(start, end), isMatch: true });
    position = end;
  }
  if (position < text.length || segments.length === 0) segments.push({ text: text.slice(position), isMatch: false });
  return segments;
}

export interface HighlightedProps {
  readonly text: string;
  readonly ranges: readonly (readonly [number, number])[];
}

/** The text with its matched runs in `<mark>` (styled with a fill and an underline). */
export function Highlighted({ text, ranges }: HighlightedProps): ReactNode {
  return highlightSegments(text, ranges).map((segment, index) =>
    segment.isMatch ? (
      <mark key={index} className="mark">
        {segment.text}
      </mark>
    ) : (
      segment.text
    ),
  );
}
