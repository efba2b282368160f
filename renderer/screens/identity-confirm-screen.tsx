import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityView, SystemStatus } from '../../electron/ipc/contract';
import { DevCardPanel } from '../components/dev-card-panel';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Silhouette } from '../components/silhouette';
import { useSpeakOnShow } from '../components/speak';
import { ticketStepProps } from './ticket-steps';

export interface IdentityConfirmScreenProps {
  readonly status: SystemStatus;
  readonly identity: IdentityView;
  /** From `identity.revealName`; null shows the masked name. */
  readonly fullName: string | null;
  /** True while the full name is still on its way: the name line keeps its place, empty. */
  readonly isNamePending: boolean;
  readonly categoryName: string | null;
  readonly onConfirm: () => void;
  readonly onReread: () => void;
  readonly onHome: () => void;
}

/**
 * 请核对您的身份信息: the citizen's own check before a ticket is taken in their name. The full
 * name appears here and nowhere else; the number stays masked; no photo, a silhouette.
 */
export function IdentityConfirmScreen({
  status,
  identity,
  fullName,
  isNamePending,
  categoryName,
  onConfirm,
  onReread,
  onHome,
}: IdentityConfirmScreenProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.confirmIdentity');
  return (
    <JourneyLayout status={status} onHome={onHome} {...ticketStepProps(t, true, 'identify')} screen="confirm">
      <section className="identity" data-testid="identity-confirm" aria-labelledby="identity-title">
        <h2 id="identity-title" className="screen__title">
          {t('confirm.title')}
        </h2>
        <div className={`identity__card${identity.isPriority ? ' identity__card--priority' : ''}`}>
          <Silhouette className="identity__photo" />
          <dl className="identity__fields">
            <div className="identity__field identity__field--name">
              <dt>{t('confirm.name')}</dt>
              <dd data-testid="identity-name">{isNamePending ? '\u00a0' : (fullName ?? identity.maskedName)}</dd>
            </div>
            <div className="identity__field">
              <dt>{t('confirm.idNumber')}</dt>
              <dd className="identity__number" data-testid="identity-id-number">
                {identity.maskedIdNumber}
              </dd>
            </div>
            <div className="identity__field">
              <dt>{t('confirm.cardType')}</dt>
              <dd data-testid="identity-card-type">{identity.cardTypeLabel}</dd>
            </div>
            {categoryName ? (
              <div className="identity__field">
                <dt>{t('confirm.category')}</dt>
                <dd data-testid="identity-category">{categoryName}</dd>
              </div>
            ) : null}
          </dl>
          {identity.isPriority ? (
            <div className="identity__priority" data-testid="identity-priority">
              <span className="badge badge--priority">
                <Icon name="priority" />
                {t('confirm.priority')}
              </span>
              <span className="identity__priority-hint">{t('confirm.priorityHint')}</span>
            </div>
          ) : null}
        </div>
        <div className="identity__actions">
          <button type="button" className="button button--secondary button--wide" data-testid="identity-reread" onClick={onReread}>
            {t('confirm.reread')}
          </button>
          <button
            type="button"
            className="button button--primary button--huge"
            data-testid="identity-confirm-take"
            onClick={onConfirm}
          >
            {t('confirm.take')}
          </button>
        </div>
      </section>
      <DevCardPanel status={status} />
    </JourneyLayout>
  );
}
