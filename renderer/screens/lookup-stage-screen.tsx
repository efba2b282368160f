/**
 * The screens of the search that 办件查询 (with 好差评 from home) and 预约签到 share: the
 * choice of method, the scan prompt, the card reader, and the states between the lookup and
 * its result.
 */
import type { ReactNode } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import type { AcceptedScan, ScanKind } from '../components/scan-prompt';
import type { CardNotice, LookupEvent, LookupFailure } from '../flows/lookup-common';
import { LookupCardScreen, LookupChoiceScreen } from './lookup-screens';
import { LookupStatusScreen } from './lookup-status-screen';
import type { LookupFlow } from './lookup-steps';
import { ScanScreen } from './scan-screen';

export type LookupStage = 'choosing' | 'scanning' | 'identifying' | 'searching' | 'empty' | 'failed';

type LookupStateName = 'scanning' | 'identifying' | 'lookingUp' | 'listing' | 'empty' | 'failed';

/** The search's stage of a lookup machine's snapshot; `choosing` for any other state. */
export function lookupStageOf(snapshot: { matches(state: LookupStateName): boolean }): LookupStage {
  if (snapshot.matches('scanning')) return 'scanning';
  if (snapshot.matches('identifying')) return 'identifying';
  if (snapshot.matches('empty')) return 'empty';
  if (snapshot.matches('failed')) return 'failed';
  if (snapshot.matches('lookingUp') || snapshot.matches('listing')) return 'searching';
  return 'choosing';
}

export interface LookupStageScreenProps<K extends ScanKind> {
  readonly status: SystemStatus;
  readonly flow: LookupFlow;
  readonly stage: LookupStage;
  /** Which QR codes the scan screen takes. */
  readonly accept: K;
  readonly context: {
    readonly cardNotice: CardNotice | null;
    readonly failure: LookupFailure | null;
    readonly hasReadCard: boolean;
  };
  readonly onCode: (code: AcceptedScan<K>) => void;
  readonly send: (event: LookupEvent) => void;
}

/** The screen of the search's stage, wired to the lookup machine's events. */
export function LookupStageScreen<K extends ScanKind>({
  status,
  flow,
  stage,
  accept,
  context,
  onCode,
  send,
}: LookupStageScreenProps<K>): ReactNode {
  const goHome = (): void => send({ type: 'HOME' });
  const back = (): void => send({ type: 'BACK' });
  switch (stage) {
    case 'scanning':
      return <ScanScreen status={status} flow={flow} accept={accept} onCode={onCode} onBack={back} onHome={goHome} />;
    case 'identifying':
      return <LookupCardScreen status={status} flow={flow} notice={context.cardNotice} onBack={back} onHome={goHome} />;
    case 'searching':
    case 'empty':
    case 'failed':
      return (
        <LookupStatusScreen
          status={status}
          flow={flow}
          phase={stage}
          message={context.failure?.message ?? null}
          hasReadCard={context.hasReadCard}
          onRetry={() => send({ type: 'RETRY' })}
          onChooseAgain={back}
          onDone={() => send({ type: 'DONE' })}
          onHome={goHome}
        />
      );
    case 'choosing':
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
}
