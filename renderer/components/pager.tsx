import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

export interface PagerProps {
  /** From 0. */
  readonly page: number;
  readonly pageCount: number;
  /** Test ids `<testIdPrefix>-prev` / `-next`. */
  readonly testIdPrefix: string;
  readonly onPrev: () => void;
  readonly onNext: () => void;
}

/**
 * 上一页 / 第 1 / 3 页 / 下一页: large buttons instead of a scroll bar, which a finger on a
 * touch screen (or an elderly hand) cannot hit. Nothing when everything fits on one page.
 */
export function Pager({ page, pageCount, testIdPrefix, onPrev, onNext }: PagerProps): ReactNode {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button
        type="button"
        className="button button--secondary pager__button"
        disabled={page <= 0}
        data-testid={`${testIdPrefix}-prev`}
        onClick={onPrev}
      >
        <Icon name="chevronLeft" />
        <span>{t('pager.prev')}</span>
      </button>
      <p className="pager__status" aria-live="polite" data-testid={`${testIdPrefix}-status`}>
        {t('pager.status', { page: page + 1, count: pageCount })}
      </p>
      <button
        type="button"
        className="button button--secondary pager__button"
        disabled={page >= pageCount - 1}
        data-testid={`${testIdPrefix}-next`}
        onClick={onNext}
      >
        <span>{t('pager.next')}</span>
        <Icon name="chevronRight" />
      </button>
    </nav>
  );
}
