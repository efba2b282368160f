import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditView, SystemStatus } from '../../electron/ipc/contract';
import { useNow } from '../components/clock';
import { Icon } from '../components/icons';
import { ScrollArea } from '../components/scroll-area';
import { formatEventTime } from './console-format';
import { type AdminInvoke, useAdminQuery } from './console-hooks';
import { ErrorNote, PageHead } from './console-parts';

const loadAudit: AdminInvoke<AuditView> = (admin, token) => admin.audit({ token });

/** `pin.set` → `pinSet`: the copy key of an audit event the console knows. */
const EVENT_KEYS = {
  'pin.set': 'pinSet',
  'pin.changed': 'pinChanged',
  'pin.login': 'pinLogin',
  'pin.failed': 'pinFailed',
  'pin.locked': 'pinLocked',
  'session.timeout': 'sessionTimeout',
  'session.logout': 'sessionLogout',
  'config.changed': 'configChanged',
  'settings.changed': 'settingsChanged',
  'device.bound': 'deviceBound',
  'device.test': 'deviceTest',
  'diagnostics.exported': 'diagnosticsExported',
  'outbox.released': 'outboxReleased',
} as const;
const OUTCOMES = ['ok', 'refused', 'failed'] as const;
const ACTORS = ['technician', 'system'] as const;

function known<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** 审计日志: the hash chain's verdict first and large, then the newest entries. */
export function ConsoleAuditPage({ status }: { readonly status: SystemStatus }): ReactNode {
  const { t } = useTranslation();
  const query = useAdminQuery(loadAudit);
  return (
    <section className="console-page" aria-labelledby="console-audit-title" data-testid="console-audit">
      <PageHead id="console-audit-title" title={t('console.tabs.audit')}>
        <button type="button" className="button button--secondary" data-testid="console-audit-refresh" onClick={query.reload}>
          <Icon name="rotate" />
          <span>{t('console.refresh')}</span>
        </button>
      </PageHead>
      <ErrorNote error={query.error} testId="console-audit-error" />
      {query.value ? <AuditBody audit={query.value} timeZone={status.timeZone} /> : query.error ? null : <p className="console-page__empty">{t('console.loading')}</p>}
    </section>
  );
}

export function AuditBody({ audit, timeZone }: { readonly audit: AuditView; readonly timeZone: string }): ReactNode {
  const { t } = useTranslation();
  const now = useNow().getTime();
  const { chain } = audit;
  const eventLabel = (event: string): string => (Object.hasOwn(EVENT_KEYS, event) ? t(`console.audit.events.${EVENT_KEYS[event as keyof typeof EVENT_KEYS]}`) : event);
  return (
    <>
      <p
        className={`console-chain ${chain.ok ? 'console-chain--ok' : 'console-chain--bad'}`}
        role={chain.ok ? 'status' : 'alert'}
        data-testid="console-audit-chain"
        data-ok={chain.ok}
      >
        <Icon name={chain.ok ? 'check' : 'alert'} />
        <span className="console-chain__verdict">{chain.ok ? t('console.audit.chainOk', { count: chain.count }) : t('console.audit.chainBad', { seq: chain.firstBadSeq })}</span>
        {chain.ok ? null : <span className="console-chain__reason">{chain.reason}</span>}
      </p>
      <ScrollArea label={t('console.audit.entries')} testId="console-audit-entries">
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">{t('console.audit.seq')}</th>
              <th scope="col">{t('console.audit.at')}</th>
              <th scope="col">{t('console.audit.actor')}</th>
              <th scope="col">{t('console.audit.event')}</th>
              <th scope="col">{t('console.audit.outcome')}</th>
              <th scope="col">{t('console.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.entries.map((entry) => (
              <tr
                key={entry.seq}
                className={!chain.ok && entry.seq >= chain.firstBadSeq ? 'console-table__row--bad' : undefined}
                data-testid={`console-audit-entry-${entry.seq}`}
              >
                <td className="console-table__number">{entry.seq}</td>
                <td className="console-table__time">{formatEventTime(entry.at, now, timeZone)}</td>
                <td>{known(ACTORS, entry.actor) ? t(`console.audit.actors.${entry.actor}`) : entry.actor}</td>
                <td>{eventLabel(entry.event)}</td>
                <td className={`console-table__outcome console-table__outcome--${entry.outcome}`}>
                  {known(OUTCOMES, entry.outcome) ? t(`console.audit.outcomes.${entry.outcome}`) : entry.outcome}
                </td>
                <td className="console-table__detail">{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </>
  );
}
