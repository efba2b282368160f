import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDeviceView, AdminOverview, IpcError, QuarantinedRecordView, SystemStatus } from '../../electron/ipc/contract';
import { useNow } from '../components/clock';
import { Icon, type IconName } from '../components/icons';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import { type ActionPhase, type AdminInvoke, useAdminAction, useAdminQuery } from './console-hooks';
import { formatBytes, formatEventTime } from './console-format';
import { ErrorNote, PageHead, StateBadge } from './console-parts';

/** How often the overview asks again while it is shown. */
export const OVERVIEW_REFRESH_MS = 5_000;

const loadOverview: AdminInvoke<AdminOverview> = (admin, token) => admin.overview({ token });

/** 重新发送 of one quarantined record: which one, and how it went. */
export interface ReleaseState {
  readonly phase: ActionPhase;
  readonly record: QuarantinedRecordView | null;
  readonly error: IpcError | null;
}

const NO_RELEASE: ReleaseState = { phase: 'idle', record: null, error: null };

/** 设备总览 as loaded: the screen below, fed by admin.overview every 5 s. */
export function ConsoleOverviewPage({ status }: { readonly status: SystemStatus }): ReactNode {
  const query = useAdminQuery(loadOverview, OVERVIEW_REFRESH_MS);
  const { reload } = query;
  const [releasing, setReleasing] = useState<QuarantinedRecordView | null>(null);
  const release = useAdminAction(async (admin, token, record: QuarantinedRecordView) => {
    const result = await admin.releaseOutbox({ token, id: record.id });
    // Sent, or already gone from quarantine: either way the list on screen is out of date.
    if (result.ok || result.error.code === 'notFound') reload();
    return result;
  });
  return (
    <ConsoleOverviewScreen
      status={status}
      overview={query.value}
      loadedAt={query.loadedAt}
      isLoading={query.isLoading}
      error={query.error}
      onRefresh={reload}
      release={{ phase: release.phase, record: releasing, error: release.error }}
      onRelease={(record) => {
        setReleasing(record);
        release.start(record);
      }}
    />
  );
}

export interface ConsoleOverviewScreenProps {
  readonly status: SystemStatus;
  readonly overview: AdminOverview | null;
  readonly loadedAt: number | null;
  readonly isLoading: boolean;
  readonly error: IpcError | null;
  readonly onRefresh: () => void;
  readonly release?: ReleaseState;
  readonly onRelease?: (record: QuarantinedRecordView) => void;
}

export function ConsoleOverviewScreen({
  status,
  overview,
  loadedAt,
  isLoading,
  error,
  onRefresh,
  release = NO_RELEASE,
  onRelease = () => undefined,
}: ConsoleOverviewScreenProps): ReactNode {
  const { t } = useTranslation();
  const now = useNow().getTime();
  const at = (epoch: number): string => formatEventTime(epoch, now, status.timeZone);
  return (
    <section className="console-page" aria-labelledby="console-overview-title" aria-busy={isLoading} data-testid="console-overview">
      <PageHead id="console-overview-title" title={t('console.tabs.overview')}>
        <span className="console-page__meta">
          {t('console.overview.autoRefresh')}
          {loadedAt === null ? null : ` · ${t('console.updatedAt', { time: at(loadedAt) })}`}
        </span>
        <button type="button" className="button button--secondary" data-testid="console-refresh" onClick={onRefresh}>
          <Icon name="rotate" />
          <span>{t('console.refresh')}</span>
        </button>
      </PageHead>
      <ErrorNote error={error} testId="console-overview-error" />
      {overview === null ? (
        error ? null : <p className="console-page__empty">{t('console.loading')}</p>
      ) : (
        <>
          <ul className="console-facts" data-testid="console-facts">
            <li className={`console-facts__fact console-facts__fact--${overview.mode}`} data-testid="console-mode" data-mode={overview.mode}>
              <Icon name={overview.mode === 'ready' ? 'check' : 'pause'} />
              <span>{t(`console.overview.mode.${overview.mode}`)}</span>
              {overview.outOfServiceReason ? <span className="console-facts__reason">{overview.outOfServiceReason}</span> : null}
            </li>
            <li
              className={`console-facts__fact${overview.outbox.quarantined > 0 ? ' console-facts__fact--attention' : ''}`}
              data-testid="console-outbox"
            >
              {t('console.overview.outbox', { pending: overview.outbox.pending, quarantined: overview.outbox.quarantined })}
            </li>
            <li className="console-facts__fact" data-testid="console-free-space">
              {t('console.overview.freeSpace', { size: formatBytes(overview.freeBytes) })}
            </li>
            <li className="console-facts__fact">{t('console.overview.version', { version: overview.version })}</li>
          </ul>
          <ScrollArea label={t('console.overview.devices')} testId="console-devices">
            <ul className="console-devices">
              {sortedDevices(overview.devices).map((device) => (
                <DeviceCard key={device.kind} device={device} at={at} />
              ))}
            </ul>
            <section className="console-alarms" aria-labelledby="console-alarms-title" data-testid="console-alarms">
              <h3 id="console-alarms-title" className="console-section-title">
                {t('console.overview.alarms')}
              </h3>
              {overview.alarms.length === 0 ? <p className="console-page__empty">{t('console.overview.noAlarms')}</p> : null}
              <ul className="console-log">
                {overview.alarms.map((alarm) => (
                  <li key={`${alarm.at}-${alarm.code}`} className="console-log__entry console-log__entry--alarm">
                    <span className="console-log__time">{at(alarm.at)}</span>
                    <span className="console-log__text">{alarm.message}</span>
                    <span className="console-log__code">{alarm.code}</span>
                  </li>
                ))}
              </ul>
            </section>
            <QuarantineSection outbox={overview.outbox} release={release} onRelease={onRelease} at={at} />
          </ScrollArea>
        </>
      )}
    </section>
  );
}

/** Devices that need someone first: faults, then offline, then those with something to do. */
function urgencyOf(device: AdminDeviceView): number {
  if (device.state === 'error') return 0;
  if (device.state === 'offline') return 1;
  if (device.state === 'disabled') return 2;
  return device.actionText !== null || device.action !== null ? 3 : 4;
}

export function sortedDevices(devices: readonly AdminDeviceView[]): AdminDeviceView[] {
  return [...devices].sort((a, b) => urgencyOf(a) - urgencyOf(b));
}

function DeviceCard({ device, at }: { readonly device: AdminDeviceView; readonly at: (epoch: number) => string }): ReactNode {
  const { t } = useTranslation();
  const hasAction = device.actionText !== null || device.action !== null;
  return (
    <li className={`console-device console-device--${device.state}`} data-testid={`console-device-${device.kind}`} data-state={device.state}>
      <div className="console-device__head">
        <h3 className="console-device__name">{t(`console.device.${device.kind}`)}</h3>
        <StateBadge state={device.state} />
        {device.isSimulated ? <span className="badge badge--simulated">{t('console.overview.simulated')}</span> : null}
      </div>
      <p className="console-device__binding">{t('console.overview.binding', { binding: device.binding })}</p>
      {device.detail ? <p className="console-device__detail">{device.detail}</p> : null}
      {hasAction ? (
        <p className="console-device__action" data-testid={`console-device-${device.kind}-action`}>
          <Icon name="alert" />
          <span>
            {device.actionText}
            {device.action ? <span className="console-device__xfs">{t(`console.action.${device.action}`)}</span> : null}
          </span>
        </p>
      ) : null}
      <p className="console-device__event">
        <span className="console-device__label">{t('console.overview.lastEvent')}</span>
        {device.lastEvent ? `${at(device.lastEvent.at)} ${device.lastEvent.text}` : t('console.overview.noEvent')}
      </p>
      {device.counters.length > 0 ? (
        <dl className="console-device__counters">
          {device.counters.map((counter) => (
            <div key={counter.label} className="console-device__counter">
              <dt>{counter.label}</dt>
              <dd>{counter.value.toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

const KIND_ICONS: Readonly<Record<QuarantinedRecordView['kind'], IconName>> = { evaluation: 'evaluation', checkIn: 'appointment', application: 'application' };

export interface QuarantineSectionProps {
  readonly outbox: AdminOverview['outbox'];
  readonly release: ReleaseState;
  readonly onRelease: (record: QuarantinedRecordView) => void;
  readonly at: (epoch: number) => string;
}

/**
 * 隔离记录: outbox records the sync worker gave up on, with what went wrong, each with
 * 重新发送 for after the cause is fixed. One send at a time; its result stays above the list
 * (the record itself leaves the list once it is back in line).
 */
export function QuarantineSection({ outbox, release, onRelease, at }: QuarantineSectionProps): ReactNode {
  const { t } = useTranslation();
  const records = outbox.quarantinedRecords;
  const isSending = release.phase === 'running';
  return (
    <section className="console-quarantine" aria-labelledby="console-quarantine-title" data-testid="console-quarantine">
      <h3 id="console-quarantine-title" className="console-section-title">
        {t('console.overview.quarantine.title')}
      </h3>
      {records.length === 0 ? null : <p className="console-page__hint">{t('console.overview.quarantine.hint')}</p>}
      {release.phase === 'done' && release.record ? (
        <p className="console-note console-note--ok" role="status" data-testid="console-quarantine-result">
          <Icon name="check" />
          <span>{t('console.overview.quarantine.released', { kind: release.record.kindLabel })}</span>
        </p>
      ) : null}
      <ErrorNote error={release.phase === 'failed' ? release.error : null} testId="console-quarantine-error" />
      {records.length === 0 ? <p className="console-page__empty">{t('console.overview.quarantine.none')}</p> : null}
      <ul className="console-quarantine__list">
        {records.map((record) => {
          const isThisSending = isSending && release.record?.id === record.id;
          return (
            <li key={record.id} className="console-quarantine__record" data-testid={`console-quarantine-record-${record.id}`}>
              <p className="console-quarantine__meta">
                <span className="console-quarantine__kind">
                  <Icon name={KIND_ICONS[record.kind]} />
                  {record.kindLabel}
                </span>
                <span className="console-log__time">{at(Date.parse(record.createdAt))}</span>
                <span className="console-quarantine__attempts">{t('console.overview.quarantine.attempts', { count: record.attempts })}</span>
              </p>
              <p className="console-quarantine__error">{record.lastError ?? t('console.overview.quarantine.noError')}</p>
              <button
                type="button"
                className="button button--secondary console-quarantine__release"
                disabled={isSending}
                data-testid={`console-quarantine-release-${record.id}`}
                onClick={() => onRelease(record)}
              >
                {isThisSending ? <Spinner /> : <Icon name="rotate" />}
                <span>{isThisSending ? t('console.overview.quarantine.sending') : t('console.overview.quarantine.release')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {outbox.quarantined > records.length ? (
        <p className="console-page__hint">{t('console.overview.quarantine.more', { shown: records.length, count: outbox.quarantined })}</p>
      ) : null}
    </section>
  );
}
