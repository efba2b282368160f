import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseProgressView, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { CaseStatusBadge } from './case-detail-screen';
import { lookupStepProps } from './lookup-steps';
import { RecordListItem, RecordListScreen } from './record-list-screen';

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
    <RecordListScreen
      status={status}
      screen="progress"
      stepProps={steps}
      testId="progress"
      title={t('progress.listTitle', { count: cases.length })}
      hint={isEvaluating ? t('progress.evaluateHint') : t('progress.listHint')}
      hasReadCard={hasReadCard}
      onBack={onBack}
      onHome={onHome}
    >
      {cases.map((kase) => (
        <RecordListItem
          key={kase.caseNumber}
          testId={`progress-case-${kase.caseNumber}`}
          name={kase.itemName}
          meta={
            <>
              {kase.departmentName} · {t('progress.submittedAt')} {kase.submittedAt}
            </>
          }
          badge={<CaseStatusBadge view={kase} />}
          go={
            <>
              {isEvaluating ? <Icon name="evaluation" /> : <Icon name="chevronRight" />}
              <span>{isEvaluating ? t('progress.rate') : t('progress.open')}</span>
            </>
          }
          onOpen={() => onOpen(kase.caseNumber)}
        />
      ))}
    </RecordListScreen>
  );
}
