import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

export interface TakeCardReminderProps {
  /**
   * `now` (the ticket screen: the journey is over) or `beforeLeaving` (a failure screen,
   * where 重试 still needs the card on the reader).
   */
  readonly variant?: 'now' | 'beforeLeaving';
}

/**
 * 请取回身份证: after a card was read, so nobody walks off without it. The ticket screen also
 * speaks `voice.takeCard`.
 */
export function TakeCardReminder({ variant = 'now' }: TakeCardReminderProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className={`take-card take-card--${variant}`} role="status" data-testid="take-card-reminder">
      <Icon name="idCard" className="take-card__icon" />
      <p className="take-card__title">{variant === 'now' ? t('ticket.takeCard') : t('ticket.takeCardBeforeLeaving')}</p>
      {variant === 'now' ? <p className="take-card__hint">{t('ticket.takeCardHint')}</p> : null}
    </div>
  );
}
