/**
 * The service catalogue (事项目录) and each item's office guide (办事指南): every element the
 * regulations require (issue #4) — basis, accepting unit, process, materials with samples and
 * common mistakes, fees and their basis, time limits, special steps, place, contact — validated
 * at load so a bad file names the item and field.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政裁决', '行政奖励', '行政备案', '其他行政权力', '公共服务'] as const;

/** 个人 / 法人 life-event themes, as 一件事 lists group them. */
export const lifeEventSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/u),
    name: text(12),
    audience: z.enum(['personal', 'legalPerson']),
  })
  .strict();

export const departmentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/u),
    /** Full name, e.g. 连云港市公安局. */
    name: text(40),
    /** Short name for tiles, e.g. 公安. */
    shortName: text(8),
  })
  .strict();

export const materialSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/u),
    name: text(60),
    form: z.enum(['原件', '复印件', '原件和复印件', '电子件']),
    copies: z.number().int().min(1).max(20),
    /** `deferrable`: 容缺受理 (may be promised later); `conditional`: only when `condition` holds. */
    requirement: z.enum(['required', 'deferrable', 'conditional']),
    condition: text(80).optional(),
    /** 已在政府留存 / 数据共享: the citizen need not bring it (no repeated submission). */
    isSharedData: z.boolean(),
    /** Where the citizen gets it (出具单位 / 来源渠道). */
    source: text(60),
    hasSample: z.boolean(),
    /** What the sample shows, read aloud or printed when no picture exists. */
    sampleDescription: text(200).optional(),
    commonMistakes: z.array(text(80)).max(6),
  })
  .strict()
  .refine((m) => m.requirement !== 'conditional' || m.condition !== undefined, { message: 'a conditional material needs its condition', path: ['condition'] });

/** A field id or choice value: lower camelCase, as the platform receives it. */
const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]{1,31}$/u);

const fieldBase = {
  id: fieldId,
  /** Short label on the form and the review page, e.g. 联系电话. */
  label: text(16),
  isRequired: z.boolean(),
  /** One line under the field, e.g. 请填写身份证上的住址以外的现居住地址. */
  hint: text(60).optional(),
};

/**
 * One field of an item's application form (自助申办, issue #6). Values travel as strings:
 * `number` as digits, `date` as `YYYY-MM-DD`, `choice` as the option's value.
 */
export const formFieldSchema = z.discriminatedUnion('type', [
  z.object({ ...fieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(100) }).strict(),
  z
    .object({ ...fieldBase, type: z.literal('number'), min: z.number(), max: z.number(), isInteger: z.boolean(), unit: text(6).optional() })
    .strict()
    .refine((f) => f.min < f.max, { message: 'min must be below max' }),
  /** `past`: up to today (a birth, a move); `future`: from today (a start date); `any`. */
  z.object({ ...fieldBase, type: z.literal('date'), range: z.enum(['past', 'future', 'any']) }).strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('choice'),
      options: z.array(z.object({ value: fieldId, label: text(20) }).strict()).min(2).max(10),
    })
    .strict()
    .refine((f) => new Set(f.options.map((o) => o.value)).size === f.options.length, { message: 'duplicate option value' }),
  /** `mobile`: 11 digits 1[3-9]…; `mobileOrLandline` also 区号-号码. */
  z.object({ ...fieldBase, type: z.literal('phone'), accepts: z.enum(['mobile', 'mobileOrLandline']) }).strict(),
  /** Typed with the pinyin keyboard. */
  z.object({ ...fieldBase, type: z.literal('address'), maxLength: z.number().int().min(10).max(100) }).strict(),
]);

/** What applying at the kiosk needs beyond the guide: the form, the commitment, the rules. */
export const applicationSchema = z
  .object({
    fields: z.array(formFieldSchema).min(1).max(12),
    /** 告知承诺书: what the applicant commits to and signs on the screen (items with isCommitment). */
    commitment: z.object({ title: text(30), clauses: z.array(text(200)).min(2).max(10) }).strict().optional(),
    /** 容缺: the latest promise date, in calendar days after the application. */
    deferralDays: z.number().int().min(1).max(90),
    /** How the result reaches the applicant, e.g. 窗口领取 or 免费邮寄送达. */
    collectionMethod: text(30),
    /** Someone may apply for the applicant (代办: both ID cards are read). */
    allowsAgent: z.boolean(),
  })
  .strict()
  .superRefine((application, ctx) => {
    const ids = new Set<string>();
    application.fields.forEach((field, i) => {
      if (ids.has(field.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `duplicate field id ${field.id}` });
      ids.add(field.id);
    });
  });

export const feeSchema = z.discriminatedUnion('isFree', [
  z.object({ isFree: z.literal(true) }).strict(),
  z
    .object({
      isFree: z.literal(false),
      items: z
        .array(
          z
            .object({
              name: text(40),
              /** Amount in yuan as printed, e.g. "80元/本" or "按面积收取". */
              amount: text(40),
              basis: text(120),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
]);

export const catalogueItemSchema = z
  .object({
    /** 事项编码 (implementation code), unique. */
    code: z.string().regex(/^[0-9A-Z][0-9A-Z-]{5,39}$/u),
    name: text(60),
    /** Extra words people search with (俗称), e.g. 身份证 for 居民身份证换领. */
    keywords: z.array(text(20)).max(10),
    departmentId: z.string(),
    type: z.enum(ITEM_TYPES),
    audience: z.enum(['personal', 'legalPerson', 'both']),
    implementingBody: text(60),
    acceptingWindow: text(60),
    legalBasis: z.array(z.object({ title: text(80), article: text(40).optional() }).strict()).min(1),
    conditions: z.array(text(200)).min(1),
    process: z.array(z.object({ name: text(20), description: text(200) }).strict()).min(1),
    materials: z.array(materialSchema).min(1),
    fees: feeSchema,
    timeLimits: z
      .object({
        /** 法定办结时限, working days (0: on the spot). */
        statutoryDays: z.number().int().min(0).max(365),
        /** 承诺办结时限, working days; never longer than the statutory one. */
        promisedDays: z.number().int().min(0).max(365),
      })
      .strict()
      .refine((t) => t.promisedDays <= t.statutoryDays || t.statutoryDays === 0, { message: 'promised days exceed statutory days' }),
    /** 特别程序: 现场勘验, 听证, 公示, 专家评审 … with their time, not counted in the limits. */
    specialSteps: z.array(z.object({ name: text(20), days: z.number().int().min(0).max(365) }).strict()).max(6),
    place: text(80),
    hours: text(60),
    phone: z.string().regex(/^[0-9-]{7,20}$/u),
    onlineUrl: z.string().url().startsWith('https://'),
    /** 告知承诺制: approval on the applicant's signed commitment. */
    isCommitment: z.boolean(),
    /** Can be applied for at this kiosk (自助申办). */
    isKioskApplicable: z.boolean(),
    /** The application form and rules; present exactly when isKioskApplicable. */
    application: applicationSchema.optional(),
    /** The queue category (业务类别) a ticket for this item is taken in. */
    queueCategoryId: z.string(),
    lifeEventIds: z.array(z.string()).max(6),
    /** Shown first under 热门事项. */
    isPopular: z.boolean(),
  })
  .strict();

export const catalogueSchema = z
  .object({
    version: z.literal(1),
    /** Date of this catalogue version, `YYYY-MM-DD`. */
    updatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
    departments: z.array(departmentSchema).min(1),
    lifeEvents: z.array(lifeEventSchema),
    items: z.array(catalogueItemSchema).min(1),
  })
  .strict()
  .superRefine((catalogue, ctx) => {
    const departments = new Set(catalogue.departments.map((d) => d.id));
    const lifeEvents = new Set(catalogue.lifeEvents.map((e) => e.id));
    const codes = new Set<string>();
    catalogue.items.forEach((item, index) => {
      const at = (field: string | number, ...rest: (string | number)[]) => ['items', index, field, ...rest];
      if (codes.has(item.code)) ctx.addIssue({ code: 'custom', path: at('code'), message: `duplicate item code ${item.code}` });
      codes.add(item.code);
      if (!departments.has(item.departmentId)) ctx.addIssue({ code: 'custom', path: at('departmentId'), message: `unknown department "${item.departmentId}"` });
      item.lifeEventIds.forEach((id, i) => {
        if (!lifeEvents.has(id)) ctx.addIssue({ code: 'custom', path: at('lifeEventIds', i), message: `unknown life event "${id}"` });
      });
      if (item.isKioskApplicable !== (item.application !== undefined)) {
        ctx.addIssue({ code: 'custom', path: at('application'), message: item.isKioskApplicable ? 'a kiosk-applicable item needs its application form' : 'only kiosk-applicable items have an application form' });
      }
      if (item.application !== undefined && item.isCommitment !== (item.application.commitment !== undefined)) {
        ctx.addIssue({ code: 'custom', path: at('application', 'commitment'), message: item.isCommitment ? 'a 告知承诺 item needs its commitment text' : 'only 告知承诺 items have a commitment' });
      }
      const materialIds = new Set<string>();
      item.materials.forEach((material, i) => {
        if (materialIds.has(material.id)) ctx.addIssue({ code: 'custom', path: at('materials', i, 'id'), message: `duplicate material id ${material.id}` });
        materialIds.add(material.id);
      });
    });
  });

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
export type Material = z.infer<typeof materialSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type ApplicationRules = z.infer<typeof applicationSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type LifeEvent = z.infer<typeof lifeEventSchema>;
