import type { ReactNode } from 'react';

export interface ScannerIllustrationProps {
  /** Already translated description for screen readers. */
  readonly label: string;
}

/**
 * A code held up to the kiosk's scanner window: a phone showing a QR code moves towards the
 * window, the red scan line sweeps it. Drawn inline and animated in CSS only (services.css,
 * `.scanner`), so nothing runs as script and CSP needs nothing; with prefers-reduced-motion
 * the phone simply rests in front of the window.
 */
export function ScannerIllustration({ label }: ScannerIllustrationProps): ReactNode {
  return (
    <svg className="scanner" viewBox="0 0 360 320" role="img" aria-label={label} data-testid="scanner-illustration">
      <rect className="scanner__body" x="30" y="200" width="300" height="104" rx="24" />
      <rect className="scanner__window" x="90" y="222" width="180" height="58" rx="12" />
      <path className="scanner__arrow" d="M180 196v-14M171 190l9-10 9 10" />
      <g className="scanner__phone">
        <rect className="scanner__phone-case" x="118" y="12" width="124" height="150" rx="16" />
        <rect className="scanner__phone-screen" x="128" y="26" width="104" height="122" rx="6" />
        <g className="scanner__code" transform="translate(0 -6)">
          <rect x="140" y="44" width="26" height="26" rx="3" />
          <rect x="194" y="44" width="26" height="26" rx="3" />
          <rect x="140" y="116" width="26" height="26" rx="3" />
          <rect x="176" y="80" width="10" height="10" />
          <rect x="194" y="98" width="10" height="10" />
          <rect x="210" y="116" width="10" height="10" />
          <rect x="176" y="116" width="10" height="10" />
          <rect x="150" y="88" width="10" height="10" />
          <rect x="210" y="80" width="10" height="10" />
          <rect x="194" y="132" width="10" height="10" />
        </g>
        <rect className="scanner__code-hole" x="146" y="44" width="14" height="14" />
        <rect className="scanner__code-hole" x="200" y="44" width="14" height="14" />
        <rect className="scanner__code-hole" x="146" y="116" width="14" height="14" />
      </g>
      <path className="scanner__beam" d="M100 251h160" />
    </svg>
  );
}
