import { afterEach, expect, it } from 'vitest';
import { EscPosBuilder } from '../../hardware/protocols/escpos/commands.js';
import { startPrinterRig, type PrinterRig } from '../support/printer-rig.js';

let rig: PrinterRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const TICKET = new EscPosBuilder().initialise().chineseMode(true).line('综合受理 C011').qr('ticket:C011').cut().toBytes();

it('goes offline on unplug, reconnects with backoff, re-reads status and prints again', async () => {
  rig = await startPrinterRig({}, { reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1_000 });
  const { pty, printer, simulator, simulatorTransport } = rig;
  expect(await printer.print(TICKET)).toMatchObject({ ok: true });

  const powerOff = rig.nextUpdate('powerOff');
  const simulatorClosed = new Promise<void>((resolve) => simulatorTransport.onClose(() => resolve()));
  await pty.kill();
  expect((await powerOff).kind).toBe('powerOff');
  await simulatorClosed;
  expect(printer.powerState).toBe('off');
  expect(await printer.print(TICKET)).toMatchObject({ ok: false, error: { code: 'offline' } });

  // Replug: same link names; the printer comes back with its paper nearly out.
  const powerOn = rig.nextUpdate('powerOn', 15_000);
  await pty.restart();
  simulator.setModel({ paper: 'nearEnd' });
  await simulatorTransport.open();
  expect(await powerOn).toMatchObject({ kind: 'powerOn', status: { online: true, paper: 'nearEnd' } });
  expect(printer.powerState).toBe('online');

  const job = rig.nextJob();
  expect(await printer.print(TICKET)).toMatchObject({ ok: true, value: { status: { paper: 'nearEnd' } } });
  expect((await job).text).toContain('综合受理 C011');
});
