import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Catalogue, type FormField, applicationSchema } from '../../electron/services/catalogue/catalogue-schema.js';
import { parseCatalogue } from '../../electron/services/catalogue/catalogue-service.js';
import { ASSETS_DIR } from '../support/temp-dir.js';

const TEXT = readFileSync(path.join(ASSETS_DIR, 'catalogue', 'catalogue.json'), 'utf8');

function bundled(): Catalogue {
  const parsed = parseCatalogue(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value;
}

/** The bundled catalogue as plain JSON, changed by `edit`, then parsed: the problems found. */
function problemsAfter(edit: (items: Record<string, unknown>[]) => void): string[] {
  const json = JSON.parse(TEXT) as { items: Record<string, unknown>[] };
  edit(json.items);
  const parsed = parseCatalogue(JSON.stringify(json));
  return parsed.ok ? [] : parsed.error;
}

const kioskItem = (items: Record<string, unknown>[], isCommitment: boolean) => {
  const item = items.find((i) => i['isKioskApplicable'] === true && i['isCommitment'] === isCommitment);
  if (item === undefined) throw new Error('no such item in the bundled catalogue');
  return item as Record<string, unknown> & { code: string; application: { fields: Record<string, unknown>[]; commitment?: unknown } };
};

const RULES = { fields: [{ id: 'contactPhone', label: '联系电话', isRequired: true, type: 'phone', accepts: 'mobile' }], deferralDays: 15, collectionMethod: '窗口领取', allowsAgent: true };

describe('application forms in the catalogue: schema (#6)', () => {
  it('refuses a kiosk item without its form, naming the item and the field', () => {
    let code = '';
    const problems = problemsAfter((items) => {
      const item = kioskItem(items, false);
      code = item.code;
      delete (item as Record<string, unknown>)['application'];
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(code);
    expect(problems[0]).toContain('application');
    expect(problems[0]).toContain('needs its application form');
  });

  it('refuses a form on an item that is not kiosk-applicable', () => {
    const problems = problemsAfter((items) => {
      const item = items.find((i) => i['isKioskApplicable'] === false);
      if (item !== undefined) item['application'] = RULES;
    });
    expect(problems).toEqual([expect.stringContaining('only kiosk-applicable items have an application form')]);
  });

  it('wants the commitment exactly when the item is 告知承诺', () => {
    const missing = problemsAfter((items) => {
      delete kioskItem(items, true).application.commitment;
    });
    expect(missing).toEqual([expect.stringMatching(/application\.commitment: a 告知承诺 item needs its commitment text$/u)]);
    const extra = problemsAfter((items) => {
      kioskItem(items, false).application.commitment = { title: '证明事项告知承诺书', clauses: ['本人所填信息真实、准确。', '愿意承担虚假承诺的法律责任。'] };
    });
    expect(extra).toEqual([expect.stringContaining('only 告知承诺 items have a commitment')]);
  });

  it('refuses a duplicate field id, naming the field', () => {
    const problems = problemsAfter((items) => {
      const { fields } = kioskItem(items, false).application;
      fields.push({ ...fields[0] });
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/application\.fields\.\d+\.id: duplicate field id \w+$/u);
  });

  it('refuses duplicate choice values', () => {
    const field = { id: 'applyType', label: '办理类型', isRequired: true, type: 'choice', options: [{ value: 'renew', label: '换领' }, { value: 'renew', label: '补领' }] };
    const parsed = applicationSchema.safeParse({ ...RULES, fields: [field] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('duplicate option value');
  });

  it('refuses a number field whose min is not below its max', () => {
    const field = (min: number, max: number) => ({ id: 'monthlyRent', label: '租金', isRequired: true, type: 'number', min, max, isInteger: false, unit: '元/月' });
    expect(applicationSchema.safeParse({ ...RULES, fields: [field(1, 100000)] }).success).toBe(true);
    for (const [min, max] of [[100, 100], [100, 1]] as const) {
      const parsed = applicationSchema.safeParse({ ...RULES, fields: [field(min, max)] });
      expect(parsed.error?.issues.map((i) => i.message)).toEqual(['min must be below max']);
    }
  });
});

describe('application forms in the catalogue: the bundled catalogue (#6)', () => {
  const catalogue = bundled();
  const kiosk = catalogue.items.filter((i) => i.isKioskApplicable);
  const count = (test: (item: (typeof kiosk)[number]) => boolean) => kiosk.filter(test).length;

  it('has a form of 3–8 fields on each of its kiosk items, with a contact phone on nearly every one', () => {
    expect(kiosk.length).toBeGreaterThanOrEqual(20);
    for (const item of kiosk) {
      const fields = item.application?.fields ?? [];
      expect(fields.length, item.code).toBeGreaterThanOrEqual(3);
      expect(fields.length, item.code).toBeLessThanOrEqual(8);
    }
    expect(count((i) => i.application?.fields.some((f) => f.type === 'phone') === true)).toBe(kiosk.length);
  });

  it('does not ask for what the ID card already gives', () => {
    const fromCard = /^(姓名|性别|民族|出生日期|身份证号码|公民身份号码|户籍地址|住址)$/u;
    for (const item of kiosk) for (const field of item.application?.fields ?? []) expect(field.label, item.code).not.toMatch(fromCard);
  });

  it('has 4–5 告知承诺 kiosk items, each with its commitment text', () => {
    const commitments = kiosk.filter((i) => i.isCommitment);
    expect(commitments.length).toBeGreaterThanOrEqual(4);
    expect(commitments.length).toBeLessThanOrEqual(5);
    for (const item of commitments) {
      expect(item.application?.commitment?.clauses.length, item.code).toBeGreaterThanOrEqual(3);
      expect(item.application?.commitment?.clauses.length, item.code).toBeLessThanOrEqual(6);
    }
  });

  it('has at least 4 kiosk items with a 容缺 material and 6 with a shared-data one', () => {
    expect(count((i) => i.materials.some((m) => m.requirement === 'deferrable'))).toBeGreaterThanOrEqual(4);
    expect(count((i) => i.materials.some((m) => m.isSharedData))).toBeGreaterThanOrEqual(6);
  });

  it('uses every field type in at least 3 items', () => {
    const types: FormField['type'][] = ['text', 'number', 'date', 'choice', 'phone', 'address'];
    for (const type of types) expect(count((i) => i.application?.fields.some((f) => f.type === type) === true), type).toBeGreaterThanOrEqual(3);
  });

  it('lets an agent apply except where the person must be there', () => {
    const idCard = kiosk.find((i) => i.code === '320700-GA-QR-0001');
    expect(idCard?.application?.allowsAgent).toBe(false);
    expect(count((i) => i.application?.allowsAgent === true)).toBeGreaterThan(kiosk.length / 2);
  });
});
