import type { ReactNode } from 'react';

export function Spinner(): ReactNode {
  return <span className="spinner" aria-hidden="true" />;
}
