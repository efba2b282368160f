import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintNotice } from '../flows/guide-types';
import { Icon } from './icons';
import { type VoiceKey, useSpeakOnShow } from './speak';

export interface PrintToastProps {
  readonly notice: PrintNotice | null;
  readonly onDismiss: () => void;
}

/**
 * What became of a print, over the page until 知道了 or its timeout. The live region is
 * always there (a region added together with its text is often not read out).
 */
export function PrintToast({ notice, onDismiss }: PrintToastProps): ReactNode {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {notice ? <ToastBody notice={notice} onDismiss={onDismiss} /> : null}
    </div>
  );
}

function ToastBody({ notice, onDismiss }: { readonly notice: PrintNotice; readonly onDismiss: () => void }): ReactNode {
  const { t } = useTranslation();
  const voice: VoiceKey =
    notice.status === 'failed' ? 'voice.guidePrintFailed' : notice.kind === 'checklist' ? 'voice.checklistPrinted' : 'voice.guidePrinted';
  useSpeakOnShow(voice);
  const isFailed = notice.status === 'failed';
  let title: string;
  let hint: string;
  if (notice.status === 'failed') {
    title = notice.kind === 'checklist' ? t('toast.checklistFailed') : t('toast.guideFailed');
    hint = t('toast.failedHint');
  } else if (notice.kind === 'checklist') {
    title = t('toast.checklistPrinted');
    hint = t('toast.checklistPrintedHint');
  } else {
    title = t('toast.guidePrinted', { count: notice.pages });
    hint = t('toast.guidePrintedHint');
  }
  return (
    <div
      className={`toast toast--${isFailed ? 'failed' : 'printed'}`}
      data-testid="guide-toast"
      data-kind={notice.kind}
      data-status={notice.status}
    >
      <Icon name={isFailed ? 'alert' : 'check'} className="toast__icon" />
      <div className="toast__text">
        <p className="toast__title">{title}</p>
        {notice.status === 'failed' && notice.reason ? (
          <p className="toast__reason">{t('toast.reason', { reason: notice.reason })}</p>
        ) : null}
        <p className="toast__hint">{hint}</p>
      </div>
      <button type="button" className="button button--secondary toast__dismiss" data-testid="guide-toast-dismiss" onClick={onDismiss}>
        {t('toast.dismiss')}
      </button>
    </div>
  );
}
