import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EscPosBuilder } from '../../hardware/protocols/escpos/commands.js';
import { ReceiptPrinter, type ReceiptPrinterOptions } from '../../hardware/devices/receipt-printer/receipt-printer.js';
import type { PrinterStatusUpdate } from '../../hardware/devices/receipt-printer/events.js';
import { ReceiptPrinterSimulator, type ReceiptPrinterSimulatorOptions } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import type { MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { attachOverMemory } from '../support/bring-up.js';
import { settle as settleFakeTime } from '../support/fake-time.js';

const TICKET = new EscPosBuilder()
  .initialise()
  .chineseMode(true)
  .align('center')
  .bold(true)
  .size(2, 2)
  .line('综合受理')
  .bold(false)
  .size(1, 1)
  .line('排队号 A023')
  .qr('https://zwfw.example.gov.cn/q?t=A023')
  .feed(3)
  .cut()
  .toBytes();

/** Advances fake time in 50 ms steps until `promise` settles (no real waiting). */
const settle = <T>(promise: Promise<T>): Promise<T> => settleFakeTime(promise, { stepMs: 50 });

interface Rig {
  readonly printer: ReceiptPrinter;
  readonly simulator: ReceiptPrinterSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  readonly updates: PrinterStatusUpdate[];
}

let rigs: Rig[] = [];

async function makeRig(
  simulatorOptions: ReceiptPrinterSimulatorOptions = {},
  printerOptions: Partial<ReceiptPrinterOptions> = {},
): Promise<Rig> {
  const simulator = new ReceiptPrinterSimulator(simulatorOptions);
  const { host, device } = await attachOverMemory(simulator, 'memory:printer');
  const printer = new ReceiptPrinter({ transport: host, ...printerOptions });
  const updates: PrinterStatusUpdate[] = [];
  printer.onStatusUpdate((update) => updates.push(update));
  const rig = { printer, simulator, host, device, updates };
  rigs.push(rig);
  return rig;
}

async function enabledRig(
  simulatorOptions: ReceiptPrinterSimulatorOptions = {},
  printerOptions: Partial<ReceiptPrinterOptions> = {},
): Promise<Rig> {
  const rig = await makeRig(simulatorOptions, printerOptions);
  expect((await rig.printer.open()).ok).toBe(true);
  expect(rig.printer.claim().ok).toBe(true);
  expect((await settle(rig.printer.enable())).ok).toBe(true);
  return rig;
}

function jobTexts(simulator: ReceiptPrinterSimulator): string[] {
  return simulator.jobs.map((job) => job.text);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.printer.close();
    await rig.device.close();
  }
  rigs = [];
  vi.useRealTimers();
});

describe('ReceiptPrinter life cycle', () => {
  it('refuses work until opened, claimed and enabled', async () => {
    const { printer } = await makeRig();
    expect(await printer.checkHealth()).toMatchObject({ ok: false, error: { code: 'closed' } });
    await printer.open();
    expect(printer.lifecycle).toBe('opened');
    expect(await printer.print(TICKET)).toMatchObject({ ok: false, error: { code: 'notClaimed' } });
    printer.claim();
    expect(await printer.checkHealth()).toMatchObject({ ok: false, error: { code: 'disabled' } });
    const enabled = await settle(printer.enable());
    expect(enabled).toMatchObject({ ok: true, value: { online: true, paper: 'ok' } });
    expect(printer.lifecycle).toBe('enabled');
    printer.disable();
    expect(await printer.checkHealth()).toMatchObject({ ok: false, error: { code: 'disabled' } });
    printer.release();
    expect(printer.lifecycle).toBe('opened');
    await printer.close();
    expect(printer.lifecycle).toBe('closed');
  });

  it('reports noHardware when the transport cannot open', async () => {
    const { printer, host } = await makeRig();
    host.hasHardware = false;
    expect(await printer.open()).toMatchObject({ ok: false, error: { code: 'noHardware' } });
    expect(printer.lifecycle).toBe('closed');
  });
});

describe('ReceiptPrinter status', () => {
  it.each([
    [{ paper: 'nearEnd' as const }, { online: true, paper: 'nearEnd' }],
    [{ paper: 'empty' as const }, { online: false, paper: 'empty' }],
    [{ coverOpen: true }, { online: false, coverOpen: true }],
    [{ cutterJam: true }, { online: false, cutterError: true }],
  ])('reads %o as %o and emits a status update', async (model, expected) => {
    const { printer, simulator, updates } = await enabledRig();
    simulator.setModel(model);
    expect(await settle(printer.checkHealth())).toMatchObject({ ok: true, value: expected });
    expect(updates.at(-1)).toMatchObject({ kind: 'status', source: 'query', status: expected });
    expect(printer.state).toBe(expected.online ? 'idle' : 'error');
  });

  it('reports a mute printer as offline after the reply timeout', async () => {
    const { printer, simulator, updates } = await enabledRig();
    simulator.faults.isMute = true;
    const started = Date.now();
    const result = await settle(printer.checkHealth());
    expect(result).toMatchObject({ ok: false, error: { code: 'offline', detail: 'noReply' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(updates.at(-1)).toEqual({ kind: 'noReply' });
    expect(printer.powerState).toBe('offline');
  });

  it('ignores garbage bytes before replies', async () => {
    const { printer, simulator } = await enabledRig();
    simulator.faults.garbageBeforeReply = Uint8Array.of(0xff, 0x80, 0xa5);
    simulator.setModel({ paper: 'nearEnd' });
    expect(await settle(printer.checkHealth())).toMatchObject({ ok: true, value: { paper: 'nearEnd', online: true } });
  });

  it('never matches a late reply to the next query (R-V3)', async () => {
    const { printer, simulator } = await enabledRig();
    // The reply to the first DLE EOT 1 (0x12, "online") arrives 200 ms after its deadline.
    simulator.faults.replyDelayMs = 700;
    const first = printer.checkHealth();
    await vi.advanceTimersByTimeAsync(10);
    // From now on the printer answers at once, and truthfully: the cover is open.
    simulator.faults.replyDelayMs = undefined;
    simulator.setModel({ coverOpen: true });
    const second = printer.checkHealth();
    expect(await settle(first)).toMatchObject({ ok: false, error: { code: 'offline', detail: 'noReply' } });
    // Had the stale 0x12 been taken for the second query's DLE EOT 1, it would say online.
    expect(await settle(second)).toMatchObject({ ok: true, value: { online: false, coverOpen: true } });
  });
});

describe('ReceiptPrinter print', () => {
  it('prints a ticket and confirms completion', async () => {
    const { printer, simulator } = await enabledRig();
    const completions: unknown[] = [];
    printer.onOutputComplete((output) => completions.push(output));
    const result = await settle(printer.print(TICKET));
    expect(result).toMatchObject({ ok: true, value: { bytes: TICKET.length, status: { online: true } } });
    expect(completions).toHaveLength(1);
    const [text] = jobTexts(simulator);
    expect(text).toContain('综合受理');
    expect(text).toContain('[QR: https://zwfw.example.gov.cn/q?t=A023]');
    expect(text).toContain('[CUT]');
    expect(simulator.jobs[0]?.bytes).toEqual(TICKET);
  });

  it('writes large jobs in chunks and still matches the job’s own GS r replies', async () => {
    const { printer, simulator } = await enabledRig({}, { writeChunkBytes: 7 });
    const job = new EscPosBuilder().initialise().line('一').raw(Uint8Array.of(0x1d, 0x72, 0x01)).line('二').cut().toBytes();
    expect((await settle(printer.print(job))).ok).toBe(true);
    expect((await settle(printer.print(TICKET))).ok).toBe(true);
    expect(simulator.jobs).toHaveLength(2);
  });

  it.each([
    [{ paper: 'empty' as const }, 'paperEmpty'],
    [{ coverOpen: true }, 'coverOpen'],
    [{ cutterJam: true }, 'cutterJam'],
  ])('refuses to start when %o (nothing is sent)', async (model, detail) => {
    const { printer, simulator } = await enabledRig();
    simulator.setModel(model);
    const result = await settle(printer.print(TICKET));
    expect(result).toMatchObject({ ok: false, error: { code: 'extended', detail } });
    expect(simulator.received.filter((r) => r.command.kind !== 'realtimeStatusRequest')).toEqual([]);
  });

  it('fails with paperEmpty when paper runs out mid-job, and prints again after reload', async () => {
    const { printer, simulator } = await enabledRig({ printDelayMs: 20 });
    const errors: unknown[] = [];
    printer.onError((error) => errors.push(error));
    simulator.faults.paperOutAfterLines = 1;
    const failed = await settle(printer.print(TICKET));
    expect(failed).toMatchObject({ ok: false, error: { code: 'failure', detail: 'paperEmpty' } });
    expect(errors).toEqual([expect.objectContaining({ code: 'failure', detail: 'paperEmpty' })]);
    expect(simulator.jobs).toHaveLength(0);

    simulator.setModel({ paper: 'ok' });
    // The printer finishes the interrupted ticket by itself, then prints the new one.
    expect(await settle(printer.print(TICKET))).toMatchObject({ ok: true });
    expect(jobTexts(simulator)).toHaveLength(2);
    expect(jobTexts(simulator)[1]).toContain('综合受理');
  });

  it('reports the cover opened mid-job', async () => {
    const { printer, simulator } = await enabledRig({ printDelayMs: 50 });
    const result = printer.print(TICKET);
    await vi.advanceTimersByTimeAsync(60);
    simulator.setModel({ coverOpen: true });
    expect(await settle(result)).toMatchObject({ ok: false, error: { code: 'failure', detail: 'coverOpen' } });
  });

  it('runs one command at a time, in call order', async () => {
    const { printer, simulator } = await enabledRig({ printDelayMs: 100 });
    const order: string[] = [];
    const print = printer.print(TICKET).then((r) => order.push(`print:${r.ok}`));
    const health = printer.checkHealth().then((r) => order.push(`health:${r.ok}`));
    expect(printer.state).toBe('busy');
    await settle(Promise.all([print, health]));
    expect(order).toEqual(['print:true', 'health:true']);
    expect(simulator.jobs).toHaveLength(1);
    expect(printer.state).toBe('idle');
  });

  it('refuses with busy when the queue is full', async () => {
    const { printer } = await enabledRig({ printDelayMs: 100 });
    const calls = Array.from({ length: 12 }, () => printer.checkHealth());
    const results = await settle(Promise.all(calls));
    expect(results.filter((r) => !r.ok && r.error.code === 'busy')).toHaveLength(3);
    expect(results.filter((r) => r.ok)).toHaveLength(9);
  });

  it('cancels a queued command at once and a running job on abort', async () => {
    const { printer, simulator } = await enabledRig({ printDelayMs: 200 });
    const running = new AbortController();
    const queued = new AbortController();
    const first = printer.print(TICKET, { signal: running.signal });
    const second = printer.print(TICKET, { signal: queued.signal });
    queued.abort();
    expect(await second).toMatchObject({ ok: false, error: { code: 'cancelled', detail: 'notStarted' } });
    await vi.advanceTimersByTimeAsync(100);
    running.abort();
    expect(await settle(first)).toMatchObject({ ok: false, error: { code: 'cancelled', detail: 'jobSent' } });
    // The printer still finishes what it received; the device is free for the next call.
    expect(await settle(printer.checkHealth())).toMatchObject({ ok: true });
    await settle(simulator.whenIdle());
  });

  it('times out a job the printer never confirms', async () => {
    // Three line feeds at 2 s each: the job takes 6 s, the device allows 3 s.
    const { printer } = await enabledRig({ printDelayMs: 2_000 }, { completionTimeoutMs: 3_000 });
    const result = await settle(printer.print(TICKET));
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', detail: 'jobTimeout' } });
  });
});

describe('ReceiptPrinter unplug (R-V4)', () => {
  it('reports powerOff, reopens with backoff, re-reads status and prints again', async () => {
    const { printer, simulator, host, device, updates } = await enabledRig();
    const opens = vi.spyOn(host, 'open');
    host.hasHardware = false;
    host.disconnect('cable pulled');
    expect(updates.at(-1)).toEqual({ kind: 'powerOff', detail: 'cable pulled' });
    expect(printer.powerState).toBe('off');
    expect(printer.state).toBe('error');
    expect(await settle(printer.print(TICKET))).toMatchObject({ ok: false, error: { code: 'offline', detail: 'powerOff' } });

    // Attempts at 100, 300, 700, 1500 ms… (doubling, capped): four fail while unplugged.
    await vi.advanceTimersByTimeAsync(1_600);
    expect(opens.mock.calls.length).toBe(4);
    host.hasHardware = true;
    await device.open();
    simulator.setModel({ paper: 'nearEnd' });
    const powerOn = new Promise<PrinterStatusUpdate>((resolve) => {
      const off = printer.onStatusUpdate((update) => {
        if (update.kind === 'powerOn') {
          off();
          resolve(update);
        }
      });
    });
    expect(await settle(powerOn)).toMatchObject({ kind: 'powerOn', status: { paper: 'nearEnd' } });
    expect(printer.powerState).toBe('online');
    expect(await settle(printer.print(TICKET))).toMatchObject({ ok: true });
    expect(simulator.jobs).toHaveLength(1);
  });

  it('keeps asking a reopened port until the printer answers', async () => {
    const { printer, device, updates } = await enabledRig();
    device.disconnect('printer power cycled');
    // The host end reopens at once, but the printer end stays silent for a while.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(printer.powerState).toBe('offline');
    expect(updates.filter((u) => u.kind === 'noReply')).toHaveLength(1);
    await device.open();
    await settle(new Promise((resolve) => printer.onStatusUpdate((u) => u.kind === 'powerOn' && resolve(u))));
    expect(printer.powerState).toBe('online');
  });

  it('gives up after the configured attempts, and can be asked to try again', async () => {
    const { printer, host, device } = await enabledRig({}, { reconnectMaxAttempts: 2 });
    const errors: unknown[] = [];
    printer.onError((error) => errors.push(error));
    host.hasHardware = false;
    host.disconnect();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors.at(-1)).toMatchObject({ code: 'noHardware', detail: 'reconnectFailed' });
    host.hasHardware = true;
    await device.open();
    expect(await settle(printer.reconnect())).toMatchObject({ ok: true, value: { online: true } });
  });
});
