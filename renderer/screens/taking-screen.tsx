import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { ticketStepProps } from './ticket-steps';

export interface TakingScreenProps {
  readonly status: SystemStatus;
  readonly categoryName: string | null;
  readonly hasIdentityStep?: boolean;
  /** 取号 went direct because the card reader is unavailable: say so. */
  readonly isReaderSkipped?: boolean;
  readonly onHome: () => void;
}

/** 正在出号…: the core is numbering and printing. */
export function TakingScreen({
  status,
  categoryName,
  hasIdentityStep = false,
  isReaderSkipped = false,
  onHome,
}: TakingScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, hasIdentityStep, 'takeTicket')} screen="taking">
      <div className="notice notice--quiet" role="status" aria-live="polite" data-testid="ticket-taking">
        <Spinner />
        <p className="notice__title">{t('taking.title')}</p>
        {categoryName ? <p className="notice__text">{categoryName}</p> : null}
        <p className="notice__text notice__text--muted">{t('taking.hint')}</p>
        {isReaderSkipped ? (
          <p className="notice__text notice__text--muted" data-testid="taking-reader-skipped">
            {t('taking.readerSkipped')}
          </p>
        ) : null}
      </div>
    </JourneyLayout>
  );
}
