import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { parseEscPos } from '../../hardware/protocols/escpos/stream-parser.js';
import { type ApplicationReceiptData, applicationReceiptMarkup, promisedCompletion } from '../../electron/services/printing/application-receipt.js';
import { renderEscPos, renderSvg } from '../../electron/services/printing/receipt-document.js';
import { maskIdNumber, maskName } from '../../electron/services/privacy/mask.js';
import { cleanUpSimulators, printOnSimulator } from '../support/print-on-simulator.js';

const APPLICANT = SPECIMEN_CARDS.resident;
const AGENT = SPECIMEN_CARDS['resident-longterm'];

const RECEIPT: ApplicationReceiptData = {
  hallName: '连云港市政务服务中心',
  itemName: '不动产转移登记（二手房买卖）',
  departmentName: '连云港市自然资源和规划局',
  reference: 'ZZ-LYG0001-20261124-0007',
  caseNumber: '32070020261124000123',
  submittedAtDisplay: '2026-11-24 09:05',
  promisedDate: '2026-12-01',
  promisedDays: 5,
  collectionMethod: '窗口领取（可选邮政寄递）',
  place: '连云港市海州区朝阳东路66号市民服务中心二楼B区12号窗口',
  hours: '周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）',
  phone: '0518-85801234',
  applicantMaskedName: maskName(APPLICANT.name),
  applicantMaskedIdNumber: maskIdNumber(APPLICANT.idNumber),
  agentMaskedName: null,
  agentMaskedIdNumber: null,
  deferred: [
    { name: '婚姻状况证明（结婚证、离婚证或离婚判决书）', promiseDate: '2026-12-08' },
    { name: '完税证明', promiseDate: '2026-12-10' },
  ],
  qrPayload: 'zwkiosk://progress?c=32070020261124000123',
  terminalId: 'LYG-ZZ-0001',
};

const OFFLINE: ApplicationReceiptData = { ...RECEIPT, caseNumber: null, qrPayload: null, promisedDate: null, deferred: [] };
const BY_AGENT: ApplicationReceiptData = { ...RECEIPT, agentMaskedName: maskName(AGENT.name), agentMaskedIdNumber: maskIdNumber(AGENT.idNumber) };

afterEach(cleanUpSimulators);

/** The receipt's text as the printer gets it: the GB18030 text runs, decoded. */
function receiptText(bytes: Uint8Array): string {
  const texts = parseEscPos(bytes).filter((c) => c.kind === 'text');
  return iconv.decode(Buffer.concat(texts.map((c) => Buffer.from(c.raw))), 'gb18030');
}

/** Without the spaces and line breaks wrapping and column padding put in. */
const unwrapped = (text: string): string => text.replace(/\s+/gu, '');

describe('application acceptance receipt', () => {
  it.each([48, 32] as const)('prints every element, the progress QR and a cut at %i characters a line', async (charactersPerLine) => {
    const bytes = renderEscPos(applicationReceiptMarkup(RECEIPT), { charactersPerLine });
    const text = unwrapped(receiptText(bytes));
    for (const expected of [
      '连云港市政务服务中心',
      '自助申办受理回执',
      RECEIPT.itemName,
      RECEIPT.departmentName,
      '办件编号32070020261124000123',
      '申报编号ZZ-LYG0001-20261124-0007',
      `申请人${RECEIPT.applicantMaskedName}`,
      `证件号码${RECEIPT.applicantMaskedIdNumber}`,
      '申报时间2026-11-2409:05',
      '承诺办结2026-12-01前（5个工作日）',
      '容缺受理材料（共2项）',
      '□婚姻状况证明（结婚证、离婚证或离婚判决书）请于2026-12-08前补交',
      '□完税证明请于2026-12-10前补交',
      '领取方式窗口领取（可选邮政寄递）',
      `领取地点${RECEIPT.place}`,
      `办理时间${unwrapped(RECEIPT.hours)}`,
      '咨询电话0518-85801234',
      '扫码查询办理进度',
      '终端编号LYG-ZZ-0001',
      '请妥善保管本回执',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('代办人');

    const commands = parseEscPos(bytes);
    const store = commands.find((c) => c.kind === 'qrStore');
    expect(store && Buffer.from(store.data).toString('utf8')).toBe(RECEIPT.qrPayload);
    expect(commands.some((c) => c.kind === 'rasterImage' || c.kind === 'graphics')).toBe(false);
    expect(commands.filter((c) => c.kind === 'unknown')).toEqual([]);
    expect(commands.at(-1)?.kind).toBe('cut');

    const job = await printOnSimulator(bytes);
    expect(job.text).toContain(`[QR: ${RECEIPT.qrPayload ?? ''}]`);
    expect(job.text.trimEnd().endsWith('[CUT]')).toBe(true);
  });

  it('fits in 2 KB with its QR code (a native GS ( k command, not an image)', () => {
    for (const data of [RECEIPT, BY_AGENT, OFFLINE]) {
      expect(renderEscPos(applicationReceiptMarkup(data), { charactersPerLine: 48 }).byteLength).toBeLessThanOrEqual(2048);
    }
  });

  it('gives the 申报编号 and says the 办件编号 will follow while the platform has not answered', async () => {
    const bytes = renderEscPos(applicationReceiptMarkup(OFFLINE), { charactersPerLine: 32 });
    const text = unwrapped(receiptText(bytes));
    expect(text).toContain('申报编号ZZ-LYG0001-20261124-0007');
    expect(text).toContain('办件编号待政务服务平台确认后生成届时可凭身份证在本机查询办理进度');
    expect(text).not.toMatch(/办件编号\d/u);
    expect(text).toContain('承诺办结5个工作日，以受理部门通知为准');
    expect(text).not.toContain('容缺');
    expect(text).not.toContain('扫码');
    const job = await printOnSimulator(bytes);
    expect(job.text).not.toContain('[QR:');
  });

  it('says how to look up progress by ID card when the case number is known but there is no QR', () => {
    const text = unwrapped(receiptText(renderEscPos(applicationReceiptMarkup({ ...RECEIPT, qrPayload: null }), { charactersPerLine: 48 })));
    expect(text).toContain('凭身份证在本机查询办理进度');
    expect(text).not.toContain('扫码');
  });

  it('names the agent, masked, under the applicant', () => {
    const text = unwrapped(receiptText(renderEscPos(applicationReceiptMarkup(BY_AGENT), { charactersPerLine: 48 })));
    expect(text).toContain(`申请人${maskName(APPLICANT.name)}证件号码${maskIdNumber(APPLICANT.idNumber)}`);
    expect(text).toContain(`代办人${maskName(AGENT.name)}代办人证件${maskIdNumber(AGENT.idNumber)}`);
  });

  it('carries the masked forms and never the full name or ID number, in any encoding (R-P2 canary)', () => {
    for (const charactersPerLine of [48, 32] as const) {
      const bytes = Buffer.from(renderEscPos(applicationReceiptMarkup(BY_AGENT), { charactersPerLine }));
      for (const masked of [BY_AGENT.applicantMaskedName, BY_AGENT.applicantMaskedIdNumber, BY_AGENT.agentMaskedName ?? '', BY_AGENT.agentMaskedIdNumber ?? '']) {
        expect(bytes.includes(iconv.encode(masked, 'gb18030'))).toBe(true);
      }
      for (const canary of [APPLICANT.name, APPLICANT.idNumber, AGENT.name, AGENT.idNumber, APPLICANT.idNumber.slice(4, 14)]) {
        for (const encoded of [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le'), iconv.encode(canary, 'gb18030')]) {
          expect(bytes.includes(encoded)).toBe(false);
        }
      }
    }
  });

  it('words the promised completion for on-the-spot, dated and unknown items', () => {
    expect(promisedCompletion(null, 0)).toBe('即时办结');
    expect(promisedCompletion('2026-12-01', 0)).toBe('即时办结');
    expect(promisedCompletion('2026-12-01', 5)).toBe('2026-12-01前（5个工作日）');
    expect(promisedCompletion(null, 20)).toBe('20个工作日，以受理部门通知为准');
    const text = unwrapped(receiptText(renderEscPos(applicationReceiptMarkup({ ...RECEIPT, promisedDays: 0, promisedDate: null }), { charactersPerLine: 48 })));
    expect(text).toContain('承诺办结即时办结');
  });

  it('escapes markup in catalogue and platform text and keeps the QR property intact', () => {
    const markup = applicationReceiptMarkup({
      ...RECEIPT,
      itemName: '某事项|{code:evil}',
      caseNumber: 'A_B^1',
      deferred: [{ name: '材料`x`', promiseDate: '2026-12-08' }],
      qrPayload: 'https://example.gov.cn/p?c=1;x}y',
    });
    expect(markup).toContain('"某事项\\|\\{code:evil\\}"');
    expect(markup).toContain('^^"A\\_B\\^1"');
    expect(markup).toContain('□|材料\\`x\\`');
    expect(markup).toContain('{code:https://example.gov.cn/p?c=1%3Bx%7Dy; option:qrcode,5,m}');
    expect(markup.match(/(?<!\\)\{code:/gu)).toHaveLength(1);
  });

  it('renders as an SVG preview at both paper widths', () => {
    for (const charactersPerLine of [48, 32] as const) {
      const svg = renderSvg(applicationReceiptMarkup(BY_AGENT), { charactersPerLine });
      expect(svg).toMatch(/^<svg width="\d+px"/u);
      expect(svg).toContain('受');
    }
  });
});
