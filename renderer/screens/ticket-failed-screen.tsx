import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { TakeCardReminder } from '../components/take-card-reminder';
import { ticketStepProps } from './ticket-steps';

export interface TicketFailedScreenProps {
  readonly status: SystemStatus;
  /** The core's polite message; null uses the generic text. */
  readonly message: string | null;
  readonly hasIdentityStep?: boolean;
  /** A card was read in this journey: remind the citizen to take it back. */
  readonly hasReadCard?: boolean;
  readonly onRetry: () => void;
  readonly onChooseAgain: () => void;
  readonly onHome: () => void;
}

/** No ticket was issued: say why, offer to try again or choose another category. */
export function TicketFailedScreen({
  status,
  message,
  hasIdentityStep = false,
  hasReadCard = false,
  onRetry,
  onChooseAgain,
  onHome,
}: TicketFailedScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, hasIdentityStep, 'takeTicket')} screen="failed">
      {/* 重试 still needs the card on the reader: the reminder is for leaving, and not spoken. */}
      {hasReadCard ? <TakeCardReminder variant="beforeLeaving" /> : null}
      <div className="notice" role="alert" data-testid="ticket-error">
        <Icon name="alert" className="notice__icon notice__icon--warning" />
        <p className="notice__title">{t('failed.title')}</p>
        <p className="notice__text" data-testid="ticket-error-message">
          {message ?? t('errors.generic')}
        </p>
        <div className="notice__actions">
          <button type="button" className="button button--primary" data-testid="ticket-retry" onClick={onRetry}>
            {t('failed.retry')}
          </button>
          <button type="button" className="button button--secondary" data-testid="ticket-choose-again" onClick={onChooseAgain}>
            {t('failed.chooseAgain')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}
