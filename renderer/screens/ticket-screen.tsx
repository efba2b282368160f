import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus, TicketView } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { QrCode } from '../components/qr-code';
import { useSpeakOnShow } from '../components/speak';
import { currentLanguage } from '../i18n';
import { formatIssuedAt } from '../i18n/format';
import { ticketSteps } from './ticket-steps';

export interface TicketScreenProps {
  readonly status: SystemStatus;
  readonly ticket: TicketView;
  /** Seconds until the screen returns home by itself. */
  readonly secondsLeft: number;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/**
 * 取号成功. When the receipt did not print, the number is all the citizen has: it is shown
 * larger, with an apology and what to do, and the screen stays longer.
 */
export function TicketScreen({ status, ticket, secondsLeft, onDone, onHome }: TicketScreenProps): ReactNode {
  const { t, i18n } = useTranslation();
  const isPrintFailed = ticket.print.status === 'failed';
  useSpeakOnShow(isPrintFailed ? 'voice.printFailed' : 'voice.ticketIssued');
  return (
    <JourneyLayout
      status={status}
      onHome={onHome}
      // Without a receipt every line of the screen goes to the number and the apology.
      {...(isPrintFailed ? {} : { steps: ticketSteps(t), currentStep: 1 })}
      screen="ticket"
    >
      {ticket.print.status === 'failed' ? (
        <div className="apology" role="alert" data-testid="ticket-print-failed">
          <Icon name="alert" className="apology__icon" />
          <div className="apology__text">
            <p className="apology__title">{t('ticket.printFailed')}</p>
            {ticket.print.reason ? (
              <p className="apology__reason">{t('ticket.printFailedReason', { reason: ticket.print.reason })}</p>
            ) : null}
          </div>
        </div>
      ) : null}
      <section className={`ticket${isPrintFailed ? ' ticket--print-failed' : ''}`} aria-labelledby="ticket-title">
        <div className="ticket__main">
          <h2 id="ticket-title" className={isPrintFailed ? 'visually-hidden' : 'ticket__title'}>
            <Icon name="check" className="ticket__title-icon" />
            {t('ticket.title')}
          </h2>
          <p className="ticket__label">{t('ticket.yourNumber')}</p>
          <p
            className="ticket__number"
            data-testid="ticket-number"
            // A CSSOM custom property (allowed by style-src 'self'): sizes the number to fit.
            style={{ '--ticket-chars': String(ticket.ticketNumber.length) } as CSSProperties}
          >
            {ticket.ticketNumber}
          </p>
          <p className="ticket__category" data-testid="ticket-category">
            {ticket.categoryName}
          </p>
          <p className="ticket__waiting" data-testid="ticket-waiting">
            {ticket.waitingAhead > 0
              ? t('ticket.waitingAhead', { count: ticket.waitingAhead })
              : t('ticket.noneAhead')}
          </p>
          <p className="ticket__time" data-testid="ticket-issued-at">
            {t('ticket.issuedAt', { time: formatIssuedAt(ticket.issuedAt, currentLanguage(i18n)) })}
          </p>
        </div>
        <div className="ticket__side">
          {ticket.qrPath ? (
            <figure className="ticket__qr">
              <QrCode path={ticket.qrPath} modules={ticket.qrModules} label={t('ticket.qrLabel')} />
              <figcaption className="ticket__qr-caption">{t('ticket.qrCaption')}</figcaption>
            </figure>
          ) : null}
          {isPrintFailed ? null : (
            <p className="ticket__take" data-testid="ticket-take-receipt">
              <Icon name="printer" />
              {t('ticket.takeReceipt')}
            </p>
          )}
        </div>
      </section>
      <div className="ticket__footer">
        <p className="ticket__listen">{t('ticket.listen')}</p>
        <div className="ticket__done">
          <span className="ticket__countdown" data-testid="ticket-auto-return" aria-live="off">
            {t('ticket.autoReturn', { seconds: secondsLeft })}
          </span>
          <button type="button" className="button button--primary button--wide" data-testid="ticket-done" onClick={onDone}>
            {t('ticket.done')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}
