import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, ApplicationReview, ApplicationSubmitted, DocumentPrintOutcome, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import { TakeCardReminder } from '../components/take-card-reminder';
import type { ReprintView } from '../flows/application-types';
import { applicationStepProps } from './application-steps';

export interface ApplicationResultScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly submitted: ApplicationSubmitted;
  readonly reprint: ReprintView;
  readonly onReprint: () => void;
  readonly onEvaluate: () => void;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/**
 * 申请已提交: the 办件编号 (or, while the platform has not answered, the 申报编号 and why),
 * the promised date, where and when to collect, what printed, and the 容缺 materials to
 * bring; a failed receipt may be printed again once. Then 评价 or 完成.
 */
export function ApplicationResultScreen({ status, begun, submitted, reprint, onReprint, onEvaluate, onDone, onHome }: ApplicationResultScreenProps): ReactNode {
  const { t } = useTranslation();
  const isOffline = submitted.caseNumber === null;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'done')} screen="application-result">
      <div className="application-result" data-testid="application-result">
        <div className="application-result__main">
          <p className="application-result__title">
            <Icon name="check" />
            <span>{t('application.result.title')}</span>
          </p>
          {isOffline ? (
            <>
              <p className="application-result__label">{t('application.result.reference')}</p>
              <p className="application-result__number" data-testid="application-result-reference">
                {submitted.reference}
              </p>
              <p className="application-result__offline" data-testid="application-result-offline">
                {t('application.result.offline')}
              </p>
            </>
          ) : (
            <>
              <p className="application-result__label">{t('application.result.caseNumber')}</p>
              <p className="application-result__number" data-testid="application-result-case-number">
                {submitted.caseNumber}
              </p>
              <p className="application-result__reference">
                {t('application.result.reference')} {submitted.reference}
              </p>
            </>
          )}
          <dl className="application-result__facts">
            <div>
              <dt>{t('application.result.submittedAt')}</dt>
              <dd>{submitted.submittedAt}</dd>
            </div>
            <div>
              <dt>{t('application.result.promisedDate')}</dt>
              <dd data-testid="application-result-promised">{submitted.promisedDate ?? t('application.result.promisedPending')}</dd>
            </div>
            <div>
              <dt>{t('application.result.collection')}</dt>
              <dd>{submitted.collectionMethod}</dd>
            </div>
            <div>
              <dt>{t('application.result.place')}</dt>
              <dd>{submitted.place}</dd>
            </div>
            <div>
              <dt>{t('application.result.hours')}</dt>
              <dd>{submitted.hours}</dd>
            </div>
          </dl>
        </div>
        <aside className="application-result__side">
          <ReceiptLine submitted={submitted} reprint={reprint} onReprint={onReprint} />
          <NoticeLine notice={submitted.notice} />
          {submitted.deferred.length > 0 ? (
            <section className="application-deferred" data-testid="application-result-deferred">
              <p className="application-deferred__title">
                <Icon name="clock" />
                {t('application.result.deferredTitle')}
              </p>
              <ul className="application-deferred__list">
                {submitted.deferred.map((material) => (
                  <li key={material.name}>{t('application.result.deferredItem', { name: material.name, date: material.promiseDate })}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <TakeCardReminder />
        </aside>
      </div>
      <EndActions onEvaluate={onEvaluate} onDone={onDone} />
    </JourneyLayout>
  );
}

function ReceiptLine({ submitted, reprint, onReprint }: Pick<ApplicationResultScreenProps, 'submitted' | 'reprint' | 'onReprint'>): ReactNode {
  const { t } = useTranslation();
  const { receipt } = submitted;
  if (receipt.status !== 'failed') {
    return (
      <p className="application-print application-print--ok" data-testid="application-receipt" data-status={receipt.status}>
        <Icon name="printer" />
        <span>{t('application.result.receiptPrinted')}</span>
      </p>
    );
  }
  return (
    <div className="application-print application-print--failed" role="alert" data-testid="application-receipt" data-status="failed" data-reprint={reprint.phase}>
      <p className="application-print__line">
        <Icon name="alert" />
        <span>
          {reprint.phase === 'printed'
            ? t('application.result.reprinted')
            : reprint.phase === 'failed'
              ? t('application.result.reprintFailed')
              : t('application.result.receiptFailed')}
        </span>
      </p>
      {reprint.phase === 'printed' ? null : (
        <p className="application-print__reason">{t('application.result.reason', { reason: reprint.reason ?? receipt.reason })}</p>
      )}
      {reprint.phase === 'idle' || reprint.phase === 'printing' ? (
        <button type="button" className="button button--secondary" disabled={reprint.phase === 'printing'} data-testid="application-reprint" onClick={onReprint}>
          {reprint.phase === 'printing' ? <Spinner /> : <Icon name="printer" />}
          {reprint.phase === 'printing' ? t('application.result.reprinting') : t('application.result.reprint')}
        </button>
      ) : null}
    </div>
  );
}

function NoticeLine({ notice }: { readonly notice: DocumentPrintOutcome }): ReactNode {
  const { t } = useTranslation();
  if (notice.status === 'printed') {
    return (
      <p className="application-print application-print--ok" data-testid="application-notice" data-status="printed">
        <Icon name="document" />
        <span>{t('application.result.noticePrinted', { count: notice.pages })}</span>
      </p>
    );
  }
  return (
    <div className="application-print application-print--failed" data-testid="application-notice" data-status="failed">
      <p className="application-print__line">
        <Icon name="alert" />
        <span>{t('application.result.noticeFailed')}</span>
      </p>
      <p className="application-print__reason">{t('application.result.reason', { reason: notice.reason })}</p>
    </div>
  );
}

export interface ApplicationNoticeScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly printed: { readonly notice: DocumentPrintOutcome; readonly missing: readonly string[] };
  /** The review it was printed from: where each missing material comes from. */
  readonly review: ApplicationReview | null;
  readonly onEvaluate: () => void;
  readonly onDone: () => void;
  readonly onHome: () => void;
}

/** 已打印一次性告知书: what to bring and where to get it, whether or not the A4 printed. */
export function ApplicationNoticeScreen({ status, begun, printed, review, onEvaluate, onDone, onHome }: ApplicationNoticeScreenProps): ReactNode {
  const { t } = useTranslation();
  const isPrinted = printed.notice.status === 'printed';
  const sourceOf = (name: string): string | null => review?.missing.find((material) => material.name === name)?.source ?? null;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'done')} screen="application-notice">
      <div className="application-result" data-testid="application-notice-result" data-status={printed.notice.status}>
        <div className="application-result__main">
          <p className={`application-result__title${isPrinted ? '' : ' application-result__title--warning'}`}>
            <Icon name={isPrinted ? 'printer' : 'alert'} />
            <span>{isPrinted ? t('application.notice.title') : t('application.notice.failedTitle')}</span>
          </p>
          <p className="application-result__hint">{isPrinted ? t('application.notice.hint') : t('application.notice.failedHint')}</p>
          {printed.notice.status === 'failed' ? (
            <p className="application-print__reason">{t('application.result.reason', { reason: printed.notice.reason })}</p>
          ) : null}
          <h3 className="application-section__title">{t('application.notice.missingTitle')}</h3>
          <ScrollArea label={t('application.notice.missingTitle')} testId="application-notice-list">
            <ol className="application-missing__list" data-testid="application-notice-missing">
              {printed.missing.map((name) => (
                <li key={name}>
                  <span className="application-missing__name">{name}</span>
                  {sourceOf(name) ? <span className="application-missing__source">{t('application.review.source', { source: sourceOf(name) })}</span> : null}
                </li>
              ))}
            </ol>
          </ScrollArea>
          <p className="application-note">{t('application.notice.again')}</p>
        </div>
        <aside className="application-result__side">
          <TakeCardReminder />
        </aside>
      </div>
      <EndActions onEvaluate={onEvaluate} onDone={onDone} />
    </JourneyLayout>
  );
}

/** 评价本次服务 and 完成: how both endings (submitted, notice printed) leave the journey. */
function EndActions({ onEvaluate, onDone }: { readonly onEvaluate: () => void; readonly onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="journey-actions">
      <span className="journey-actions__spacer" />
      <button type="button" className="button button--secondary button--huge" data-testid="application-evaluate" onClick={onEvaluate}>
        <Icon name="evaluation" />
        {t('application.result.evaluate')}
      </button>
      <button type="button" className="button button--primary button--huge" data-testid="application-done" onClick={onDone}>
        <Icon name="home" />
        {t('application.result.done')}
      </button>
    </div>
  );
}
