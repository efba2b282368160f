import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { Icon, type IconName } from '../components/icons';
import { CONSOLE_TABS, type ConsoleTab } from '../flows/console-machine';
import { formatCountdown } from './console-format';

const TAB_ICONS: Readonly<Record<ConsoleTab, IconName>> = {
  overview: 'info',
  binding: 'link',
  tests: 'check',
  settings: 'building',
  diagnostics: 'document',
  audit: 'guide',
};

/** The countdown turns to a warning this close to the end. */
const SESSION_WARNING_SECONDS = 60;

export interface ConsoleLayoutProps {
  readonly status: SystemStatus;
  readonly tab: ConsoleTab;
  readonly sessionSecondsLeft: number;
  readonly onTab: (tab: ConsoleTab) => void;
  readonly onExit: () => void;
  readonly children: ReactNode;
}

/**
 * The console's frame: a header with the session's countdown and 退出, the menu of pages
 * down the side (across the top in portrait), then the page.
 */
export function ConsoleLayout({ status, tab, sessionSecondsLeft, onTab, onExit, children }: ConsoleLayoutProps): ReactNode {
  const { t } = useTranslation();
  const time = formatCountdown(sessionSecondsLeft);
  const isEnding = sessionSecondsLeft <= SESSION_WARNING_SECONDS;
  return (
    <div className="screen console" data-testid="screen-console" data-tab={tab}>
      <header className="app-header app-header--journey console-header">
        <div className="app-header__brand">
          <Icon name="hall" className="app-header__emblem" />
          <div className="app-header__titles">
            <h1 className="app-header__hall">{status.hallName}</h1>
            <p className="app-header__subtitle">
              <span>{t('console.title')}</span>
              <span className="app-header__dot" aria-hidden="true">
                ·
              </span>
              <span>{t('app.terminal', { terminalId: status.terminalId })}</span>
              {status.isSimulated ? <span className="badge badge--simulated">{t('app.simulated')}</span> : null}
            </p>
          </div>
        </div>
        <div className="app-header__side">
          <p
            className={`console-session${isEnding ? ' console-session--ending' : ''}`}
            role="timer"
            aria-label={t('console.sessionLabel', { time })}
            data-testid="console-session"
            data-seconds={sessionSecondsLeft}
          >
            <Icon name="clock" />
            <span aria-hidden="true">{t('console.session', { time })}</span>
          </p>
          <button type="button" className="button button--home" data-testid="console-exit" onClick={onExit}>
            <Icon name="close" />
            <span>{t('console.exit')}</span>
          </button>
        </div>
      </header>
      <div className="console__frame">
        <nav className="console-menu" aria-label={t('console.menu')}>
          {CONSOLE_TABS.map((item) => (
            <button
              key={item}
              type="button"
              className={`console-menu__item${item === tab ? ' console-menu__item--current' : ''}`}
              aria-current={item === tab ? 'page' : undefined}
              data-testid={`console-tab-${item}`}
              onClick={() => onTab(item)}
            >
              <Icon name={TAB_ICONS[item]} />
              <span>{t(`console.tabs.${item}`)}</span>
            </button>
          ))}
        </nav>
        <main className="console__page">{children}</main>
      </div>
    </div>
  );
}
