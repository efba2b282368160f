import { afterEach, describe, expect, it } from 'vitest';
import { type CompletedJob, ReceiptPrinterSimulator } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import { checklistReceiptMarkup } from '../../electron/services/printing/checklist-receipt.js';
import { renderEscPos } from '../../electron/services/printing/receipt-document.js';
import { GUIDE_VIEW } from '../fixtures/guide-view.js';
import { makeTempDir } from '../support/temp-dir.js';
import { nextEvent } from '../support/wait.js';

const OPTIONS = { hallName: '连云港市政务服务中心', printedAtDisplay: '2026-11-24 09:05' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Prints a job on a simulator over a memory pair and returns what it decoded. */
async function printOnSimulator(job: Uint8Array): Promise<CompletedJob> {
  const dir = makeTempDir('kiosk-checklist-');
  const [host, device] = createMemoryPair();
  await host.open();
  await device.open();
  const simulator = new ReceiptPrinterSimulator({ outDir: dir.path });
  simulator.attach(device);
  cleanups.push(async () => {
    await simulator.whenIdle();
    await host.close();
    await device.close();
    dir.remove();
  });
  const completed = nextEvent<CompletedJob>((l) => simulator.onJobCompleted(l), 'job completed');
  await host.write(job);
  return completed;
}

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
