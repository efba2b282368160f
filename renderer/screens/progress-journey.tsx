import { useMachine } from '@xstate/react';
import type { ReactNode } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import { LOOKUP_WAIT_SECONDS } from '../flows/lookup-common';
import { type ProgressOutput, type ProgressPurpose, provideProgressKiosk } from '../flows/progress-machine';
import { CaseDetailScreen } from './case-detail-screen';
import { CaseListScreen } from './case-list-screen';
import { useJourneyEnd, useKioskMachine } from './journey-hooks';
import { LookupStageScreen, lookupStageOf } from './lookup-stage-screen';

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
  const machine = useKioskMachine(provideProgressKiosk);
  const [snapshot, send] = useMachine(machine, {
    input: { purpose, waitSeconds: Math.round(LOOKUP_WAIT_SECONDS * timeFactor) },
  });
  const { context } = snapshot;

  useJourneyEnd(snapshot, onEnd);

  const flow = purpose === 'evaluate' ? 'evaluate' : 'progress';
  const goHome = (): void => send({ type: 'HOME' });
  const back = (): void => send({ type: 'BACK' });

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
  return (
    <LookupStageScreen
      status={status}
      flow={flow}
      stage={lookupStageOf(snapshot)}
      accept="receipt"
      context={context}
      onCode={(code) => send({ type: 'CODE', caseNumber: code.caseNumber, verifier: code.verifier })}
      send={send}
    />
  );
}
