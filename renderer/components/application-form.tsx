import type { TFunction } from 'i18next';
import { type MouseEvent, type ReactNode, useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationFieldView, FormErrors } from '../../electron/ipc/contract';
import {
  type DatePart,
  type FieldCheck,
  type PadKey,
  MAX_VALUE_LENGTH,
  canDash,
  checkField,
  cleanNumber,
  cleanPhone,
  clip,
  dateBounds,
  finishNumber,
  firstFocus,
  formatPhone,
  lengthOf,
  parseDate,
  pickerDate,
  pressNumberKey,
  pressPhoneKey,
  stepDate,
} from '../flows/form-input';
import { candidateBudget } from '../themes/theme';
import { useTheme } from '../themes/theme-context';
import { Icon } from './icons';
import { OnscreenKeyboard } from './onscreen-keyboard';
import { ScrollArea } from './scroll-area';
import { usePinyinComposition } from './use-pinyin-composition';

export interface ApplicationFormProps {
  readonly fields: readonly ApplicationFieldView[];
  readonly values: Readonly<Record<string, string>>;
  /** From the core after a submit attempt; shown under the field. */
  readonly errors: FormErrors;
  readonly onChange: (fieldId: string, value: string) => void;
  /** Pinyin → candidate words/characters (the journey calls the core's `input.candidates`). */
  readonly candidates: (pinyin: string) => Promise<readonly string[]>;
  /** `YYYY-MM-DD`, the hall's date, for date ranges. */
  readonly today: string;
}

/** Keeps the focus in the field, so the field stays the one a screen reader is on. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

function isTyped(field: ApplicationFieldView): boolean {
  return field.type === 'text' || field.type === 'address';
}

function formatDateText(t: TFunction, value: string): string {
  const parts = parseDate(value);
  return parts ? t('form.date.value', { year: parts.year, month: parts.month, day: parts.day }) : value;
}

function checkText(t: TFunction, check: FieldCheck): string {
  switch (check.key) {
    case 'range':
      return t('form.check.range', { min: check.min, max: check.max });
    case 'tooLong':
      return t('form.check.tooLong', { max: check.max });
    default:
      return t(`form.check.${check.key}`);
  }
}

/** The fields with a core error, in the form's order, as one string that changes with them. */
function errorsKeyOf(fields: readonly ApplicationFieldView[], errors: FormErrors): string {
  return fields
    .filter((field) => errors[field.id] !== undefined)
    .map((field) => `${field.id}:${errors[field.id] ?? ''}`)
    .join('\n');
}

/**
 * The application form: every field with its label, 必填 mark, hint, a live hint from the
 * checks of form-input.ts and the core's error, which counts; one field in focus at a time,
 * its input beside the fields (below them in portrait): the pinyin keyboard for text and
 * addresses, a digit pad for numbers and phones, a year / month / day picker for dates.
 * With no input open the fields take the whole width.
 * Choices are big radio buttons in place. After a submit attempt the first field the core
 * found wrong takes the focus.
 */
export function ApplicationForm({ fields, values, errors, onChange, candidates, today }: ApplicationFormProps): ReactNode {
  const { t } = useTranslation();
  const { theme } = useTheme();
  const base = useId();
  const [focusedId, setFocusedId] = useState<string | null>(() => firstFocus(fields, values, errors));
  const focused = fields.find((field) => field.id === focusedId) ?? null;
  const valueOf = (field: ApplicationFieldView): string => values[field.id] ?? '';
  const inputIdOf = (field: ApplicationFieldView): string => `${base}-${field.id}`;

  const pinyin = usePinyinComposition({
    text: focused && isTyped(focused) ? valueOf(focused) : '',
    maxLength: focused?.maxLength ?? MAX_VALUE_LENGTH,
    onText: (text) => {
      if (focused) onChange(focused.id, text);
    },
    candidates,
  });

  /** The focused field is left: pinyin kept as typed, a number's lone point dropped. */
  const leave = (): void => {
    if (!focused) return;
    const value = valueOf(focused);
    const kept = isTyped(focused) ? pinyin.finish() : focused.type === 'number' ? finishNumber(value) : value;
    if (kept !== value) onChange(focused.id, kept);
  };
  const focusField = (id: string | null): void => {
    if (id === focusedId) return;
    leave();
    setFocusedId(id);
  };
  /**
   * Focus moved by the form itself (下一项, the core's errors): the field takes the DOM focus
   * and is brought into view once drawn (leaving a field may add a hint above it).
   */
  const [scrollTo, setScrollTo] = useState<{ readonly id: string } | null>(null);
  const moveTo = (field: ApplicationFieldView | null): void => {
    focusField(field?.id ?? null);
    if (!field) return;
    if (field.type !== 'choice') document.getElementById(inputIdOf(field))?.focus({ preventScroll: true });
    setScrollTo({ id: field.id });
  };
  useEffect(() => {
    if (!scrollTo) return;
    document.getElementById(`${base}-${scrollTo.id}-row`)?.scrollIntoView({ block: 'nearest' });
  }, [base, scrollTo]);

  const errorsKey = errorsKeyOf(fields, errors);
  const seenErrorsKey = useRef(errorsKey);
  const onNewErrors = useEffectEvent(() => moveTo(fields.find((field) => errors[field.id] !== undefined) ?? null));
  useEffect(() => {
    if (errorsKey === seenErrorsKey.current) return;
    seenErrorsKey.current = errorsKey;
    if (errorsKey !== '') onNewErrors();
  }, [errorsKey]);

  const onType = (field: ApplicationFieldView, text: string): void => {
    // Only a hardware keyboard types here; the kiosk's guard lets none through.
    focusField(field.id);
    if (isTyped(field)) {
      pinyin.finish();
      onChange(field.id, clip(text, field.maxLength ?? MAX_VALUE_LENGTH));
    } else if (field.type === 'number') onChange(field.id, cleanNumber(text));
    else if (field.type === 'phone') onChange(field.id, cleanPhone(text, field.accepts));
  };

  const displayOf = (field: ApplicationFieldView): string => {
    const value = valueOf(field);
    if (field.id === focusedId && isTyped(field)) return `${value}${pinyin.composition}`;
    if (field.type === 'phone') return formatPhone(value);
    if (field.type === 'date') return value === '' ? '' : formatDateText(t, value);
    return value;
  };

  const index = focused ? fields.indexOf(focused) : -1;
  const next = index >= 0 ? (fields[index + 1] ?? null) : null;
  const hasEditor = focused !== null && focused.type !== 'choice';

  return (
    <div className={`app-form${hasEditor ? ' app-form--editing' : ''}`} role="group" aria-label={t('form.label')} data-testid="application-form" data-focused={focusedId ?? ''}>
      <div className="app-form__fields">
        <ScrollArea label={t('form.fields')} testId="form-fields">
          <div className="app-form__list">
            {fields.map((field) => (
              <FieldRow
                key={field.id}
                field={field}
                inputId={inputIdOf(field)}
                value={valueOf(field)}
                display={displayOf(field)}
                length={field.id === focusedId && isTyped(field) ? lengthOf(valueOf(field)) + pinyin.composition.length : lengthOf(valueOf(field))}
                error={errors[field.id] ?? null}
                check={checkField(field, field.type === 'number' && field.id !== focusedId ? finishNumber(valueOf(field)) : valueOf(field), today, field.id === focusedId)}
                isFocused={field.id === focusedId}
                onFocus={() => focusField(field.id)}
                onType={(text) => onType(field, text)}
                onChoose={(value) => {
                  focusField(field.id);
                  onChange(field.id, value);
                }}
              />
            ))}
          </div>
        </ScrollArea>
      </div>
      {hasEditor ? (
        <section className="app-form__editor" aria-label={t('form.editing', { label: focused.label })} data-testid="form-editor" data-field={focused.id} data-type={focused.type}>
          <div className="app-form__editor-head">
            <p className="app-form__editor-title">{t('form.editing', { label: focused.label })}</p>
            {next ? (
              <button type="button" className="button button--secondary app-form__editor-button" data-testid="form-next" onMouseDown={keepFocus} onClick={() => moveTo(next)}>
                <span>{t('form.next')}</span>
                <Icon name="chevronRight" />
              </button>
            ) : null}
            <button type="button" className="button button--primary app-form__editor-button" data-testid="form-done" onClick={() => focusField(null)}>
              <Icon name="check" />
              <span>{t('form.done')}</span>
            </button>
          </div>
          {isTyped(focused) ? (
            <OnscreenKeyboard
              layout={pinyin.layout}
              composition={pinyin.composition}
              candidates={pinyin.words}
              candidateBudget={candidateBudget(theme)}
              onKey={(key) => (key === 'close' ? focusField(null) : pinyin.onKey(key))}
              onCandidate={pinyin.onCandidate}
            />
          ) : null}
          {focused.type === 'number' || focused.type === 'phone' ? (
            <DigitPad
              field={focused}
              value={valueOf(focused)}
              display={displayOf(focused)}
              onKey={(key) => {
                const value = valueOf(focused);
                const changed = focused.type === 'number' ? pressNumberKey(value, key, focused.isInteger) : pressPhoneKey(value, key, focused.accepts);
                if (changed !== value) onChange(focused.id, changed);
              }}
            />
          ) : null}
          {focused.type === 'date' ? <DatePicker field={focused} value={valueOf(focused)} today={today} onChange={(value) => onChange(focused.id, value)} /> : null}
        </section>
      ) : null}
    </div>
  );
}

interface FieldRowProps {
  readonly field: ApplicationFieldView;
  readonly inputId: string;
  readonly value: string;
  readonly display: string;
  /** Characters typed, pinyin included (for the counter). */
  readonly length: number;
  readonly error: string | null;
  readonly check: FieldCheck | null;
  readonly isFocused: boolean;
  readonly onFocus: () => void;
  readonly onType: (text: string) => void;
  readonly onChoose: (value: string) => void;
}

function FieldRow({ field, inputId, value, display, length, error, check, isFocused, onFocus, onType, onChoose }: FieldRowProps): ReactNode {
  const { t } = useTranslation();
  const labelId = `${inputId}-label`;
  const hintId = `${inputId}-hint`;
  const counterId = `${inputId}-counter`;
  const messageId = `${inputId}-message`;
  const hasCounter = isTyped(field) && field.maxLength !== null;
  const message = error ?? (check ? checkText(t, check) : null);
  const describedBy = [field.hint ? hintId : null, hasCounter ? counterId : null, message ? messageId : null].filter((id) => id !== null).join(' ');
  const isInvalid = message !== null;
  const required = field.isRequired ? <span className="app-form__required">{t('form.required')}</span> : null;
  const classes = [
    'app-form__field',
    `app-form__field--${field.type}`,
    isFocused ? 'app-form__field--active' : '',
    error ? 'app-form__field--error' : check ? 'app-form__field--check' : '',
  ].filter((name) => name !== '');

  const textProps = {
    id: inputId,
    className: 'app-form__input',
    // No system keyboard over ours; the form's own keyboard, pad or picker types here.
    inputMode: 'none',
    autoComplete: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    placeholder: field.type === 'date' ? t('form.emptyDate') : t('form.empty'),
    'aria-required': field.isRequired,
    'aria-invalid': isInvalid,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    value: display,
    'data-testid': `form-input-${field.id}`,
    'data-value': value,
    onFocus,
    onClick: onFocus,
  } as const;

  return (
    <div id={`${inputId}-row`} className={classes.join(' ')} data-testid={`form-field-${field.id}`} data-type={field.type}>
      <div className="app-form__label-row">
        {field.type === 'choice' ? (
          <span id={labelId} className="app-form__label">
            <span lang="zh-CN">{field.label}</span>
            {required}
          </span>
        ) : (
          <label id={labelId} htmlFor={inputId} className="app-form__label">
            <span lang="zh-CN">{field.label}</span>
            {required}
          </label>
        )}
        {hasCounter ? (
          <span id={counterId} className="app-form__counter" data-testid={`form-counter-${field.id}`}>
            <span aria-hidden="true">{t('form.counter', { count: length, max: field.maxLength })}</span>
            <span className="visually-hidden">{t('form.counterLabel', { count: length, max: field.maxLength })}</span>
          </span>
        ) : null}
      </div>
      {field.type === 'choice' ? (
        <div
          id={inputId}
          className="app-form__options"
          role="radiogroup"
          aria-labelledby={labelId}
          aria-required={field.isRequired}
          aria-invalid={isInvalid}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          data-testid={`form-input-${field.id}`}
        >
          {field.options.map((option) => {
            const isChecked = option.value === value;
            return (
              // No focus on press: focusing closes an open keyboard, the form reflows under the finger
              // and the tap would land beside the option. The choice itself moves the focus here.
              <label key={option.value} className={`app-form__option${isChecked ? ' app-form__option--checked' : ''}`} onMouseDown={keepFocus}>
                <input
                  type="radio"
                  className="app-form__radio"
                  name={inputId}
                  value={option.value}
                  checked={isChecked}
                  data-testid={`form-option-${field.id}-${option.value}`}
                  onFocus={onFocus}
                  onChange={() => onChoose(option.value)}
                />
                <span lang="zh-CN">{option.label}</span>
              </label>
            );
          })}
        </div>
      ) : (
        <div className="app-form__control">
          {field.type === 'address' ? (
            // An address wraps, so the whole of it can be checked at a glance.
            <textarea {...textProps} className="app-form__input app-form__input--address" rows={2} onChange={(event) => onType(event.target.value)} />
          ) : (
            <input {...textProps} type="text" readOnly={field.type === 'date'} onChange={(event) => onType(event.target.value)} />
          )}
          {field.type === 'number' && field.unit ? <span className="app-form__unit">{field.unit}</span> : null}
        </div>
      )}
      {field.hint ? (
        <p id={hintId} className="app-form__hint" lang="zh-CN">
          {field.hint}
        </p>
      ) : null}
      {message ? (
        <p
          id={messageId}
          className={error ? 'app-form__error' : 'app-form__check'}
          role={error ? 'alert' : undefined}
          lang={error ? 'zh-CN' : undefined}
          data-testid={error ? `form-error-${field.id}` : `form-check-${field.id}`}
        >
          <Icon name={error ? 'alert' : 'info'} />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Rows of the pad; ⌫ and 清空 stand in a fourth column (form.css places them). */
const PAD_DIGITS: readonly PadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface DigitPadProps {
  readonly field: ApplicationFieldView;
  readonly value: string;
  readonly display: string;
  readonly onKey: (key: PadKey) => void;
}

/**
 * The digit pad for numbers and phones: the value as typed (a phone grouped 138 0000 0000)
 * with the unit, the digits, a point only where decimals are allowed, a dash only where a
 * landline is, 退格 and 清空.
 */
function DigitPad({ field, value, display, onKey }: DigitPadProps): ReactNode {
  const { t } = useTranslation();
  const hasPoint = field.type === 'number' && !field.isInteger;
  const hasDash = field.type === 'phone' && field.accepts === 'mobileOrLandline';
  const zeroSpan = 3 - (hasPoint ? 1 : 0) - (hasDash ? 1 : 0);
  const key = (padKey: PadKey, label: ReactNode, options: { className?: string; ariaLabel?: string; isDisabled?: boolean } = {}): ReactNode => (
    <button
      key={padKey}
      type="button"
      className={`app-form__key${options.className ? ` ${options.className}` : ''}`}
      aria-label={options.ariaLabel}
      disabled={options.isDisabled}
      data-testid={`form-key-${padKey}`}
      onMouseDown={keepFocus}
      onClick={() => onKey(padKey)}
    >
      {label}
    </button>
  );
  return (
    <div className="app-form__pad" role="group" aria-label={t('form.keypad')} data-testid="form-pad">
      <p className="app-form__pad-value" aria-live="polite" data-testid="form-pad-value">
        <span className={display === '' ? 'app-form__pad-empty' : undefined}>{display === '' ? t('form.useKeys') : display}</span>
        {field.type === 'number' && field.unit ? <span className="app-form__unit">{field.unit}</span> : null}
      </p>
      <div className="app-form__pad-keys">
        {PAD_DIGITS.map((digit) => key(digit, digit))}
        {key('backspace', <Icon name="backspace" />, { className: 'app-form__key--control app-form__key--backspace', ariaLabel: t('form.backspace') })}
        {key('clear', t('form.clear'), { className: 'app-form__key--control app-form__key--clear', isDisabled: value === '' })}
        {hasPoint ? key('point', '.', { ariaLabel: t('form.point'), isDisabled: value.includes('.') }) : null}
        {key('0', '0', { className: `app-form__key--span-${zeroSpan}` })}
        {hasDash ? key('dash', '-', { ariaLabel: t('form.dash'), isDisabled: !canDash(value, field.accepts) }) : null}
      </div>
    </div>
  );
}

interface DatePickerProps {
  readonly field: ApplicationFieldView;
  readonly value: string;
  readonly today: string;
  readonly onChange: (value: string) => void;
}

interface StepButton {
  readonly part: DatePart;
  readonly delta: number;
  readonly id: string;
  /** For an icon; a button with words is named by them. */
  readonly label?: string;
  readonly content: ReactNode;
}

/**
 * Year, month and day in three columns with big buttons above (later) and below (earlier):
 * no scrolling lists, which many elderly citizens cannot work. The year also moves by ten,
 * so a birth year is a few taps away. The bounds follow the field's range from the hall's
 * date; a button that cannot move is disabled. An empty field shows today, dimmed, and
 * takes it only on 选定此日期 or a tap on a column: a value is never set behind one's back.
 */
function DatePicker({ field, value, today, onChange }: DatePickerProps): ReactNode {
  const { t } = useTranslation();
  const bounds = dateBounds(field.range, today);
  const shown = pickerDate(value, today, bounds);
  const parts = parseDate(shown) ?? { year: 0, month: 0, day: 0 };
  const isSet = parseDate(value) !== null;

  const button = ({ part, delta, id, label, content }: StepButton): ReactNode => {
    const target = stepDate(shown, part, delta, bounds);
    return (
      <button
        key={id}
        type="button"
        className="app-form__date-step"
        aria-label={label}
        disabled={target === shown}
        data-testid={`form-date-${id}`}
        onMouseDown={keepFocus}
        onClick={() => onChange(target)}
      >
        {content}
      </button>
    );
  };
  const up = <Icon name="chevronUp" />;
  const down = <Icon name="chevronDown" />;
  const column = (part: DatePart, amount: number, unit: string, steps: { readonly later: readonly StepButton[]; readonly earlier: readonly StepButton[] }): ReactNode => (
    <div className={`app-form__date-column app-form__date-column--${part}`} role="group" aria-label={unit}>
      <div className="app-form__date-steps">{steps.later.map(button)}</div>
      <p className="app-form__date-value" data-testid={`form-date-${part}`}>
        <span className="app-form__date-number">{amount}</span>
        <span className="app-form__date-unit">{unit}</span>
      </p>
      <div className="app-form__date-steps">{steps.earlier.map(button)}</div>
    </div>
  );

  return (
    <div className={`app-form__date${isSet ? '' : ' app-form__date--unset'}`} role="group" aria-label={t('form.date.label')} data-testid="form-date" data-value={shown}>
      <p className="app-form__date-shown" aria-live="polite" data-testid="form-date-shown">
        {formatDateText(t, shown)}
      </p>
      <div className="app-form__date-columns">
        {column('year', parts.year, t('form.date.year'), {
          later: [
            { part: 'year', delta: 10, id: 'decade-up', content: t('form.date.decadeUp') },
            { part: 'year', delta: 1, id: 'year-up', label: t('form.date.yearUp'), content: up },
          ],
          earlier: [
            { part: 'year', delta: -10, id: 'decade-down', content: t('form.date.decadeDown') },
            { part: 'year', delta: -1, id: 'year-down', label: t('form.date.yearDown'), content: down },
          ],
        })}
        {column('month', parts.month, t('form.date.month'), {
          later: [{ part: 'month', delta: 1, id: 'month-up', label: t('form.date.monthUp'), content: up }],
          earlier: [{ part: 'month', delta: -1, id: 'month-down', label: t('form.date.monthDown'), content: down }],
        })}
        {column('day', parts.day, t('form.date.day'), {
          later: [{ part: 'day', delta: 1, id: 'day-up', label: t('form.date.dayUp'), content: up }],
          earlier: [{ part: 'day', delta: -1, id: 'day-down', label: t('form.date.dayDown'), content: down }],
        })}
      </div>
      {isSet ? null : (
        <div className="app-form__date-unset">
          <p>{t('form.date.notSet')}</p>
          <button type="button" className="button button--primary" data-testid="form-date-confirm" onClick={() => onChange(shown)}>
            {t('form.date.confirm')}
          </button>
        </div>
      )}
      <p className="app-form__date-bounds">{t('form.date.bounds', { earliest: formatDateText(t, bounds.earliest), latest: formatDateText(t, bounds.latest) })}</p>
    </div>
  );
}
