import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { SignaturePad } from '../components/signature-pad';
import { Spinner } from '../components/spinner';
import type { Signature } from '../flows/application-types';
import { applicationStepProps } from './application-steps';

export interface ApplicationCommitmentScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun;
  readonly commitment: NonNullable<ApplicationBegun['commitment']>;
  /** Ink on the pad now. */
  readonly hasSignature: boolean;
  /** Signed before 上一步: 我已阅读并承诺 stands without signing again. */
  readonly isSigned: boolean;
  readonly isSigning: boolean;
  readonly onSignature: (signature: Signature | null) => void;
  readonly onAgree: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** 告知承诺书: the clauses to read, the touch signature, then 我已阅读并承诺. */
export function ApplicationCommitmentScreen({
  status,
  begun,
  commitment,
  hasSignature,
  isSigned,
  isSigning,
  onSignature,
  onAgree,
  onBack,
  onHome,
}: ApplicationCommitmentScreenProps): ReactNode {
  const { t } = useTranslation();
  const canAgree = (hasSignature || isSigned) && !isSigning;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'commitment')} screen="application-commitment">
      <div className="application-title-row">
        <h2 className="screen__title" data-testid="application-commitment-title">
          {commitment.title}
        </h2>
        <p className="application-title-row__hint">{t('application.commitment.hint')}</p>
      </div>
      <div className="application-commitment">
        <ScrollArea label={commitment.title} testId="application-commitment-clauses">
          <ol className="application-commitment__clauses">
            {commitment.clauses.map((clause) => (
              <li key={clause}>{clause}</li>
            ))}
          </ol>
        </ScrollArea>
        <div className="application-commitment__sign" data-testid="application-signature">
          {isSigned ? (
            <p className="application-commitment__signed" data-testid="application-signed-before">
              <Icon name="check" />
              <span>{t('application.commitment.signedBefore')}</span>
            </p>
          ) : null}
          <SignaturePad label={t('application.commitment.signLabel')} onChange={onSignature} />
        </div>
      </div>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" disabled={isSigning} data-testid="application-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('application.back')}
        </button>
        <span className="journey-actions__spacer" />
        {canAgree || isSigning ? null : <p className="application-note">{t('application.commitment.needSign')}</p>}
        <button type="button" className="button button--primary button--huge" disabled={!canAgree} data-testid="application-commit" onClick={onAgree}>
          {isSigning ? <Spinner /> : <Icon name="check" />}
          {isSigning ? t('application.commitment.signing') : t('application.commitment.agree')}
        </button>
      </div>
    </JourneyLayout>
  );
}
