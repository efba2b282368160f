import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { LOOKUP_WAIT_SECONDS } from '../flows/lookup-common';
import { type ProgressOutput, type ProgressPurpose, provideProgressKiosk } from '../flows/progress-machine';
import { CaseDetailScreen } from './case-detail-screen';
import { CaseListScreen } from './case-list-screen';
import { LookupCardScreen, LookupChoiceScreen } from './lookup-screens';
import { LookupStatusScreen } from './lookup-status-screen';
import { ScanScreen } from './scan-screen';

export interface ProgressJourneyProps {
  readonly status: SystemStatus;
  /** `evaluate`: the home tile 好差评, picking the case to rate. */
  readonly purpose: ProgressPurpose;
  /** Stretches the wait for a code or a card (关怀模式). */
  readonly timeFactor: number;
  /** Called once, when the journey is over. */
  readonly onEnd: (output: ProgressOutput) => void;
}

/** 办件查询 (and the case choice of 好差评): runs the progress machine, shows its screen. */
export function ProgressJourney({ status, purpose, timeFactor, onEnd }: ProgressJourneyProps): ReactNode {
  const kiosk = useKiosk();
  const machine = useMemo(() => provideProgressKiosk(kiosk), [kiosk]);
  const [snapshot, send] = useMachine(machine, {
    input: { purpose, waitSeconds: Math.round(LOOKUP_WAIT_SECONDS * timeFactor) },
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
    latestOnEnd.current(snapshot.output);
  }, [snapshot]);

  const flow = purpose === 'evaluate' ? 'evaluate' : 'progress';
  const goHome = (): void => send({ type: 'HOME' });
  const back = (): void => send({ type: 'BACK' });

  if (snapshot.matches('scanning')) {
    return (
      <ScanScreen
        status={status}
        flow={flow}
        accept="receipt"
        onCode={(code) => send({ type: 'CODE', caseNumber: code.caseNumber, verifier: code.verifier })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('identifying')) {
    return <LookupCardScreen status={status} flow={flow} notice={context.cardNotice} onBack={back} onHome={goHome} />;
  }
  if (snapshot.matches('list')) {
    return (
      <CaseListScreen
        status={status}
        purpose={purpose}
        cases={context.cases}
        hasReadCard={context.hasReadCard}
        onOpen={(caseNumber) => send({ type: 'OPEN', caseNumber })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('detail') && context.selected) {
    return (
      <CaseDetailScreen
        status={status}
        view={context.selected}
        hasReadCard={context.hasReadCard}
        canGoBack={context.method === 'card'}
        onBack={back}
        onEvaluate={() => send({ type: 'EVALUATE' })}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('lookingUp') || snapshot.matches('listing') || snapshot.matches('empty') || snapshot.matches('failed')) {
    const phase = snapshot.matches('empty') ? 'empty' : snapshot.matches('failed') ? 'failed' : 'searching';
    return (
      <LookupStatusScreen
        status={status}
        flow={flow}
        phase={phase}
        message={context.failure?.message ?? null}
        hasReadCard={context.hasReadCard}
        onRetry={() => send({ type: 'RETRY' })}
        onChooseAgain={back}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  return (
    <LookupChoiceScreen
      status={status}
      flow={flow}
      onScan={() => send({ type: 'SCAN' })}
      onCard={() => send({ type: 'CARD' })}
      onHome={goHome}
    />
  );
}
