import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { TakeCardReminder } from '../components/take-card-reminder';
import { type LookupFlow, lookupScreenOf, lookupStepProps } from './lookup-steps';

export interface LookupStatusScreenProps {
  readonly status: SystemStatus;
  readonly flow: LookupFlow;
  /** `searching` while the core looks; `empty`: nothing found; `failed`: the platform could not answer. */
  readonly phase: 'searching' | 'empty' | 'failed';
  /** The core's polite message, if it sent one. */
  readonly message: string | null;
  /** A card was read: 请取回身份证 once there is nothing more to do with it. */
  readonly hasReadCard: boolean;
  readonly onRetry: () => void;
  readonly onChooseAgain: () => void;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/** 正在查询, 未查询到, 暂时无法查询: the states between the lookup and its result. */
export function LookupStatusScreen({
  status,
  flow,
  phase,
  message,
  hasReadCard,
  onRetry,
  onChooseAgain,
  onDone,
  onHome,
}: LookupStatusScreenProps): ReactNode {
  const { t } = useTranslation();
  const screen = lookupScreenOf(flow);
  const steps = lookupStepProps(t, flow, 'find');
  if (phase === 'searching') {
    return (
      <JourneyLayout status={status} onHome={onHome} {...steps} screen={screen}>
        <div className="notice notice--quiet" data-testid="lookup-searching">
          <Spinner />
          <p className="notice__text">{t('lookup.searching')}</p>
        </div>
      </JourneyLayout>
    );
  }
  const isEmpty = phase === 'empty';
  const emptyKey = flow === 'checkIn' ? 'checkIn' : 'progress';
  return (
    <JourneyLayout status={status} onHome={onHome} {...steps} screen={screen}>
      {hasReadCard && isEmpty ? <TakeCardReminder /> : null}
      <div className="notice" role={isEmpty ? 'status' : 'alert'} data-testid={isEmpty ? 'lookup-empty' : 'lookup-failed'}>
        <Icon name={isEmpty ? 'info' : 'alert'} className={`notice__icon${isEmpty ? ' notice__icon--info' : ' notice__icon--warning'}`} />
        <p className="notice__title">{isEmpty ? t(`${emptyKey}.emptyTitle`) : t('lookup.failedTitle')}</p>
        {isEmpty ? (
          <>
            {message ? (
              <p className="notice__text" data-testid="lookup-message">
                {message}
              </p>
            ) : null}
            <p className="notice__text notice__text--muted">{t(`${emptyKey}.emptyText`)}</p>
          </>
        ) : (
          <p className="notice__text" data-testid="lookup-message">
            {message ?? t('errors.generic')}
          </p>
        )}
        <div className="notice__actions">
          {isEmpty ? null : (
            <button type="button" className="button button--primary" data-testid="lookup-retry" onClick={onRetry}>
              {t('lookup.retry')}
            </button>
          )}
          <button type="button" className="button button--secondary" data-testid="lookup-choose-again" onClick={onChooseAgain}>
            {t('lookup.chooseAgain')}
          </button>
          {isEmpty ? (
            <button type="button" className="button button--primary" data-testid="lookup-done" onClick={onDone}>
              {t('progress.done')}
            </button>
          ) : null}
        </div>
      </div>
    </JourneyLayout>
  );
}
