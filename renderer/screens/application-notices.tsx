import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { type ApplicationFailure, type ApplicationRetry, type ApplicationStepId, TIMEOUT } from '../flows/application-types';
import { applicationStepProps } from './application-steps';

export interface ApplicationWaitScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly step: ApplicationStepId;
  readonly title: string;
  readonly text?: string;
  readonly onHome: () => void;
}

/** A moment only (or up to ~10 s while submitting): what is happening, calmly. */
export function ApplicationWaitScreen({ status, begun, step, title, text, onHome }: ApplicationWaitScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, step)} screen="application-wait">
      <div className="notice notice--quiet" role="status" aria-live="polite" data-testid="application-wait" data-step={step}>
        <Spinner />
        <p className="notice__title">{title}</p>
        {text ? <p className="notice__text notice__text--muted">{text}</p> : null}
      </div>
    </JourneyLayout>
  );
}

/** The step a failed call belongs to, for the step indicator. */
function stepOf(retry: ApplicationRetry): ApplicationStepId {
  switch (retry) {
    case 'begin':
    case 'setAgent':
      return 'intro';
    case 'setForm':
      return 'form';
    case 'sign':
      return 'commitment';
    case 'review':
    case 'submit':
    case 'printNotice':
      return 'review';
  }
}

export interface ApplicationFailedScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly failure: ApplicationFailure;
  readonly onRetry: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** What went wrong, in the core's words when it gave some, with 重试 and 返回. */
export function ApplicationFailedScreen({ status, begun, failure, onRetry, onBack, onHome }: ApplicationFailedScreenProps): ReactNode {
  const { t } = useTranslation();
  const message = failure.message ?? (failure.code === TIMEOUT ? t('application.failure.timeout') : t('errors.generic'));
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, stepOf(failure.retry))} screen="application-failed">
      <div className="notice" role="alert" data-testid="application-failed" data-code={failure.code} data-retry={failure.retry}>
        <Icon name="alert" className="notice__icon notice__icon--warning" />
        <p className="notice__title">{failureTitle(failure.retry, t)}</p>
        <p className="notice__text" data-testid="application-failed-message">
          {message}
        </p>
        <div className="notice__actions">
          <button type="button" className="button button--secondary" data-testid="application-failed-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            {t('application.failure.back')}
          </button>
          <button type="button" className="button button--primary" data-testid="application-retry" onClick={onRetry}>
            {t('application.failure.retry')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}

function failureTitle(retry: ApplicationRetry, t: TFunction): string {
  switch (retry) {
    case 'begin':
      return t('application.failure.title.begin');
    case 'setAgent':
      return t('application.failure.title.setAgent');
    case 'setForm':
      return t('application.failure.title.setForm');
    case 'sign':
      return t('application.failure.title.sign');
    case 'review':
      return t('application.failure.title.review');
    case 'submit':
      return t('application.failure.title.submit');
    case 'printNotice':
      return t('application.failure.title.printNotice');
  }
}
