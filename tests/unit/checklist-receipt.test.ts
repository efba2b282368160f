import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpSimulators, printOnSimulator } from '../support/print-on-simulator.js';
import { checklistReceiptMarkup } from '../../electron/services/printing/checklist-receipt.js';
import { renderEscPos } from '../../electron/services/printing/receipt-document.js';
import { GUIDE_VIEW } from '../fixtures/guide-view.js';

const OPTIONS = { hallName: '连云港市政务服务中心', printedAtDisplay: '2026-11-24 09:05' };

afterEach(cleanUpSimulators);

/** The receipt's text without the spaces and line breaks wrapping put in. */
const unwrapped = (text: string): string => text.replace(/\s+/gu, '');

describe('materials checklist receipt', () => {
  it.each([48, 32] as const)('prints every material, the QR to the online guide and a cut at %i characters a line', async (charactersPerLine) => {
    const job = await printOnSimulator(renderEscPos(checklistReceiptMarkup(GUIDE_VIEW, OPTIONS), { charactersPerLine }));
    const text = unwrapped(job.text);
    expect(text).toContain('材料清单');
    for (const material of GUIDE_VIEW.materials) expect(text).toContain(unwrapped(material.name));
    expect(job.text).toContain(`[QR: ${GUIDE_VIEW.onlineUrl}]`);
    expect(text).toContain('扫码查看网上办事指南');
    expect(text).toContain('2026-11-2409:05');
    expect(job.text.trimEnd().endsWith('[CUT]')).toBe(true);
  });

  it('lists what to bring as boxes, required first, and shared data apart', () => {
    const markup = checklistReceiptMarkup(GUIDE_VIEW, OPTIONS);
    const boxes = markup.split('\n').filter((line) => line.startsWith('□|'));
    expect(boxes).toHaveLength(GUIDE_VIEW.materials.filter((m) => !m.isSharedData).length);
    expect(boxes[0]).toBe('□|不动产登记申请书 原件×1');
    expect(boxes.findIndex((line) => line.includes('（可容缺）'))).toBeGreaterThan(boxes.findLastIndex((line) => !line.includes('（')));
    expect(markup).toContain('□|婚姻状况证明（结婚证、离婚证或离婚判决书） 原件和复印件×1（视情况：出卖人或买受人已婚或离异的）');
    const shared = markup.slice(markup.indexOf('已在政府留存·免提交'));
    expect(shared).toContain('·|存量房买卖合同（网签备案）');
    expect(boxes.join('\n')).not.toContain('存量房买卖合同');
    expect(markup).toContain('收费 |不动产登记费（住宅） 80元/件；证书工本费 第一本免收，每增加一本加收10元');
  });

  it('escapes markup in catalogue text and keeps the QR property intact', () => {
    const guide = { ...GUIDE_VIEW, name: '某事项|{code:evil}', onlineUrl: 'https://example.gov.cn/a;b}c' };
    const markup = checklistReceiptMarkup(guide, OPTIONS);
    expect(markup).toContain('"某事项\\|\\{code:evil\\}"');
    expect(markup).toContain('{code:https://example.gov.cn/a%3Bb%7Dc; option:qrcode,4,m}');
  });

  it('says 不收费 for a free item', () => {
    expect(checklistReceiptMarkup({ ...GUIDE_VIEW, fees: { isFree: true } }, OPTIONS)).toContain('收费 |不收费');
  });
});
