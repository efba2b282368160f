import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, ApplicationPartyView, ApplicationReview, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { applicationStepProps } from './application-steps';
import { materialStateText } from './application-materials-screen';

export type ReviewEditStep = 'card' | 'materials' | 'form' | 'commitment';

export interface ApplicationReviewScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun;
  readonly review: ApplicationReview;
  readonly onSubmit: () => void;
  readonly onPrintNotice: () => void;
  readonly onEdit: (step: ReviewEditStep) => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/**
 * 核对: first what is missing (材料不齐全, with where to get each, and 打印一次性告知书 instead
 * of 确认提交) or what comes later (容缺), then everything the application says, people
 * masked, each part with 修改. One scrolling column: 关怀模式's type needs the room.
 */
export function ApplicationReviewScreen({ status, begun, review, onSubmit, onPrintNotice, onEdit, onBack, onHome }: ApplicationReviewScreenProps): ReactNode {
  const { t } = useTranslation();
  const hasMissing = review.missing.length > 0;
  const edit = (step: ReviewEditStep, testId: string): ReactNode => (
    <button type="button" className="button button--secondary application-review__edit" data-testid={testId} onClick={() => onEdit(step)}>
      {t('application.review.edit')}
    </button>
  );
  const parties = [review.applicant, review.agent].filter((party): party is ApplicationPartyView => party !== null);
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'review')} screen="application-review">
      <div className="application-title-row">
        <h2 className="screen__title">{t('application.review.title')}</h2>
        <p className="application-title-row__hint" data-testid="application-review-item">
          {review.itemName}
        </p>
      </div>
      <div className="application-review">
        <ScrollArea label={t('application.review.title')} testId="application-review-content">
          <div className="application-review__sections">
            {/* First, where it is seen at once: what is missing, or what comes later. */}
            {hasMissing ? (
              <section className="application-missing" role="alert" data-testid="application-review-incomplete">
                <h3 className="application-missing__title">
                  <Icon name="alert" />
                  {t('application.review.incomplete')}
                </h3>
                <p className="application-missing__hint">{t('application.review.incompleteHint')}</p>
                <ol className="application-missing__list" data-testid="application-review-missing">
                  {review.missing.map((material) => (
                    <li key={material.materialId}>
                      <span className="application-missing__name">{material.name}</span>
                      <span className="application-missing__source">{t('application.review.source', { source: material.source })}</span>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            {!hasMissing && !review.canSubmit ? (
              <section className="application-missing" role="alert" data-testid="application-review-blockers">
                <h3 className="application-missing__title">
                  <Icon name="alert" />
                  {t('application.review.blocked')}
                </h3>
                <ul className="application-missing__list">
                  {review.blockers.map((blocker) => (
                    <li key={blocker}>{blocker}</li>
                  ))}
                </ul>
              </section>
            ) : null}
            {review.canSubmit && review.deferred.length > 0 ? (
              <section className="application-deferred" data-testid="application-review-deferred">
                <p className="application-deferred__title">
                  <Icon name="clock" />
                  {t('application.review.deferred')}
                </p>
                <ul className="application-deferred__list">
                  {review.deferred.map((material) => (
                    <li key={material.materialId}>{t('application.result.deferredItem', { name: material.name, date: material.promiseDate })}</li>
                  ))}
                </ul>
              </section>
            ) : null}
            <ReviewSection id="review-parties" title={t('application.review.parties')} edit={edit('card', 'application-review-edit-card')}>
              <dl className="application-review__list">
                {parties.map((party) => (
                  <div key={party.role} data-testid={`application-review-${party.role}`}>
                    <dt>{party.role === 'agent' ? t('application.card.agent') : t('application.card.applicant')}</dt>
                    <dd className="application-review__party">
                      <span>{party.maskedName}</span>
                      <span>{party.maskedIdNumber}</span>
                      <span>{party.cardTypeLabel}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            </ReviewSection>
            <ReviewSection id="review-materials" title={t('application.review.materials')} edit={edit('materials', 'application-review-edit-materials')}>
              <dl className="application-review__list">
                {review.materials.map((material) => (
                  <div key={material.materialId} data-testid={`application-review-material-${material.materialId}`} data-choice={material.choice ?? ''}>
                    <dt>{material.name}</dt>
                    <dd className={material.choice === 'missing' || material.choice === null ? 'application-review__problem' : undefined}>
                      {materialStateText(t, material, material.capturedPages)}
                    </dd>
                  </div>
                ))}
              </dl>
            </ReviewSection>
            <ReviewSection id="review-form" title={t('application.review.form')} edit={edit('form', 'application-review-edit-form')}>
              <dl className="application-review__list">
                {review.fields.map((field) => (
                  <div key={field.id} data-testid={`application-review-field-${field.id}`}>
                    <dt>{field.label}</dt>
                    <dd>{field.display}</dd>
                  </div>
                ))}
              </dl>
            </ReviewSection>
            {review.needsSignature ? (
              <ReviewSection id="review-commitment" title={t('application.review.commitment')} edit={edit('commitment', 'application-review-edit-commitment')}>
                <p className="application-review__signed" data-testid="application-review-signed" data-signed={review.isSigned}>
                  <Icon name={review.isSigned ? 'check' : 'alert'} />
                  <span>{review.isSigned ? t('application.review.signed') : t('application.review.notSigned')}</span>
                </p>
              </ReviewSection>
            ) : null}
          </div>
        </ScrollArea>
      </div>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" data-testid="application-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('application.back')}
        </button>
        <span className="journey-actions__spacer" />
        {hasMissing ? (
          <button type="button" className="button button--primary button--huge" data-testid="application-print-notice" onClick={onPrintNotice}>
            <Icon name="printer" />
            {t('application.review.printNotice')}
          </button>
        ) : (
          <button type="button" className="button button--primary button--huge" disabled={!review.canSubmit} data-testid="application-submit" onClick={onSubmit}>
            <Icon name="check" />
            {t('application.review.submit')}
          </button>
        )}
      </div>
    </JourneyLayout>
  );
}

/** One part of the review: a heading, its 修改 button, what was entered. */
function ReviewSection({ id, title, edit, children }: { readonly id: string; readonly title: string; readonly edit: ReactNode; readonly children: ReactNode }): ReactNode {
  return (
    <section className="application-review__section" aria-labelledby={id}>
      <header className="application-review__head">
        <h3 id={id} className="application-section__title">
          {title}
        </h3>
        {edit}
      </header>
      {children}
    </section>
  );
}
