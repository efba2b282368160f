import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/app-header';
import { Icon } from '../components/icons';
import { useConsoleGesture } from '../components/use-console-gesture';

export interface OutOfServiceScreenProps {
  readonly hallName: string;
  readonly terminalId: string;
  readonly isSimulated: boolean;
  /** Chinese from the core; null uses the generic text. */
  readonly reason: string | null;
  /** The hidden console gesture completed: a technician can get in while the terminal is stopped. */
  readonly onOpenConsole?: () => void;
}

/** 暂停服务: nothing to tap; the app returns home by itself when the core is ready again. */
export function OutOfServiceScreen({ hallName, terminalId, isSimulated, reason, onOpenConsole = ignore }: OutOfServiceScreenProps): ReactNode {
  const { t } = useTranslation();
  useConsoleGesture(onOpenConsole);
  return (
    <div className="screen screen--out-of-service" data-testid="out-of-service">
      <AppHeader hallName={hallName} terminalId={terminalId} isSimulated={isSimulated} variant="notice" />
      <main className="screen__body out-of-service" role="alert">
        <Icon name="pause" className="out-of-service__icon" />
        <h2 className="out-of-service__title">{t('outOfService.title')}</h2>
        <p className="out-of-service__reason" data-testid="out-of-service-reason">
          {reason ?? t('outOfService.defaultReason')}
        </p>
        <p className="out-of-service__contact">{t('outOfService.contactStaff')}</p>
        <p className="out-of-service__apology">{t('outOfService.apology')}</p>
      </main>
    </div>
  );
}

function ignore(): void {
  // No console where none was asked for (e.g. tests of the screen alone).
}
