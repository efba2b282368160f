/**
 * Prints a job on a receipt-printer simulator over a memory pair and returns what the
 * simulator decoded (text with [QR]/[CUT] marks, preview files). `cleanUp()` in afterEach.
 */
import { type CompletedJob, ReceiptPrinterSimulator } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import { makeTempDir } from './temp-dir.js';
import { nextEvent } from './wait.js';

const cleanups: (() => Promise<void>)[] = [];

export async function printOnSimulator(job: Uint8Array): Promise<CompletedJob> {
  const dir = makeTempDir('kiosk-print-');
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

/** Closes every simulator rig made since the last call. */
export async function cleanUpSimulators(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}
