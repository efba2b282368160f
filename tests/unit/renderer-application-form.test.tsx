/**
 * The application form (自助申办): its fields as static markup — labels, 必填, hints,
 * counters, the input of the field in focus, the core's errors with aria-invalid — and what
 * typing does, through the pure functions the form runs its keys with (form-input.ts): the
 * pinyin keyboard with candidates, the digit pads, phone grouping and the date picker's bounds.
 */
import { describe, expect, it } from 'vitest';
import type { ApplicationFieldView, FormErrors } from '../../electron/ipc/contract';
import { MAX_FORM_VALUE_LENGTH } from '../../electron/ipc/contract';
import { ApplicationForm, type ApplicationFormProps } from '../../renderer/components/application-form';
import { SignaturePad } from '../../renderer/components/signature-pad';
import {
  MAX_VALUE_LENGTH,
  type PadKey,
  type TextEntry,
  checkField,
  chooseTextCandidate,
  cleanPhone,
  dateBounds,
  entryValue,
  finishNumber,
  finishText,
  firstFocus,
  formatPhone,
  pickerDate,
  pressNumberKey,
  pressPhoneKey,
  pressTextKey,
  stepDate,
  withLetters,
} from '../../renderer/flows/form-input';
import type { KeyboardKey } from '../../renderer/flows/search-input';
import { render, testIds, textOf } from './renderer-static-render';

const noop = (): void => undefined;
const TODAY = '2025-11-24';

const BASE: Omit<ApplicationFieldView, 'id' | 'label' | 'type'> = {
  isRequired: true,
  hint: null,
  maxLength: null,
  min: null,
  max: null,
  isInteger: true,
  unit: null,
  range: null,
  options: [],
  accepts: null,
};

const NAME: ApplicationFieldView = { ...BASE, id: 'ownerName', label: '权利人姓名', type: 'text', maxLength: 20, hint: '与身份证上的姓名一致' };
const ADDRESS: ApplicationFieldView = { ...BASE, id: 'address', label: '不动产坐落', type: 'address', maxLength: 60 };
const AREA: ApplicationFieldView = { ...BASE, id: 'area', label: '建筑面积', type: 'number', min: 1, max: 2000, isInteger: false, unit: '平方米' };
const COUNT: ApplicationFieldView = { ...BASE, id: 'count', label: '申领数量', type: 'number', min: 1, max: 5, isInteger: true };
const MOBILE: ApplicationFieldView = { ...BASE, id: 'mobile', label: '手机号码', type: 'phone', accepts: 'mobile' };
const PHONE: ApplicationFieldView = { ...BASE, id: 'phone', label: '联系电话', type: 'phone', accepts: 'mobileOrLandline' };
const BIRTH: ApplicationFieldView = { ...BASE, id: 'birthDate', label: '出生日期', type: 'date', range: 'past' };
const START: ApplicationFieldView = { ...BASE, id: 'startDate', label: '开始日期', type: 'date', range: 'future' };
const REASON: ApplicationFieldView = {
  ...BASE,
  id: 'reason',
  label: '申请原因',
  type: 'choice',
  isRequired: false,
  options: [
    { value: 'lost', label: '遗失' },
    { value: 'damaged', label: '损坏' },
  ],
};

function form(props: Partial<ApplicationFormProps> = {}): string {
  return render(
    <ApplicationForm
      fields={[NAME, ADDRESS, AREA, PHONE, BIRTH, REASON]}
      values={{}}
      errors={{}}
      onChange={noop}
      candidates={() => Promise.resolve([])}
      today={TODAY}
      {...props}
    />,
  );
}

/** The markup of one field, from its row to the next. */
function fieldOf(html: string, id: string): string {
  const start = html.indexOf(`data-testid="form-field-${id}"`);
  const end = html.indexOf('data-testid="form-field-', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
}

/** The markup of the input beside the fields. */
function editorOf(html: string): string {
  const start = html.indexOf('data-testid="form-editor"');
  return start === -1 ? '' : html.slice(start);
}

describe('application form: fields', () => {
  it('shows every field with its label, 必填, hint and counter, the first empty one in focus', () => {
    const html = form();
    const ids = testIds(html);
    for (const id of ['ownerName', 'address', 'area', 'phone', 'birthDate', 'reason']) expect(ids).toContain(`form-field-${id}`);
    expect(html).toMatch(/data-testid="application-form"[^>]*data-focused="ownerName"/u);
    const name = fieldOf(html, 'ownerName');
    expect(textOf(name)).toContain('权利人姓名 必填');
    expect(textOf(name)).toContain('与身份证上的姓名一致');
    expect(textOf(name)).toContain('0/20');
    expect(name).toContain('已输入 0 字，最多 20 字');
    expect(name).toMatch(/<label[^>]*for="[^"]+"/u);
    expect(name).toMatch(/<input[^>]*inputMode="none"[^>]*aria-required="true"[^>]*aria-invalid="false"/u);
    expect(textOf(fieldOf(html, 'reason'))).not.toContain('必填');
  });

  it('opens the pinyin keyboard for a text field, with 下一项 and 完成', () => {
    const editor = editorOf(form());
    expect(editor).toContain('data-type="text"');
    expect(textOf(editor)).toContain('正在填写：权利人姓名');
    const ids = testIds(editor);
    for (const key of ['q', 'm', 'backspace', 'clear', 'space', 'close', 'digits']) expect(ids).toContain(`keyboard-key-${key}`);
    expect(ids).toEqual(expect.arrayContaining(['form-next', 'form-done']));
  });

  it('types an address on the same keyboard, in a field that wraps', () => {
    const html = form({ fields: [ADDRESS, NAME], values: { address: '海州区朝阳路3号楼2单元501室' } });
    // Filled: the focus goes to the first empty field.
    expect(html).toContain('data-focused="ownerName"');
    const address = fieldOf(html, 'address');
    expect(address).toMatch(/<textarea[^>]*rows="2"[^>]*>海州区朝阳路3号楼2单元501室<\/textarea>/u);
    expect(textOf(address)).toContain('16/60');
  });

  it('gives a number the digit pad with its unit, and a point only where decimals are allowed', () => {
    const decimals = form({ fields: [AREA], values: {} });
    const pad = editorOf(decimals);
    expect(testIds(pad)).toEqual(expect.arrayContaining(['form-pad', 'form-key-0', 'form-key-9', 'form-key-point', 'form-key-backspace', 'form-key-clear']));
    expect(testIds(pad)).not.toContain('form-key-dash');
    expect(textOf(fieldOf(decimals, 'area'))).toContain('平方米');
    expect(textOf(pad)).toContain('平方米');
    const whole = editorOf(form({ fields: [COUNT] }));
    expect(testIds(whole)).not.toContain('form-key-point');
    expect(whole).toContain('app-form__key--span-3');
  });

  it('groups a mobile number as 138 0000 0000, and offers the dash only for landlines', () => {
    const html = form({ fields: [PHONE], values: { phone: '13800000000' } });
    const phone = fieldOf(html, 'phone');
    expect(phone).toContain('value="138 0000 0000"');
    expect(phone).toContain('data-value="13800000000"');
    const phones = form({ fields: [MOBILE, PHONE] });
    expect(testIds(editorOf(phones))).not.toContain('form-key-dash');
    const landline = editorOf(form({ fields: [PHONE] }));
    expect(landline).toMatch(/<button[^>]*aria-label="区号与号码之间的短横线"[^>]*disabled=""[^>]*data-testid="form-key-dash"/u);
  });

  it('draws choices as a radiogroup of real radio buttons', () => {
    const html = form({ fields: [REASON], values: { reason: 'damaged' } });
    const reason = fieldOf(html, 'reason');
    expect(reason).toMatch(/role="radiogroup"[^>]*aria-labelledby="[^"]+"/u);
    expect(reason.match(/type="radio"/gu)).toHaveLength(2);
    expect(reason).toMatch(/<input type="radio"[^>]*checked=""[^>]*value="damaged"/u);
    expect(reason).toContain('app-form__option--checked');
    expect(testIds(reason)).toEqual(expect.arrayContaining(['form-input-reason', 'form-option-reason-lost', 'form-option-reason-damaged']));
    // A choice has no input beside it; the fields take the width.
    expect(html).not.toContain('data-testid="form-editor"');
    expect(html).not.toContain('app-form--editing');
  });

  it('shows the core’s errors under the fields, invalid and described, and focuses the first', () => {
    const errors: FormErrors = { phone: '请输入11位手机号码', birthDate: '请选择出生日期' };
    const html = form({ values: { ownerName: '张三', phone: '1380000' }, errors });
    expect(html).toContain('data-focused="phone"');
    const phone = fieldOf(html, 'phone');
    expect(phone).toContain('app-form__field--error');
    expect(phone).toMatch(/<p id="([^"]+)" class="app-form__error" role="alert" lang="zh-CN" data-testid="form-error-phone">/u);
    const messageId = /<p id="([^"]+)" class="app-form__error"/u.exec(phone)?.[1] ?? '';
    expect(phone).toMatch(new RegExp(`aria-invalid="true" aria-describedby="[^"]*${messageId}"`, 'u'));
    expect(textOf(phone)).toContain('请输入11位手机号码');
    expect(testIds(fieldOf(html, 'birthDate'))).toContain('form-error-birthDate');
    expect(fieldOf(html, 'ownerName')).toMatch(/aria-invalid="false"/u);
  });

  it('shows its own check as a hint where the core has not spoken, the core’s word first', () => {
    const html = form({ fields: [AREA, PHONE], values: { area: '5000', phone: '138' } });
    // The area is focused, above the maximum: wrong at once.
    expect(textOf(fieldOf(html, 'area'))).toContain('请输入 1 至 2000 之间的数');
    expect(testIds(fieldOf(html, 'area'))).toContain('form-check-area');
    // The phone is not being typed: unfinished is wrong.
    expect(textOf(fieldOf(html, 'phone'))).toContain('请输入11位手机号码，或“区号-号码”');
    const core = form({ fields: [PHONE], values: { phone: '138' }, errors: { phone: '手机号码不正确' } });
    expect(textOf(fieldOf(core, 'phone'))).toContain('手机号码不正确');
    expect(textOf(fieldOf(core, 'phone'))).not.toContain('区号');
  });

  it('shows catalogue text as text, never as markup', () => {
    const html = form({ fields: [{ ...NAME, label: '<b>姓名</b>', hint: '<img src=x onerror=alert(1)>' }] });
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;姓名&lt;/b&gt;');
  });

  it('labels the form in English, the catalogue’s words staying Chinese', () => {
    const html = render(
      <ApplicationForm fields={[NAME, BIRTH]} values={{}} errors={{ birthDate: '请选择出生日期' }} onChange={noop} candidates={() => Promise.resolve([])} today={TODAY} />,
      'en',
    );
    expect(textOf(html)).toContain('权利人姓名 Required');
    expect(textOf(html)).toContain('Filling in: 出生日期');
    expect(textOf(html)).toContain('Use this date');
  });
});

describe('application form: date picker', () => {
  const picker = (field: ApplicationFieldView, value: string): string =>
    editorOf(form({ fields: [field], values: { [field.id]: value }, errors: { [field.id]: '请选择日期' } }));
  const isDisabled = (html: string, id: string): boolean => new RegExp(`disabled=""[^>]*data-testid="form-date-${id}"`, 'u').test(html);

  it('shows year, month and day with buttons, later years disabled at today for a past date', () => {
    const html = picker(BIRTH, TODAY);
    expect(html).toMatch(/data-testid="form-date"[^>]*data-value="2025-11-24"/u);
    expect(textOf(html)).toContain('2025年11月24日');
    for (const id of ['decade-up', 'year-up']) expect(isDisabled(html, id), id).toBe(true);
    // Month and day go round within their column (to January, to the 1st), as a wheel does.
    for (const id of ['month-up', 'day-up', 'decade-down', 'year-down', 'month-down', 'day-down']) expect(isDisabled(html, id), id).toBe(false);
    const january = picker(BIRTH, '2025-01-24');
    expect(isDisabled(january, 'month-down')).toBe(false);
    expect(textOf(html)).toContain('可选范围：1905年11月24日 至 2025年11月24日');
    expect(html).toMatch(/aria-label="后一年"/u);
  });

  it('disables earlier years at today for a future date, and a column with nowhere to go', () => {
    const html = picker(START, TODAY);
    for (const id of ['decade-down', 'year-down']) expect(isDisabled(html, id), id).toBe(true);
    expect(isDisabled(html, 'day-up')).toBe(false);
    // The last day a 'future' field allows this month: no other day of December is open.
    const tight = editorOf(
      form({ fields: [START], values: { startDate: '2025-12-31' }, errors: { startDate: 'x' }, today: '2025-12-31' }),
    );
    for (const id of ['day-up', 'day-down', 'month-down', 'year-down', 'decade-down']) expect(isDisabled(tight, id), id).toBe(true);
    expect(isDisabled(tight, 'year-up')).toBe(false);
  });

  it('offers today, dimmed, for an empty field and sets nothing until it is chosen', () => {
    const html = picker(BIRTH, '');
    expect(html).toContain('app-form__date--unset');
    expect(testIds(html)).toContain('form-date-confirm');
    expect(textOf(html)).toContain('尚未选择');
    expect(picker(BIRTH, '1960-05-01')).not.toContain('form-date-confirm');
  });
});

describe('signature pad markup', () => {
  it('labels the pad, offers 重写 only with ink, and has a status line', () => {
    const html = render(<SignaturePad label="请在框内签写您的姓名" onChange={noop} />);
    expect(textOf(html)).toContain('请在框内签写您的姓名');
    expect(html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="请在框内签写您的姓名 \(签名区\)"/u);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="signature-clear"/u);
    expect(html).toMatch(/role="status"[^>]*data-testid="signature-status"/u);
    expect(textOf(html)).toContain('请在此处签名');
  });
});

// ------------------------------------------------------------------ typing

/** Keys pressed in turn; `candidates` stand for the core's words for the pinyin. */
function typeKeys(keys: readonly KeyboardKey[], candidates: (pinyin: string) => readonly string[] = () => [], maxLength = 20, from: TextEntry = { text: '', composition: '', layout: 'pinyin' }): TextEntry {
  return keys.reduce((entry, key) => pressTextKey(entry, key, maxLength, withLetters(candidates(entry.composition), entry.composition)[0] ?? null), from);
}

const letters = (text: string): KeyboardKey[] => [...text] as KeyboardKey[];
const WORDS: Readonly<Record<string, readonly string[]>> = { zhang: ['张', '章'], san: ['三', '散'], hao: ['号', '好'], lou: ['楼'], danyuan: ['单元'], shi: ['室', '是'] };
const words = (pinyin: string): readonly string[] => WORDS[pinyin] ?? [];

describe('typing on the pinyin keyboard', () => {
  it('composes pinyin and puts the picked candidate in its place', () => {
    let entry = typeKeys(letters('zhang'));
    expect(entry).toEqual({ text: '', composition: 'zhang', layout: 'pinyin' });
    expect(entryValue(entry)).toBe('zhang');
    entry = chooseTextCandidate(entry, '章', 20);
    expect(entry.text).toBe('章');
    entry = typeKeys([...letters('san'), 'space'], words, 20, entry);
    expect(entry.text).toBe('章三');
  });

  it('types 3号楼2单元501室 with digits and words in turn', () => {
    const keys: KeyboardKey[] = [
      'digits', '3', 'pinyin', ...letters('hao'), 'space', ...letters('lou'), 'space',
      'digits', '2', 'pinyin', ...letters('danyuan'), 'space', 'digits', '5', '0', '1', 'pinyin', ...letters('shi'), 'space',
    ];
    expect(typeKeys(keys, words, 60).text).toBe('3号楼2单元501室');
  });

  it('offers the letters in capitals after the core’s words, so A座 can be typed', () => {
    expect(withLetters(['啊'], 'a')).toEqual(['啊', 'A']);
    expect(withLetters([], 'a')).toEqual(['A']);
    expect(withLetters(['A'], 'a')).toEqual(['A']);
    expect(withLetters(['啊'], '')).toEqual([]);
    expect(typeKeys(['digits', '3', 'pinyin', 'a', 'space']).text).toBe('3A');
  });

  it('deletes the pinyin first, then characters; 清空 empties all', () => {
    const entry: TextEntry = { text: '张三', composition: 'fe', layout: 'pinyin' };
    expect(typeKeys(['backspace'], words, 20, entry)).toMatchObject({ text: '张三', composition: 'f' });
    expect(typeKeys(['backspace', 'backspace', 'backspace'], words, 20, entry)).toMatchObject({ text: '张', composition: '' });
    expect(typeKeys(['clear'], words, 20, entry)).toMatchObject({ text: '', composition: '' });
  });

  it('keeps within the field’s length, the pinyin counted', () => {
    const full: TextEntry = { text: '一二三四', composition: '', layout: 'pinyin' };
    expect(typeKeys(['a', '1'], words, 4, full).text).toBe('一二三四');
    expect(chooseTextCandidate({ text: '一二三', composition: 'danyuan', layout: 'pinyin' }, '单元', 4).text).toBe('一二三单');
    expect(MAX_VALUE_LENGTH).toBe(MAX_FORM_VALUE_LENGTH);
  });

  it('keeps pinyin not chosen as typed when the field is left', () => {
    expect(finishText({ text: '张', composition: 'san', layout: 'pinyin' }, 20)).toBe('张san');
  });
});

describe('typing on the digit pads', () => {
  const pressNumber = (keys: readonly PadKey[], isInteger = false): string => keys.reduce((value, key) => pressNumberKey(value, key, isInteger), '');
  const pressPhone = (keys: readonly PadKey[], accepts: ApplicationFieldView['accepts'] = 'mobile'): string =>
    keys.reduce((value, key) => pressPhoneKey(value, key, accepts), '');
  const digits = (text: string): PadKey[] => [...text] as PadKey[];

  it('types a number with one point, two decimals, no leading zeros', () => {
    expect(pressNumber(['8', '5', 'point', '5'])).toBe('85.5');
    expect(pressNumber(['point', '5'])).toBe('0.5');
    expect(pressNumber(['1', 'point', 'point', '2', '3', '4'])).toBe('1.23');
    expect(pressNumber(['0', '0', '7'])).toBe('7');
    expect(pressNumber(['1', 'point', '5'], true)).toBe('15');
    expect(pressNumber(['1', '2', 'backspace', 'dash'])).toBe('1');
    expect(finishNumber('12.')).toBe('12');
  });

  it('takes 11 digits for a mobile and groups them 3-4-4', () => {
    const value = pressPhone(digits('138000000001234'));
    expect(value).toBe('13800000000');
    expect(formatPhone(value)).toBe('138 0000 0000');
    expect(formatPhone('1380')).toBe('138 0');
    expect(formatPhone('')).toBe('');
    expect(pressPhone(['1', '3', 'dash', 'point'])).toBe('13');
  });

  it('types a landline with its dash where the field takes one', () => {
    const value = pressPhone([...digits('0518'), 'dash', ...digits('858012349')], 'mobileOrLandline');
    expect(value).toBe('0518-85801234');
    expect(formatPhone(value)).toBe('0518-85801234');
    expect(pressPhone([...digits('0518'), 'dash'], 'mobile')).toBe('0518');
    expect(pressPhone(['0', 'dash'], 'mobileOrLandline')).toBe('0');
    expect(cleanPhone('138 0000 0000', 'mobile')).toBe('13800000000');
    expect(cleanPhone('0518-8580', 'mobileOrLandline')).toBe('0518-8580');
  });
});

describe('checks while typing', () => {
  it('asks for a whole mobile number once the field is left, at once when it cannot be one', () => {
    expect(checkField(MOBILE, '138', TODAY, true)).toBeNull();
    expect(checkField(MOBILE, '138', TODAY, false)).toEqual({ key: 'mobile' });
    expect(checkField(MOBILE, '0518', TODAY, true)).toEqual({ key: 'mobile' });
    expect(checkField(MOBILE, '13800000000', TODAY, false)).toBeNull();
    expect(checkField(MOBILE, '12800000000', TODAY, true)).toEqual({ key: 'mobile' });
    expect(checkField(PHONE, '0518-85801234', TODAY, false)).toBeNull();
    expect(checkField(PHONE, '0518-858', TODAY, false)).toEqual({ key: 'mobileOrLandline' });
    expect(checkField(MOBILE, '', TODAY, false)).toBeNull();
  });

  it('checks a number’s range: above at once, below once left', () => {
    expect(checkField(AREA, '2500', TODAY, true)).toEqual({ key: 'range', min: 1, max: 2000 });
    expect(checkField(AREA, '0.5', TODAY, true)).toBeNull();
    expect(checkField(AREA, '0.5', TODAY, false)).toEqual({ key: 'range', min: 1, max: 2000 });
    expect(checkField(COUNT, '2.5', TODAY, false)).toEqual({ key: 'integer' });
    expect(checkField(AREA, '85.', TODAY, true)).toBeNull();
  });

  it('checks a date against its range and a text against its length', () => {
    expect(checkField(BIRTH, '2025-11-25', TODAY, false)).toEqual({ key: 'past' });
    expect(checkField(START, '2025-11-23', TODAY, false)).toEqual({ key: 'future' });
    expect(checkField(BIRTH, '2025-02-30', TODAY, false)).toEqual({ key: 'date' });
    expect(checkField(NAME, 'x'.repeat(21), TODAY, false)).toEqual({ key: 'tooLong', max: 20 });
    expect(checkField(REASON, 'other', TODAY, false)).toEqual({ key: 'choice' });
  });

  it('focuses the first field the core found wrong, else the first empty one to type', () => {
    const fields = [REASON, BIRTH, NAME, PHONE];
    expect(firstFocus(fields, {}, {})).toBe('ownerName');
    expect(firstFocus(fields, { ownerName: '张三' }, {})).toBe('phone');
    expect(firstFocus(fields, { ownerName: '张三', phone: '13800000000' }, {})).toBeNull();
    expect(firstFocus(fields, {}, { birthDate: '请选择出生日期' })).toBe('birthDate');
  });
});

describe('date picker steps', () => {
  const past = dateBounds('past', TODAY);
  const future = dateBounds('future', TODAY);

  it('bounds a past date by today and 120 years back, a future one by today and 30 years on', () => {
    expect(past).toEqual({ earliest: '1905-11-24', latest: TODAY });
    expect(future).toEqual({ earliest: TODAY, latest: '2055-11-24' });
    expect(dateBounds('any', '2024-02-29')).toEqual({ earliest: '1904-02-29', latest: '2054-02-28' });
  });

  it('moves the year by one or ten and stops at the bounds', () => {
    expect(stepDate('1960-05-01', 'year', -10, past)).toBe('1950-05-01');
    expect(stepDate('2020-12-31', 'year', 10, past)).toBe(TODAY);
    expect(stepDate(TODAY, 'year', 1, past)).toBe(TODAY);
    expect(stepDate('2024-02-29', 'year', -1, past)).toBe('2023-02-28');
  });

  it('goes round months and days within their column, skipping what is out of bounds', () => {
    expect(stepDate('1990-12-15', 'month', 1, past)).toBe('1990-01-15');
    expect(stepDate('1990-01-31', 'month', 1, past)).toBe('1990-02-28');
    expect(stepDate('1990-03-31', 'day', 1, past)).toBe('1990-03-01');
    expect(stepDate('1990-03-01', 'day', -1, past)).toBe('1990-03-31');
    // This month, today's day: the days after it are in the future.
    expect(stepDate(TODAY, 'day', 1, past)).toBe('2025-11-01');
    expect(stepDate('2025-11-01', 'day', -1, past)).toBe(TODAY);
    expect(stepDate(TODAY, 'month', 1, past)).toBe('2025-01-24');
    expect(stepDate(TODAY, 'day', -1, future)).toBe('2025-11-30');
  });

  it('starts from the value, or today within the bounds', () => {
    expect(pickerDate('', TODAY, past)).toBe(TODAY);
    expect(pickerDate('1960-05-01', TODAY, past)).toBe('1960-05-01');
    expect(pickerDate('2030-01-01', TODAY, past)).toBe(TODAY);
    expect(pickerDate('', '2025-11-24', { earliest: '2026-01-01', latest: '2026-12-31' })).toBe('2026-01-01');
  });
});
