import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueSummary, ItemSummary, SystemStatus } from '../../electron/ipc/contract';
import { Icon, type IconName } from '../components/icons';
import { ItemList } from '../components/item-card';
import { JourneyLayout } from '../components/journey-layout';
import { Pager } from '../components/pager';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { GUIDE_TABS, type BrowseFilter, type GuideTab } from '../flows/guide-types';
import { pageOf } from '../flows/search-input';

const TAB_ICONS: Readonly<Record<GuideTab, IconName>> = {
  popular: 'star',
  department: 'building',
  personal: 'people',
  legalPerson: 'hall',
};

export interface GuideHomeScreenProps {
  readonly status: SystemStatus;
  /** `loading` / `loadFailed`: the catalogue summary; `tiles` / `list`: what the tab shows. */
  readonly phase: 'loading' | 'loadFailed' | 'tiles' | 'list';
  readonly listPhase: 'loading' | 'ready' | 'failed';
  readonly summary: CatalogueSummary | null;
  readonly tab: GuideTab;
  readonly tilePage: number;
  readonly tilePageSize: number;
  readonly filter: BrowseFilter | null;
  readonly items: readonly ItemSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** The core's message when loading failed; null uses the screen's own text. */
  readonly failureMessage: string | null;
  readonly onTab: (tab: GuideTab) => void;
  readonly onOpenDepartment: (id: string) => void;
  readonly onOpenLifeEvent: (id: string) => void;
  readonly onOpenItem: (code: string) => void;
  /** From a department's or life event's list back to the tiles. */
  readonly onBack: () => void;
  readonly onPrev: () => void;
  readonly onNext: () => void;
  readonly onSearch: () => void;
  readonly onRetry: () => void;
  readonly onHome: () => void;
}

interface Tile {
  readonly id: string;
  readonly name: string;
  readonly detail: string | null;
  readonly itemCount: number;
}

function tilesOf(summary: CatalogueSummary | null, tab: GuideTab): readonly Tile[] {
  if (!summary) return [];
  if (tab === 'department') {
    return summary.departments.map((d) => ({ id: d.id, name: d.shortName, detail: d.name, itemCount: d.itemCount }));
  }
  return summary.lifeEvents
    .filter((event) => event.audience === tab)
    .map((event) => ({ id: event.id, name: event.name, detail: null, itemCount: event.itemCount }));
}

/** 办事指南: 热门事项 first, then by department and by life event (个人 / 法人), and search. */
export function GuideHomeScreen(props: GuideHomeScreenProps): ReactNode {
  const { status, phase, tab, onTab, onSearch, onRetry, onHome } = props;
  const { t } = useTranslation();
  useSpeakOnShow('voice.guideHome');
  return (
    <JourneyLayout status={status} onHome={onHome} screen="guide-home">
      <h2 className="visually-hidden">{t('guide.title')}</h2>
      <div className="guide-bar">
        <div className="guide-tabs" role="tablist" aria-label={t('guide.tabs.label')}>
          {GUIDE_TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`guide-tab-${id}`}
              className="guide-tab"
              aria-selected={id === tab}
              aria-controls="guide-panel"
              data-testid={`guide-tab-${id}`}
              onClick={() => onTab(id)}
            >
              <Icon name={TAB_ICONS[id]} />
              <span>{t(`guide.tabs.${id}`)}</span>
            </button>
          ))}
        </div>
        <button type="button" className="button button--primary guide-bar__search" data-testid="guide-search" onClick={onSearch}>
          <Icon name="search" />
          <span className="button__stack">
            <span>{t('guide.search')}</span>
            <span className="button__note">{t('guide.searchHint')}</span>
          </span>
        </button>
      </div>
      <section id="guide-panel" className="guide-panel" role="tabpanel" aria-labelledby={`guide-tab-${tab}`}>
        {phase === 'loading' ? (
          <div className="notice notice--quiet">
            <Spinner />
            <p className="notice__text">{t('guide.loading')}</p>
          </div>
        ) : null}
        {phase === 'loadFailed' ? (
          <div className="notice" role="alert" data-testid="guide-load-failed">
            <Icon name="alert" className="notice__icon notice__icon--warning" />
            <p className="notice__title">{t('guide.loadFailed')}</p>
            <p className="notice__text">{props.failureMessage ?? t('errors.generic')}</p>
            <button type="button" className="button button--primary" data-testid="guide-retry" onClick={onRetry}>
              {t('guide.retry')}
            </button>
          </div>
        ) : null}
        {phase === 'tiles' ? <GuideTiles {...props} /> : null}
        {phase === 'list' ? <GuideItems {...props} /> : null}
      </section>
    </JourneyLayout>
  );
}

function GuideTiles({ summary, tab, tilePage, tilePageSize, onOpenDepartment, onOpenLifeEvent, onPrev, onNext }: GuideHomeScreenProps): ReactNode {
  const { t } = useTranslation();
  const tiles = tilesOf(summary, tab);
  const shown = pageOf(tiles, tilePage, tilePageSize);
  const isDepartment = tab === 'department';
  if (tiles.length === 0) return <p className="notice notice__text">{t('guide.noTiles')}</p>;
  return (
    <>
      <ul className={`guide-tiles guide-tiles--${isDepartment ? 'departments' : 'events'}`} data-testid="guide-tiles">
        {shown.entries.map((tile) => (
          <li key={tile.id} className="guide-tiles__slot">
            <button
              type="button"
              className="guide-tile"
              data-testid={`${isDepartment ? 'guide-dept' : 'guide-event'}-${tile.id}`}
              onClick={() => (isDepartment ? onOpenDepartment(tile.id) : onOpenLifeEvent(tile.id))}
            >
              <span className="guide-tile__name">{tile.name}</span>
              {tile.detail ? <span className="guide-tile__detail">{tile.detail}</span> : null}
              <span className="guide-tile__count">{t('guide.itemCount', { count: tile.itemCount })}</span>
            </button>
          </li>
        ))}
      </ul>
      <Pager page={shown.page} pageCount={shown.pageCount} testIdPrefix="guide-tiles" onPrev={onPrev} onNext={onNext} />
    </>
  );
}

function GuideItems(props: GuideHomeScreenProps): ReactNode {
  const { tab, filter, listPhase, items, total, page, pageSize, failureMessage, onBack, onOpenItem, onPrev, onNext, onRetry } = props;
  const { t } = useTranslation();
  const name = filter?.kind === 'popular' || filter === null ? t('guide.tabs.popular') : filter.name;
  const pageCount = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  return (
    <>
      <div className="guide-list-head">
        {tab === 'popular' ? null : (
          <button type="button" className="button button--secondary guide-list-head__back" data-testid="guide-list-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            <span>{tab === 'department' ? t('guide.allDepartments') : t('guide.allLifeEvents')}</span>
          </button>
        )}
        <h3 className="guide-list-head__title" data-testid="guide-list-title">
          {listPhase === 'ready' ? t('guide.listTitle', { name, count: total }) : name}
        </h3>
        <Pager page={page} pageCount={pageCount} testIdPrefix="guide-list" onPrev={onPrev} onNext={onNext} />
      </div>
      {listPhase === 'loading' ? (
        <div className="notice notice--quiet">
          <Spinner />
          <p className="notice__text">{t('guide.listLoading')}</p>
        </div>
      ) : null}
      {listPhase === 'failed' ? (
        <div className="notice" role="alert" data-testid="guide-list-failed">
          <p className="notice__title">{t('guide.listFailed')}</p>
          <p className="notice__text">{failureMessage ?? t('errors.generic')}</p>
          <button type="button" className="button button--primary" data-testid="guide-list-retry" onClick={onRetry}>
            {t('guide.retry')}
          </button>
        </div>
      ) : null}
      {listPhase === 'ready' && items.length === 0 ? <p className="notice notice__text">{t('guide.listEmpty')}</p> : null}
      {listPhase === 'ready' && items.length > 0 ? (
        <ItemList items={items} testIdPrefix="guide-item" label={name} testId="guide-item-list" onOpen={onOpenItem} />
      ) : null}
    </>
  );
}
