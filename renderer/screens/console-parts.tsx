/** Small pieces the console's screens share: choice chips, state badges, notes, restart. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceHealth, IpcError } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { Spinner } from '../components/spinner';
import { useAdminAction } from './console-hooks';

export interface Choice<T extends string | number> {
  readonly value: T;
  readonly label: string;
}

export interface ChoiceGroupProps<T extends string | number> {
  readonly label: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  /** Each chip's test id is `<testIdPrefix>-<value>`. */
  readonly testIdPrefix: string;
  readonly isDisabled?: boolean;
}

/** A closed choice as a row of big chips (a touch screen has no good <select>). */
export function ChoiceGroup<T extends string | number>({ label, choices, value, onChange, testIdPrefix, isDisabled = false }: ChoiceGroupProps<T>): ReactNode {
  return (
    <div className="console-choice" role="radiogroup" aria-label={label}>
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          aria-checked={choice.value === value}
          className={`console-choice__chip${choice.value === value ? ' console-choice__chip--on' : ''}`}
          disabled={isDisabled}
          data-testid={`${testIdPrefix}-${choice.value}`}
          onClick={() => onChange(choice.value)}
        >
          {choice.value === value ? <Icon name="check" /> : null}
          <span>{choice.label}</span>
        </button>
      ))}
    </div>
  );
}

/** A device state in colour and words (never colour alone). */
export function StateBadge({ state }: { readonly state: DeviceHealth['state'] }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className={`console-state console-state--${state}`} data-state={state}>
      <span className="console-state__dot" aria-hidden="true" />
      {t(`console.state.${state}`)}
    </span>
  );
}

export interface PageHeadProps {
  readonly id: string;
  readonly title: string;
  readonly children?: ReactNode;
}

/** The page's title with its controls (刷新, sub-views) beside it. */
export function PageHead({ id, title, children }: PageHeadProps): ReactNode {
  return (
    <div className="console-page__head">
      <h2 id={id} className="console-page__title">
        {title}
      </h2>
      <div className="console-page__tools">{children}</div>
    </div>
  );
}

/** The core's message (Chinese) for a failed call, as an alert. */
export function ErrorNote({ error, testId }: { readonly error: IpcError | null; readonly testId: string }): ReactNode {
  if (!error) return null;
  return (
    <p className="console-note console-note--error" role="alert" data-testid={testId} data-code={error.code}>
      <Icon name="alert" />
      <span>{error.message}</span>
    </p>
  );
}

/** 已保存，重启后生效 with 立即重启 (admin.restart). */
export function RestartNote(): ReactNode {
  const { t } = useTranslation();
  const restart = useAdminAction((admin, token) => admin.restart({ token }));
  return (
    <div className="console-note console-note--ok" role="status" data-testid="console-restart-required">
      <Icon name="check" />
      <span className="console-note__text">{restart.phase === 'done' ? t('console.restarting') : t('console.restartRequired')}</span>
      {restart.phase === 'done' ? null : (
        <button
          type="button"
          className="button button--primary"
          disabled={restart.phase === 'running'}
          data-testid="console-restart"
          onClick={() => restart.start(undefined)}
        >
          {restart.phase === 'running' ? <Spinner /> : null}
          <span>{t('console.restart')}</span>
        </button>
      )}
      {restart.error ? <span className="console-note__error" role="alert">{restart.error.message}</span> : null}
    </div>
  );
}
