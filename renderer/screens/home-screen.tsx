import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { AppHeader } from '../components/app-header';
import { Icon, type IconName } from '../components/icons';
import { useConsoleGesture } from '../components/use-console-gesture';
import { currentLanguage } from '../i18n';
import type { Theme } from '../themes/theme';

type ServiceId = 'ticket' | 'guide' | 'application' | 'progress' | 'appointment' | 'evaluation';

interface ServiceTile {
  readonly id: ServiceId;
  readonly icon: IconName;
  readonly isOpen: boolean;
}

/** The home tiles in their order on screen; 自助申办 arrives with a later issue. */
const SERVICE_TILES: readonly ServiceTile[] = [
  { id: 'ticket', icon: 'ticket', isOpen: true },
  { id: 'guide', icon: 'guide', isOpen: true },
  { id: 'application', icon: 'application', isOpen: false },
  { id: 'progress', icon: 'progress', isOpen: true },
  { id: 'appointment', icon: 'appointment', isOpen: true },
  { id: 'evaluation', icon: 'evaluation', isOpen: true },
];

/** Two characters (取号) read better spaced out; 办事指南 would not fit spaced in 关怀模式. */
function isShortName(name: string): boolean {
  return [...name].length <= 2;
}

export interface HomeScreenProps {
  readonly status: SystemStatus;
  readonly theme: Theme;
  /** True while the session for a tapped journey is being opened. */
  readonly isStarting: boolean;
  readonly onTakeTicket: () => void;
  /** 办事指南. */
  readonly onOpenGuide: () => void;
  /** 办件查询. */
  readonly onOpenProgress: () => void;
  /** 预约签到. */
  readonly onCheckIn: () => void;
  /** 好差评: pick a case, then rate it. */
  readonly onEvaluate: () => void;
  readonly onToggleTheme: () => void;
  readonly onToggleLanguage: () => void;
  /** The hidden console gesture completed (console-gesture.ts). */
  readonly onOpenConsole?: () => void;
}

export function HomeScreen({
  status,
  theme,
  isStarting,
  onTakeTicket,
  onOpenGuide,
  onOpenProgress,
  onCheckIn,
  onEvaluate,
  onToggleTheme,
  onToggleLanguage,
  onOpenConsole = ignore,
}: HomeScreenProps): ReactNode {
  const { t, i18n } = useTranslation();
  useConsoleGesture(onOpenConsole);
  const isCareMode = theme === 'careMode';
  const actions: Partial<Record<ServiceId, () => void>> = {
    ticket: onTakeTicket,
    guide: onOpenGuide,
    progress: onOpenProgress,
    appointment: onCheckIn,
    evaluation: onEvaluate,
  };
  return (
    <div className="screen screen--home" data-testid="screen-home">
      <AppHeader
        hallName={status.hallName}
        terminalId={status.terminalId}
        isSimulated={status.isSimulated}
        variant="home"
      />
      <main className="screen__body home">
        <h2 className="home__greeting">{t('home.greeting')}</h2>
        <ul className="home__tiles">
          {SERVICE_TILES.map((tile) => (
            <li key={tile.id} className="home__tile-slot">
              <button
                type="button"
                className={`tile ${tile.isOpen ? 'tile--open' : 'tile--closed'}`}
                disabled={!tile.isOpen || isStarting}
                aria-disabled={!tile.isOpen || isStarting}
                data-testid={tile.id === 'ticket' ? 'home-take-ticket' : `home-${tile.id}`}
                onClick={tile.isOpen ? actions[tile.id] : undefined}
              >
                <Icon name={tile.icon} className="tile__icon" />
                <span className={`tile__name${isShortName(t(`services.${tile.id}.name`)) ? ' tile__name--short' : ''}`}>
                  {t(`services.${tile.id}.name`)}
                </span>
                <span className="tile__hint">{t(`services.${tile.id}.hint`)}</span>
                {tile.isOpen ? null : <span className="badge badge--soon">{t('home.comingSoon')}</span>}
              </button>
            </li>
          ))}
        </ul>
      </main>
      <footer className="home__footer">
        <p className="home__help">{t('app.help')}</p>
        <div className="home__controls">
          <button
            type="button"
            className={`button button--toggle${isCareMode ? ' button--toggle-on' : ''}`}
            aria-pressed={isCareMode}
            data-testid="care-mode-toggle"
            onClick={onToggleTheme}
          >
            <Icon name="care" />
            <span className="button__stack">
              <span>{isCareMode ? t('home.standardMode') : t('home.careMode')}</span>
              {isCareMode ? null : <span className="button__note">{t('home.careModeHint')}</span>}
            </span>
          </button>
          <button type="button" className="button button--toggle" data-testid="language-toggle" onClick={onToggleLanguage}>
            <Icon name="language" />
            {/* The label names the other language, in that language. */}
            <span lang={currentLanguage(i18n) === 'en' ? 'zh-CN' : 'en'}>{t('home.language')}</span>
          </button>
        </div>
      </footer>
    </div>
  );
}

function ignore(): void {
  // No console where none was asked for (e.g. tests of the screen alone).
}
