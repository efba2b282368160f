import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummary, SearchHit } from '../../electron/ipc/contract';
import { Highlighted } from './highlight';
import { Icon } from './icons';

/** 承诺 N 个工作日, or 即办 when it is done on the spot. */
export function promisedLabel(t: TFunction, days: number): string {
  return days === 0 ? t('guide.instant') : t('guide.promisedDays', { count: days });
}

/** 可自助申办 and 告知承诺, as text (never colour alone). */
export function ItemBadges({ item }: { readonly item: ItemSummary }): ReactNode {
  const { t } = useTranslation();
  if (!item.isKioskApplicable && !item.isCommitment) return null;
  return (
    <span className="item-badges">
      {item.isKioskApplicable ? <span className="badge badge--kiosk">{t('guide.kiosk')}</span> : null}
      {item.isCommitment ? <span className="badge badge--commitment">{t('guide.commitment')}</span> : null}
    </span>
  );
}

export interface ItemCardProps {
  readonly item: ItemSummary | SearchHit;
  readonly testId: string;
  readonly onOpen: (code: string) => void;
}

function isHit(item: ItemSummary | SearchHit): item is SearchHit {
  return 'highlights' in item;
}

/** One item in a list or the search results: name, department, type, time limit, badges. */
export function ItemCard({ item, testId, onOpen }: ItemCardProps): ReactNode {
  const { t } = useTranslation();
  const hit = isHit(item) ? item : null;
  return (
    <button type="button" className="item-card" data-testid={testId} onClick={() => onOpen(item.code)}>
      <span className="item-card__name">
        {hit ? <Highlighted text={item.name} ranges={hit.highlights} /> : item.name}
        {hit?.matchedKeyword ? (
          <span className="item-card__keyword">{t('search.keyword', { keyword: hit.matchedKeyword })}</span>
        ) : null}
      </span>
      <span className="item-card__meta">
        <span>{item.departmentShortName}</span>
        <span className="item-card__type" aria-hidden="true">
          ·
        </span>
        <span className="item-card__type">{item.type}</span>
        <span aria-hidden="true">·</span>
        <span className="item-card__days">{promisedLabel(t, item.promisedDays)}</span>
        <ItemBadges item={item} />
      </span>
      <Icon name="chevronRight" className="item-card__chevron" />
    </button>
  );
}

export interface ItemListProps {
  readonly items: readonly (ItemSummary | SearchHit)[];
  /** `guide-item` or `guide-hit`: each card is `<prefix>-<code>`. */
  readonly testIdPrefix: 'guide-item' | 'guide-hit';
  readonly label: string;
  readonly testId?: string;
  readonly onOpen: (code: string) => void;
}

export function ItemList({ items, testIdPrefix, label, testId, onOpen }: ItemListProps): ReactNode {
  return (
    <ul className="item-list" aria-label={label} data-testid={testId}>
      {items.map((item) => (
        <li key={item.code} className="item-list__slot">
          <ItemCard item={item} testId={`${testIdPrefix}-${item.code}`} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}
