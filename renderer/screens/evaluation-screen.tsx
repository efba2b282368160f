import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationLevel, EvaluationPrompt, SystemStatus } from '../../electron/ipc/contract';
import { FaceIcon } from '../components/face-icon';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { PhoneKeypad } from '../components/phone-keypad';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { type PhoneKey, isLowLevel } from '../flows/evaluation-machine';

export interface EvaluationScreenProps {
  readonly status: SystemStatus;
  readonly prompt: EvaluationPrompt;
  readonly level: EvaluationLevel | null;
  readonly reasons: readonly string[];
  readonly phone: string;
  /** What 提交 is still waiting for, once the citizen tapped it; null hides the line. */
  readonly missing: 'level' | 'reason' | 'phone' | null;
  /** False while the rating is being submitted: nothing takes taps. */
  readonly phase: 'rating' | 'submitting' | 'submitFailed';
  readonly failureMessage: string | null;
  readonly onLevel: (level: EvaluationLevel) => void;
  readonly onToggleReason: (reason: string) => void;
  readonly onPhoneKey: (key: PhoneKey) => void;
  readonly onSubmit: () => void;
  readonly onSkip: () => void;
  readonly onHome: () => void;
}

/** 138 1234 5678 / 025 8765 4321: digits in groups, easier to check at arm's length. */
export function groupPhone(phone: string): string {
  const groups = phone.startsWith('0') ? [3, 4, 5] : [3, 4, 4];
  const parts: string[] = [];
  let rest = phone;
  for (const size of groups) {
    if (rest === '') break;
    parts.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  if (rest !== '') parts.push(rest);
  return parts.join(' ');
}

/**
 * 好差评: five big levels (非常满意 first, each with a face and its label, none chosen), then
 * the chosen level's reasons as toggles — at least one for a low level, said plainly — and
 * for a low level an optional phone number on a numeric keypad. 暂不评价 is always there.
 */
export function EvaluationScreen(props: EvaluationScreenProps): ReactNode {
  const { status, prompt, level, reasons, phone, missing, phase, failureMessage } = props;
  const { t } = useTranslation();
  useSpeakOnShow('voice.evaluate');
  const isBusy = phase === 'submitting';
  const isLow = isLowLevel(prompt, level);
  const offered = level === null ? [] : prompt.reasons[level];
  return (
    <JourneyLayout status={status} onHome={props.onHome} screen="evaluation">
      <div className={`evaluation${level === null ? '' : ' evaluation--chosen'}${isLow ? ' evaluation--low' : ''}`}>
        <header className="evaluation__head">
          <h2 className="evaluation__title">{t('evaluation.title')}</h2>
          <p className="evaluation__subject" data-testid="evaluation-subject">
            {t('evaluation.subject', { subject: prompt.subjectLabel })}
          </p>
        </header>
        <div className="evaluation__levels" role="group" aria-label={t('evaluation.levels')} data-testid="evaluation-levels">
          {prompt.levels.map((option) => {
            const isChosen = option.level === level;
            return (
              <div key={option.level} className="evaluation__level-slot">
                <button
                  type="button"
                  className={`evaluation__level evaluation__level--${option.level}${isChosen ? ' evaluation__level--chosen' : ''}`}
                  data-testid={`evaluation-level-${option.level}`}
                  aria-pressed={isChosen}
                  disabled={isBusy}
                  onClick={() => props.onLevel(option.level)}
                >
                  <FaceIcon level={option.level} className="evaluation__face" />
                  <span className="evaluation__level-label">{option.label}</span>
                  {isChosen ? (
                    <span className="evaluation__chosen">
                      <Icon name="check" />
                      <span>{t('evaluation.chosen')}</span>
                    </span>
                  ) : null}
                </button>
              </div>
            );
          })}
        </div>
        {level === null ? (
          <p className="evaluation__prompt">{t('evaluation.chooseLevel')}</p>
        ) : (
          <div className="evaluation__details">
            <section className="evaluation__reasons" aria-labelledby="evaluation-reasons-title">
              <h3
                id="evaluation-reasons-title"
                className={`evaluation__section-title${isLow ? ' evaluation__section-title--required' : ''}`}
                data-testid="evaluation-reasons-title"
              >
                {isLow ? t('evaluation.reasonsRequired') : t('evaluation.reasonsTitle')}
              </h3>
              <ul className="evaluation__chips">
                {offered.map((reason) => {
                  const isOn = reasons.includes(reason);
                  return (
                    <li key={reason}>
                      <button
                        type="button"
                        className={`chip${isOn ? ' chip--on' : ''}`}
                        data-testid="evaluation-reason"
                        data-reason={reason}
                        aria-pressed={isOn}
                        disabled={isBusy}
                        onClick={() => props.onToggleReason(reason)}
                      >
                        <span className="chip__box" aria-hidden="true">
                          {isOn ? <Icon name="check" /> : null}
                        </span>
                        <span>{reason}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
            {isLow ? (
              <section className="evaluation__phone" aria-labelledby="evaluation-phone-title">
                <h3 id="evaluation-phone-title" className="evaluation__section-title">
                  <Icon name="phone" />
                  {t('evaluation.phoneTitle')}
                </h3>
                <PhoneKeypad
                  display={phone === '' ? t('evaluation.phoneEmpty') : groupPhone(phone)}
                  isEmpty={phone === ''}
                  onKey={props.onPhoneKey}
                />
              </section>
            ) : null}
          </div>
        )}
        <footer className="evaluation__actions">
          <button type="button" className="button button--secondary button--wide" data-testid="evaluation-skip" disabled={isBusy} onClick={props.onSkip}>
            {t('evaluation.skip')}
          </button>
          <span className="journey-actions__spacer" />
          {phase === 'submitFailed' ? (
            <p className="evaluation__alert" role="alert" data-testid="evaluation-failed">
              <Icon name="alert" />
              <span>
                {failureMessage ? t('evaluation.submitFailedReason', { reason: failureMessage }) : t('evaluation.submitFailed')}
              </span>
            </p>
          ) : missing !== null ? (
            <p className="evaluation__alert" role="alert" data-testid="evaluation-missing" data-missing={missing}>
              <Icon name="info" />
              <span>{t(`evaluation.missing.${missing}`)}</span>
            </p>
          ) : null}
          <button
            type="button"
            className={`button button--primary button--wide evaluation__submit${level === null ? ' evaluation__submit--waiting' : ''}`}
            data-testid="evaluation-submit"
            data-ready={level !== null}
            disabled={isBusy}
            onClick={props.onSubmit}
          >
            {isBusy ? <Spinner /> : <Icon name="check" />}
            {isBusy ? t('evaluation.submitting') : phase === 'submitFailed' ? t('evaluation.retry') : t('evaluation.submit')}
          </button>
        </footer>
      </div>
    </JourneyLayout>
  );
}
