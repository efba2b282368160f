import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { DevScanPanel } from '../components/dev-card-panel';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { type AcceptedScan, type ScanKind, type ScanNotice, ScanPrompt } from '../components/scan-prompt';
import { type LookupFlow, lookupStepProps } from './lookup-steps';

export interface ScanScreenProps<K extends ScanKind> {
  readonly status: SystemStatus;
  readonly flow: LookupFlow;
  readonly accept: K;
  readonly onCode: (code: AcceptedScan<K>) => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
  /** For tests of the static markup. */
  readonly initialNotice?: ScanNotice | null;
}

/** 请将二维码对准扫码窗口, with 返回 to choose the ID card instead. */
export function ScanScreen<K extends ScanKind>({
  status,
  flow,
  accept,
  onCode,
  onBack,
  onHome,
  initialNotice = null,
}: ScanScreenProps<K>): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...lookupStepProps(t, flow, 'find')} screen="scan">
      <ScanPrompt accept={accept} onCode={onCode} initialNotice={initialNotice} />
      <div className="scan-screen__actions">
        <button type="button" className="button button--secondary button--wide" data-testid="lookup-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('lookup.back')}
        </button>
      </div>
      <DevScanPanel status={status} />
    </JourneyLayout>
  );
}
