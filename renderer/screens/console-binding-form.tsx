import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BindableDevice } from '../../electron/ipc/contract';
import { ConsoleField } from '../components/console-field';
import { Spinner } from '../components/spinner';
import {
  BAUD_RATES,
  BINDING_SPECS,
  type BindingDraft,
  type BindingProblem,
  type ChoiceOption,
  bindingProblems,
  draftFor,
  specOf,
  transportOf,
  withTransport,
} from '../flows/console-binding';
import { useAdminAction } from './console-hooks';
import { ChoiceGroup, ErrorNote } from './console-parts';

export interface ConsoleBindingFormProps {
  /** Ports the last auto-detect looked at, offered as one-tap choices. */
  readonly seenPorts: readonly string[];
  readonly onSaved: () => void;
}

const OPTION_LABELS = { envelope: 'envelope', suffix: 'suffix', mode: 'mode' } as const;

function optionLabelKey(key: string): 'envelope' | 'suffix' | 'mode' | null {
  return Object.hasOwn(OPTION_LABELS, key) ? OPTION_LABELS[key as keyof typeof OPTION_LABELS] : null;
}

/**
 * 手动绑定: device, connection (串口 / HID / 模拟), port and baud rate or USB ids, and the
 * options the device needs. Checked here first (each problem next to its field), then by the
 * core's configuration schema, whose words are shown under the form.
 */
export function ConsoleBindingForm({ seenPorts, onSaved }: ConsoleBindingFormProps): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<BindingDraft>(() => draftFor('idCardReader'));
  const [isChecked, setIsChecked] = useState(false);
  const save = useAdminAction((admin, token, arg: BindingDraft) => admin.bind({ token, device: arg.device, transport: transportOf(arg) }), onSaved);
  const unbind = useAdminAction((admin, token, device: BindableDevice) => admin.unbind({ token, device }), onSaved);
  const spec = specOf(draft.device);
  const problems = isChecked ? bindingProblems(draft) : [];
  const problemText = (problem: BindingProblem | undefined): string | null => (problem === undefined ? null : t(`console.binding.problem.${problem}`));
  const isBusy = save.phase === 'running' || unbind.phase === 'running';

  const change = (next: BindingDraft): void => {
    setDraft(next);
    save.reset();
    unbind.reset();
  };
  const submit = (): void => {
    setIsChecked(true);
    if (bindingProblems(draft).length === 0) save.start(draft);
  };
  const options: readonly ChoiceOption[] = draft.transport === 'hid' ? spec.hidOptions : draft.transport === 'serial' ? spec.serialOptions : [];

  return (
    <form className="console-form console-binding-form" data-testid="console-bind-form" onSubmit={(event) => event.preventDefault()}>
      <div className="console-form__row">
        <span className="console-field__label">{t('console.binding.device')}</span>
        <ChoiceGroup
          label={t('console.binding.device')}
          choices={BINDING_SPECS.map((item) => ({ value: item.device, label: t(`console.device.${item.device}`) }))}
          value={draft.device}
          onChange={(device) => {
            setIsChecked(false);
            change(draftFor(device));
          }}
          testIdPrefix="console-bind-device"
        />
      </div>
      <div className="console-form__row">
        <span className="console-field__label">{t('console.binding.transport')}</span>
        <ChoiceGroup
          label={t('console.binding.transport')}
          choices={spec.transports.map((kind) => ({ value: kind, label: t(`console.binding.transports.${kind}`) }))}
          value={draft.transport}
          onChange={(kind) => {
            setIsChecked(false);
            change(withTransport(draft, kind));
          }}
          testIdPrefix="console-bind-transport"
        />
      </div>
      {draft.transport === 'serial' ? (
        <>
          <div className="console-form__pair">
            <ConsoleField
              label={t('console.binding.path')}
              value={draft.path}
              placeholder={t('console.binding.pathPlaceholder')}
              testId="console-bind-path"
              layouts={['symbols', 'latin']}
              maxLength={200}
              problem={problemText(problems.find((p) => p.startsWith('path')))}
              onChange={(path) => change({ ...draft, path })}
            />
            {seenPorts.length > 0 ? (
              <div className="console-form__ports">
                <ChoiceGroup label={t('console.binding.seenPorts')} choices={seenPorts.map((port) => ({ value: port, label: port }))} value={draft.path} onChange={(path) => change({ ...draft, path })} testIdPrefix="console-bind-port" />
              </div>
            ) : null}
          </div>
          <div className="console-form__row">
            <span className="console-field__label">{t('console.binding.baudRate')}</span>
            <ChoiceGroup
              label={t('console.binding.baudRate')}
              choices={BAUD_RATES.map((rate) => ({ value: rate, label: String(rate) }))}
              value={draft.baudRate}
              onChange={(baudRate) => change({ ...draft, baudRate })}
              testIdPrefix="console-bind-baud"
            />
          </div>
        </>
      ) : null}
      {draft.transport === 'hid' ? (
        <div className="console-form__pair">
          <ConsoleField
            label={t('console.binding.vendorId')}
            value={draft.vendorId}
            placeholder={t('console.binding.idPlaceholder')}
            testId="console-bind-vendor"
            layouts={['symbols', 'latin']}
            maxLength={6}
            problem={problemText(problems.find((p) => p === 'vendorIdInvalid'))}
            onChange={(vendorId) => change({ ...draft, vendorId })}
          />
          <ConsoleField
            label={t('console.binding.productId')}
            value={draft.productId}
            placeholder={t('console.binding.idPlaceholder')}
            testId="console-bind-product"
            layouts={['symbols', 'latin']}
            maxLength={6}
            problem={problemText(problems.find((p) => p === 'productIdInvalid'))}
            onChange={(productId) => change({ ...draft, productId })}
          />
        </div>
      ) : null}
      {draft.transport === 'simulated' ? <p className="console-page__hint">{t('console.binding.simulatedHint')}</p> : null}
      {options.map((option) => {
        const labelKey = optionLabelKey(option.key);
        const label = labelKey ? t(`console.binding.option.${labelKey}`) : option.key;
        return (
          <div key={option.key} className="console-form__row">
            <span className="console-field__label">{label}</span>
            <ChoiceGroup
              label={label}
              choices={option.values.map((value) => ({ value, label: value }))}
              value={draft.options[option.key] ?? ''}
              onChange={(value) => change({ ...draft, options: { ...draft.options, [option.key]: value } })}
              testIdPrefix={`console-bind-option-${option.key}`}
            />
          </div>
        );
      })}
      <div className="console-form__actions">
        <ErrorNote error={save.error ?? unbind.error} testId="console-bind-error" />
        <button type="button" className="button button--secondary" disabled={isBusy} data-testid="console-bind-unbind" onClick={() => unbind.start(draft.device)}>
          {t('console.binding.unbind')}
        </button>
        <button type="button" className="button button--primary button--wide" disabled={isBusy} data-testid="console-bind-save" onClick={submit}>
          {save.phase === 'running' ? <Spinner /> : null}
          <span>{save.phase === 'running' ? t('console.binding.saving') : t('console.binding.save')}</span>
        </button>
      </div>
    </form>
  );
}
