import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { CardReaderIllustration } from '../components/card-reader-illustration';
import { DevCardPanel } from '../components/dev-card-panel';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { useSpeakOnShow } from '../components/speak';
import type { ReadingNotice } from '../flows/ticket-machine';
import { ticketStepProps } from './ticket-steps';

export interface IdentifyScreenProps {
  readonly status: SystemStatus;
  /** `optional` offers 不刷证，直接取号; `required` does not. */
  readonly mode: 'optional' | 'required';
  readonly categoryName: string | null;
  readonly notice: ReadingNotice | null;
  /**
   * False for a moment after the screen appears, while 不刷证 refuses taps (see
   * TAP_GUARD_MS); shown as `data-accepting` for tests that must wait for it.
   */
  readonly isAcceptingTaps: boolean;
  readonly onSkip: () => void;
  readonly onHome: () => void;
}

/** 请将身份证放置在感应区: the reader is polling; the card's events move the journey on. */
export function IdentifyScreen({
  status,
  mode,
  categoryName,
  notice,
  isAcceptingTaps,
  onSkip,
  onHome,
}: IdentifyScreenProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.placeCard');
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, true, 'identify')} screen="identify">
      <IdentifyPanel>
        {categoryName ? (
          <p className="identify__category" data-testid="identify-category">
            {t('identify.category', { name: categoryName })}
          </p>
        ) : null}
        <p className="identify__priority" data-testid="identify-priority">
          <Icon name="priority" className="identify__priority-icon" />
          <span>{t('identify.priority')}</span>
        </p>
        {mode === 'required' ? <p className="identify__required">{t('identify.required')}</p> : null}
        <div className="identify__notice-slot">
          {notice ? (
            <p
              className={`identify__notice identify__notice--${notice.kind}`}
              role="alert"
              data-testid="identify-notice"
              data-kind={notice.kind}
            >
              <Icon name={notice.kind === 'swapCard' ? 'info' : 'alert'} className="identify__notice-icon" />
              <span>{noticeText(notice, t)}</span>
            </p>
          ) : null}
        </div>
        {mode === 'optional' ? (
          <div className="identify__actions">
            <button
              type="button"
              className="button button--secondary button--wide identify__skip"
              data-testid="ticket-skip-id"
              data-accepting={isAcceptingTaps}
              onClick={onSkip}
            >
              {t('identify.skip')}
            </button>
          </div>
        ) : null}
      </IdentifyPanel>
      <DevCardPanel status={status} />
    </JourneyLayout>
  );
}

export interface IdentifyPanelProps {
  /** What follows the instruction: the flow's own lines, its notice and its buttons. */
  readonly children: ReactNode;
}

/** The reader's picture and 请将身份证放置在感应区, as every card prompt shows them. */
export function IdentifyPanel({ children }: IdentifyPanelProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="identify">
      <div className="identify__picture">
        <CardReaderIllustration label={t('identify.illustration')} />
      </div>
      <div className="identify__text">
        <h2 className="identify__title">{t('identify.title')}</h2>
        <p className="identify__hint">{t('identify.hint')}</p>
        {children}
      </div>
    </div>
  );
}

type Translate = TFunction;

function noticeText(notice: ReadingNotice, t: Translate): string {
  switch (notice.kind) {
    case 'readFailed':
      // The core's Chinese, as with every other core message; our own words if it sent none.
      return notice.message ?? t(`identify.failure.${notice.reason}`);
    case 'swapCard':
      return t('identify.swapCard');
    case 'cardRemoved':
      return t('identify.cardRemoved');
    case 'readerUnavailable':
      return t('identify.readerUnavailable');
  }
}
