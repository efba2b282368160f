import { afterEach, expect, it } from 'vitest';
import { EscPosBuilder } from '../../hardware/protocols/escpos/commands.js';
import { startPrinterRig, type PrinterRig } from '../support/printer-rig.js';

let rig: PrinterRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

function ticket(number: string): Uint8Array {
  const builder = new EscPosBuilder().initialise().chineseMode(true).align('center').line(`排队号 ${number}`);
  for (let i = 1; i <= 5; i++) builder.line(`第 ${i} 行`);
  return builder.qr(`ticket:${number}`).feed(3).cut().toBytes();
}

it('fails with paperEmpty when paper runs out mid-job, and prints again after reload', async () => {
  rig = await startPrinterRig({ printDelayMs: 20 }, { completionPollMs: 200 });
  rig.simulator.faults.paperOutAfterLines = 3;
  const failed = await rig.printer.print(ticket('A001'));
  expect(failed).toMatchObject({ ok: false, error: { code: 'failure', detail: 'paperEmpty' } });
  expect(rig.printer.status).toMatchObject({ online: false, paper: 'empty' });
  expect(rig.printer.state).toBe('error');
  // Refused up front while the paper is still out: nothing more is sent.
  expect(await rig.printer.print(ticket('A002'))).toMatchObject({ ok: false, error: { code: 'extended', detail: 'paperEmpty' } });

  // Reload: the printer finishes the interrupted ticket by itself (§2.5), then prints again.
  const resumed = rig.nextJob();
  rig.simulator.setModel({ paper: 'ok' });
  expect((await resumed).text).toContain('[QR: ticket:A001]');
  const next = rig.nextJob();
  expect(await rig.printer.print(ticket('A002'))).toMatchObject({ ok: true, value: { status: { paper: 'ok' } } });
  expect((await next).text).toContain('排队号 A002');
  expect(rig.printer.state).toBe('idle');
});
