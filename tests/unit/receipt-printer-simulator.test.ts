import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { transform } from 'receiptline';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EscPosBuilder,
  enableAsb,
  realtimeRecovery,
  realtimeStatusRequest,
  transmitPaperSensorStatus,
  ASB_ALL_PRINTER_GROUPS,
} from '../../hardware/protocols/escpos/commands.js';
import {
  ReceiptPrinterSimulator,
  type CompletedJob,
  type ReceiptPrinterSimulatorOptions,
} from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { createMemoryPair, type MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { makeTempDir } from '../support/temp-dir.js';
import { collectBytes, nextEvent } from '../support/wait.js';

const QR_PAYLOAD = 'https://zwfw.example.gov.cn/q?t=A023&n=张三';

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
  .qr(QR_PAYLOAD, { moduleSizeDots: 6 })
  .feed(2)
  .cut()
  .toBytes();

interface Rig {
  readonly simulator: ReceiptPrinterSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
}

const cleanups: (() => Promise<void> | void)[] = [];

async function makeRig(options: ReceiptPrinterSimulatorOptions = {}): Promise<Rig> {
  const [host, device] = createMemoryPair();
  await host.open();
  await device.open();
  const simulator = new ReceiptPrinterSimulator(options);
  simulator.attach(device);
  cleanups.push(async () => {
    await simulator.whenIdle();
    await host.close();
    await device.close();
  });
  return { simulator, host, device };
}

function tempDir(): string {
  const dir = makeTempDir('kiosk-printer-sim-');
  cleanups.push(() => dir.remove());
  return dir.path;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('ReceiptPrinterSimulator job files', () => {
  it('writes <n>.bin, <n>.txt and <n>.svg for a job ended by a cut', async () => {
    const outDir = tempDir();
    const { simulator, host } = await makeRig({ outDir });
    const completed = nextEvent<CompletedJob>((l) => simulator.onJobCompleted(l), 'job completed');
    await host.write(TICKET);
    const job = await completed;
    expect(job.files).toEqual({
      index: 1,
      bin: path.join(outDir, '1.bin'),
      txt: path.join(outDir, '1.txt'),
      svg: path.join(outDir, '1.svg'),
    });
    expect(new Uint8Array(await readFile(path.join(outDir, '1.bin')))).toEqual(TICKET);
    const text = await readFile(path.join(outDir, '1.txt'), 'utf8');
    expect(text.split('\n')).toEqual([
      '                综合受理',
      '                   排队号 A023',
      `                [QR: ${QR_PAYLOAD}]`,
      '',
      '',
      '[CUT]',
      '',
    ]);
    const svg = await readFile(path.join(outDir, '1.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="608"/);
    expect(svg).toContain('>综合受理</text>');
    expect(svg).toContain('font-weight="bold"');
    // The QR is drawn from qrcode's module path, scaled to the 6-dot module size.
    expect(svg).toMatch(/<g transform="translate\(\d+ \d+\) scale\(6\)"><title>[^<]+<\/title><path stroke="#000" d="M0 0\.5h7/);
    expect(svg).toContain('stroke-dasharray="8 6"');
  });

  it('continues numbering after a restart', async () => {
    const outDir = tempDir();
    const first = await makeRig({ outDir });
    const one = nextEvent<CompletedJob>((l) => first.simulator.onJobCompleted(l), 'first job');
    await first.host.write(TICKET);
    expect((await one).files?.index).toBe(1);

    const second = await makeRig({ outDir });
    const jobs: CompletedJob[] = [];
    second.simulator.onJobCompleted((job) => jobs.push(job));
    await second.host.write(TICKET);
    await second.host.write(TICKET);
    await second.simulator.whenIdle();
    expect(jobs.map((job) => job.files?.index)).toEqual([2, 3]);
    expect((await readdir(outDir)).sort()).toEqual(['1.bin', '1.svg', '1.txt', '2.bin', '2.svg', '2.txt', '3.bin', '3.svg', '3.txt']);
  });

  it('ends a job at ESC @ after printed content, not at a bare ESC @', async () => {
    const { simulator, host } = await makeRig();
    await host.write(new EscPosBuilder().initialise().initialise().line('第一').initialise().line('第二').cut().toBytes());
    await simulator.whenIdle();
    expect(simulator.jobs.map((job) => job.text)).toEqual(['第一\n', '第二\n[CUT]\n']);
  });

  it('renders everything receiptline emits for a ticket, without unknown commands', async () => {
    const { simulator, host } = await makeRig();
    const doc = '^^^综合受理\n^"A023"\n办事指南 | 窗口 3\n-\n{code:A023; option:code128,2,72,hri}\n请扫码 _u_ `i`\n';
    const escpos = transform(doc, { command: 'escpos', encoding: 'gb18030', cpl: 48 });
    await host.write(Uint8Array.from(escpos, (c) => c.charCodeAt(0)));
    await simulator.whenIdle();
    expect(simulator.received.filter((r) => r.command.kind === 'unknown')).toEqual([]);
    const [job] = simulator.jobs;
    expect(job?.text.split('\n')).toEqual([
      '                综合受理',
      '                    A023',
      '办事指南                                  窗口 3',
      '─'.repeat(48),
      expect.stringMatching(/^ +\[BARCODE CODE128: \{BA023\]$/),
      '                   请扫码 u i',
      '', // receiptline feeds one blank line before its closing cut
      '[CUT]',
      '',
    ]);
  });
});

describe('ReceiptPrinterSimulator replies', () => {
  it('answers DLE EOT n from its model', async () => {
    const { simulator, host } = await makeRig({ model: { paper: 'nearEnd' } });
    const replies = collectBytes((l) => host.onData(l));
    for (const n of [1, 2, 3, 4] as const) await host.write(realtimeStatusRequest(n));
    expect([...(await replies.untilLength(4))]).toEqual([0x12, 0x12, 0x12, 0x1e]);
    simulator.setModel({ paper: 'empty' });
    for (const n of [1, 2, 3, 4] as const) await host.write(realtimeStatusRequest(n));
    expect([...(await replies.untilLength(8)).subarray(4)]).toEqual([0x1a, 0x32, 0x12, 0x72]);
    replies.stop();
  });

  it('sends ASB when enabled and on every change', async () => {
    const { simulator, host } = await makeRig();
    const replies = collectBytes((l) => host.onData(l));
    await host.write(enableAsb(ASB_ALL_PRINTER_GROUPS));
    await replies.untilLength(4);
    simulator.setModel({ coverOpen: true });
    expect([...(await replies.untilLength(8))]).toEqual([0x10, 0, 0, 0, 0x38, 0, 0, 0]);
    replies.stop();
  });

  it('answers GS r only when the data before it was printed', async () => {
    const { simulator, host } = await makeRig({ model: { coverOpen: true } });
    const replies = collectBytes((l) => host.onData(l));
    await host.write(new EscPosBuilder().initialise().line('等待').raw(transmitPaperSensorStatus()).toBytes());
    await host.write(realtimeStatusRequest(2));
    // The real-time query overtakes the buffered one while the cover is open (§2.5).
    expect([...(await replies.untilLength(1))]).toEqual([0x16]);
    simulator.setModel({ coverOpen: false });
    expect([...(await replies.untilLength(2))]).toEqual([0x16, 0x00]);
    replies.stop();
  });

  it('runs out of paper mid-job, stops, and finishes the job after reload', async () => {
    const { simulator, host } = await makeRig();
    simulator.faults.paperOutAfterLines = 1;
    await host.write(TICKET);
    await simulator.whenIdle();
    expect(simulator.model.paper).toBe('empty');
    expect(simulator.jobs).toHaveLength(0);
    const done = nextEvent<CompletedJob>((l) => simulator.onJobCompleted(l), 'job after reload');
    simulator.setModel({ paper: 'ok' });
    expect((await done).text).toContain('[QR: ');
  });

  it('latches a cutter jam until DLE ENQ after the jam is cleared', async () => {
    const { simulator, host } = await makeRig();
    simulator.faults.jamOnCut = true;
    const done = nextEvent<CompletedJob>((l) => simulator.onJobCompleted(l), 'jammed job');
    await host.write(TICKET);
    expect((await done).text).toContain('[CUT JAMMED]');
    expect(simulator.condition.cutterError).toBe(true);
    simulator.faults.jamOnCut = false;
    simulator.setModel({ cutterJam: false });
    expect(simulator.condition.cutterError).toBe(true);
    await host.write(realtimeRecovery(1));
    await simulator.whenIdle();
    expect(simulator.condition.cutterError).toBe(false);
  });

  it('prefixes replies with garbage, delays them, or stays mute on request', async () => {
    const { simulator, host } = await makeRig();
    const replies = collectBytes((l) => host.onData(l));
    simulator.faults.garbageBeforeReply = Uint8Array.of(0xff, 0xee);
    simulator.faults.replyDelayMs = 5;
    await host.write(realtimeStatusRequest(1));
    expect([...(await replies.untilLength(3))]).toEqual([0xff, 0xee, 0x12]);
    simulator.faults.isMute = true;
    await host.write(realtimeStatusRequest(1));
    await simulator.whenIdle();
    expect(replies.bytes.length).toBe(3);
    replies.stop();
  });
});
