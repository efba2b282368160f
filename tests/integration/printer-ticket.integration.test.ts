import { readFile } from 'node:fs/promises';
import { commands, transform } from 'receiptline';
import { afterEach, expect, it } from 'vitest';
import { EscPosBuilder, qrCode, type QrErrorCorrection } from '../../hardware/protocols/escpos/commands.js';
import { startPrinterRig, type PrinterRig } from '../support/printer-rig.js';

let rig: PrinterRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const QR_PAYLOAD = 'https://zwfw.example.gov.cn/progress?ticket=A023&name=张三';

it('prints a Chinese ticket with a native QR over a real pty; the .txt decodes it', async () => {
  rig = await startPrinterRig();
  const ticket = new EscPosBuilder()
    .initialise()
    .chineseMode(true)
    .align('center')
    .bold(true)
    .size(2, 2)
    .line('综合受理')
    .size(1, 1)
    .bold(false)
    .line('排队号 A023  请到 3 号窗口')
    .qr(QR_PAYLOAD, { moduleSizeDots: 6, errorCorrection: 'M' })
    .feed(3)
    .cut()
    .toBytes();
  const job = rig.nextJob();
  const result = await rig.printer.print(ticket);
  expect(result).toMatchObject({ ok: true, value: { bytes: ticket.length, status: { online: true, paper: 'ok' } } });
  const { files } = await job;
  expect(files).toBeDefined();
  expect(new Uint8Array(await readFile(files?.bin ?? ''))).toEqual(ticket);
  const text = await readFile(files?.txt ?? '', 'utf8');
  expect(text).toContain('综合受理');
  expect(text).toContain('排队号 A023  请到 3 号窗口');
  expect(text).toContain(`[QR: ${QR_PAYLOAD}]`);
  expect(text.trimEnd().endsWith('[CUT]')).toBe(true);
  expect(await readFile(files?.svg ?? '', 'utf8')).toContain('>综合受理</text>');
});

it('prints receiptline output with the QR overridden to native GS ( k', async () => {
  rig = await startPrinterRig();
  // receiptline 4 draws QR codes as raster images; this override makes them native.
  const escposNativeQr = {
    ...commands.escpos,
    qrcode: (symbol: { data: string; cell: number; level: string }) =>
      Buffer.from(
        qrCode(symbol.data, { moduleSizeDots: symbol.cell, errorCorrection: symbol.level.toUpperCase() as QrErrorCorrection }),
      ).toString('latin1'),
  };
  const doc = `^^^综合受理\n^"A023"\n{code:${QR_PAYLOAD}; option:qrcode,6,m}\n请扫码查询办理进度\n`;
  const output = transform(doc, { command: escposNativeQr, encoding: 'gb18030', cpl: 48 });
  const job = rig.nextJob();
  expect(await rig.printer.print(Uint8Array.from(output, (c) => c.charCodeAt(0)))).toMatchObject({ ok: true });
  const { text } = await job;
  expect(text).toContain('综合受理');
  expect(text).toContain(`[QR: ${QR_PAYLOAD}]`);
  expect(text).toContain('请扫码查询办理进度');
  expect(rig.simulator.received.filter((r) => r.command.kind === 'unknown')).toEqual([]);
});
