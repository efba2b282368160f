import type { ReactNode } from 'react';

/** Light modules around the code that scanners need (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE_MODULES = 4;

export interface QrCodeProps {
  /** SVG path data over a `modules` × `modules` grid (TicketView.qrPath). */
  readonly path: string;
  readonly modules: number;
  readonly label: string;
}

/**
 * The ticket's QR code, drawn from path data only: never markup from the core, so nothing
 * in it can run script or load a remote image (CSP, R-E3).
 */
export function QrCode({ path, modules, label }: QrCodeProps): ReactNode {
  const size = Math.max(1, Math.floor(modules)) + 2 * QUIET_ZONE_MODULES;
  return (
    <svg
      className="qr-code"
      viewBox={`${-QUIET_ZONE_MODULES} ${-QUIET_ZONE_MODULES} ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="ticket-qr"
    >
      <rect x={-QUIET_ZONE_MODULES} y={-QUIET_ZONE_MODULES} width={size} height={size} className="qr-code__light" />
      <path d={path} className="qr-code__dark" />
    </svg>
  );
}
