import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { ticketSteps } from './ticket-steps';

export interface TakingScreenProps {
  readonly status: SystemStatus;
  readonly categoryName: string | null;
  readonly onHome: () => void;
}

/** 正在出号…: the core is numbering and printing. */
export function TakingScreen({ status, categoryName, onHome }: TakingScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} steps={ticketSteps(t)} currentStep={1} screen="taking">
      <div className="notice notice--quiet" role="status" aria-live="polite" data-testid="ticket-taking">
        <Spinner />
        <p className="notice__title">{t('taking.title')}</p>
        {categoryName ? <p className="notice__text">{categoryName}</p> : null}
        <p className="notice__text notice__text--muted">{t('taking.hint')}</p>
      </div>
    </JourneyLayout>
  );
}
