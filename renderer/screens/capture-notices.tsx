import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureMaterialView, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { type CaptureFailure, TIMEOUT, TRANSPORT, captureTotals } from '../flows/capture-types';
import { type CaptureStepId, captureStepProps } from './capture-steps';

export interface CaptureWaitScreenProps {
  readonly status: SystemStatus;
  readonly step: CaptureStepId;
  readonly text: string;
  readonly onHome: () => void;
}

/** A moment only: the list loading, the camera opening, pages being discarded. */
export function CaptureWaitScreen({ status, step, text, onHome }: CaptureWaitScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, step)} screen="capture-wait">
      <div className="notice notice--quiet" role="status" data-testid="capture-wait">
        <Spinner />
        <p className="notice__text">{text}</p>
      </div>
    </JourneyLayout>
  );
}

export interface CaptureFailedScreenProps {
  readonly status: SystemStatus;
  readonly failure: CaptureFailure;
  readonly onRetry: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** What went wrong, in the core's words when it gave some, with 重试 and 返回. */
export function CaptureFailedScreen({ status, failure, onRetry, onBack, onHome }: CaptureFailedScreenProps): ReactNode {
  const { t } = useTranslation();
  const step: CaptureStepId = failure.retry === 'begin' ? 'choose' : failure.retry === 'review' || failure.retry === 'retake' ? 'confirm' : 'shoot';
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, step)} screen="capture-failed">
      <div className="notice" role="alert" data-testid="capture-failed" data-code={failure.code}>
        <Icon name="alert" className="notice__icon notice__icon--warning" />
        <p className="notice__title">{t(`capture.failure.title.${failure.retry}`)}</p>
        <p className="notice__text" data-testid="capture-failed-message">
          {failure.message ?? failureText(failure.code, t)}
        </p>
        <div className="notice__actions">
          <button type="button" className="button button--secondary" data-testid="capture-failed-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            {t('capture.failure.back')}
          </button>
          <button type="button" className="button button--primary" data-testid="capture-retry" onClick={onRetry}>
            {t('capture.failure.retry')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}

function failureText(code: string, t: TFunction): string {
  switch (code) {
    case 'offline':
      return t('capture.failure.offline');
    case 'noDevice':
      return t('capture.failure.noDevice');
    case 'camera':
      return t('capture.failure.camera');
    case TIMEOUT:
      return t('capture.failure.timeout');
    case TRANSPORT:
    default:
      return t('errors.generic');
  }
}

export interface CaptureSummaryScreenProps {
  readonly status: SystemStatus;
  readonly materials: readonly CaptureMaterialView[];
  readonly onHome: () => void;
}

/** 材料已拍好: how many, and that nothing outlives the visit. */
export function CaptureSummaryScreen({ status, materials, onHome }: CaptureSummaryScreenProps): ReactNode {
  const { t } = useTranslation();
  const totals = captureTotals(materials);
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, 'done')} screen="capture-summary">
      <div className="notice capture-summary" role="status" data-testid="capture-summary">
        <Icon name="check" className="notice__icon capture-summary__icon" />
        <p className="notice__title">{t('capture.summary.title')}</p>
        <p className="notice__text" data-testid="capture-totals">
          {t('capture.summary.totals', { materials: totals.materialCount, pages: totals.pageCount })}
        </p>
        <ul className="capture-summary__list">
          {materials
            .filter((material) => material.pages.length > 0)
            .map((material) => (
              <li key={material.materialId}>
                <span>{material.name}</span>
                <span className="capture-summary__pages">{t('capture.materials.taken', { count: material.pages.length })}</span>
              </li>
            ))}
        </ul>
        <p className="notice__text notice__text--muted capture-summary__privacy">
          <Icon name="info" />
          <span>{t('capture.summary.privacy')}</span>
        </p>
        <button type="button" className="button button--primary button--huge" data-testid="capture-home" onClick={onHome}>
          <Icon name="home" />
          {t('capture.summary.home')}
        </button>
      </div>
    </JourneyLayout>
  );
}
