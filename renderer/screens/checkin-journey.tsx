import { useMachine } from '@xstate/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { type CheckInOutput, provideCheckInKiosk } from '../flows/checkin-machine';
import { LOOKUP_WAIT_SECONDS } from '../flows/lookup-common';
import { AUTO_RETURN_SECONDS, PRINT_FAILED_AUTO_RETURN_SECONDS } from '../flows/ticket-machine';
import { AppointmentListScreen, AppointmentScreen } from './appointment-screen';
import { useJourneyEnd, useKioskMachine, useReported } from './journey-hooks';
import { LookupStageScreen, lookupStageOf } from './lookup-stage-screen';
import { lookupStepProps } from './lookup-steps';
import { TicketScreen } from './ticket-screen';

export interface CheckInJourneyProps {
  readonly status: SystemStatus;
  /** Stretches the waits and the ticket's countdown (关怀模式). */
  readonly timeFactor: number;
  /** Called once, when the journey is over. */
  readonly onEnd: (output: CheckInOutput) => void;
  /** Whether a ticket number is on the screen: the app must not hide it (out of service). */
  readonly onTicketShown: (isShown: boolean) => void;
}

/** 预约签到: runs the check-in machine and shows the screen for its state. */
export function CheckInJourney({ status, timeFactor, onEnd, onTicketShown }: CheckInJourneyProps): ReactNode {
  const { t } = useTranslation();
  const machine = useKioskMachine(provideCheckInKiosk);
  const [snapshot, send] = useMachine(machine, {
    input: {
      waitSeconds: Math.round(LOOKUP_WAIT_SECONDS * timeFactor),
      autoReturnSeconds: Math.round(AUTO_RETURN_SECONDS * timeFactor),
      printFailedAutoReturnSeconds: Math.round(PRINT_FAILED_AUTO_RETURN_SECONDS * timeFactor),
    },
  });
  const { context } = snapshot;

  useJourneyEnd(snapshot, onEnd);
  useReported(snapshot.matches('issued'), onTicketShown);

  const goHome = (): void => send({ type: 'HOME' });
  const back = (): void => send({ type: 'BACK' });
  const evaluate = (): void => send({ type: 'EVALUATE' });

  if (snapshot.matches('issued') && context.ticket) {
    return (
      <TicketScreen
        status={status}
        ticket={context.ticket}
        secondsLeft={context.secondsLeft}
        hasReadCard={context.hasReadCard}
        title={t('checkIn.success')}
        stepProps={lookupStepProps(t, 'checkIn', 'ticket')}
        onEvaluate={evaluate}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('list')) {
    return (
      <AppointmentListScreen
        status={status}
        appointments={context.appointments}
        hasReadCard={context.hasReadCard}
        onOpen={(code) => send({ type: 'OPEN', code })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  const isAppointment = snapshot.matches('appointment') || snapshot.matches('checkingIn') || snapshot.matches('checkInFailed');
  if (isAppointment && context.selected) {
    return (
      <AppointmentScreen
        status={status}
        appointment={context.selected}
        phase={snapshot.matches('checkingIn') ? 'checkingIn' : snapshot.matches('checkInFailed') ? 'failed' : 'ready'}
        failureMessage={context.failure?.message ?? null}
        hasReadCard={context.hasReadCard}
        canGoBack={context.appointments.length > 1 && !snapshot.matches('checkingIn')}
        onCheckIn={() => send({ type: 'CHECK_IN' })}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={back}
        onEvaluate={evaluate}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  return (
    <LookupStageScreen
      status={status}
      flow="checkIn"
      stage={lookupStageOf(snapshot)}
      accept="appointment"
      context={context}
      onCode={(code) => send({ type: 'CODE', code: code.code, verifier: code.verifier })}
      send={send}
    />
  );
}
