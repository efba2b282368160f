/**
 * A receipt printer over a real serial stack for integration tests: socat pty pair, the
 * device class on one end, the simulator on the other, job files in a temp folder.
 * `stop()` closes both transports, kills socat and removes the folder.
 */
import { ReceiptPrinter, type ReceiptPrinterOptions } from '../../hardware/devices/receipt-printer/receipt-printer.js';
import { startPtyRig } from './bring-up.js';
import type { PrinterStatusUpdate } from '../../hardware/devices/receipt-printer/events.js';
import {
  ReceiptPrinterSimulator,
  type CompletedJob,
  type ReceiptPrinterSimulatorOptions,
} from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import type { SerialTransport } from '../../hardware/transports/serial-transport.js';
import type { PtyPair } from './pty.js';
import { makeTempDir } from './temp-dir.js';
import { nextEvent } from './wait.js';

export interface PrinterRig {
  readonly pty: PtyPair;
  readonly printer: ReceiptPrinter;
  readonly simulator: ReceiptPrinterSimulator;
  /** The simulator's end of the link. */
  readonly simulatorTransport: SerialTransport;
  readonly outDir: string;
  /** Resolves with the next status update of `kind`. */
  nextUpdate<K extends PrinterStatusUpdate['kind']>(kind: K, timeoutMs?: number): Promise<Extract<PrinterStatusUpdate, { kind: K }>>;
  /** Resolves with the next job the simulator completes (files written). */
  nextJob(timeoutMs?: number): Promise<CompletedJob>;
  stop(): Promise<void>;
}

/** Starts socat, the simulator and an opened, claimed and enabled printer. */
export async function startPrinterRig(
  simulatorOptions: Omit<ReceiptPrinterSimulatorOptions, 'outDir'> = {},
  printerOptions: Partial<ReceiptPrinterOptions> = {},
): Promise<PrinterRig> {
  const dir = makeTempDir('kiosk-printer-jobs-');
  const { pty, device: printer, simulator, simulatorTransport, stop } = await startPtyRig({
    simulator: new ReceiptPrinterSimulator({ ...simulatorOptions, outDir: dir.path }),
    createDevice: (transport) => new ReceiptPrinter({ transport, ...printerOptions }),
    cleanup: () => dir.remove(),
  });
  return {
    pty,
    printer,
    simulator,
    simulatorTransport,
    outDir: dir.path,
    nextUpdate: (kind, timeoutMs) =>
      nextEvent(
        (listener) =>
          printer.onStatusUpdate((update) => {
            if (update.kind === kind) listener(update as Extract<PrinterStatusUpdate, { kind: typeof kind }>);
          }),
        `status update ${kind}`,
        timeoutMs,
      ),
    nextJob: (timeoutMs) => nextEvent<CompletedJob>((listener) => simulator.onJobCompleted(listener), 'a completed job', timeoutMs),
    stop,
  };
}
