import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons';
import { Spinner } from '../components/spinner';

export interface BootScreenProps {
  /** `starting`: waiting for the first status; `unreachable`: the core could not be reached. */
  readonly phase: 'starting' | 'unreachable';
}

/** Before the core has answered: no hall name yet, so no header. */
export function BootScreen({ phase }: BootScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="screen screen--boot" data-testid={`boot-${phase}`}>
      <main className="screen__body boot" role="status" aria-live="polite">
        {phase === 'starting' ? <Spinner /> : <Icon name="pause" className="boot__icon" />}
        <p className="boot__title">{t('app.title')}</p>
        <p className="boot__text">{phase === 'starting' ? t('app.starting') : t('boot.connectFailed')}</p>
        {phase === 'unreachable' ? <p className="boot__text">{t('app.help')}</p> : null}
      </main>
    </div>
  );
}
