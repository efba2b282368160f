import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummary, SearchHit, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { ItemList } from '../components/item-card';
import { JourneyLayout } from '../components/journey-layout';
import { OnscreenKeyboard } from '../components/onscreen-keyboard';
import { Pager } from '../components/pager';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { type KeyboardKey, type SearchInput, fieldValueOf, pageOf } from '../flows/search-input';

export interface GuideSearchScreenProps {
  readonly status: SystemStatus;
  /** `idle`: nothing typed; `searching`: waiting for the core (the last hits stay). */
  readonly phase: 'idle' | 'searching' | 'ready' | 'failed';
  readonly input: SearchInput;
  readonly isKeyboardOpen: boolean;
  readonly candidates: readonly string[];
  /** Room for candidate words above the keys, in characters. */
  readonly candidateBudget: number;
  /** The query the hits answer. */
  readonly searchedQuery: string;
  readonly hits: readonly SearchHit[];
  readonly hitsTotal: number;
  readonly hitsPage: number;
  readonly pageSize: number;
  /** 热门事项, offered before typing and when nothing matched. */
  readonly suggestions: readonly ItemSummary[];
  readonly failureMessage: string | null;
  readonly onKey: (key: KeyboardKey) => void;
  readonly onCandidate: (candidate: string) => void;
  /** The field's value after typing on a hardware keyboard. */
  readonly onType: (value: string) => void;
  readonly onOpenKeyboard: () => void;
  readonly onOpenItem: (code: string) => void;
  readonly onPrev: () => void;
  readonly onNext: () => void;
  readonly onRetry: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** 搜索事项: a large field, results as one types, and the on-screen keyboard beside them. */
export function GuideSearchScreen(props: GuideSearchScreenProps): ReactNode {
  const { status, input, isKeyboardOpen, onType, onOpenKeyboard, onBack, onHome } = props;
  const { t } = useTranslation();
  useSpeakOnShow('voice.guideSearch');
  const field = useRef<HTMLInputElement>(null);
  // Focused from the start, so a hardware keyboard types straight into it.
  useEffect(() => {
    field.current?.focus({ preventScroll: true });
  }, []);

  return (
    <JourneyLayout status={status} onHome={onHome} screen="guide-search">
      <div className="search-bar">
        <button type="button" className="button button--secondary search-bar__back" data-testid="guide-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          <span>{t('guide.back')}</span>
        </button>
        <div className={`search-field${isKeyboardOpen ? ' search-field--active' : ''}`}>
          <Icon name="search" className="search-field__icon" />
          <label htmlFor="guide-search-input" className="visually-hidden">
            {t('search.label')}
          </label>
          <input
            ref={field}
            id="guide-search-input"
            className="search-field__input"
            type="search"
            // No system keyboard over ours; a hardware keyboard still types here.
            inputMode="none"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={40}
            placeholder={t('search.placeholder')}
            value={fieldValueOf(input)}
            data-testid="guide-search-input"
            onChange={(event) => onType(event.target.value)}
            onClick={onOpenKeyboard}
          />
        </div>
      </div>
      <div className={`search-body${isKeyboardOpen ? ' search-body--keyboard' : ''}`}>
        <SearchResults {...props} />
        {isKeyboardOpen ? (
          <OnscreenKeyboard
            layout={input.layout}
            composition={input.composition}
            candidates={props.candidates}
            candidateBudget={props.candidateBudget}
            onKey={props.onKey}
            onCandidate={props.onCandidate}
          />
        ) : null}
      </div>
    </JourneyLayout>
  );
}

function SearchResults({
  phase,
  searchedQuery,
  hits,
  hitsTotal,
  hitsPage,
  pageSize,
  suggestions,
  failureMessage,
  onOpenItem,
  onPrev,
  onNext,
  onRetry,
}: GuideSearchScreenProps): ReactNode {
  const { t } = useTranslation();
  const shown = pageOf(hits, hitsPage, pageSize);
  const isEmpty = phase === 'ready' && hits.length === 0;
  const hasHits = (phase === 'ready' || phase === 'searching') && hits.length > 0;
  const title =
    phase === 'idle'
      ? t('search.start')
      : phase === 'failed'
        ? t('search.failed')
        : phase === 'searching' && hits.length === 0
          ? t('search.searching')
          : isEmpty
            ? t('search.empty', { query: searchedQuery })
            : t('search.results', { count: hitsTotal });
  return (
    <section
      className="search-results"
      aria-labelledby="search-results-title"
      aria-busy={phase === 'searching'}
      data-testid="guide-search-results"
      data-phase={phase}
      data-query={searchedQuery}
    >
      <h2 id="search-results-title" className="search-results__title" aria-live="polite">
        {phase === 'searching' && hits.length === 0 ? <Spinner /> : null}
        <span>{title}</span>
      </h2>
      {isEmpty ? <p className="search-results__hint">{t('search.emptyHint')}</p> : null}
      {phase === 'ready' && hitsTotal > hits.length ? (
        <p className="search-results__hint">{t('search.moreResults', { total: hitsTotal, count: hits.length })}</p>
      ) : null}
      {phase === 'failed' ? (
        <div className="search-results__failed" role="alert" data-testid="guide-search-failed">
          {failureMessage ? <p className="search-results__hint">{failureMessage}</p> : null}
          <button type="button" className="button button--primary" data-testid="guide-search-retry" onClick={onRetry}>
            {t('search.retry')}
          </button>
        </div>
      ) : null}
      {hasHits ? (
        <ItemList items={shown.entries} testIdPrefix="guide-hit" label={title} testId="guide-hit-list" onOpen={onOpenItem} />
      ) : null}
      {phase === 'idle' || isEmpty ? (
        <ItemList
          items={suggestions.slice(0, pageSize)}
          testIdPrefix="guide-item"
          label={t('guide.tabs.popular')}
          testId="guide-suggestions"
          onOpen={onOpenItem}
        />
      ) : null}
      {hasHits ? <Pager page={shown.page} pageCount={shown.pageCount} testIdPrefix="guide-hits" onPrev={onPrev} onNext={onNext} /> : null}
    </section>
  );
}
