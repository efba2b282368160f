import type { ReactNode } from 'react';

export interface CardReaderIllustrationProps {
  /** Already translated description for screen readers. */
  readonly label: string;
}

/**
 * A card coming down onto the reader's sensing area, resting there while signal arcs show it
 * is being read, then fading to start again. Drawn inline and animated in CSS only (base.css,
 * `.card-reader`), so nothing runs as script and CSP needs nothing; with
 * prefers-reduced-motion the card simply lies on the reader.
 */
export function CardReaderIllustration({ label }: CardReaderIllustrationProps): ReactNode {
  return (
    <svg className="card-reader" viewBox="0 0 360 320" role="img" aria-label={label} data-testid="card-reader-illustration">
      <rect className="card-reader__body" x="40" y="140" width="280" height="170" rx="28" />
      <rect className="card-reader__pad" x="74" y="164" width="212" height="122" rx="16" />
      <g className="card-reader__symbol">
        <path d="M172 208a16 16 0 0 1 0 34" />
        <path d="M184 198a30 30 0 0 1 0 54" />
        <path d="M196 188a44 44 0 0 1 0 74" />
      </g>
      <g className="card-reader__signal">
        <path d="M195.3 145.1A20 20 0 0 0 164.7 145.1" />
        <path d="M209.1 133.6A38 38 0 0 0 150.9 133.6" />
        <path d="M222.9 122.0A56 56 0 0 0 137.1 122.0" />
      </g>
      <g className="card-reader__card">
        <rect className="card-reader__card-face" x="92" y="172" width="176" height="108" rx="12" />
        <rect className="card-reader__card-band" x="92" y="172" width="176" height="16" rx="8" />
        <rect className="card-reader__card-line" x="106" y="200" width="70" height="8" rx="4" />
        <rect className="card-reader__card-line" x="106" y="218" width="92" height="8" rx="4" />
        <rect className="card-reader__card-line" x="106" y="236" width="56" height="8" rx="4" />
        <rect className="card-reader__card-line" x="106" y="258" width="146" height="8" rx="4" />
        <rect className="card-reader__card-photo" x="214" y="198" width="40" height="50" rx="5" />
        <circle className="card-reader__card-head" cx="234" cy="215" r="8" />
        <path className="card-reader__card-head" d="M220 246c2-10 8-14 14-14s12 4 14 14z" />
      </g>
    </svg>
  );
}
