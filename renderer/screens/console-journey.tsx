import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { AppHeader } from '../components/app-header';
import { Icon } from '../components/icons';
import { Spinner } from '../components/spinner';
import { type ConsoleOutput, type ConsoleTab, isPadBusy, padStageOf, provideConsoleKiosk } from '../flows/console-machine';
import { ConsoleAuditPage } from './console-audit-screen';
import { ConsoleBindingPage } from './console-binding-screen';
import { ConsoleDiagnosticsPage } from './console-diagnostics-screen';
import { type ConsoleSession, ConsoleSessionContext } from './console-hooks';
import { ConsoleLayout } from './console-layout';
import { ConsoleOverviewPage } from './console-overview-screen';
import { ConsolePinScreen } from './console-pin-screen';
import { ConsoleSettingsPage } from './console-settings-screen';
import { ConsoleTestsPage } from './console-tests-screen';
import { useJourneyEnd, useKioskMachine } from './journey-hooks';

/** A touch after this long without any admin call also pings the core, so its session lives on. */
export const KEEPALIVE_AFTER_MS = 60_000;

const CONSOLE_INPUT = { now: Date.now };

/** Anything the technician does in the console restarts its session countdown. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown'] as const;

export interface ConsoleJourneyProps {
  readonly status: SystemStatus;
  /** Called once, when the console closes (退出, timed out, or the PIN pad left). */
  readonly onEnd: (output: ConsoleOutput) => void;
}

/** The technician console (issue #8): runs the console machine and shows its screen. */
export function ConsoleJourney({ status, onEnd }: ConsoleJourneyProps): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const machine = useKioskMachine(provideConsoleKiosk);
  const [snapshot, send] = useMachine(machine, { input: CONSOLE_INPUT });
  const { context } = snapshot;
  useJourneyEnd(snapshot, onEnd);

  const lastCallAt = useRef(Date.now());
  const { token } = context;
  const session = useMemo<ConsoleSession | null>(
    () => (token === null ? null : { token, lastCallAt, onForbidden: (message) => send({ type: 'FORBIDDEN', message }) }),
    [token, send],
  );

  const isInSession = snapshot.matches('session');
  useEffect(() => {
    if (!isInSession || token === null) return undefined;
    const onActivity = (): void => {
      send({ type: 'ACTIVITY' });
      if (Date.now() - lastCallAt.current < KEEPALIVE_AFTER_MS) return;
      lastCallAt.current = Date.now();
      void kiosk.admin.events({ token }).then(
        (result) => {
          if (!result.ok && result.error.code === 'forbidden') send({ type: 'FORBIDDEN', message: result.error.message });
        },
        () => undefined,
      );
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [isInSession, token, send, kiosk]);

  const stage = padStageOf(snapshot);
  if (stage !== null) {
    return (
      <ConsolePinScreen
        status={status}
        stage={stage}
        pinLength={context.pin.length}
        notice={context.notice}
        lockSecondsLeft={context.lockSecondsLeft}
        isBusy={isPadBusy(snapshot)}
        onKey={(key) => send({ type: 'KEY', key })}
        onSubmit={() => send({ type: 'SUBMIT' })}
        onCancel={() => send({ type: 'CANCEL' })}
      />
    );
  }
  if (session !== null && isInSession) {
    const notice = context.notice;
    return (
      <ConsoleSessionContext value={session}>
        <ConsoleLayout
          status={status}
          tab={context.tab}
          sessionSecondsLeft={context.sessionSecondsLeft}
          onTab={(tab: ConsoleTab) => send({ type: 'TAB', tab })}
          onExit={() => send({ type: 'LOGOUT' })}
        >
          {notice !== null && 'key' in notice ? (
            <p className="console-note console-note--ok" role="status" data-testid="console-notice">
              <Icon name="check" />
              <span>{t(`console.notice.${notice.key}`)}</span>
            </p>
          ) : null}
          <ConsolePage tab={context.tab} status={status} onChangePin={() => send({ type: 'CHANGE_PIN' })} />
        </ConsoleLayout>
      </ConsoleSessionContext>
    );
  }
  const isUnreachable = snapshot.matches('unreachable');
  const notice = context.notice;
  return (
    <div className="screen screen--journey console console--wait" data-testid="screen-console-wait">
      <AppHeader hallName={status.hallName} terminalId={status.terminalId} isSimulated={status.isSimulated} variant="journey" onHome={() => send({ type: 'CANCEL' })} />
      <main className="screen__body console-wait">
        {isUnreachable ? (
          <>
            <h2 className="console-pin__title">{t('console.pin.unreachable')}</h2>
            {notice !== null ? (
              <p className="console-note console-note--error" role="alert" data-testid="console-unreachable">
                <Icon name="alert" />
                <span>{'text' in notice ? notice.text : t(`console.notice.${notice.key}`)}</span>
              </p>
            ) : null}
            <div className="console-form__actions">
              <button type="button" className="button button--secondary" data-testid="console-pin-cancel" onClick={() => send({ type: 'CANCEL' })}>
                {t('console.pin.cancel')}
              </button>
              <button type="button" className="button button--primary" data-testid="console-retry" onClick={() => send({ type: 'RETRY' })}>
                {t('console.retry')}
              </button>
            </div>
          </>
        ) : (
          <p className="console-pin__busy" role="status">
            <Spinner />
            <span>{t('console.loading')}</span>
          </p>
        )}
      </main>
    </div>
  );
}

function ConsolePage({ tab, status, onChangePin }: { readonly tab: ConsoleTab; readonly status: SystemStatus; readonly onChangePin: () => void }): ReactNode {
  switch (tab) {
    case 'overview':
      return <ConsoleOverviewPage status={status} />;
    case 'binding':
      return <ConsoleBindingPage />;
    case 'tests':
      return <ConsoleTestsPage status={status} />;
    case 'settings':
      return <ConsoleSettingsPage onChangePin={onChangePin} />;
    case 'diagnostics':
      return <ConsoleDiagnosticsPage />;
    case 'audit':
      return <ConsoleAuditPage status={status} />;
  }
}
