import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus, TicketView } from '../../electron/ipc/contract';
import type { Step } from '../components/step-indicator';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { QrCode } from '../components/qr-code';
import { type VoiceKey, useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { TakeCardReminder } from '../components/take-card-reminder';
import type { ReprintView } from '../flows/ticket-machine';
import { currentLanguage } from '../i18n';
import { formatIssuedAt } from '../i18n/format';
import { ticketStepProps } from './ticket-steps';

export interface TicketScreenProps {
  readonly status: SystemStatus;
  readonly ticket: TicketView;
  /** Seconds until the screen returns home by itself. */
  readonly secondsLeft: number;
  readonly hasIdentityStep?: boolean;
  /** A card was read in this journey: 请取回身份证. */
  readonly hasReadCard?: boolean;
  /** 取号 went direct because the card reader is unavailable: say so. */
  readonly isReaderSkipped?: boolean;
  /** 重新打印小票 on an existing ticket. */
  readonly reprint?: ReprintView;
  readonly onReprint?: () => void;
  /** 评价本次服务: offered, never forced; absent hides the button. */
  readonly onEvaluate?: () => void;
  /** The heading instead of 取号成功 (预约签到: 签到成功). */
  readonly title?: string;
  /** Another journey's steps (预约签到); the ticket's own steps by default. */
  readonly stepProps?: { readonly steps: readonly Step[]; readonly currentStep: number };
  readonly onDone: () => void;
  readonly onHome: () => void;
}

const NO_REPRINT: ReprintView = { phase: 'idle', reason: null };

/**
 * 取号成功. When the receipt did not print, the number is all the citizen has: it is shown
 * larger, with an apology and what to do, and the screen stays longer. A ticket the holder
 * already had today (`isExisting`) is shown again, unprinted, with 重新打印小票.
 */
export function TicketScreen({
  status,
  ticket,
  secondsLeft,
  hasIdentityStep = false,
  hasReadCard = false,
  isReaderSkipped = false,
  reprint = NO_REPRINT,
  onReprint,
  onEvaluate,
  title,
  stepProps,
  onDone,
  onHome,
}: TicketScreenProps): ReactNode {
  const { t, i18n } = useTranslation();
  const isPrintFailed = ticket.print.status === 'failed';
  const isExisting = ticket.isExisting;
  const voice: VoiceKey = isPrintFailed ? 'voice.printFailed' : isExisting ? 'voice.ticketExisting' : 'voice.ticketIssued';
  useSpeakOnShow(voice, ...(hasReadCard ? (['voice.takeCard'] as const) : []));
  // The journey is over: without a receipt, or with a card to take back, the steps' lines
  // go to the number, the apology and the reminder.
  const hasSteps = !isPrintFailed && !hasReadCard;
  return (
    <JourneyLayout
      status={status}
      onHome={onHome}
      {...(hasSteps ? (stepProps ?? ticketStepProps(t, hasIdentityStep, 'takeTicket')) : {})}
      screen="ticket"
    >
      {hasReadCard ? <TakeCardReminder /> : null}
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
          {isExisting ? (
            <h2 id="ticket-title" className="ticket__title ticket__title--existing" data-testid="ticket-existing">
              <Icon name="info" className="ticket__title-icon" />
              {t('ticket.existing')}
            </h2>
          ) : (
            <h2 id="ticket-title" className={isPrintFailed ? 'visually-hidden' : 'ticket__title'}>
              <Icon name="check" className="ticket__title-icon" />
              {title ?? t('ticket.title')}
            </h2>
          )}
          <p className="ticket__label">{isExisting ? t('ticket.existingHint') : t('ticket.yourNumber')}</p>
          <p
            className="ticket__number"
            data-testid="ticket-number"
            // A CSSOM custom property (allowed by style-src 'self'): sizes the number to fit.
            style={{ '--ticket-chars': String(ticket.ticketNumber.length) } as CSSProperties}
          >
            {ticket.ticketNumber}
          </p>
          <div className="ticket__category-row">
            <p className="ticket__category" data-testid="ticket-category">
              {ticket.categoryName}
            </p>
            {ticket.isPriority ? (
              <span className="badge badge--priority" data-testid="ticket-priority">
                <Icon name="priority" />
                {t('ticket.priority')}
              </span>
            ) : null}
            {ticket.holderMaskedName !== null ? (
              <span className="ticket__holder" data-testid="ticket-holder">
                {t('ticket.holder', { name: ticket.holderMaskedName })}
              </span>
            ) : null}
          </div>
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
          {isExisting ? (
            <Reprint reprint={reprint} onReprint={onReprint} />
          ) : isPrintFailed ? null : (
            <p className="ticket__take" data-testid="ticket-take-receipt">
              <Icon name="printer" />
              {t('ticket.takeReceipt')}
            </p>
          )}
        </div>
      </section>
      {isReaderSkipped ? (
        <p className="ticket__note" data-testid="ticket-reader-skipped">
          <Icon name="info" />
          {t('ticket.readerSkipped')}
        </p>
      ) : null}
      <div className="ticket__footer">
        <p className="ticket__listen">{t('ticket.listen')}</p>
        <div className="ticket__done">
          <span className="ticket__countdown" data-testid="ticket-auto-return" aria-live="off">
            {t('ticket.autoReturn', { seconds: secondsLeft })}
          </span>
          {onEvaluate ? (
            <button type="button" className="button button--secondary" data-testid="ticket-evaluate" onClick={onEvaluate}>
              <Icon name="evaluation" />
              {t('evaluation.offer')}
            </button>
          ) : null}
          <button type="button" className="button button--primary button--wide" data-testid="ticket-done" onClick={onDone}>
            {t('ticket.done')}
          </button>
        </div>
      </div>
    </JourneyLayout>
  );
}

/** 重新打印小票 and what came of it. */
function Reprint({ reprint, onReprint }: { readonly reprint: ReprintView; readonly onReprint: (() => void) | undefined }): ReactNode {
  const { t } = useTranslation();
  if (reprint.phase === 'printed') {
    return (
      <p className="ticket__take" role="status" data-testid="ticket-reprint-status" data-phase="printed">
        <Icon name="printer" />
        {t('ticket.reprinted')}
      </p>
    );
  }
  const isPrinting = reprint.phase === 'printing';
  return (
    <div className="ticket__reprint">
      {reprint.phase === 'failed' ? (
        <div className="ticket__reprint-failed" role="alert" data-testid="ticket-reprint-status" data-phase="failed">
          <p>{t('ticket.reprintFailed')}</p>
          {reprint.reason ? <p>{t('ticket.printFailedReason', { reason: reprint.reason })}</p> : null}
        </div>
      ) : null}
      <button
        type="button"
        className="button button--secondary ticket__reprint-button"
        data-testid="ticket-reprint"
        disabled={isPrinting}
        aria-disabled={isPrinting}
        onClick={onReprint}
      >
        {isPrinting ? <Spinner /> : <Icon name="printer" />}
        {isPrinting ? t('ticket.reprinting') : t('ticket.reprint')}
      </button>
    </div>
  );
}
