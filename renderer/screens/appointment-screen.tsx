import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, SystemStatus } from '../../electron/ipc/contract';
import { Icon, type IconName } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { TakeCardReminder } from '../components/take-card-reminder';
import { lookupStepProps } from './lookup-steps';
import { RecordListItem, RecordListScreen } from './record-list-screen';

type WindowState = AppointmentView['window']['state'];

const WINDOW_ICONS: Readonly<Record<WindowState, IconName>> = {
  open: 'check',
  early: 'clock',
  late: 'alert',
  otherDay: 'appointment',
  checkedIn: 'ticket',
  cancelled: 'close',
};

export interface AppointmentScreenProps {
  readonly status: SystemStatus;
  readonly appointment: AppointmentView;
  /** `checkingIn` while the core issues the ticket; `failed` when it could not. */
  readonly phase: 'ready' | 'checkingIn' | 'failed';
  readonly failureMessage: string | null;
  readonly hasReadCard: boolean;
  /** Came from the card's list: 返回列表. */
  readonly canGoBack: boolean;
  readonly onCheckIn: () => void;
  readonly onRetry: () => void;
  readonly onBack: () => void;
  readonly onEvaluate: () => void;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/**
 * 请核对您的预约: what was booked (the name masked), and whether it can be checked in now,
 * in the core's plain words — early: when to come back; late: take a new ticket; already
 * checked in: its number again. 签到取号 only when the window is open.
 */
export function AppointmentScreen(props: AppointmentScreenProps): ReactNode {
  const { status, appointment, phase, failureMessage, hasReadCard, canGoBack } = props;
  const { t } = useTranslation();
  const state = appointment.window.state;
  const isOpen = state === 'open';
  const isCheckingIn = phase === 'checkingIn';
  return (
    <JourneyLayout status={status} onHome={props.onHome} {...lookupStepProps(t, 'checkIn', 'confirm')} screen="checkin-appointment">
      {hasReadCard && !isOpen ? <TakeCardReminder /> : null}
      {/* The steps say 核对预约 already; the heading is for screen readers. */}
      <h2 className="visually-hidden">{t('checkIn.title')}</h2>
      <section className="appointment" data-testid="appointment" data-window={state}>
        <dl className="appointment__facts">
          <div className="appointment__fact">
            <dt>{t('checkIn.category')}</dt>
            <dd data-testid="appointment-category">{appointment.categoryName}</dd>
          </div>
          <div className="appointment__fact">
            <dt>{t('checkIn.name')}</dt>
            <dd data-testid="appointment-name">{appointment.applicantMaskedName}</dd>
          </div>
          {appointment.itemName ? (
            <div className="appointment__fact appointment__fact--wide">
              <dt>{t('checkIn.item')}</dt>
              <dd>{appointment.itemName}</dd>
            </div>
          ) : null}
          <div className="appointment__fact appointment__fact--wide">
            <dt>{t('checkIn.slot')}</dt>
            <dd data-testid="appointment-slot">
              {t('checkIn.slotValue', { day: appointment.day, start: appointment.slotStart, end: appointment.slotEnd })}
            </dd>
          </div>
          <div className="appointment__fact appointment__fact--wide">
            <dt>{t('checkIn.code')}</dt>
            <dd>{appointment.code}</dd>
          </div>
        </dl>
        <div className={`appointment__window appointment__window--${state}`} role="status" data-testid="appointment-window">
          <Icon name={WINDOW_ICONS[state]} className="appointment__window-icon" />
          <div>
            <p className="appointment__window-title">{t(`checkIn.state.${state}`)}</p>
            <p className="appointment__window-text" data-testid="appointment-window-message">
              {appointment.window.message}
            </p>
          </div>
          {state === 'checkedIn' && appointment.ticketNumber ? (
            <p className="appointment__ticket" data-testid="appointment-ticket-number">
              <span className="appointment__ticket-label">{t('checkIn.ticketNumber')}</span>
              <span className="appointment__ticket-number">{appointment.ticketNumber}</span>
            </p>
          ) : null}
        </div>
      </section>
      {phase === 'failed' ? (
        <div className="apology" role="alert" data-testid="checkin-failed">
          <Icon name="alert" className="apology__icon" />
          <div className="apology__text">
            <p className="apology__title">{t('checkIn.failedTitle')}</p>
            <p className="apology__reason">{failureMessage ?? t('errors.generic')}</p>
          </div>
        </div>
      ) : null}
      <div className="journey-actions">
        {canGoBack ? (
          <button type="button" className="button button--secondary" data-testid="appointment-back" onClick={props.onBack}>
            <Icon name="chevronLeft" />
            {t('checkIn.backToList')}
          </button>
        ) : null}
        <span className="journey-actions__spacer" />
        {state === 'checkedIn' ? (
          <button type="button" className="button button--secondary" data-testid="checkin-evaluate" onClick={props.onEvaluate}>
            <Icon name="evaluation" />
            {t('evaluation.offer')}
          </button>
        ) : null}
        {isOpen ? (
          <button
            type="button"
            className="button button--primary button--huge"
            data-testid="checkin-submit"
            disabled={isCheckingIn}
            aria-disabled={isCheckingIn}
            onClick={phase === 'failed' ? props.onRetry : props.onCheckIn}
          >
            {isCheckingIn ? <Spinner /> : <Icon name="ticket" />}
            {isCheckingIn ? t('checkIn.checkingIn') : t('checkIn.submit')}
          </button>
        ) : (
          <button type="button" className="button button--primary button--wide" data-testid="checkin-done" onClick={props.onDone}>
            {t('checkIn.done')}
          </button>
        )}
      </div>
    </JourneyLayout>
  );
}

export interface AppointmentListScreenProps {
  readonly status: SystemStatus;
  readonly appointments: readonly AppointmentView[];
  readonly hasReadCard: boolean;
  readonly onOpen: (code: string) => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** Today's appointments of the card read, by time: one tap each. */
export function AppointmentListScreen({ status, appointments, hasReadCard, onOpen, onBack, onHome }: AppointmentListScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <RecordListScreen
      status={status}
      screen="checkin"
      stepProps={lookupStepProps(t, 'checkIn', 'confirm')}
      testId="checkin"
      title={t('checkIn.listTitle', { count: appointments.length })}
      hint={t('checkIn.listHint')}
      hasReadCard={hasReadCard}
      onBack={onBack}
      onHome={onHome}
    >
      {appointments.map((appointment) => (
        <RecordListItem
          key={appointment.code}
          testId={`checkin-appointment-${appointment.code}`}
          name={
            <>
              {appointment.slotStart}–{appointment.slotEnd} {appointment.categoryName}
            </>
          }
          meta={appointment.itemName ?? appointment.categoryName}
          badge={
            <span className={`case-status appointment-state appointment-state--${appointment.window.state}`}>
              <Icon name={WINDOW_ICONS[appointment.window.state]} />
              <span>{t(`checkIn.state.${appointment.window.state}`)}</span>
            </span>
          }
          go={<Icon name="chevronRight" />}
          onOpen={() => onOpen(appointment.code)}
        />
      ))}
    </RecordListScreen>
  );
}
