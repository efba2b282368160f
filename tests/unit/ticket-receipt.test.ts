import iconv from 'iconv-lite';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpSimulators, printOnSimulator } from '../support/print-on-simulator.js';
import { compactEscPos } from '../../hardware/protocols/escpos/compact.js';
import { parseEscPos } from '../../hardware/protocols/escpos/stream-parser.js';
import { escapeReceiptText, renderEscPos } from '../../electron/services/printing/receipt-document.js';
import { type TicketReceiptData, ticketQrPayload, ticketReceiptMarkup } from '../../electron/services/printing/ticket-receipt.js';
import receiptline from 'receiptline';

const TICKET: TicketReceiptData = {
  hallName: '连云港市政务服务中心',
  ticketNumber: 'A007',
  categoryName: '综合受理',
  waitingAhead: 6,
  issuedAtDisplay: '2026-11-24 09:05',
  terminalId: 'LYG-ZZ-0001',
  qrPayload: ticketQrPayload('LYG-ZZ-0001', '2026-11-24', 'A007'),
  isPriority: false,
  holderMaskedName: null,
};

afterEach(cleanUpSimulators);

describe('ticket receipt', () => {
  const bytes = renderEscPos(ticketReceiptMarkup(TICKET), { charactersPerLine: 48 });

  it('fits in 1 KB with its QR code', () => {
    expect(bytes.byteLength).toBeLessThanOrEqual(1024);
  });

  it('carries the texts in GB18030 and the QR as the native GS ( k command, then cuts', () => {
    const commands = parseEscPos(bytes);
    const text = iconv.decode(Buffer.concat(commands.filter((c) => c.kind === 'text').map((c) => Buffer.from(c.raw))), 'gb18030');
    for (const expected of ['连云港市政务服务中心', 'A007', '综合受理', '您前面还有 6 人等候', '2026-11-24 09:05', 'LYG-ZZ-0001']) {
      expect(text.replace(/ {2,}/gu, ' ')).toContain(expected.replace(/ {2,}/gu, ' '));
    }
    const store = commands.find((c) => c.kind === 'qrStore');
    expect(store && Buffer.from(store.data).toString('utf8')).toBe('zwkiosk://ticket?t=LYG-ZZ-0001&d=20261124&n=A007');
    expect(commands.map((c) => c.kind)).toContain('qrPrint');
    expect(commands.some((c) => c.kind === 'rasterImage' || c.kind === 'graphics')).toBe(false);
    expect(commands.at(-1)?.kind).toBe('cut');
    expect(commands.filter((c) => c.kind === 'unknown')).toEqual([]);
  });

  it('decodes at the simulator to the number, category and QR payload', async () => {
    const job = await printOnSimulator(bytes);
    expect(job.text).toContain('综合受理');
    expect(job.text).toMatch(/A\s*0\s*0\s*7/u);
    expect(job.text).toContain(`[QR: ${TICKET.qrPayload}]`);
    expect(job.text).toContain('[CUT]');
    expect(job.files).toBeDefined();
    if (job.files !== undefined) expect(await readFile(job.files.svg, 'utf8')).toMatch(/^<svg/u);
  });

  it('marks the priority lane and the masked holder on card tickets, still within 1 KB', async () => {
    const card = renderEscPos(ticketReceiptMarkup({ ...TICKET, isPriority: true, holderMaskedName: '测****' }), { charactersPerLine: 48 });
    expect(card.byteLength).toBeLessThanOrEqual(1024);
    const job = await printOnSimulator(card);
    expect(job.text).toMatch(/绿\s*色\s*通\s*道/u);
    expect(job.text).toContain('持证人');
    expect(job.text).toContain('测****');
  });

  it('escapes receiptline markup in configured text', () => {
    expect(escapeReceiptText('A|B {x} ~_^"`\\')).toBe('A\\|B \\{x\\} \\~\\_\\^\\"\\`\\\\');
    const markup = ticketReceiptMarkup({ ...TICKET, hallName: '某某|中心{code:evil}' });
    expect(markup.split('\n')[0]).toBe('^^^某某\\|中心\\{code:evil\\}');
  });
});

describe('compactEscPos', () => {
  const ESC_AT = [0x1b, 0x40];
  const BOLD_OFF = [0x1b, 0x45, 0x30];
  const UNDERLINE_OFF = [0x1b, 0x2d, 0x30];
  const LINE = [0x41, 0x0a];

  it('drops a mode set again to the value it has since ESC @', () => {
    const job = Uint8Array.from([...ESC_AT, ...BOLD_OFF, ...UNDERLINE_OFF, ...LINE, ...BOLD_OFF, ...UNDERLINE_OFF, ...LINE]);
    expect([...compactEscPos(job)]).toEqual([...ESC_AT, ...BOLD_OFF, ...UNDERLINE_OFF, ...LINE, ...LINE]);
  });

  it('keeps everything before the first ESC @ (the printer state is unknown there)', () => {
    const job = Uint8Array.from([...BOLD_OFF, ...LINE, ...BOLD_OFF, ...LINE]);
    expect([...compactEscPos(job)]).toEqual([...job]);
  });

  it('keeps a bold command after ESC ! changed bold behind its back', () => {
    const ESC_BANG_BOLD = [0x1b, 0x21, 0x08];
    const job = Uint8Array.from([...ESC_AT, ...BOLD_OFF, ...ESC_BANG_BOLD, ...LINE, ...BOLD_OFF, ...LINE]);
    expect([...compactEscPos(job)]).toEqual([...job]);
  });

  it.each([
    ['the ticket', ticketReceiptMarkup(TICKET)],
    ['a table with rules and styles', '^^标题\n---\n"粗体" | _下划线_ | `反白`\n名称 | 数量 | 金额\n材料 | 2 | 不收费\n===\n{code:123456; option:code128}\n-'],
  ])('prints %s exactly as the uncompacted job does', async (_name, markup) => {
    const original = Uint8Array.from(
      Buffer.from(receiptline.transform(markup, { command: 'escpos', encoding: 'gb18030', cpl: 48 }), 'latin1'),
    );
    const compacted = compactEscPos(original);
    expect(compacted.byteLength).toBeLessThan(original.byteLength);
    const [a, b] = [await printOnSimulator(original), await printOnSimulator(compacted)];
    expect(b.text).toBe(a.text);
    if (a.files !== undefined && b.files !== undefined) {
      expect(await readFile(b.files.svg, 'utf8')).toBe(await readFile(a.files.svg, 'utf8'));
    }
  });
});
