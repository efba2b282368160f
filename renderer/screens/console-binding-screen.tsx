import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport, DetectedDevice } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import { transportDetails, transportKindOf } from '../flows/console-binding';
import { ConsoleBindingForm } from './console-binding-form';
import { type AdminAction, useAdminAction } from './console-hooks';
import { ChoiceGroup, ErrorNote, PageHead, RestartNote } from './console-parts';

type BindingView = 'auto' | 'manual';

/** Device paths among what detect looked at: offered in the manual form, so nobody types them. */
function portsSeen(report: DetectReport | null): string[] {
  return (report?.looked ?? []).map((entry) => entry.where).filter((where) => /^(\/dev\/|COM\d)/u.test(where));
}

/** 设备绑定: 自动识别 with proposals to confirm, or the manual form; 立即重启 once saved. */
export function ConsoleBindingPage(): ReactNode {
  const { t } = useTranslation();
  const [view, setView] = useState<BindingView>('auto');
  const [hasSaved, setHasSaved] = useState(false);
  const detect = useAdminAction((admin, token) => admin.detect({ token, ports: [] }));
  return (
    <section className="console-page" aria-labelledby="console-binding-title" data-testid="console-binding" data-view={view}>
      <PageHead id="console-binding-title" title={t('console.tabs.binding')}>
        {hasSaved ? <RestartNote /> : null}
        <ChoiceGroup
          label={t('console.binding.views')}
          choices={[
            { value: 'auto', label: t('console.binding.auto') },
            { value: 'manual', label: t('console.binding.manual') },
          ]}
          value={view}
          onChange={setView}
          testIdPrefix="console-binding-view"
        />
      </PageHead>
      {view === 'auto' ? (
        <ConsoleDetectPanel detect={detect} onSaved={() => setHasSaved(true)} />
      ) : (
        <ConsoleBindingForm seenPorts={portsSeen(detect.value)} onSaved={() => setHasSaved(true)} />
      )}
    </section>
  );
}

export interface ConsoleDetectPanelProps {
  readonly detect: AdminAction<DetectReport, undefined>;
  readonly onSaved: () => void;
}

export function ConsoleDetectPanel({ detect, onSaved }: ConsoleDetectPanelProps): ReactNode {
  const { t } = useTranslation();
  const report = detect.value;
  const isDetecting = detect.phase === 'running';
  return (
    <div className="console-detect">
      <div className="console-detect__start">
        <p className="console-page__hint">{t('console.binding.autoHint')}</p>
        <button type="button" className="button button--primary button--wide" disabled={isDetecting} data-testid="console-detect" onClick={() => detect.start(undefined)}>
          {isDetecting ? <Spinner /> : <Icon name="search" />}
          <span>{isDetecting ? t('console.binding.detecting') : t('console.binding.detect')}</span>
        </button>
      </div>
      <ErrorNote error={detect.error} testId="console-detect-error" />
      {report ? (
        <ScrollArea label={t('console.binding.proposals', { count: report.proposals.length })} testId="console-proposals">
          <h3 className="console-section-title" data-testid="console-proposals-title">
            {report.proposals.length === 0 ? t('console.binding.none') : t('console.binding.proposals', { count: report.proposals.length })}
          </h3>
          <ul className="console-proposals">
            {report.proposals.map((proposal, index) => (
              <Proposal key={`${proposal.device}-${index}`} index={index} proposal={proposal} onSaved={onSaved} />
            ))}
          </ul>
          <h3 className="console-section-title">{t('console.binding.looked')}</h3>
          <ul className="console-log" data-testid="console-looked">
            {report.looked.map((entry) => (
              <li key={`${entry.where}-${entry.result}`} className="console-log__entry">
                <span className="console-log__time">{entry.where}</span>
                <span className="console-log__text">{entry.result}</span>
              </li>
            ))}
          </ul>
        </ScrollArea>
      ) : null}
    </div>
  );
}

function Proposal({ index, proposal, onSaved }: { readonly index: number; readonly proposal: DetectedDevice; readonly onSaved: () => void }): ReactNode {
  const { t } = useTranslation();
  const bind = useAdminAction((admin, token, arg: DetectedDevice) => admin.bind({ token, device: arg.device, transport: { ...arg.transport } }), onSaved);
  const kind = transportKindOf(proposal.transport);
  const isApplied = bind.phase === 'done';
  return (
    <li className={`console-proposal${isApplied ? ' console-proposal--applied' : ''}`} data-testid={`console-proposal-${index}`} data-device={proposal.device}>
      <div className="console-proposal__text">
        <p className="console-proposal__device">{t(`console.device.${proposal.device}`)}</p>
        <p className="console-proposal__transport">
          {kind ? t(`console.binding.transports.${kind}`) : String(proposal.transport['type'])} {transportDetails(proposal.transport)}
        </p>
        <p className="console-proposal__evidence">{proposal.evidence}</p>
        {proposal.needsConfirmation ? (
          <p className="console-note console-note--warning" data-testid={`console-proposal-${index}-confirm`}>
            <Icon name="info" />
            <span>{t('console.binding.needsConfirmation')}</span>
          </p>
        ) : null}
        <ErrorNote error={bind.error} testId={`console-proposal-${index}-error`} />
      </div>
      <button
        type="button"
        className={`button ${isApplied ? 'button--secondary' : 'button--primary'}`}
        disabled={bind.phase === 'running' || isApplied}
        data-testid={`console-proposal-${index}-apply`}
        onClick={() => bind.start(proposal)}
      >
        {bind.phase === 'running' ? <Spinner /> : <Icon name="check" />}
        <span>{isApplied ? t('console.binding.applied') : t('console.binding.apply')}</span>
      </button>
    </li>
  );
}
