import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import {
  AUTO_RETURN_SECONDS,
  type JourneyEndReason,
  PRINT_FAILED_AUTO_RETURN_SECONDS,
  READING_TIMEOUT_SECONDS,
  identificationOf,
  provideKiosk,
  routeOf,
} from '../flows/ticket-machine';
import { CategoryScreen } from './category-screen';
import { IdentifyScreen } from './identify-screen';
import { IdentityConfirmScreen } from './identity-confirm-screen';
import { useJourneyEnd, useKioskMachine, useReported } from './journey-hooks';
import { ReaderUnavailableScreen } from './reader-unavailable-screen';
import { TakingScreen } from './taking-screen';
import { TicketFailedScreen } from './ticket-failed-screen';
import { TicketScreen } from './ticket-screen';

export interface TicketJourneyProps {
  readonly status: SystemStatus;
  /** Stretches the auto-return countdowns and the wait for a card (关怀模式). */
  readonly timeFactor: number;
  /** Called once, when the journey is over. */
  readonly onEnd: (reason: JourneyEndReason) => void;
  /** Whether a ticket number is on the screen: the app must not hide it (out of service). */
  readonly onTicketShown: (isShown: boolean) => void;
  /** A category chosen before the journey (取号 from an office guide); null shows the list. */
  readonly initialCategoryId?: string | null;
  /**
   * 评价本次服务 on the ticket screen: the journey ends (finished) and this is called instead
   * of `onEnd`; without it the ticket screen offers no evaluation.
   */
  readonly onEvaluate?: () => void;
}

/** The 取号 journey: runs the ticket machine and shows the screen for its state. */
export function TicketJourney({
  status,
  timeFactor,
  onEnd,
  onTicketShown,
  initialCategoryId = null,
  onEvaluate,
}: TicketJourneyProps): ReactNode {
  const machine = useKioskMachine(provideKiosk);
  const identification = identificationOf(status);
  const [snapshot, send] = useMachine(machine, {
    input: {
      autoReturnSeconds: Math.round(AUTO_RETURN_SECONDS * timeFactor),
      printFailedAutoReturnSeconds: Math.round(PRINT_FAILED_AUTO_RETURN_SECONDS * timeFactor),
      readingTimeoutSeconds: Math.round(READING_TIMEOUT_SECONDS * timeFactor),
      identification,
      initialCategoryId,
    },
  });
  const { context } = snapshot;

  const { mode, isReaderAvailable } = identification;
  useEffect(() => {
    send({ type: 'CONFIGURE', identification: { mode, isReaderAvailable } });
  }, [send, mode, isReaderAvailable]);

  useJourneyEnd(snapshot, (output) => {
    if (output.isEvaluating && onEvaluate) onEvaluate();
    else onEnd(output.reason);
  });
  useReported(snapshot.matches('issued'), onTicketShown);

  const goHome = (): void => send({ type: 'HOME' });
  const categoryName = context.categories.find((category) => category.id === context.categoryId)?.name ?? null;

  if (snapshot.matches('issued') && context.ticket) {
    return (
      <TicketScreen
        status={status}
        ticket={context.ticket}
        secondsLeft={context.secondsLeft}
        hasIdentityStep={context.hasIdentityStep}
        hasReadCard={context.hasReadCard}
        isReaderSkipped={context.isReaderSkipped}
        reprint={context.reprint}
        onReprint={() => send({ type: 'REPRINT' })}
        {...(onEvaluate ? { onEvaluate: () => send({ type: 'EVALUATE' }) } : {})}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches({ identifying: 'confirming' }) && context.identity) {
    return (
      <IdentityConfirmScreen
        status={status}
        identity={context.identity}
        fullName={context.fullName}
        isNamePending={snapshot.matches({ identifying: { confirming: 'revealing' } })}
        categoryName={categoryName}
        onConfirm={() => send({ type: 'CONFIRM' })}
        onReread={() => send({ type: 'REREAD' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('identifying')) {
    return (
      <IdentifyScreen
        status={status}
        mode={context.identification.mode === 'required' ? 'required' : 'optional'}
        categoryName={categoryName}
        notice={context.readingNotice}
        isAcceptingTaps={snapshot.matches({ identifying: { reading: 'open' } })}
        onSkip={() => send({ type: 'SKIP' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('readerUnavailable')) {
    return (
      <ReaderUnavailableScreen
        status={status}
        message={context.failure?.message ?? null}
        onRetry={() => send({ type: 'RETRY' })}
        onChooseAgain={() => send({ type: 'CHOOSE_AGAIN' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('taking')) {
    return (
      <TakingScreen
        status={status}
        categoryName={categoryName}
        hasIdentityStep={context.hasIdentityStep}
        isReaderSkipped={context.isReaderSkipped}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('failed')) {
    return (
      <TicketFailedScreen
        status={status}
        message={context.failure?.message ?? null}
        hasIdentityStep={context.hasIdentityStep}
        hasReadCard={context.hasReadCard}
        onRetry={() => send({ type: 'RETRY' })}
        onChooseAgain={() => send({ type: 'CHOOSE_AGAIN' })}
        onHome={goHome}
      />
    );
  }
  const phase = snapshot.matches({ choosing: 'ready' })
    ? 'ready'
    : snapshot.matches({ choosing: 'loadFailed' })
      ? 'loadFailed'
      : 'loading';
  const route = routeOf(identification);
  return (
    <CategoryScreen
      status={status}
      phase={phase}
      categories={context.categories}
      failureMessage={context.failure?.message ?? null}
      isAcceptingTaps={snapshot.matches({ choosing: { ready: 'open' } })}
      hasIdentityStep={route === 'identify' || route === 'readerUnavailable'}
      onChoose={(categoryId) => send({ type: 'CHOOSE', categoryId })}
      onRetry={() => send({ type: 'RETRY' })}
      onHome={goHome}
    />
  );
}
