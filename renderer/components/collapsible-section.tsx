import type { ReactNode } from 'react';
import { Icon } from './icons';

export interface CollapsibleSectionProps {
  /** Used in element ids and test ids: `guide-section-<id>`. */
  readonly id: string;
  readonly title: string;
  /** A short line beside the title, e.g. 共 5 项材料. */
  readonly summary?: string | null;
  readonly isOpen: boolean;
  readonly onToggle: () => void;
  readonly children: ReactNode;
}

/**
 * A section of a long page behind a big header button (the whole width is the target).
 * Closed content stays in the document, hidden, so `aria-controls` always points somewhere.
 */
export function CollapsibleSection({ id, title, summary = null, isOpen, onToggle, children }: CollapsibleSectionProps): ReactNode {
  const headingId = `guide-section-${id}-heading`;
  const bodyId = `guide-section-${id}-body`;
  return (
    <section
      className={`fold${isOpen ? ' fold--open' : ''}`}
      aria-labelledby={headingId}
      data-testid={`guide-section-${id}`}
      data-open={isOpen}
    >
      <h3 className="fold__heading" id={headingId}>
        <button
          type="button"
          className="fold__toggle"
          aria-expanded={isOpen}
          aria-controls={bodyId}
          data-testid={`guide-section-${id}-toggle`}
          onClick={onToggle}
        >
          <span className="fold__title">{title}</span>
          {summary ? <span className="fold__summary">{summary}</span> : null}
          <Icon name={isOpen ? 'chevronUp' : 'chevronDown'} className="fold__chevron" />
        </button>
      </h3>
      <div id={bodyId} className="fold__body" hidden={!isOpen}>
        {children}
      </div>
    </section>
  );
}
