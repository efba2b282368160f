import type { ReactNode } from 'react';

/**
 * A neutral head-and-shoulders outline where an ID photo would be. The card's photo never
 * reaches the renderer (R-P2), so no screen can show a face.
 */
export function Silhouette({ className }: { readonly className?: string }): ReactNode {
  return (
    <svg
      className={className ? `silhouette ${className}` : 'silhouette'}
      viewBox="0 0 120 150"
      aria-hidden="true"
      focusable="false"
      data-testid="identity-silhouette"
    >
      <rect className="silhouette__frame" x="2" y="2" width="116" height="146" rx="12" />
      <circle className="silhouette__figure" cx="60" cy="58" r="24" />
      <path className="silhouette__figure" d="M16 148c2-30 20-50 44-50s42 20 44 50z" />
    </svg>
  );
}
