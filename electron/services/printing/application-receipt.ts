/**
 * The acceptance receipt (受理回执, issue #6) on the thermal printer once an application is
 * submitted: the item, the case number (办件编号) or, while the platform has not answered,
 * the terminal's own 申报编号, the promised completion, every 容缺 material with the date it
 * is due, where to collect the result and a QR code to look up progress. The applicant and
 * agent arrive already masked (reliability.md R-P2): the receipt is handed over in a public
 * hall and may be left on the printer. Fits 80 mm (48 characters a line) and 58 mm (32).
 */
import { escapeReceiptText } from './receipt-document.js';

export interface ApplicationReceiptData {
  readonly hallName: string;
  readonly itemName: string;
  readonly departmentName: string;
  /** 申报编号: the terminal's number for the submission, always known. */
  readonly reference: string;
  /** 办件编号 from the platform; null while it has not answered (offline). */
  readonly caseNumber: string | null;
  /** `YYYY-MM-DD HH:mm`, hall time. */
  readonly submittedAtDisplay: string;
  /** 承诺办结日期 `YYYY-MM-DD`; null when decided on the spot or not known yet. */
  readonly promisedDate: string | null;
  /** 承诺办结时限 in working days; 0 is 即时办结. */
  readonly promisedDays: number;
  readonly collectionMethod: string;
  readonly place: string;
  readonly hours: string;
  readonly phone: string;
  /** Masked by `maskName` / `maskIdNumber` before they get here. */
  readonly applicantMaskedName: string;
  readonly applicantMaskedIdNumber: string;
  readonly agentMaskedName: string | null;
  readonly agentMaskedIdNumber: string | null;
  /** 容缺 materials and the `YYYY-MM-DD` each is due by. */
  readonly deferred: readonly { readonly name: string; readonly promiseDate: string }[];
  /** Progress lookup QR text, once the case number is known. */
  readonly qrPayload: string | null;
  readonly terminalId: string;
}

/** The promised completion as one phrase: a date, on the spot, or the department's word. */
export function promisedCompletion(promisedDate: string | null, promisedDays: number): string {
  if (promisedDays === 0) return '即时办结';
  if (promisedDate === null) return `${promisedDays}个工作日，以受理部门通知为准`;
  return `${promisedDate}前（${promisedDays}个工作日）`;
}

/** A payload inside receiptline's `{code:…}`: `;` and `}` would end the property. */
function qrData(text: string): string {
  return text.replace(/[;}\\]/gu, encodeURIComponent);
}

/** How to look up progress: the QR code, or the ID card (said once, under the number, offline). */
function progressLookup(data: ApplicationReceiptData): string[] {
  if (data.qrPayload !== null) return [`{code:${qrData(data.qrPayload)}; option:qrcode,5,m}`, '扫码查询办理进度', ''];
  return data.caseNumber === null ? [] : ['凭身份证在本机查询办理进度', ''];
}

/**
 * The receipt as receiptline markup; render it with `renderEscPos` (or `renderSvg` for a
 * preview). Label | value lines keep a 4-hanzi label column with the value wrapping under
 * itself, so a long place or item name stays readable at 32 characters.
 */
export function applicationReceiptMarkup(data: ApplicationReceiptData): string {
  const e = escapeReceiptText;
  const info = (label: string, value: string): string => `${label} |${value}`;
  // The number the citizen quotes on the phone stands on its own line, double height: the
  // 办件编号 once the platform gave it, else the terminal's 申报编号 and what happens next.
  const number =
    data.caseNumber === null
      ? ['申报编号', `^^"${e(data.reference)}"`, '办件编号待政务服务平台确认后生成', '届时可凭身份证在本机查询办理进度']
      : ['办件编号', `^^"${e(data.caseNumber)}"`];
  return [
    e(data.hallName),
    '^^自助申办受理回执',
    '---',
    `"${e(data.itemName)}"`,
    e(data.departmentName),
    '---',
    ...number,
    '---',
    '{width:10,*}',
    ...(data.caseNumber === null ? [] : [info('申报编号', e(data.reference))]),
    info('申请人', e(data.applicantMaskedName)),
    info('证件号码', e(data.applicantMaskedIdNumber)),
    ...(data.agentMaskedName === null ? [] : [info('代办人', e(data.agentMaskedName))]),
    ...(data.agentMaskedIdNumber === null ? [] : [info('代办人证件', e(data.agentMaskedIdNumber))]),
    info('申报时间', e(data.submittedAtDisplay)),
    info('承诺办结', `"${e(promisedCompletion(data.promisedDate, data.promisedDays))}"`),
    '{width:auto}',
    ...(data.deferred.length === 0
      ? []
      : [
          '---',
          `|"容缺受理材料（共${data.deferred.length}项）"`,
          '{width:3,*}',
          // The date on a line of its own, so 58 mm paper never splits it.
          ...data.deferred.flatMap((material) => [`□|${e(material.name)}`, `\\ |请于 ${e(material.promiseDate)} 前补交`]),
          '{width:auto}',
        ]),
    '---',
    '{width:10,*}',
    info('领取方式', e(data.collectionMethod)),
    info('领取地点', e(data.place)),
    info('办理时间', e(data.hours)),
    info('咨询电话', e(data.phone)),
    '{width:auto}',
    '---',
    ...progressLookup(data),
    `终端编号 ${e(data.terminalId)}`,
    '请妥善保管本回执，领取结果时请携带身份证',
    '',
  ].join('\n');
}
