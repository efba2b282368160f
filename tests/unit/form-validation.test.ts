/** The application form checked in the core (issue #6): every field type, Chinese messages. */
import { describe, expect, it } from 'vitest';
import { checkForm, displayValue, isCalendarDay } from '../../electron/services/application/form-validation.js';
import type { FormField } from '../../electron/services/catalogue/catalogue-schema.js';

const FIELDS: FormField[] = [
  { id: 'contactPhone', label: '联系电话', type: 'phone', accepts: 'mobile', isRequired: true },
  { id: 'officePhone', label: '单位电话', type: 'phone', accepts: 'mobileOrLandline', isRequired: false },
  { id: 'currentAddress', label: '现居住地址', type: 'address', maxLength: 20, isRequired: true },
  { id: 'unitName', label: '工作单位', type: 'text', maxLength: 10, isRequired: false },
  { id: 'rent', label: '月租金', type: 'number', min: 0, max: 100000, isInteger: false, unit: '元', isRequired: true },
  { id: 'years', label: '参保年限', type: 'number', min: 1, max: 50, isInteger: true, isRequired: false },
  { id: 'moveInDate', label: '入住日期', type: 'date', range: 'past', isRequired: true },
  { id: 'startDate', label: '起租日期', type: 'date', range: 'future', isRequired: false },
  { id: 'collection', label: '领取方式', type: 'choice', options: [{ value: 'window', label: '窗口领取' }, { value: 'post', label: '邮寄送达' }], isRequired: true },
];
const TODAY = '2026-11-24';
const GOOD = { contactPhone: '138 0000 0000', currentAddress: '连云港市海州区新浦街道1号', rent: '1500.50', moveInDate: '2026-01-01', collection: 'post' };

describe('checkForm', () => {
  it('accepts a good form and normalises it', () => {
    const checked = checkForm(FIELDS, { ...GOOD, unitName: '  某某公司 ', years: '007' }, TODAY);
    expect(checked.errors).toEqual({});
    expect(checked.isValid).toBe(true);
    expect(checked.values).toMatchObject({ contactPhone: '13800000000', unitName: '某某公司', years: '7' });
  });

  it('names every required field left empty', () => {
    const checked = checkForm(FIELDS, {}, TODAY);
    expect(checked.isValid).toBe(false);
    expect(checked.errors).toEqual({
      contactPhone: '请填写联系电话',
      currentAddress: '请填写现居住地址',
      rent: '请填写月租金',
      moveInDate: '请填写入住日期',
      collection: '请填写领取方式',
    });
  });

  it.each([
    ['contactPhone', '12345678901', '请输入11位手机号码'],
    ['contactPhone', '0518-85801234', '请输入11位手机号码'],
    ['officePhone', '12', '请输入11位手机号码或带区号的固定电话'],
    ['currentAddress', '连'.repeat(21), '现居住地址最多20个字'],
    ['currentAddress', '海州区\u202e路', '现居住地址含有无法识别的字符，请重新输入'],
    ['rent', 'abc', '月租金请输入数字'],
    ['rent', '-5', '月租金应在0至100000元之间'],
    ['rent', '1e3', '月租金请输入数字'],
    ['years', '2.5', '参保年限请输入整数'],
    ['years', '51', '参保年限应在1至50之间'],
    ['moveInDate', '2026-02-30', '请选择正确的入住日期'],
    ['moveInDate', '2026-11-25', '入住日期不能晚于今天'],
    ['startDate', '2026-11-23', '起租日期不能早于今天'],
    ['collection', 'teleport', '请选择领取方式'],
  ])('refuses %s = %j with "%s"', (field, value, message) => {
    expect(checkForm(FIELDS, { ...GOOD, [field]: value }, TODAY).errors).toEqual({ [field]: message });
  });

  it('accepts a landline where allowed, and ignores keys that are not fields', () => {
    const checked = checkForm(FIELDS, { ...GOOD, officePhone: '0518-85801234', extra: 'x', ['__proto__']: 'y' }, TODAY);
    expect(checked.isValid).toBe(true);
    expect(Object.keys(checked.values)).not.toContain('extra');
  });
});

describe('displayValue and isCalendarDay', () => {
  it('shows choice labels and units', () => {
    expect(displayValue(FIELDS[8] as FormField, 'post')).toBe('邮寄送达');
    expect(displayValue(FIELDS[4] as FormField, '1500')).toBe('1500 元');
    expect(displayValue(FIELDS[3] as FormField, undefined)).toBe('未填写');
  });

  it('knows real days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('20261124')).toBe(false);
  });
});
