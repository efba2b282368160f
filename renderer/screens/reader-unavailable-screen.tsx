import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ticketStepProps } from './ticket-steps';

export interface ReaderUnavailableScreenProps {
  readonly status: SystemStatus;
  /** The core's polite message; null uses the screen's own text. */
  readonly message: string | null;
  readonly onRetry: () => void;
  readonly onChooseAgain: () => void;
  readonly onHome: () => void;
}

/** `required` mode with no working reader: no ticket can be taken here; say so politely. */
export function ReaderUnavailableScreen({
  status,
  message,
  onRetry,
  onChooseAgain,
  onHome,
}: ReaderUnavailableScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, true, 'identify')} screen="reader-unavailable">
      <div className="notice" role="alert" data-testid="reader-unavailable">
        <Icon name="alert" className="notice__icon notice__icon--warning" />
        <p className="notice__title">{t('readerUnavailable.title')}</p>
        <p className="notice__text" data-testid="reader-unavailable-message">
          {message ?? t('readerUnavailable.text')}
        </p>
        <p className="notice__text">{t('readerUnavailable.contactStaff')}</p>
        <div className="notice__actions">
          <button type="button" className="button button--primary" data-testid="reader-unavailable-retry" onClick={onRetry}>
            {t('readerUnavailable.retry')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="reader-unavailable-choose-again"
            onClick={onChooseAgain}
          >
            {t('readerUnavailable.chooseAgain')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}
