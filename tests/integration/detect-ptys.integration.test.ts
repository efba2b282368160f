/**
 * Auto-detect over the real serial stack (issue #8): three socat pty pairs, the ID-card
 * reader simulator behind one at 57600, the receipt printer simulator behind another at
 * 9600, nothing behind the third. Each simulator hears only at its own rate (baud-gate.ts),
 * as a UART would. Unhappy path of this file: the silent port, which must come back as
 * "nothing found" within the probe's deadline, without an error.
 */
import { afterEach, expect, it } from 'vitest';
import { detectDevices, type IdentifiedProposal } from '../../hardware/detect/detect-devices.js';
import { PROBE_BAUD_RATES, PROBE_REPLY_TIMEOUT_MS } from '../../hardware/detect/probe-serial.js';
import { IdCardReaderSimulator } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { ReceiptPrinterSimulator } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';
import { terminalConfigSchema } from '../../electron/services/config/terminal-config.js';
import { baudGated } from '../support/baud-gate.js';
import { startPtyPair, type PtyPair } from '../support/pty.js';

const READER_BAUD = 57_600;
const PRINTER_BAUD = 9_600;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ptyPair(): Promise<PtyPair> {
  const pair = await startPtyPair();
  cleanups.push(() => pair.stop());
  return pair;
}

/** Opens the simulator's end of `pair` at `baudRate`, gated to hear only at that rate. */
async function simulatorEnd(pair: PtyPair, baudRate: number): Promise<ReturnType<typeof baudGated>> {
  const transport = new SerialTransport({ path: pair.pathB, baudRate });
  await transport.open();
  cleanups.push(() => transport.close());
  return baudGated(transport, pair.pathA, baudRate);
}

it('finds the simulated ID-card reader and printer at their baud rates and nothing on an empty pty', async () => {
  const [readerPair, printerPair, emptyPair] = await Promise.all([ptyPair(), ptyPair(), ptyPair()]);
  const reader = new IdCardReaderSimulator();
  const readerEnd = await simulatorEnd(readerPair, READER_BAUD);
  const detachReader = reader.attach(readerEnd);
  cleanups.push(() => Promise.resolve(detachReader()));
  const printer = new ReceiptPrinterSimulator();
  const printerEnd = await simulatorEnd(printerPair, PRINTER_BAUD);
  const detachPrinter = printer.attach(printerEnd);
  cleanups.push(async () => {
    await printer.whenIdle();
    detachPrinter();
  });

  const report = await detectDevices({ ports: [readerPair.pathA, printerPair.pathA, emptyPair.pathA], isHidIncluded: false });

  expect(report.serial).toMatchObject({ source: 'named', listError: null, skipped: [] });
  const [readerProbe, printerProbe, emptyProbe] = report.serial.probes;
  expect(readerProbe).toMatchObject({ path: readerPair.pathA, found: { device: 'idCardReader', baudRate: READER_BAUD, evidence: 'SAM status 0x90 (operation OK)' } });
  expect(printerProbe).toMatchObject({
    path: printerPair.pathA,
    found: { device: 'receiptPrinter', baudRate: PRINTER_BAUD, evidence: 'DLE EOT 1 → 0x12 (online), DLE EOT 4 → 0x12 (paper ok)' },
  });
  // The empty port: every rate and query tried, nothing found, no error, within its deadline.
  expect(emptyProbe?.found).toBeNull();
  expect(emptyProbe?.error).toBeUndefined();
  expect(emptyProbe?.tried).toHaveLength(PROBE_BAUD_RATES.length * 3);
  expect(emptyProbe?.tried.every((attempt) => attempt.reply === 'silent')).toBe(true);
  expect(emptyProbe?.durationMs).toBeLessThan(PROBE_BAUD_RATES.length * 3 * PROBE_REPLY_TIMEOUT_MS + 3_000);

  // The wrong rates were really tried and went unheard.
  expect(readerProbe?.tried.filter((attempt) => attempt.baudRate !== READER_BAUD).every((attempt) => attempt.reply === 'silent')).toBe(true);
  expect(readerEnd.droppedChunks).toBeGreaterThan(0);

  // Exactly two proposals, and together they are a valid devices section.
  expect(report.proposals).toHaveLength(2);
  const [readerProposal, printerProposal] = report.proposals as IdentifiedProposal[];
  expect(readerProposal?.fragment).toEqual({ idCardReader: { transport: { type: 'serial', path: readerPair.pathA, baudRate: READER_BAUD } } });
  expect(printerProposal?.fragment).toEqual({ receiptPrinter: { transport: { type: 'serial', path: printerPair.pathA, baudRate: PRINTER_BAUD } } });
  const config = terminalConfigSchema.parse({ version: 1, devices: { ...readerProposal?.fragment, ...printerProposal?.fragment } });
  expect(config.devices.idCardReader?.transport).toEqual({ type: 'serial', path: readerPair.pathA, baudRate: READER_BAUD });
  expect(config.devices.receiptPrinter?.transport).toEqual({ type: 'serial', path: printerPair.pathA, baudRate: PRINTER_BAUD });

  // Harmless: the printer heard only status requests (nothing to print), the reader only
  // SAM status checks.
  await printer.whenIdle();
  expect(new Set(printer.received.map((entry) => entry.command.kind))).toEqual(new Set(['realtimeStatusRequest']));
  expect(printer.jobs).toEqual([]);
  expect(new Set(reader.received.map((entry) => entry.command))).toEqual(new Set(['samStatus']));
});
