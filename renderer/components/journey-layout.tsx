import type { ReactNode } from 'react';
import type { SystemStatus } from '../../electron/ipc/contract';
import { AppHeader } from './app-header';
import { type Step, StepIndicator } from './step-indicator';

export interface JourneyLayoutProps {
  readonly status: SystemStatus;
  readonly onHome: () => void;
  readonly steps?: readonly Step[];
  readonly currentStep?: number;
  /** Used as a class suffix and a test id, e.g. `category`. */
  readonly screen: string;
  readonly children: ReactNode;
}

/** Every screen but home: the compact header with 返回首页, the steps, then the content. */
export function JourneyLayout({ status, onHome, steps, currentStep, screen, children }: JourneyLayoutProps): ReactNode {
  return (
    <div className={`screen screen--journey screen--${screen}`} data-testid={`screen-${screen}`}>
      <AppHeader
        hallName={status.hallName}
        terminalId={status.terminalId}
        isSimulated={status.isSimulated}
        variant="journey"
        onHome={onHome}
      />
      {steps ? <StepIndicator steps={steps} current={currentStep ?? 0} /> : null}
      <main className="screen__body">{children}</main>
    </div>
  );
}
