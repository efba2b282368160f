import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideView, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { ItemBadges } from '../components/item-card';
import { JourneyLayout } from '../components/journey-layout';
import { PrintToast } from '../components/print-toast';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import type { PrintNotice } from '../flows/guide-types';
import { GuideFacts, type GuideSectionId, GuideSections } from './guide-sections';

export interface GuidePageScreenProps {
  readonly status: SystemStatus;
  readonly phase: 'loading' | 'ready' | 'failed';
  readonly guide: GuideView | null;
  /** The print under way, if any: both print buttons wait for it. */
  readonly printing: 'checklist' | 'guide' | null;
  readonly notice: PrintNotice | null;
  readonly failureMessage: string | null;
  /** For tests: which sections start open. */
  readonly initiallyOpen?: ReadonlySet<GuideSectionId>;
  readonly onPrintChecklist: () => void;
  readonly onPrintGuide: () => void;
  readonly onTakeTicket: () => void;
  /**
   * 我要申办, for items applicable at the kiosk: the guide ends and the application follows.
   * Without it such items show 自助申办 as coming soon.
   */
  readonly onApply?: () => void;
  /** 评价: rate the guide service; the journey ends and the evaluation follows. */
  readonly onEvaluate?: () => void;
  readonly onDismiss: () => void;
  readonly onRetry: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** One item's office guide: every element, readable at arm's length, and what to do next. */
export function GuidePageScreen(props: GuidePageScreenProps): ReactNode {
  const { status, phase, guide, failureMessage, onRetry, onBack, onHome } = props;
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} screen="guide-reading">
      {phase === 'ready' && guide ? (
        <GuideArticle {...props} guide={guide} />
      ) : (
        <>
          <div className="search-bar">
            <button type="button" className="button button--secondary search-bar__back" data-testid="guide-back" onClick={onBack}>
              <Icon name="chevronLeft" />
              <span>{t('guide.back')}</span>
            </button>
          </div>
          {phase === 'failed' ? (
            <div className="notice" role="alert" data-testid="guide-page-failed">
              <Icon name="alert" className="notice__icon notice__icon--warning" />
              <p className="notice__title">{t('page.loadFailed')}</p>
              <p className="notice__text">{failureMessage ?? t('errors.generic')}</p>
              <button type="button" className="button button--primary" data-testid="guide-page-retry" onClick={onRetry}>
                {t('guide.retry')}
              </button>
            </div>
          ) : (
            <div className="notice notice--quiet">
              <Spinner />
              <p className="notice__text">{t('page.loading')}</p>
            </div>
          )}
        </>
      )}
    </JourneyLayout>
  );
}

function GuideArticle({
  guide,
  printing,
  notice,
  initiallyOpen,
  onPrintChecklist,
  onPrintGuide,
  onTakeTicket,
  onApply,
  onEvaluate,
  onDismiss,
  onBack,
}: GuidePageScreenProps & { readonly guide: GuideView }): ReactNode {
  const { t } = useTranslation();
  const isPrinting = printing !== null;
  return (
    <article className="guide-page" data-testid="guide-page" data-code={guide.code} aria-labelledby="guide-page-title">
      <header className="guide-head">
        <button type="button" className="button button--secondary guide-head__back" data-testid="guide-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          <span>{t('guide.back')}</span>
        </button>
        <div className="guide-head__titles">
          <h2 id="guide-page-title" className="guide-head__name">
            {guide.name}
          </h2>
          <dl className="guide-head__meta">
            <div>
              <dt>{t('page.department')}</dt>
              <dd>{guide.departmentName}</dd>
            </div>
            <div>
              <dt>{t('page.type')}</dt>
              <dd>{guide.type}</dd>
            </div>
            <div>
              <dt>{t('page.audience')}</dt>
              <dd>{t(`guide.audience.${guide.audience}`)}</dd>
            </div>
          </dl>
        </div>
        <ItemBadges item={guide} />
      </header>
      <ScrollArea label={guide.name} testId="guide-content">
        <GuideFacts guide={guide} />
        <GuideSections guide={guide} {...(initiallyOpen ? { initiallyOpen } : {})} />
      </ScrollArea>
      <div className="guide-actions" role="group" aria-label={t('page.actions')}>
        <button
          type="button"
          className="button button--secondary guide-actions__button"
          disabled={isPrinting}
          data-testid="guide-print-checklist"
          onClick={onPrintChecklist}
        >
          {printing === 'checklist' ? <Spinner /> : <Icon name="printer" />}
          <span>{printing === 'checklist' ? t('page.printing') : t('page.printChecklist')}</span>
        </button>
        <button
          type="button"
          className="button button--secondary guide-actions__button"
          disabled={isPrinting}
          data-testid="guide-print-guide"
          onClick={onPrintGuide}
        >
          {printing === 'guide' ? <Spinner /> : <Icon name="document" />}
          <span>{printing === 'guide' ? t('page.printing') : t('page.printGuide')}</span>
        </button>
        {guide.isKioskApplicable && onApply ? (
          <button type="button" className="button button--secondary guide-actions__button" data-testid="guide-apply" onClick={onApply}>
            <Icon name="application" />
            <span className="button__stack">
              <span>{t('application.apply')}</span>
              <span className="button__note">{t('application.applyHint')}</span>
            </span>
          </button>
        ) : guide.isKioskApplicable ? (
          <button type="button" className="button button--secondary guide-actions__button" disabled data-testid="guide-apply">
            <Icon name="application" />
            <span className="button__stack">
              <span>{t('page.apply')}</span>
              <span className="button__note">{t('page.applySoon')}</span>
            </span>
          </button>
        ) : null}
        {onEvaluate ? (
          <button
            type="button"
            className="button button--secondary guide-actions__button guide-actions__evaluate"
            data-testid="guide-evaluate"
            onClick={onEvaluate}
          >
            <Icon name="evaluation" />
            <span>{t('evaluation.offerShort')}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="button button--primary guide-actions__button guide-actions__ticket"
          data-testid="guide-take-ticket"
          onClick={onTakeTicket}
        >
          <Icon name="ticket" />
          <span className="button__stack">
            <span>{t('page.takeTicket')}</span>
            <span className="button__note">{t('page.takeTicketHint', { category: guide.queueCategoryName })}</span>
          </span>
        </button>
      </div>
      <PrintToast notice={notice} onDismiss={onDismiss} />
    </article>
  );
}
