import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminEventView, DeviceKind, DeviceTestKind, DeviceTestResult, IpcError, SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { useNow } from '../components/clock';
import { Icon, type IconName } from '../components/icons';
import { useScanSink } from '../components/scan-guard-context';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import { formatEventTime } from './console-format';
import { type AdminInvoke, useAdminAction, useAdminQuery } from './console-hooks';
import { ChoiceGroup, ErrorNote, PageHead } from './console-parts';

/** The device log is asked for again this often while the page is shown. */
export const EVENTS_REFRESH_MS = 3_000;

export const DEVICE_TESTS: readonly { readonly kind: DeviceTestKind; readonly device: DeviceKind; readonly icon: IconName }[] = [
  { kind: 'printTicket', device: 'receiptPrinter', icon: 'printer' },
  { kind: 'readCard', device: 'idCardReader', icon: 'idCard' },
  { kind: 'scanCode', device: 'barcodeScanner', icon: 'qrCode' },
  { kind: 'capturePage', device: 'documentCamera', icon: 'camera' },
  { kind: 'requestRating', device: 'evaluationPad', icon: 'evaluation' },
];

const loadEvents: AdminInvoke<{ readonly events: readonly AdminEventView[] }> = (admin, token) => admin.events({ token });

/** 设备测试: one button per test, the last result, and the devices' event log. */
export function ConsoleTestsPage({ status }: { readonly status: SystemStatus }): ReactNode {
  const kiosk = useKiosk();
  const [last, setLast] = useState<{ readonly kind: DeviceTestKind; readonly result: DeviceTestResult } | null>(null);
  const [running, setRunning] = useState<DeviceTestKind | null>(null);
  const test = useAdminAction(
    (admin, token, kind: DeviceTestKind) => admin.testDevice({ token, test: kind }),
    (result) => setLast((previous) => (running === null ? previous : { kind: running, result })),
  );
  const events = useAdminQuery(loadEvents, EVENTS_REFRESH_MS);
  // A scanner that types as a keyboard: its burst reaches the core as a scan during 扫码测试.
  useScanSink((text) => {
    if (running === 'scanCode' && test.phase === 'running') void kiosk.scan.submitText({ text }).catch(() => undefined);
  });
  const start = (kind: DeviceTestKind): void => {
    setRunning(kind);
    test.start(kind);
  };
  return (
    <ConsoleTestsScreen
      status={status}
      running={test.phase === 'running' ? running : null}
      last={last}
      error={test.error}
      events={events.value?.events ?? []}
      onTest={start}
    />
  );
}

export interface ConsoleTestsScreenProps {
  readonly status: SystemStatus;
  readonly running: DeviceTestKind | null;
  readonly last: { readonly kind: DeviceTestKind; readonly result: DeviceTestResult } | null;
  readonly error: IpcError | null;
  readonly events: readonly AdminEventView[];
  readonly onTest: (kind: DeviceTestKind) => void;
}

export function ConsoleTestsScreen({ status, running, last, error, events, onTest }: ConsoleTestsScreenProps): ReactNode {
  const { t } = useTranslation();
  const now = useNow().getTime();
  const [filter, setFilter] = useState<AdminEventView['device'] | 'all'>('all');
  const devices = [...new Set(events.map((event) => event.device))];
  const shown = filter === 'all' ? events : events.filter((event) => event.device === filter);
  return (
    <section className="console-page" aria-labelledby="console-tests-title" data-testid="console-tests">
      <PageHead id="console-tests-title" title={t('console.tabs.tests')} />
      <div className="console-columns">
        <div className="console-columns__main">
          <div className="console-tests" role="group" aria-label={t('console.tests.title')}>
            {DEVICE_TESTS.map((item) => (
              <button
                key={item.kind}
                type="button"
                className={`console-test${running === item.kind ? ' console-test--running' : ''}`}
                disabled={running !== null}
                data-testid={`console-test-${item.kind}`}
                onClick={() => onTest(item.kind)}
              >
                <Icon name={item.icon} />
                <span className="console-test__name">{t(`console.tests.run.${item.kind}`)}</span>
                <span className="console-test__device">{t(`console.device.${item.device}`)}</span>
              </button>
            ))}
          </div>
          <ErrorNote error={error} testId="console-test-error" />
          {running ? (
            <p className="console-result console-result--running" role="status" data-testid="console-test-running" data-test={running}>
              <Spinner />
              <span>{t(`console.tests.running.${running}`)}</span>
            </p>
          ) : last ? (
            <div className={`console-result ${last.result.ok ? 'console-result--ok' : 'console-result--failed'}`} role="status" data-testid="console-test-result" data-test={last.kind} data-ok={last.result.ok}>
              <p className="console-result__head">
                <Icon name={last.result.ok ? 'check' : 'alert'} />
                <span>{t(`console.tests.run.${last.kind}`)}</span>
                <span className="console-result__verdict">{last.result.ok ? t('console.tests.passed') : t('console.tests.failed')}</span>
              </p>
              <p className="console-result__summary" data-testid="console-test-summary">
                {last.result.summary}
              </p>
              {last.result.details.length > 0 ? (
                <ul className="console-result__details">
                  {last.result.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : (
            <p className="console-result console-page__hint">{t('console.tests.noResult')}</p>
          )}
        </div>
        <section className="console-columns__side console-events" aria-labelledby="console-events-title" data-testid="console-events">
          <h3 id="console-events-title" className="console-section-title">
            {t('console.tests.events')}
          </h3>
          <ChoiceGroup
            label={t('console.tests.filter')}
            choices={[{ value: 'all' as const, label: t('console.tests.allDevices') }, ...devices.map((device) => ({ value: device, label: t(`console.device.${device}`) }))]}
            value={filter}
            onChange={setFilter}
            testIdPrefix="console-events-filter"
          />
          <ScrollArea label={t('console.tests.events')} testId="console-event-log">
            {shown.length === 0 ? <p className="console-page__empty">{t('console.tests.noEvents')}</p> : null}
            <ul className="console-log">
              {shown.map((event, index) => (
                <li key={`${event.at}-${index}`} className="console-log__entry" data-device={event.device}>
                  <span className="console-log__time">{formatEventTime(event.at, now, status.timeZone)}</span>
                  <span className="console-log__device">{t(`console.device.${event.device}`)}</span>
                  <span className="console-log__text">{event.text}</span>
                </li>
              ))}
            </ul>
          </ScrollArea>
        </section>
      </div>
    </section>
  );
}
