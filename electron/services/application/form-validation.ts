/**
 * The application form (issue #6): fields come from the catalogue; values arrive as strings
 * and are checked here, in the core, whatever the screen already checked. Each failure is a
 * short Chinese sentence for the field.
 */
import type { ApplicationFieldView, FormErrors } from '../../ipc/contract.js';
import type { FormField } from '../catalogue/catalogue-schema.js';

const MOBILE = /^1[3-9]\d{9}$/u;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DECIMAL = /^-?\d{1,12}(\.\d{1,2})?$/u;
/** Control and format characters (bidi overrides, zero-width) have no place in a form value. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

export function fieldView(field: FormField): ApplicationFieldView {
  return {
    id: field.id,
    label: field.label,
    type: field.type,
    isRequired: field.isRequired,
    hint: field.hint ?? null,
    maxLength: field.type === 'text' || field.type === 'address' ? field.maxLength : null,
    min: field.type === 'number' ? field.min : null,
    max: field.type === 'number' ? field.max : null,
    isInteger: field.type === 'number' ? field.isInteger : false,
    unit: field.type === 'number' ? (field.unit ?? null) : null,
    range: field.type === 'date' ? field.range : null,
    options: field.type === 'choice' ? field.options : [],
    accepts: field.type === 'phone' ? field.accepts : null,
  };
}

/** Whether `value` is a real calendar day `YYYY-MM-DD` (1900–2200). */
export function isCalendarDay(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900 && year <= 2200;
}

/** Why `value` is not acceptable for `field`, or null when it is. `value` is already trimmed. */
function problemOf(field: FormField, value: string, today: string): string | null {
  if (value === '') return field.isRequired ? `请填写${field.label}` : null;
  if (INVISIBLE.test(value)) return `${field.label}含有无法识别的字符，请重新输入`;
  switch (field.type) {
    case 'text':
    case 'address':
      return [...value].length > field.maxLength ? `${field.label}最多${field.maxLength}个字` : null;
    case 'number': {
      if (!DECIMAL.test(value) || (field.isInteger && value.includes('.'))) return field.isInteger ? `${field.label}请输入整数` : `${field.label}请输入数字`;
      const number = Number(value);
      if (number < field.min || number > field.max) return `${field.label}应在${field.min}至${field.max}${field.unit ?? ''}之间`;
      return null;
    }
    case 'date':
      if (!isCalendarDay(value)) return `请选择正确的${field.label}`;
      if (field.range === 'past' && value > today) return `${field.label}不能晚于今天`;
      if (field.range === 'future' && value < today) return `${field.label}不能早于今天`;
      return null;
    case 'choice':
      return field.options.some((option) => option.value === value) ? null : `请选择${field.label}`;
    case 'phone': {
      const digits = value.replace(/[\s]/gu, '');
      if (MOBILE.test(digits)) return null;
      if (field.accepts === 'mobileOrLandline' && LANDLINE.test(digits)) return null;
      return field.accepts === 'mobile' ? '请输入11位手机号码' : '请输入11位手机号码或带区号的固定电话';
    }
  }
}

/** The value stored for a field: NFC, trimmed; a phone without spaces, a number without leading zeros. */
function normalise(field: FormField, value: string): string {
  const trimmed = value.normalize('NFC').trim();
  if (field.type === 'phone') return trimmed.replace(/\s/gu, '');
  if (field.type === 'number') return trimmed.replace(/^(-?)0+(?=\d)/u, '$1');
  return trimmed;
}

export interface FormCheck {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FormErrors;
  readonly isValid: boolean;
}

/**
 * Checks the whole form: unknown keys are dropped (the schema already bounded them), each
 * field normalised and checked. `today` is the hall's date, `YYYY-MM-DD`.
 */
export function checkForm(fields: readonly FormField[], raw: Readonly<Record<string, string>>, today: string): FormCheck {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = normalise(field, Object.hasOwn(raw, field.id) ? (raw[field.id] ?? '') : '');
    const problem = problemOf(field, value, today);
    if (problem !== null) errors[field.id] = problem;
    if (value !== '') values[field.id] = value;
  }
  return { values, errors, isValid: Object.keys(errors).length === 0 };
}

/** A value as the review page and the platform's reader show it (choice label, unit). */
export function displayValue(field: FormField, value: string | undefined): string {
  if (value === undefined || value === '') return '未填写';
  if (field.type === 'choice') return field.options.find((option) => option.value === value)?.label ?? value;
  if (field.type === 'number' && field.unit !== undefined) return `${value} ${field.unit}`;
  return value;
}
