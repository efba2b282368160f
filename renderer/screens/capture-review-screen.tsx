import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureMaterialView, CaptureReview, SystemStatus } from '../../electron/ipc/contract';
import { useJpegUrl } from '../components/capture-stage';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { canAddPage, isBlocking } from '../flows/capture-types';
import { pageLabel } from './capture-live-screen';
import { captureStepProps } from './capture-steps';

export interface CaptureReviewScreenProps {
  readonly status: SystemStatus;
  readonly material: CaptureMaterialView;
  readonly review: CaptureReview;
  /** `working`: a rotate or discard under way; `accepted`: kept, 再拍一页 or 完成此材料. */
  readonly phase: 'ready' | 'working' | 'accepted';
  readonly onRotate: () => void;
  readonly onRetake: () => void;
  readonly onAccept: () => void;
  readonly onAddPage: () => void;
  readonly onMaterialDone: () => void;
  readonly onHome: () => void;
}

/** 确认: the page as taken, what is wrong with it, and 使用此页 only when it can be used. */
export function CaptureReviewScreen(props: CaptureReviewScreenProps): ReactNode {
  const { status, material, review, phase, onHome } = props;
  const { t } = useTranslation();
  const url = useJpegUrl(review.reviewImage);
  const { page } = review;
  const label = pageLabel(t, material, page.index);
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, 'confirm')} screen="capture-review">
      <div className="capture-layout">
        <div className="capture-layout__main">
          <figure className="capture-review" data-testid="capture-review" data-usable={page.isUsable}>
            {url ? (
              <img
                className="capture-review__image"
                src={url}
                alt={t('capture.review.image', { material: material.name, count: page.index + 1 })}
                draggable={false}
              />
            ) : null}
          </figure>
        </div>
        <aside className="capture-layout__side">
          <p className="capture-side__material">{material.name}</p>
          <p className="capture-side__page">{label}</p>
          {phase === 'accepted' ? <AcceptedActions {...props} /> : <ReviewActions {...props} />}
        </aside>
      </div>
    </JourneyLayout>
  );
}

function ReviewActions({ review, phase, onRotate, onRetake, onAccept }: CaptureReviewScreenProps): ReactNode {
  const { t } = useTranslation();
  const { page } = review;
  const isBlocked = isBlocking(page.issues);
  const isWorking = phase === 'working';
  return (
    <>
      {isBlocked ? (
        <p className="capture-side__hint capture-side__hint--blocked">{t('capture.review.blocked')}</p>
      ) : (
        <p className="capture-side__hint">{t('capture.review.title')}</p>
      )}
      {page.issues.length === 0 ? (
        <p className="capture-status capture-status--ready" data-testid="capture-review-ok">
          <Icon name="check" className="capture-status__icon" />
          <span>{t('capture.review.usable')}</span>
        </p>
      ) : (
        <ul className="capture-issues" data-testid="capture-issues">
          {page.issues.map((issue) => (
            <li
              key={issue.code}
              className={`capture-status capture-status--${issue.isBlocking ? 'problem' : 'warning'}`}
              data-code={issue.code}
            >
              <Icon name="alert" className="capture-status__icon" />
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      )}
      <span className="capture-side__spacer" />
      <div className="capture-side__row">
        <button type="button" className="button button--secondary" disabled={isWorking} data-testid="capture-rotate" onClick={onRotate}>
          <Icon name="rotate" />
          {t('capture.review.rotate')}
        </button>
        <button
          type="button"
          className={`button ${isBlocked ? 'button--primary' : 'button--secondary'}`}
          disabled={isWorking}
          data-testid="capture-retake"
          onClick={onRetake}
        >
          <Icon name="camera" />
          {t('capture.review.retake')}
        </button>
      </div>
      <button
        type="button"
        className="button button--primary button--huge capture-side__button"
        disabled={isWorking || !page.isUsable}
        data-testid="capture-accept"
        onClick={onAccept}
      >
        {isWorking ? <Spinner /> : <Icon name="check" />}
        {isWorking ? t('capture.review.working') : t('capture.review.accept')}
      </button>
    </>
  );
}

function AcceptedActions({ material, review, onAddPage, onMaterialDone }: CaptureReviewScreenProps): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <p className="capture-status capture-status--ready capture-saved" role="status" data-testid="capture-saved">
        <Icon name="check" className="capture-status__icon" />
        <span>{t('capture.review.saved', { count: review.page.index + 1 })}</span>
      </p>
      {canAddPage(material) ? <p className="capture-side__note">{t('capture.review.savedHint')}</p> : null}
      <span className="capture-side__spacer" />
      {canAddPage(material) ? (
        <button type="button" className="button button--secondary capture-side__button" data-testid="capture-add-page" onClick={onAddPage}>
          <Icon name="camera" />
          {t('capture.review.addPage')}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--primary button--huge capture-side__button"
        data-testid="capture-material-done"
        onClick={onMaterialDone}
      >
        <Icon name="check" />
        {t('capture.review.materialDone')}
      </button>
    </>
  );
}
