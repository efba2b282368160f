import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import { provideGuideKiosk } from '../flows/guide-kiosk';
import { type GuideOutput, TOAST_SECONDS, hitsPageSize } from '../flows/guide-types';
import { type Theme, candidateBudget, listPageSize, tilePageSize, timeFactor } from '../themes/theme';
import { GuideHomeScreen } from './guide-home-screen';
import { GuidePageScreen } from './guide-page-screen';
import { GuideSearchScreen } from './guide-search-screen';
import { useJourneyEnd, useKioskMachine } from './journey-hooks';

export interface GuideJourneyProps {
  readonly status: SystemStatus;
  /** Page sizes, candidate counts and how long a print outcome stays follow the theme. */
  readonly theme: Theme;
  /** Called once, when the journey is over: home, on to 取号 for a category, or to apply for an item. */
  readonly onEnd: (output: GuideOutput) => void;
}

/** The 办事指南 journey: runs the guide machine and shows the screen for its state. */
export function GuideJourney({ status, theme, onEnd }: GuideJourneyProps): ReactNode {
  const machine = useKioskMachine(provideGuideKiosk);
  const pageSize = listPageSize(theme);
  const tiles = tilePageSize(theme);
  const toastSeconds = Math.round(TOAST_SECONDS * timeFactor(theme));
  const [snapshot, send] = useMachine(machine, { input: { pageSize, tilePageSize: tiles, toastSeconds } });
  const { context } = snapshot;

  useEffect(() => {
    send({ type: 'CONFIGURE', pageSize, tilePageSize: tiles, toastSeconds });
  }, [send, pageSize, tiles, toastSeconds]);

  useJourneyEnd(snapshot, onEnd);

  const goHome = (): void => send({ type: 'HOME' });
  const failureMessage = context.failure?.message ?? null;

  if (snapshot.matches('reading')) {
    return (
      <GuidePageScreen
        status={status}
        phase={snapshot.matches({ reading: 'ready' }) ? 'ready' : snapshot.matches({ reading: 'failed' }) ? 'failed' : 'loading'}
        guide={context.guide}
        printing={
          snapshot.matches({ reading: { ready: 'printingChecklist' } })
            ? 'checklist'
            : snapshot.matches({ reading: { ready: 'printingGuide' } })
              ? 'guide'
              : null
        }
        notice={context.notice}
        failureMessage={failureMessage}
        onPrintChecklist={() => send({ type: 'PRINT_CHECKLIST' })}
        onPrintGuide={() => send({ type: 'PRINT_GUIDE' })}
        onTakeTicket={() => send({ type: 'TAKE_TICKET' })}
        onApply={() => send({ type: 'APPLY' })}
        onEvaluate={() => send({ type: 'EVALUATE' })}
        onDismiss={() => send({ type: 'DISMISS' })}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={() => send({ type: 'BACK' })}
        onHome={goHome}
      />
    );
  }
  const onPrev = (): void => send({ type: 'PREV_PAGE' });
  const onNext = (): void => send({ type: 'NEXT_PAGE' });
  const onOpenItem = (code: string): void => send({ type: 'OPEN_ITEM', code });
  if (snapshot.matches('searching')) {
    const results = snapshot.matches({ searching: { results: 'ready' } })
      ? 'ready'
      : snapshot.matches({ searching: { results: 'failed' } })
        ? 'failed'
        : snapshot.matches({ searching: { results: 'idle' } })
          ? 'idle'
          : 'searching';
    return (
      <GuideSearchScreen
        status={status}
        phase={results}
        input={context.input}
        isKeyboardOpen={context.isKeyboardOpen}
        candidates={context.candidates}
        candidateBudget={candidateBudget(theme)}
        searchedQuery={context.searchedQuery}
        hits={context.hits}
        hitsTotal={context.hitsTotal}
        hitsPage={context.hitsPage}
        pageSize={hitsPageSize(context)}
        suggestions={context.suggestions}
        failureMessage={failureMessage}
        onKey={(key) => send({ type: 'KEY', key })}
        onCandidate={(candidate) => send({ type: 'CANDIDATE', candidate })}
        onType={(value) => send({ type: 'TYPE', value })}
        onOpenKeyboard={() => send({ type: 'OPEN_KEYBOARD' })}
        onOpenItem={onOpenItem}
        onPrev={onPrev}
        onNext={onNext}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={() => send({ type: 'BACK' })}
        onHome={goHome}
      />
    );
  }
  const phase = snapshot.matches('loading')
    ? 'loading'
    : snapshot.matches('loadFailed')
      ? 'loadFailed'
      : snapshot.matches({ browsing: 'list' })
        ? 'list'
        : 'tiles';
  return (
    <GuideHomeScreen
      status={status}
      phase={phase}
      listPhase={
        snapshot.matches({ browsing: { list: 'ready' } })
          ? 'ready'
          : snapshot.matches({ browsing: { list: 'failed' } })
            ? 'failed'
            : 'loading'
      }
      summary={context.summary}
      tab={context.tab}
      tilePage={context.tilePage}
      tilePageSize={context.tilePageSize}
      filter={context.filter}
      items={context.items}
      total={context.total}
      page={context.page}
      pageSize={context.pageSize}
      failureMessage={failureMessage}
      onTab={(tab) => send({ type: 'TAB', tab })}
      onOpenDepartment={(id) => send({ type: 'OPEN_DEPARTMENT', id })}
      onOpenLifeEvent={(id) => send({ type: 'OPEN_LIFE_EVENT', id })}
      onOpenItem={onOpenItem}
      onBack={() => send({ type: 'BACK' })}
      onPrev={onPrev}
      onNext={onNext}
      onSearch={() => send({ type: 'OPEN_SEARCH' })}
      onRetry={() => send({ type: 'RETRY' })}
      onHome={goHome}
    />
  );
}
