import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneKey } from '../flows/evaluation-machine';
import { Icon } from './icons';

/** Two rows of five digits: low enough to sit beside the reasons, even in 关怀模式. */
const DIGIT_ROWS: readonly (readonly PhoneKey[])[] = [
  ['1', '2', '3', '4', '5'],
  ['6', '7', '8', '9', '0'],
];

export interface PhoneKeypadProps {
  /** What the number reads now, already formatted (or the "not given" text). */
  readonly display: string;
  readonly isEmpty: boolean;
  readonly onKey: (key: PhoneKey) => void;
}

/**
 * The numeric on-screen keypad for a phone number: the number with 退格 and 清空 beside it,
 * then the digits. Real buttons of at least the theme's target size; they produce no DOM key
 * events (the keyboard guard would not let any through anyway).
 */
export function PhoneKeypad({ display, isEmpty, onKey }: PhoneKeypadProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="phone-keypad" role="group" aria-label={t('evaluation.keypad')} data-testid="evaluation-keypad">
      <div className="phone-keypad__row">
        <p className={`phone-keypad__value${isEmpty ? ' phone-keypad__value--empty' : ''}`} data-testid="evaluation-phone" aria-live="polite">
          {display}
        </p>
        <button
          type="button"
          className="phone-keypad__key phone-keypad__key--control"
          aria-label={t('evaluation.backspace')}
          data-testid="evaluation-key-backspace"
          onClick={() => onKey('backspace')}
        >
          <Icon name="backspace" />
        </button>
        <button type="button" className="phone-keypad__key phone-keypad__key--control" data-testid="evaluation-key-clear" onClick={() => onKey('clear')}>
          {t('evaluation.clear')}
        </button>
      </div>
      {DIGIT_ROWS.map((row, index) => (
        <div key={index} className="phone-keypad__row">
          {row.map((key) => (
            <button
              key={key}
              type="button"
              className="phone-keypad__key"
              data-testid={`evaluation-key-${key}`}
              onClick={() => onKey(key)}
            >
              {key}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
