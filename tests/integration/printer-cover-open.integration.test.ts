import { afterEach, expect, it } from 'vitest';
import { EscPosBuilder } from '../../hardware/protocols/escpos/commands.js';
import { startPrinterRig, type PrinterRig } from '../support/printer-rig.js';

let rig: PrinterRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const TICKET = new EscPosBuilder()
  .initialise()
  .chineseMode(true)
  .line('综合受理')
  .line('排队号 B007')
  .line('请耐心等候')
  .qr('ticket:B007')
  .feed(3)
  .cut()
  .toBytes();

it('reports coverOpen when the cover is opened mid-job, and prints once it is closed', async () => {
  rig = await startPrinterRig({ printDelayMs: 100 }, { completionPollMs: 200 });
  const firstLine = new Promise<void>((resolve) => {
    rig?.simulator.onCommand((command) => {
      if (command.kind === 'lineFeed') resolve();
    });
  });
  const printing = rig.printer.print(TICKET);
  await firstLine;
  rig.simulator.setModel({ coverOpen: true });
  expect(await printing).toMatchObject({ ok: false, error: { code: 'failure', detail: 'coverOpen' } });
  expect(rig.printer.status).toMatchObject({ online: false, coverOpen: true });
  expect(await rig.printer.checkHealth()).toMatchObject({ ok: true, value: { coverOpen: true } });

  const resumed = rig.nextJob();
  rig.simulator.setModel({ coverOpen: false });
  expect((await resumed).text).toContain('排队号 B007');
  expect(await rig.printer.print(TICKET)).toMatchObject({ ok: true, value: { status: { coverOpen: false, online: true } } });
});
