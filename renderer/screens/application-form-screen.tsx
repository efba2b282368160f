import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, FormErrors, SystemStatus } from '../../electron/ipc/contract';
import { ApplicationForm } from '../components/application-form';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { applicationStepProps } from './application-steps';

export interface ApplicationFormScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FormErrors;
  /** The form is with the core (下一步 tapped). */
  readonly isSaving: boolean;
  /** `YYYY-MM-DD` in the hall. */
  readonly today: string;
  readonly candidates: (pinyin: string) => Promise<readonly string[]>;
  readonly onChange: (fieldId: string, value: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** 填写申请表: the item's fields (application-form.tsx), 下一步 checked by the core. */
export function ApplicationFormScreen({
  status,
  begun,
  values,
  errors,
  isSaving,
  today,
  candidates,
  onChange,
  onNext,
  onBack,
  onHome,
}: ApplicationFormScreenProps): ReactNode {
  const { t } = useTranslation();
  const errorCount = Object.keys(errors).length;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'form')} screen="application-form">
      {/* No title row: the step indicator says 填表, and the form needs every pixel of height. */}
      <h2 className="visually-hidden">{t('application.form.title')}</h2>
      <div className="application-form-area">
        <ApplicationForm fields={begun.fields} values={values} errors={errors} onChange={onChange} candidates={candidates} today={today} />
      </div>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" disabled={isSaving} data-testid="application-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('application.back')}
        </button>
        <span className="journey-actions__spacer" />
        {errorCount > 0 ? (
          <p className="application-inline-notice" role="alert" data-testid="application-form-invalid">
            <Icon name="alert" />
            <span>{t('application.form.invalid', { count: errorCount })}</span>
          </p>
        ) : (
          <p className="application-note">{t('application.form.hint')}</p>
        )}
        <button
          type="button"
          className="button button--primary button--wide application-form-next"
          disabled={isSaving}
          data-testid="application-form-next"
          onClick={onNext}
        >
          {isSaving ? <Spinner /> : null}
          {isSaving ? t('application.form.checking') : t('application.next')}
          {isSaving ? null : <Icon name="chevronRight" />}
        </button>
      </div>
    </JourneyLayout>
  );
}
