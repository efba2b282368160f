import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Clock } from './clock';
import { Icon } from './icons';
import { ThemeSwitch } from './theme-switch';

export interface AppHeaderProps {
  readonly hallName: string;
  readonly terminalId: string;
  readonly isSimulated: boolean;
  /** `home` is the tall header with the date; `journey` is compact and carries 返回首页. */
  readonly variant: 'home' | 'journey' | 'notice';
  /** 返回首页; shown in the journey variant. */
  readonly onHome?: () => void;
}

export function AppHeader({ hallName, terminalId, isSimulated, variant, onHome }: AppHeaderProps): ReactNode {
  const { t } = useTranslation();
  return (
    <header className={`app-header app-header--${variant}`}>
      <div className="app-header__brand">
        <Icon name="hall" className="app-header__emblem" />
        <div className="app-header__titles">
          <h1 className="app-header__hall">{hallName}</h1>
          <p className="app-header__subtitle">
            <span>{t('app.title')}</span>
            <span className="app-header__dot" aria-hidden="true">
              ·
            </span>
            <span>{t('app.terminal', { terminalId })}</span>
            {isSimulated ? (
              <span className="badge badge--simulated" data-testid="simulated-badge">
                {t('app.simulated')}
              </span>
            ) : null}
          </p>
        </div>
      </div>
      <div className="app-header__side">
        {/* On every screen a citizen can use (not on out of service: nothing there is pressable). */}
        {variant === 'notice' ? null : <ThemeSwitch />}
        <Clock variant={variant === 'journey' ? 'compact' : 'full'} />
        {variant === 'journey' && onHome ? (
          <button type="button" className="button button--home" data-testid="go-home" onClick={onHome}>
            <Icon name="home" />
            <span>{t('app.goHome')}</span>
          </button>
        ) : null}
      </div>
    </header>
  );
}
