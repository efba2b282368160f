import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallSettings } from '../../electron/ipc/contract';
import { ConsoleField } from '../components/console-field';
import { Icon } from '../components/icons';
import { Spinner } from '../components/spinner';
import { type AdminInvoke, useAdminAction, useAdminQuery } from './console-hooks';
import { ChoiceGroup, ErrorNote, PageHead, RestartNote } from './console-parts';

const loadSettings: AdminInvoke<HallSettings> = (admin, token) => admin.settings({ token });

type NumberKey = 'idleTimeoutSeconds' | 'idleCountdownSeconds' | 'retentionDays';
const NUMBER_KEYS: readonly NumberKey[] = ['idleTimeoutSeconds', 'idleCountdownSeconds', 'retentionDays'];

/** The form as typed: numbers stay text until saved, so a half-typed value is no problem. */
type SettingsDraft = Omit<HallSettings, NumberKey> & Readonly<Record<NumberKey, string>>;

function draftOf(settings: HallSettings): SettingsDraft {
  return {
    ...settings,
    idleTimeoutSeconds: String(settings.idleTimeoutSeconds),
    idleCountdownSeconds: String(settings.idleCountdownSeconds),
    retentionDays: String(settings.retentionDays),
  };
}

/** The settings to save, or the field whose number does not parse. */
function settingsOf(draft: SettingsDraft): { readonly settings: HallSettings } | { readonly badField: NumberKey } {
  const numbers: Partial<Record<NumberKey, number>> = {};
  for (const key of NUMBER_KEYS) {
    if (!/^\d{1,6}$/u.test(draft[key])) return { badField: key };
    numbers[key] = Number(draft[key]);
  }
  return {
    settings: {
      ...draft,
      idleTimeoutSeconds: numbers.idleTimeoutSeconds ?? 0,
      idleCountdownSeconds: numbers.idleCountdownSeconds ?? 0,
      retentionDays: numbers.retentionDays ?? 0,
      platformBaseUrl: draft.platformAdapter === 'http' ? (draft.platformBaseUrl ?? '') : null,
    },
  };
}

/** 大厅设置: loaded from the core, edited, saved with its validation words shown; 修改管理密码. */
export function ConsoleSettingsPage({ onChangePin }: { readonly onChangePin: () => void }): ReactNode {
  const { t } = useTranslation();
  const query = useAdminQuery(loadSettings);
  return (
    <section className="console-page" aria-labelledby="console-settings-title" data-testid="console-settings">
      <PageHead id="console-settings-title" title={t('console.tabs.settings')}>
        <button type="button" className="button button--secondary" data-testid="console-change-pin" onClick={onChangePin}>
          <Icon name="keyboard" />
          <span>{t('console.settings.changePin')}</span>
        </button>
      </PageHead>
      <ErrorNote error={query.error} testId="console-settings-load-error" />
      {query.value ? <SettingsForm initial={query.value} /> : query.error ? null : <p className="console-page__empty">{t('console.loading')}</p>}
    </section>
  );
}

function SettingsForm({ initial }: { readonly initial: HallSettings }): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(initial));
  const [badField, setBadField] = useState<NumberKey | null>(null);
  const save = useAdminAction((admin, token, settings: HallSettings) => admin.saveSettings({ token, settings }));
  const edit = (patch: Partial<SettingsDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    setBadField(null);
    save.reset();
  };
  const submit = (): void => {
    const parsed = settingsOf(draft);
    if ('badField' in parsed) setBadField(parsed.badField);
    else save.start(parsed.settings);
  };
  const numberProblem = (key: NumberKey): string | null => (badField === key ? t('console.settings.notNumber', { field: t(`console.settings.${key}`) }) : null);
  const numberField = (key: NumberKey, testId: string): ReactNode => (
    <ConsoleField
      label={t(`console.settings.${key}`)}
      value={draft[key]}
      testId={testId}
      layouts={['digits']}
      maxLength={6}
      problem={numberProblem(key)}
      onChange={(value) => edit({ [key]: value })}
    />
  );
  return (
    <form className="console-form console-settings-form" data-testid="console-settings-form" onSubmit={(event) => event.preventDefault()}>
      <div className="console-form__grid">
        <ConsoleField
          label={t('console.settings.hallName')}
          value={draft.hallName}
          testId="console-settings-hallName"
          layouts={['pinyin', 'latin', 'symbols']}
          maxLength={80}
          onChange={(hallName) => edit({ hallName })}
        />
        <ConsoleField
          label={t('console.settings.terminalId')}
          value={draft.terminalId}
          testId="console-settings-terminalId"
          layouts={['latin', 'symbols']}
          isUpper
          maxLength={64}
          onChange={(terminalId) => edit({ terminalId })}
        />
        {numberField('idleTimeoutSeconds', 'console-settings-idleTimeout')}
        {numberField('idleCountdownSeconds', 'console-settings-idleCountdown')}
        <div className="console-form__row">
          <span className="console-field__label">{t('console.settings.platformAdapter')}</span>
          <ChoiceGroup
            label={t('console.settings.platformAdapter')}
            choices={[
              { value: 'local' as const, label: t('console.settings.adapter.local') },
              { value: 'http' as const, label: t('console.settings.adapter.http') },
            ]}
            value={draft.platformAdapter}
            onChange={(platformAdapter) => edit({ platformAdapter })}
            testIdPrefix="console-settings-adapter"
          />
        </div>
        <ConsoleField
          label={t('console.settings.platformBaseUrl')}
          value={draft.platformBaseUrl ?? ''}
          testId="console-settings-platformUrl"
          layouts={['latin', 'symbols']}
          maxLength={300}
          isDisabled={draft.platformAdapter !== 'http'}
          onChange={(platformBaseUrl) => edit({ platformBaseUrl })}
        />
        <ConsoleField
          label={t('console.settings.publicBaseUrl')}
          value={draft.publicBaseUrl}
          testId="console-settings-publicUrl"
          layouts={['latin', 'symbols']}
          maxLength={300}
          onChange={(publicBaseUrl) => edit({ publicBaseUrl })}
        />
        {numberField('retentionDays', 'console-settings-retention')}
      </div>
      <div className="console-form__actions">
        <ErrorNote error={save.error} testId="console-settings-error" />
        {save.phase === 'done' && save.value?.restartRequired ? <RestartNote /> : null}
        {save.phase === 'done' && save.value?.restartRequired === false ? (
          <p className="console-note console-note--ok" role="status" data-testid="console-settings-saved">
            <Icon name="check" />
            <span>{t('console.settings.saved')}</span>
          </p>
        ) : null}
        <button type="button" className="button button--primary button--wide" disabled={save.phase === 'running'} data-testid="console-settings-save" onClick={submit}>
          {save.phase === 'running' ? <Spinner /> : null}
          <span>{save.phase === 'running' ? t('console.settings.saving') : t('console.settings.save')}</span>
        </button>
      </div>
    </form>
  );
}
