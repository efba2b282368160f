import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PinKey } from '../flows/console-machine';
import { Icon } from './icons';

/** A telephone layout: technicians type PINs on phones and door locks this way. */
const ROWS: readonly (readonly PinKey[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['clear', '0', 'backspace'],
];

export interface PinDotsProps {
  /** Digits typed so far; only their number is shown. */
  readonly count: number;
  /** Slots drawn at least (the shortest PIN), more as more are typed. */
  readonly minSlots: number;
  readonly maxSlots: number;
}

/** The PIN as dots, never digits, with the count for screen readers. */
export function PinDots({ count, minSlots, maxSlots }: PinDotsProps): ReactNode {
  const { t } = useTranslation();
  const slots = Math.min(maxSlots, Math.max(minSlots, count + (count < maxSlots ? 1 : 0)));
  return (
    <p className="pin-dots" data-testid="console-pin-dots" data-count={count} aria-live="polite">
      <span className="visually-hidden">{t('console.pin.entered', { count })}</span>
      {Array.from({ length: slots }, (_, index) => (
        <span key={index} className={`pin-dots__dot${index < count ? ' pin-dots__dot--filled' : ''}`} aria-hidden="true" />
      ))}
    </p>
  );
}

export interface PinPadProps {
  readonly isDisabled: boolean;
  readonly onKey: (key: PinKey) => void;
}

/** The digit keys with 清空 and 退格: real buttons of at least the theme's target size. */
export function PinPad({ isDisabled, onKey }: PinPadProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="pin-pad" role="group" aria-label={t('console.pin.pad')}>
      {ROWS.map((row, index) => (
        <div key={index} className="pin-pad__row">
          {row.map((key) => (
            <button
              key={key}
              type="button"
              className={`pin-pad__key${key === 'clear' || key === 'backspace' ? ' pin-pad__key--control' : ''}`}
              disabled={isDisabled}
              aria-label={key === 'backspace' ? t('console.pin.backspace') : undefined}
              data-testid={`console-pin-key-${key}`}
              onClick={() => onKey(key)}
            >
              {key === 'backspace' ? <Icon name="backspace" /> : key === 'clear' ? t('console.pin.clear') : key}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
