import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseProgressView, CaseStatus, SystemStatus } from '../../electron/ipc/contract';
import { Icon, type IconName } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { TakeCardReminder } from '../components/take-card-reminder';
import { lookupStepProps } from './lookup-steps';

const STATUS_ICONS: Readonly<Record<CaseStatus, IconName>> = {
  submitted: 'document',
  accepted: 'clock',
  correctionRequired: 'alert',
  completed: 'check',
  rejected: 'close',
  withdrawn: 'info',
};

/** The case's status in the core's words, with an icon and a colour per status (not colour alone). */
export function CaseStatusBadge({ view }: { readonly view: Pick<CaseProgressView, 'status' | 'statusLabel'> }): ReactNode {
  return (
    <span className={`case-status case-status--${view.status}`} data-testid="case-status" data-status={view.status}>
      <Icon name={STATUS_ICONS[view.status]} />
      <span>{view.statusLabel}</span>
    </span>
  );
}

export interface CaseDetailScreenProps {
  readonly status: SystemStatus;
  readonly view: CaseProgressView;
  readonly hasReadCard: boolean;
  /** Came from the card's list: 返回列表. */
  readonly canGoBack: boolean;
  readonly onBack: () => void;
  readonly onEvaluate: () => void;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/**
 * One case: status, the facts, the steps with their dates, what is missing (需补正, each with
 * why, in a highlighted box) or where to collect the result, then 评价本次服务 or 完成.
 */
export function CaseDetailScreen({
  status,
  view,
  hasReadCard,
  canGoBack,
  onBack,
  onEvaluate,
  onDone,
  onHome,
}: CaseDetailScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...lookupStepProps(t, 'progress', 'result')} screen="progress-case">
      {hasReadCard ? <TakeCardReminder /> : null}
      <header className="case-head">
        <div className="case-head__titles">
          <h2 className="case-head__name" data-testid="case-item-name">
            {view.itemName}
          </h2>
          <p className="case-head__number" data-testid="case-number">
            {t('progress.caseNumber')} {view.caseNumber}
          </p>
        </div>
        <CaseStatusBadge view={view} />
      </header>
      <ScrollArea label={view.itemName} testId="case-content">
        <div className="case-body">
          <div className="case-main">
            {view.missingMaterials.length > 0 ? (
              <section className="case-missing" aria-labelledby="case-missing-title" data-testid="case-missing">
                <h3 id="case-missing-title" className="case-section__title case-missing__title">
                  <Icon name="alert" />
                  {t('progress.missingTitle')}
                </h3>
                <p className="case-missing__hint">{t('progress.missingHint')}</p>
                <ol className="case-missing__list">
                  {view.missingMaterials.map((material) => (
                    <li key={material.name} className="case-missing__item" data-testid="missing-material">
                      <span className="case-missing__name">{material.name}</span>
                      <span className="case-missing__reason">{t('progress.reason', { reason: material.reason })}</span>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            {view.collection ? (
              <section className="case-collection" aria-labelledby="case-collection-title" data-testid="case-collection">
                <h3 id="case-collection-title" className="case-section__title">
                  <Icon name="location" />
                  {t('progress.collectionTitle')}
                </h3>
                <dl className="case-collection__facts">
                  <div>
                    <dt>{t('progress.collectionMethod')}</dt>
                    <dd>{view.collection.method}</dd>
                  </div>
                  <div>
                    <dt>{t('progress.collectionPlace')}</dt>
                    <dd>{view.collection.place}</dd>
                  </div>
                  <div>
                    <dt>{t('progress.collectionHours')}</dt>
                    <dd>{view.collection.hours}</dd>
                  </div>
                </dl>
              </section>
            ) : null}
            <dl className="case-facts">
              <div>
                <dt>{t('progress.department')}</dt>
                <dd>{view.departmentName}</dd>
              </div>
              <div>
                <dt>{t('progress.applicant')}</dt>
                <dd>{view.applicantMaskedName}</dd>
              </div>
              <div>
                <dt>{t('progress.submittedAt')}</dt>
                <dd>{view.submittedAt}</dd>
              </div>
              <div>
                <dt>{t('progress.promisedDate')}</dt>
                <dd data-testid="case-promised-date">{view.promisedDate ?? t('progress.promisedDateNone')}</dd>
              </div>
            </dl>
          </div>
          <section className="case-timeline" aria-labelledby="case-timeline-title">
            <h3 id="case-timeline-title" className="case-section__title">
              {t('progress.timeline')}
            </h3>
            <ol className="case-steps">
              {view.steps.map((step, index) => (
                <li
                  key={`${index}-${step.name}`}
                  className={`case-step case-step--${step.state}`}
                  data-testid="case-step"
                  data-state={step.state}
                  aria-current={step.state === 'current' ? 'step' : undefined}
                >
                  <span className="case-step__mark" aria-hidden="true">
                    {step.state === 'done' ? <Icon name="check" /> : step.state === 'current' ? <Icon name="clock" /> : null}
                  </span>
                  <span className="case-step__text">
                    <span className="case-step__name">
                      {step.name}
                      <span className="case-step__state">{t(`progress.stepState.${step.state}`)}</span>
                    </span>
                    {step.at ? <span className="case-step__at">{step.at}</span> : null}
                    {step.note ? <span className="case-step__note">{step.note}</span> : null}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </ScrollArea>
      <div className="journey-actions">
        {canGoBack ? (
          <button type="button" className="button button--secondary" data-testid="case-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            {t('progress.backToList')}
          </button>
        ) : null}
        <span className="journey-actions__spacer" />
        <button type="button" className="button button--secondary" data-testid="progress-evaluate" onClick={onEvaluate}>
          <Icon name="evaluation" />
          {t('evaluation.offer')}
        </button>
        <button type="button" className="button button--primary button--wide" data-testid="progress-done" onClick={onDone}>
          {t('progress.done')}
        </button>
      </div>
    </JourneyLayout>
  );
}
