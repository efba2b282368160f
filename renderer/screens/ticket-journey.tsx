import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import {
  AUTO_RETURN_SECONDS,
  type JourneyEndReason,
  PRINT_FAILED_AUTO_RETURN_SECONDS,
  provideKiosk,
} from '../flows/ticket-machine';
import { CategoryScreen } from './category-screen';
import { TakingScreen } from './taking-screen';
import { TicketFailedScreen } from './ticket-failed-screen';
import { TicketScreen } from './ticket-screen';

export interface TicketJourneyProps {
  readonly status: SystemStatus;
  /** Stretches the auto-return countdowns (关怀模式). */
  readonly timeFactor: number;
  /** Called once, when the journey is over. */
  readonly onEnd: (reason: JourneyEndReason) => void;
  /** Whether a ticket number is on the screen: the app must not hide it (out of service). */
  readonly onTicketShown: (isShown: boolean) => void;
}

/** The 取号 journey: runs the ticket machine and shows the screen for its state. */
export function TicketJourney({ status, timeFactor, onEnd, onTicketShown }: TicketJourneyProps): ReactNode {
  const kiosk = useKiosk();
  const machine = useMemo(() => provideKiosk(kiosk), [kiosk]);
  const [snapshot, send] = useMachine(machine, {
    input: {
      autoReturnSeconds: Math.round(AUTO_RETURN_SECONDS * timeFactor),
      printFailedAutoReturnSeconds: Math.round(PRINT_FAILED_AUTO_RETURN_SECONDS * timeFactor),
    },
  });
  const { context } = snapshot;

  const hasEnded = useRef(false);
  const latestOnEnd = useRef(onEnd);
  useEffect(() => {
    latestOnEnd.current = onEnd;
  });
  useEffect(() => {
    if (snapshot.status !== 'done' || hasEnded.current) return;
    hasEnded.current = true;
    latestOnEnd.current(snapshot.output.reason);
  }, [snapshot]);

  const isTicketShown = snapshot.matches('issued');
  useEffect(() => {
    onTicketShown(isTicketShown);
  }, [isTicketShown, onTicketShown]);

  const goHome = (): void => send({ type: 'HOME' });

  if (snapshot.matches('issued') && context.ticket) {
    return (
      <TicketScreen
        status={status}
        ticket={context.ticket}
        secondsLeft={context.secondsLeft}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('taking')) {
    const chosen = context.categories.find((category) => category.id === context.categoryId);
    return <TakingScreen status={status} categoryName={chosen?.name ?? null} onHome={goHome} />;
  }
  if (snapshot.matches('failed')) {
    return (
      <TicketFailedScreen
        status={status}
        message={context.failure?.message ?? null}
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
  return (
    <CategoryScreen
      status={status}
      phase={phase}
      categories={context.categories}
      failureMessage={context.failure?.message ?? null}
      isAcceptingTaps={snapshot.matches({ choosing: { ready: 'open' } })}
      onChoose={(categoryId) => send({ type: 'CHOOSE', categoryId })}
      onRetry={() => send({ type: 'RETRY' })}
      onHome={goHome}
    />
  );
}
