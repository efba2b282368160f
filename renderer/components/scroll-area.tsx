import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

export interface ScrollAreaProps {
  /** Names the region for screen readers (and makes it focusable for keyboard scrolling). */
  readonly label: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

/** One press moves this much of the visible height: a line or two stays for orientation. */
const PAGE_FRACTION = 0.8;

/**
 * Long content with big 上翻 / 下翻 buttons beside it: swiping works too, but many elderly
 * citizens do not know to swipe, and a scroll bar is too thin to hit. The buttons are
 * disabled at the ends, so they also say whether there is more.
 */
export function ScrollArea({ label, testId, children }: ScrollAreaProps): ReactNode {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ canUp: false, canDown: false });

  const measure = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    const canUp = element.scrollTop > 1;
    const canDown = element.scrollTop + element.clientHeight < element.scrollHeight - 1;
    setEdges((previous) => (previous.canUp === canUp && previous.canDown === canDown ? previous : { canUp, canDown }));
  }, []);

  useEffect(() => {
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    // Sections opening and closing change the height without a scroll event.
    const observer = new ResizeObserver(measure);
    if (viewport.current) observer.observe(viewport.current);
    if (content.current) observer.observe(content.current);
    return () => observer.disconnect();
  }, [measure]);

  const scroll = (direction: 1 | -1): void => {
    const element = viewport.current;
    if (!element) return;
    const isReduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollBy({ top: direction * element.clientHeight * PAGE_FRACTION, behavior: isReduced ? 'auto' : 'smooth' });
  };

  return (
    <div className="scroll-area">
      <div
        ref={viewport}
        className="scroll-area__viewport"
        role="region"
        aria-label={label}
        // Focusable, so a hardware keyboard can scroll it (axe: scrollable-region-focusable).
        tabIndex={0}
        data-testid={testId}
        onScroll={measure}
      >
        <div ref={content} className="scroll-area__content">
          {children}
        </div>
      </div>
      <div className="scroll-area__rail" role="group" aria-label={t('scroll.label')}>
        <button
          type="button"
          className="button button--secondary scroll-area__button"
          disabled={!edges.canUp}
          data-testid="scroll-up"
          onClick={() => scroll(-1)}
        >
          <Icon name="chevronUp" />
          <span>{t('scroll.up')}</span>
        </button>
        <button
          type="button"
          className="button button--secondary scroll-area__button"
          disabled={!edges.canDown}
          data-testid="scroll-down"
          onClick={() => scroll(1)}
        >
          <Icon name="chevronDown" />
          <span>{t('scroll.down')}</span>
        </button>
      </div>
    </div>
  );
}
