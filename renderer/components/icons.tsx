/**
 * Line icons drawn inline (no image requests, nothing for CSP to allow). 48×48 grid,
 * `currentColor` strokes, hidden from screen readers: the text next to them says it.
 */
import type { ReactNode } from 'react';

export type IconName =
  | 'ticket'
  | 'guide'
  | 'application'
  | 'progress'
  | 'appointment'
  | 'evaluation'
  | 'home'
  | 'alert'
  | 'printer'
  | 'check'
  | 'pause'
  | 'care'
  | 'language'
  | 'hall'
  | 'clock'
  | 'people'
  | 'idCard'
  | 'priority'
  | 'info'
  | 'search'
  | 'chevronLeft'
  | 'chevronRight'
  | 'chevronUp'
  | 'chevronDown'
  | 'backspace'
  | 'keyboard'
  | 'contrast'
  | 'close'
  | 'building'
  | 'document'
  | 'star'
  | 'phone'
  | 'location'
  | 'link'
  | 'qrCode'
  | 'camera'
  | 'rotate';

const PATHS: Record<IconName, ReactNode> = {
  ticket: (
    <>
      <path d="M6 13h36v7a4 4 0 0 0 0 8v7H6v-7a4 4 0 0 0 0-8z" />
      <path d="M31 14v20" strokeDasharray="3 3" />
      <path d="M13 20h11M13 28h8" />
    </>
  ),
  guide: (
    <>
      <path d="M24 12c-4-3-10-4-17-3v28c7-1 13 0 17 3 4-3 10-4 17-3V9c-7-1-13 0-17 3z" />
      <path d="M24 12v28" />
    </>
  ),
  application: (
    <>
      <rect x="5" y="10" width="38" height="28" rx="3" />
      <circle cx="16" cy="22" r="5" />
      <path d="M9 33c2-4 5-5 7-5s5 1 7 5M28 19h9M28 25h9M28 31h6" />
    </>
  ),
  progress: (
    <>
      <circle cx="21" cy="21" r="12" />
      <path d="M30 30l11 11M16 21h10M21 16v10" />
    </>
  ),
  appointment: (
    <>
      <rect x="6" y="10" width="36" height="32" rx="3" />
      <path d="M6 18h36M16 6v8M32 6v8M17 30l5 5 9-10" />
    </>
  ),
  evaluation: (
    <path d="M24 6l5.3 11.3 12.2 1.4-9 8.4 2.4 12.1L24 33.1l-10.9 6.1 2.4-12.1-9-8.4 12.2-1.4z" />
  ),
  home: <path d="M5 23L24 7l19 16M10 19v22h10V30h8v11h10V19" />,
  alert: (
    <>
      <path d="M24 5L45 41H3z" />
      <path d="M24 18v11M24 34v1" />
    </>
  ),
  printer: (
    <>
      <path d="M13 18V6h22v12M13 34H7V18h34v16h-6" />
      <path d="M13 28h22v14H13z" />
      <path d="M34 23h1" />
    </>
  ),
  check: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M15 24l7 7 12-13" />
    </>
  ),
  pause: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M19 16v16M29 16v16" />
    </>
  ),
  care: (
    <path d="M24 41S6 30.5 6 18.5C6 12.7 10.4 8 15.8 8c3.5 0 6.5 2 8.2 5 1.7-3 4.7-5 8.2-5C37.6 8 42 12.7 42 18.5 42 30.5 24 41 24 41z" />
  ),
  language: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M6 24h36M24 6c-6 6-6 30 0 36M24 6c6 6 6 30 0 36" />
    </>
  ),
  hall: (
    <>
      <path d="M5 17L24 7l19 10z" />
      <path d="M9 21v15M18 21v15M30 21v15M39 21v15M5 41h38M7 36h34" />
    </>
  ),
  clock: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M24 13v11l7 5" />
    </>
  ),
  people: (
    <>
      <circle cx="18" cy="16" r="6" />
      <path d="M6 40c0-8 5-13 12-13s12 5 12 13" />
      <circle cx="33" cy="17" r="5" />
      <path d="M33 27c5 0 9 4 9 11" />
    </>
  ),
  idCard: (
    <>
      <rect x="4" y="10" width="40" height="28" rx="4" />
      <path d="M10 18h14M10 24h10M10 31h18" />
      <rect x="30" y="16" width="9" height="11" rx="1.5" />
    </>
  ),
  priority: <path d="M8 12l12 12-12 12M24 12l12 12-12 12" />,
  info: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M24 22v12M24 15v1" />
    </>
  ),
  search: (
    <>
      <circle cx="20" cy="20" r="13" />
      <path d="M30 30l12 12" />
    </>
  ),
  chevronLeft: <path d="M30 8L14 24l16 16" />,
  chevronRight: <path d="M18 8l16 16-16 16" />,
  chevronUp: <path d="M8 30l16-16 16 16" />,
  chevronDown: <path d="M8 18l16 16 16-16" />,
  backspace: (
    <>
      <path d="M16 10h26v28H16L4 24z" />
      <path d="M22 18l12 12M34 18L22 30" />
    </>
  ),
  keyboard: (
    <>
      <rect x="3" y="12" width="42" height="26" rx="3" />
      <path d="M10 19h2M17 19h2M24 19h2M31 19h2M38 19h0M10 25h2M17 25h2M24 25h2M31 25h2M14 31h20" />
    </>
  ),
  contrast: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M24 6a18 18 0 0 1 0 36z" fill="currentColor" />
    </>
  ),
  close: <path d="M12 12l24 24M36 12L12 36" />,
  building: (
    <>
      <path d="M8 42V10h20v32M28 20h12v22M4 42h40" />
      <path d="M14 17h2M20 17h2M14 24h2M20 24h2M14 31h2M20 31h2M33 27h2M33 34h2" />
    </>
  ),
  document: (
    <>
      <path d="M11 5h18l9 9v29H11z" />
      <path d="M29 5v9h9M17 22h15M17 29h15M17 36h10" />
    </>
  ),
  star: <path d="M24 7l5 10.5 11.5 1.5-8.4 8 2.1 11.4L24 33l-10.2 5.4 2.1-11.4-8.4-8 11.5-1.5z" />,
  phone: (
    <path d="M14 6l6 9-4 4c2 5 6 9 11 11l4-4 9 6-3 7c-16 0-30-14-30-30z" />
  ),
  location: (
    <>
      <path d="M24 43S9 29 9 19a15 15 0 0 1 30 0c0 10-15 24-15 24z" />
      <circle cx="24" cy="19" r="5" />
    </>
  ),
  link: (
    <>
      <path d="M21 27a8 8 0 0 0 11 0l7-7a8 8 0 0 0-11-11l-3 3" />
      <path d="M27 21a8 8 0 0 0-11 0l-7 7a8 8 0 0 0 11 11l3-3" />
    </>
  ),
  qrCode: (
    <>
      <rect x="7" y="7" width="13" height="13" rx="1.5" />
      <rect x="28" y="7" width="13" height="13" rx="1.5" />
      <rect x="7" y="28" width="13" height="13" rx="1.5" />
      <path d="M12 12h3v3h-3zM33 12h3v3h-3zM12 33h3v3h-3zM28 28h5v5M41 28v5M28 41h4M37 37h4v4" />
    </>
  ),
  camera: (
    <>
      <path d="M5 16h9l3-5h14l3 5h9v24H5z" />
      <circle cx="24" cy="27" r="7.5" />
    </>
  ),
  rotate: (
    <>
      <path d="M24 9a15 15 0 1 1-14.2 10.3" />
      <path d="M24 3l6 6-6 6" />
    </>
  ),
};

export interface IconProps {
  readonly name: IconName;
  readonly className?: string;
}

export function Icon({ name, className }: IconProps): ReactNode {
  return <LineArt className={className ? `icon ${className}` : 'icon'}>{PATHS[name]}</LineArt>;
}

export interface LineArtProps {
  readonly className: string;
  readonly children: ReactNode;
}

/** The 48×48 `currentColor` line drawing every icon (and the rating faces) is drawn in. */
export function LineArt({ className, children }: LineArtProps): ReactNode {
  return (
    <svg
      className={className}
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}
