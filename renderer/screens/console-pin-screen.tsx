import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { AppHeader } from '../components/app-header';
import { Icon } from '../components/icons';
import { PinDots, PinPad } from '../components/pin-pad';
import { ALLOW_ATTRIBUTE, ALLOW_VALUE } from '../components/scan-guard';
import { Spinner } from '../components/spinner';
import { type ConsoleNotice, PIN_MAX_LENGTH, PIN_MIN_LENGTH, type PadStage, type PinKey } from '../flows/console-machine';

export interface ConsolePinScreenProps {
  readonly status: SystemStatus;
  readonly stage: PadStage;
  readonly pinLength: number;
  readonly notice: ConsoleNotice | null;
  readonly lockSecondsLeft: number;
  readonly isBusy: boolean;
  readonly onKey: (key: PinKey) => void;
  readonly onSubmit: () => void;
  /** 取消 and 返回首页: home from the entry stages, back to the console when changing the PIN. */
  readonly onCancel: () => void;
}

const HINTS: Readonly<Partial<Record<PadStage, 'setFirstHint' | 'setConfirmHint' | 'loginHint'>>> = {
  setFirst: 'setFirstHint',
  setConfirm: 'setConfirmHint',
  login: 'loginHint',
  changeNew: 'setFirstHint',
  changeConfirm: 'setConfirmHint',
};

const DIGIT = /^[0-9]$/u;

/**
 * The console's PIN pad: set the PIN on first start (twice), log in, wait out a lock, or
 * change the PIN. The PIN shows as dots only. A technician's hardware keyboard works here
 * (digits, Backspace, Enter, Escape): the pad is exempt from the scanner guard.
 */
export function ConsolePinScreen({ status, stage, pinLength, notice, lockSecondsLeft, isBusy, onKey, onSubmit, onCancel }: ConsolePinScreenProps): ReactNode {
  const { t } = useTranslation();
  const area = useRef<HTMLElement>(null);
  const isLocked = stage === 'locked';
  useEffect(() => {
    area.current?.focus({ preventScroll: true });
  }, [stage]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (isLocked || isBusy) return;
    if (DIGIT.test(event.key)) onKey(event.key as PinKey);
    else if (event.key === 'Backspace') onKey('backspace');
    else if (event.key === 'Enter') onSubmit();
    else if (event.key === 'Escape') onCancel();
    else return;
    event.preventDefault();
  };
  const hint = HINTS[stage];
  // Locked: the countdown says it; the core's words would soon name a stale number.
  const noticeText = notice === null || isLocked ? null : 'text' in notice ? notice.text : t(`console.notice.${notice.key}`);
  const isGood = notice !== null && 'key' in notice && (notice.key === 'pinChanged' || notice.key === 'lockOver');

  return (
    <div className="screen screen--journey console console--pin" data-testid="screen-console-pin" data-stage={stage}>
      <AppHeader hallName={status.hallName} terminalId={status.terminalId} isSimulated={status.isSimulated} variant="journey" onHome={onCancel} />
      <main
        ref={area}
        className="screen__body console-pin"
        tabIndex={-1}
        aria-labelledby="console-pin-title"
        {...{ [ALLOW_ATTRIBUTE]: ALLOW_VALUE }}
        onKeyDown={onKeyDown}
      >
        <section className="console-pin__prompt">
          <p className="console-pin__kicker">
            <Icon name="keyboard" />
            <span>{t('console.title')}</span>
          </p>
          <h2 id="console-pin-title" className="console-pin__title" data-testid="console-pin-title">
            {t(`console.pin.${stage}`)}
          </h2>
          {isLocked ? (
            <p className="console-pin__locked" role="timer" data-testid="console-pin-locked" data-seconds={lockSecondsLeft}>
              {t('console.pin.lockedWait', { seconds: lockSecondsLeft })}
            </p>
          ) : (
            <>
              {hint ? <p className="console-pin__hint">{t(`console.pin.${hint}`)}</p> : null}
              <PinDots count={pinLength} minSlots={PIN_MIN_LENGTH} maxSlots={PIN_MAX_LENGTH} />
            </>
          )}
          {noticeText === null ? null : (
            <p className={`console-note ${isGood ? 'console-note--ok' : 'console-note--error'}`} role="alert" data-testid="console-pin-notice">
              <Icon name={isGood ? 'check' : 'alert'} />
              <span>{noticeText}</span>
            </p>
          )}
          {isBusy ? (
            <p className="console-pin__busy" role="status">
              <Spinner />
              <span>{t('console.pin.checking')}</span>
            </p>
          ) : null}
        </section>
        <section className="console-pin__keys">
          <PinPad isDisabled={isLocked || isBusy} onKey={onKey} />
          <div className="console-pin__actions">
            <button type="button" className="button button--secondary" data-testid="console-pin-cancel" onClick={onCancel}>
              {t('console.pin.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={isLocked || isBusy || pinLength === 0}
              data-testid="console-pin-submit"
              onClick={onSubmit}
            >
              {t('console.pin.submit')}
            </button>
          </div>
        </section>
      </main>
    </div>
  );
}
