import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, ApplicationPartyView, ApplicationRole, IdentityView, SystemStatus } from '../../electron/ipc/contract';
import { CardReaderIllustration } from '../components/card-reader-illustration';
import { DevCardPanel } from '../components/dev-card-panel';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Silhouette } from '../components/silhouette';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { type ApplicationCardNotice, isSameCard } from '../flows/application-types';
import { applicationStepProps } from './application-steps';

function roleName(t: TFunction, role: ApplicationRole): string {
  return role === 'agent' ? t('application.card.agent') : t('application.card.applicant');
}

function noticeText(t: TFunction, notice: ApplicationCardNotice, role: ApplicationRole): string {
  switch (notice.kind) {
    case 'readFailed':
      // The core's Chinese, as with every other core message; our own words if it sent none.
      return notice.message ?? t('application.card.notice.readFailed');
    case 'readerUnavailable':
      return notice.message ?? t('application.card.notice.readerUnavailable');
    case 'refused':
      return notice.message ?? t('application.card.notice.refused');
    case 'swapCard':
      return t('application.card.notice.swapCard', { role: roleName(t, role) });
    case 'cardRemoved':
      return t('application.card.notice.cardRemoved');
    case 'applicantCard':
      return t('application.card.notice.applicantCard');
  }
}

export interface ApplicationCardScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly role: ApplicationRole;
  /** `reading`: waiting for a card; `confirming`: one read; `taking`: 确认 sent to the core. */
  readonly phase: 'reading' | 'confirming' | 'taking';
  /** The card read (masked), while confirming. */
  readonly card: IdentityView | null;
  readonly notice: ApplicationCardNotice | null;
  /** The applicant taken already (for 代办: the agent's card is wanted now). */
  readonly applicant: ApplicationPartyView | null;
  readonly onConfirm: () => void;
  readonly onReread: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/**
 * 读取身份证: the reader's picture with 请将身份证放置在感应区 (the applicant's, then for 代办
 * the agent's), then the card read, masked, to confirm before it is taken.
 */
export function ApplicationCardScreen(props: ApplicationCardScreenProps): ReactNode {
  const { status, begun, phase, onHome } = props;
  const { t } = useTranslation();
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'card')} screen="application-card">
      {phase === 'reading' ? <Reading {...props} /> : <Confirming {...props} />}
      <DevCardPanel status={status} />
    </JourneyLayout>
  );
}

function Reading({ role, notice, applicant, onBack }: ApplicationCardScreenProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow(role === 'agent' ? 'voice.placeAgentCard' : 'voice.placeCard');
  return (
    <div className="identify application-card" data-testid="application-card-reading" data-role={role}>
      <div className="identify__picture">
        <CardReaderIllustration label={t('identify.illustration')} />
      </div>
      <div className="identify__text">
        <p className="application-card__role">
          <Icon name={role === 'agent' ? 'people' : 'idCard'} />
          <span>{roleName(t, role)}</span>
        </p>
        <h2 className="identify__title" data-testid="application-card-title">
          {role === 'agent' ? t('application.card.titleAgent') : t('application.card.titleApplicant')}
        </h2>
        <p className="identify__hint">{t('application.card.hint')}</p>
        {role === 'agent' && applicant ? (
          <p className="application-card__taken" data-testid="application-card-applicant-taken">
            <Icon name="check" />
            <span>
              {t('application.card.applicant')} {applicant.maskedName} · {t('application.card.applicantTaken')}
            </span>
          </p>
        ) : null}
        <div className="identify__notice-slot">
          {notice ? (
            <p
              className={`identify__notice identify__notice--${notice.kind}`}
              role="alert"
              data-testid="application-card-notice"
              data-kind={notice.kind}
            >
              <Icon name={notice.kind === 'swapCard' || notice.kind === 'applicantCard' ? 'info' : 'alert'} className="identify__notice-icon" />
              <span>{noticeText(t, notice, role)}</span>
            </p>
          ) : null}
        </div>
        <div className="identify__actions">
          <button type="button" className="button button--secondary button--wide" data-testid="application-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            {t('application.back')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Confirming({ role, phase, card, applicant, onConfirm, onReread }: ApplicationCardScreenProps): ReactNode {
  const { t } = useTranslation();
  const isTaking = phase === 'taking';
  const looksLikeApplicant = role === 'agent' && isSameCard(card, applicant);
  return (
    <section className="identity" data-testid="application-card-confirm" data-role={role} aria-labelledby="application-card-title">
      <h2 id="application-card-title" className="screen__title">
        {t('application.card.confirmTitle', { role: roleName(t, role) })}
      </h2>
      {card ? <PartyCard role={role} party={card} /> : null}
      <p className="application-card__masked">{t('application.card.masked')}</p>
      <div className="identify__notice-slot application-card__slot">
        {looksLikeApplicant ? (
          <p className="identify__notice" role="alert" data-testid="application-card-same">
            <Icon name="alert" className="identify__notice-icon" />
            <span>{t('application.card.sameAsApplicant')}</span>
          </p>
        ) : null}
      </div>
      <div className="identity__actions">
        <button type="button" className="button button--secondary button--wide" disabled={isTaking} data-testid="application-card-reread" onClick={onReread}>
          {t('application.card.reread', { role: roleName(t, role) })}
        </button>
        <button type="button" className="button button--primary button--huge" disabled={isTaking} data-testid="application-card-confirm-take" onClick={onConfirm}>
          {isTaking ? <Spinner /> : <Icon name="check" />}
          {t('application.card.confirm')}
        </button>
      </div>
    </section>
  );
}

/** One person's card as the screen may show it: masked name and number, card type, no photo. */
function PartyCard({ role, party }: { readonly role: ApplicationRole; readonly party: Pick<IdentityView, 'maskedName' | 'maskedIdNumber' | 'cardTypeLabel'> }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="identity__card application-party" data-testid={`application-party-${role}`}>
      <Silhouette className="identity__photo" />
      <dl className="identity__fields">
        <div className="identity__field identity__field--name">
          <dt>{t('application.card.name')}</dt>
          <dd data-testid={`application-party-${role}-name`}>{party.maskedName}</dd>
        </div>
        <div className="identity__field">
          <dt>{t('application.card.idNumber')}</dt>
          <dd className="identity__number" data-testid={`application-party-${role}-id`}>
            {party.maskedIdNumber}
          </dd>
        </div>
        <div className="identity__field">
          <dt>{t('application.card.cardType')}</dt>
          <dd>{party.cardTypeLabel}</dd>
        </div>
      </dl>
    </div>
  );
}

export interface ApplicationCardsSummaryScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun | null;
  readonly applicant: ApplicationPartyView | null;
  readonly agent: ApplicationPartyView | null;
  readonly onReread: (role: ApplicationRole) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** The cards already taken (after 上一步): each masked, with 重新读取, and 下一步. */
export function ApplicationCardsSummaryScreen({ status, begun, applicant, agent, onReread, onNext, onBack, onHome }: ApplicationCardsSummaryScreenProps): ReactNode {
  const { t } = useTranslation();
  const parties = [applicant, agent].filter((party): party is ApplicationPartyView => party !== null);
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'card')} screen="application-cards">
      <section className="identity" data-testid="application-cards-summary" aria-labelledby="application-cards-title">
        <h2 id="application-cards-title" className="screen__title">
          {t('application.card.summaryTitle')}
        </h2>
        <div className="application-parties">
          {parties.map((party) => (
            <div key={party.role} className="application-parties__item">
              <p className="application-card__role">
                <Icon name={party.role === 'agent' ? 'people' : 'idCard'} />
                <span>{roleName(t, party.role)}</span>
              </p>
              <PartyCard role={party.role} party={party} />
              <button
                type="button"
                className="button button--secondary"
                data-testid={`application-card-reread-${party.role}`}
                onClick={() => onReread(party.role)}
              >
                {t('application.card.rereadParty', { role: roleName(t, party.role) })}
              </button>
            </div>
          ))}
        </div>
      </section>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" data-testid="application-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('application.back')}
        </button>
        <span className="journey-actions__spacer" />
        <button type="button" className="button button--primary button--huge" data-testid="application-cards-next" onClick={onNext}>
          {t('application.next')}
          <Icon name="chevronRight" />
        </button>
      </div>
    </JourneyLayout>
  );
}
