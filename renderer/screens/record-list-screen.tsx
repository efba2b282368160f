/**
 * The list a card read finds, one tap per record: the cases of 办件查询 and 好差评, the
 * appointments of 预约签到.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import type { StepProps } from '../components/step-indicator';
import { TakeCardReminder } from '../components/take-card-reminder';

export interface RecordListScreenProps {
  readonly status: SystemStatus;
  readonly screen: string;
  readonly stepProps: StepProps;
  /** Test ids `<testId>-list` and `<testId>-list-scroll`. */
  readonly testId: string;
  readonly title: string;
  readonly hint: string;
  readonly hasReadCard: boolean;
  /** The RecordListItems. */
  readonly children: ReactNode;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** The title and hint, the scrolling list, 重新选择 below. */
export function RecordListScreen(props: RecordListScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={props.status} onHome={props.onHome} {...props.stepProps} screen={props.screen}>
      {props.hasReadCard ? <TakeCardReminder /> : null}
      <div className="case-list__head">
        <h2 className="case-list__title">{props.title}</h2>
        <p className="case-list__hint">{props.hint}</p>
      </div>
      <ScrollArea label={props.title} testId={`${props.testId}-list-scroll`}>
        <ul className="case-list" data-testid={`${props.testId}-list`}>
          {props.children}
        </ul>
      </ScrollArea>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" data-testid="lookup-back" onClick={props.onBack}>
          <Icon name="chevronLeft" />
          {t('lookup.chooseAgain')}
        </button>
      </div>
    </JourneyLayout>
  );
}

export interface RecordListItemProps {
  readonly testId: string;
  readonly name: ReactNode;
  readonly meta: ReactNode;
  /** Where the record stands. */
  readonly badge: ReactNode;
  /** What a tap does, at the end of the row. */
  readonly go: ReactNode;
  readonly onOpen: () => void;
}

export function RecordListItem({ testId, name, meta, badge, go, onOpen }: RecordListItemProps): ReactNode {
  return (
    <li>
      <button type="button" className="case-list__item" data-testid={testId} onClick={onOpen}>
        <span className="case-list__main">
          <span className="case-list__name">{name}</span>
          <span className="case-list__meta">{meta}</span>
        </span>
        {badge}
        <span className="case-list__go">{go}</span>
      </button>
    </li>
  );
}
