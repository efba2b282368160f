import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpeakOnShow } from './speak';

export interface IdleDialogProps {
  readonly secondsLeft: number;
  readonly onContinue: () => void;
}

/** The countdown before an idle journey is wiped (R-P3). Covers the screen, so nothing under it can be hit. */
export function IdleDialog({ secondsLeft, onContinue }: IdleDialogProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.idleWarning');
  return (
    <div className="overlay" role="presentation">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title" className="dialog__title">
          {t('idle.title')}
        </h2>
        <div className="dialog__countdown" aria-live="polite">
          <span className="dialog__seconds" data-testid="idle-countdown">
            {secondsLeft}
          </span>
          <span className="dialog__unit">{t('idle.seconds')}</span>
        </div>
        <p id="idle-body" className="dialog__body">
          {t('idle.body')}
        </p>
        <button type="button" className="button button--primary button--huge" data-testid="idle-continue" onClick={onContinue}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
