import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueCategory, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { ticketStepProps } from './ticket-steps';

export interface CategoryScreenProps {
  readonly status: SystemStatus;
  readonly phase: 'loading' | 'ready' | 'loadFailed';
  readonly categories: readonly QueueCategory[];
  /** The core's message when the list could not be loaded; null uses the generic text. */
  readonly failureMessage: string | null;
  /**
   * False for a moment after the list appears, while taps are refused (see TAP_GUARD_MS);
   * shown as `data-accepting` for tests that must wait for it.
   */
  readonly isAcceptingTaps: boolean;
  /** The steps show 刷身份证 (the terminal will ask for the card after the choice). */
  readonly hasIdentityStep?: boolean;
  readonly onChoose: (categoryId: string) => void;
  readonly onRetry: () => void;
  readonly onHome: () => void;
}

/** 选择业务类别: one tap takes a ticket. */
export function CategoryScreen({
  status,
  phase,
  categories,
  failureMessage,
  isAcceptingTaps,
  hasIdentityStep = false,
  onChoose,
  onRetry,
  onHome,
}: CategoryScreenProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.chooseCategory');
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, hasIdentityStep, 'chooseCategory')} screen="category">
      <h2 className="screen__title">{t('category.title')}</h2>
      {phase === 'loading' ? (
        <div className="notice notice--quiet">
          <Spinner />
          <p className="notice__text">{t('category.loading')}</p>
        </div>
      ) : null}
      {phase === 'loadFailed' ? (
        <div className="notice" role="alert" data-testid="category-load-failed">
          <Icon name="alert" className="notice__icon notice__icon--warning" />
          <p className="notice__title">{t('category.loadFailed')}</p>
          <p className="notice__text">{failureMessage ?? t('errors.generic')}</p>
          <button type="button" className="button button--primary" data-testid="category-retry" onClick={onRetry}>
            {t('category.retry')}
          </button>
        </div>
      ) : null}
      {phase === 'ready' && categories.length === 0 ? (
        <div className="notice" data-testid="category-empty">
          <p className="notice__text">{t('category.empty')}</p>
        </div>
      ) : null}
      {phase === 'ready' && categories.length > 0 ? (
        <ul
          className={`categories categories--${Math.min(categories.length, 9)}`}
          data-testid="category-list"
          data-accepting={isAcceptingTaps}
        >
          {categories.map((category) => (
            <li key={category.id} className="categories__slot">
              <button
                type="button"
                className="category"
                data-testid={`category-${category.id}`}
                onClick={() => onChoose(category.id)}
              >
                <span className="category__prefix" aria-hidden="true">
                  {category.prefix}
                </span>
                <span className="category__text">
                  <span className="category__name">{category.name}</span>
                  {category.description ? <span className="category__description">{category.description}</span> : null}
                  <span className="category__waiting" data-testid={`category-${category.id}-waiting`}>
                    <Icon name="people" />
                    {t('category.waiting', { count: category.waitingCount })}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </JourneyLayout>
  );
}
