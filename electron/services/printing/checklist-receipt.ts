/**
 * The materials checklist (材料清单) on the thermal printer (issue #4, "打印材料清单"): what to
 * bring, as boxes to tick at home, with a QR code to the online guide for everything else.
 * Fits 80 mm (48 characters a line) and 58 mm (32) paper: receiptline wraps long names.
 */
import type { GuideMaterial, GuideView } from '../../ipc/contract.js';
import { escapeReceiptText } from './receipt-document.js';

export interface ChecklistReceiptOptions {
  readonly hallName: string;
  /** `YYYY-MM-DD HH:mm` in the hall's time zone. */
  readonly printedAtDisplay: string;
}

/** Required first, then 容缺 (may be brought later), then conditional; catalogue order within. */
const ORDER: Record<GuideMaterial['requirement'], number> = { required: 0, deferrable: 1, conditional: 2 };

/** What the line says after the name: form and copies, then the requirement. */
function materialLine(material: GuideMaterial): string {
  const e = escapeReceiptText;
  const base = `${e(material.name)} ${e(material.form)}×${material.copies}`;
  switch (material.requirement) {
    case 'required':
      return base;
    case 'deferrable':
      return `${base}（可容缺）`;
    case 'conditional':
      return `${base}（视情况：${e(material.condition ?? '按窗口要求')}）`;
  }
}

function days(n: number): string {
  return n === 0 ? '即办' : `${n}个工作日`;
}

/** A QR payload inside receiptline's `{code:…}`: `;` and `}` would end the property. */
function qrData(url: string): string {
  return url.replace(/[;}\\]/gu, encodeURIComponent);
}

/**
 * The checklist as receiptline markup; render it with `renderEscPos` (or `renderSvg` for a
 * preview). Each material is one checkbox line "□ 名称 原件×1" under a hanging indent, so a
 * name that wraps stays in one piece.
 */
export function checklistReceiptMarkup(guide: GuideView, options: ChecklistReceiptOptions): string {
  const e = escapeReceiptText;
  const toBring = guide.materials.filter((m) => !m.isSharedData).sort((a, b) => ORDER[a.requirement] - ORDER[b.requirement]);
  const shared = guide.materials.filter((m) => m.isSharedData);
  const fees = guide.fees.isFree ? '不收费' : guide.fees.items.map((item) => `${e(item.name)} ${e(item.amount)}`).join('；');
  // Label | value lines: a 4-hanzi label column, the value wrapping under itself.
  const info = (label: string, value: string): string => `${label} |${value}`;

  return [
    `^^材料清单`,
    `"${e(guide.name)}"`,
    e(options.hallName),
    '---',
    '{width:10,*}',
    info('承诺时限', `${days(guide.promisedDays)}（法定${days(guide.statutoryDays)}）`),
    info('受理窗口', e(guide.acceptingWindow)),
    '{width:auto}',
    '---',
    `|"请携带以下材料（共${toBring.length}项）"`,
    '{width:3,*}',
    ...toBring.map((material) => `□|${materialLine(material)}`),
    ...(shared.length === 0
      ? []
      : [
          '{width:auto}',
          `|"已在政府留存·免提交（${shared.length}项）"`,
          '{width:3,*}',
          ...shared.map((material) => `·|${e(material.name)}`),
        ]),
    '{width:auto}',
    '---',
    '{width:10,*}',
    info('收费', fees),
    info('办理地点', e(guide.place)),
    info('办理时间', e(guide.hours)),
    info('咨询电话', e(guide.phone)),
    '{width:auto}',
    '---',
    `{code:${qrData(guide.onlineUrl)}; option:qrcode,4,m}`,
    '扫码查看网上办事指南',
    '',
    `打印时间 ${e(options.printedAtDisplay)}`,
    '材料要求以窗口最新告知为准',
    '',
  ].join('\n');
}
