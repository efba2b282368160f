import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseProgressView, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { TakeCardReminder } from '../components/take-card-reminder';
import { CaseStatusBadge } from './case-detail-screen';
import { lookupStepProps } from './lookup-steps';

export interface CaseListScreenProps {
  readonly status: SystemStatus;
  /** `evaluate`: a tap picks the case to rate; `progress`: it opens the case. */
  readonly purpose: 'progress' | 'evaluate';
  readonly cases: readonly CaseProgressView[];
  readonly hasReadCard: boolean;
  readonly onOpen: (caseNumber: string) => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** The cases of the card read, newest first: one tap each. */
export function CaseListScreen({ status, purpose, cases, hasReadCard, onOpen, onBack, onHome }: CaseListScreenProps): ReactNode {
  const { t } = useTranslation();
  const isEvaluating = purpose === 'evaluate';
  const steps = isEvaluating ? lookupStepProps(t, 'evaluate', 'chooseCase') : lookupStepProps(t, 'progress', 'result');
  return (
    <JourneyLayout status={status} onHome={onHome} {...steps} screen="progress">
      {hasReadCard ? <TakeCardReminder /> : null}
      <div className="case-list__head">
        <h2 className="case-list__title">{t('progress.listTitle', { count: cases.length })}</h2>
        <p className="case-list__hint">{isEvaluating ? t('progress.evaluateHint') : t('progress.listHint')}</p>
      </div>
      <ScrollArea label={t('progress.listTitle', { count: cases.length })} testId="progress-list-scroll">
        <ul className="case-list" data-testid="progress-list">
          {cases.map((kase) => (
            <li key={kase.caseNumber}>
              <button
                type="button"
                className="case-list__item"
                data-testid={`progress-case-${kase.caseNumber}`}
                onClick={() => onOpen(kase.caseNumber)}
              >
                <span className="case-list__main">
                  <span className="case-list__name">{kase.itemName}</span>
                  <span className="case-list__meta">
                    {kase.departmentName} · {t('progress.submittedAt')} {kase.submittedAt}
                  </span>
                </span>
                <CaseStatusBadge view={kase} />
                <span className="case-list__go">
                  {isEvaluating ? <Icon name="evaluation" /> : <Icon name="chevronRight" />}
                  <span>{isEvaluating ? t('progress.rate') : t('progress.open')}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </ScrollArea>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" data-testid="lookup-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('lookup.chooseAgain')}
        </button>
      </div>
    </JourneyLayout>
  );
}
