/**
 * Brings up the configured receipt printer (or its simulator) and narrows it to the
 * {@link ReceiptPrinterPort} the services use, translating the device's status into the
 * XFS-style {@link DeviceHealth} the screen and the technician see.
 */
import createDebug from 'debug';
import path from 'node:path';
import type { DeviceError } from '../../../hardware/device-error.js';
import type { PrinterStatus } from '../../../hardware/protocols/escpos/status.js';
import { type ReceiptPrinterBinding, createReceiptPrinter } from '../../../hardware/registry.js';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { DeviceHealth } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { ReceiptPrinterPort } from '../printing/printer-port.js';
import { trackHealth } from './health-tracker.js';

const debug = createDebug('kiosk:services:receipt-printer');

export const SIMULATED_PRINTER_FOLDER = 'printer';
const OPEN_RETRY_INITIAL_MS = 1_000;
const OPEN_RETRY_MAX_MS = 30_000;

type PrinterConfig = TerminalConfig['devices']['receiptPrinter'];

export function receiptPrinterBinding(config: PrinterConfig, dataDir: string): ReceiptPrinterBinding {
  const transport = config?.transport ?? { type: 'simulated', paper: 'ok', coverOpen: false, printDelayMs: 0 };
  return transport.type === 'simulated' ? { ...transport, outDir: path.join(dataDir, SIMULATED_PRINTER_FOLDER) } : transport;
}

/** Health from the last known status; `null` status means the printer never answered. */
export function printerHealth(status: PrinterStatus | undefined, isLinkUp: boolean, isSimulated: boolean): DeviceHealth {
  const health = (state: DeviceHealth['state'], condition: string | null, detail: string | null): DeviceHealth => ({
    kind: 'receiptPrinter',
    isSimulated,
    state,
    condition,
    detail,
  });
  if (!isLinkUp || status === undefined) return health('offline', 'offline', 'printer not connected or not answering');
  if (status.coverOpen) return health('error', 'coverOpen', 'cover open');
  if (status.paper === 'empty') return health('error', 'paperEmpty', 'out of paper');
  if (status.cutterError) return health('error', 'cutterJam', 'autocutter error: clear the jam, then reset');
  if (status.unrecoverableError) return health('error', 'unrecoverable', 'unrecoverable error: power cycle or service');
  if (!status.online) return health('error', 'offline', 'printer reports offline');
  if (status.paper === 'nearEnd') return health('online', 'paperNearEnd', 'paper near end: replace the roll soon');
  return health('online', null, null);
}

export async function createReceiptPrinterPort(config: PrinterConfig, options: { readonly dataDir: string }): Promise<ReceiptPrinterPort> {
  const registered = createReceiptPrinter(receiptPrinterBinding(config, options.dataDir));
  const { device } = registered;
  let isLinkUp = false;
  const tracker = trackHealth(
    () => printerHealth(device.status, isLinkUp, registered.isSimulated),
    (health) => debug('health: %s %s', health.state, health.condition ?? ''),
  );
  const publish = (): void => tracker.update();

  device.onStatusUpdate((update) => {
    isLinkUp = update.kind !== 'powerOff' && update.kind !== 'noReply';
    publish();
  });

  let isClosed = false;
  /** Opens, claims and enables; false when the port cannot be opened yet. */
  const bringUp = async (): Promise<boolean> => {
    const opened = await device.open();
    if (!opened.ok) {
      debug('cannot open the printer: %s', opened.error.message);
      return false;
    }
    device.claim();
    const enabled = await device.enable();
    isLinkUp = enabled.ok;
    if (!enabled.ok) debug('printer enabled but not answering: %s', enabled.error.message);
    return true;
  };
  if (!(await bringUp())) {
    // Not plugged in at start: keep trying with capped backoff. Tickets are still issued
    // meanwhile (shown on screen); once open, the device reconnects by itself after unplugs.
    void (async () => {
      for (let delayMs = OPEN_RETRY_INITIAL_MS; !isClosed; delayMs = Math.min(delayMs * 2, OPEN_RETRY_MAX_MS)) {
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
        if (!isClosed && (await bringUp())) {
          publish();
          return;
        }
      }
    })();
  }
  publish();

  return {
    async print(job, signal): Promise<Result<void, DeviceError>> {
      const result = await device.print(job, { signal });
      // The device's own status reflects the job's end (paper ran out, cover opened).
      isLinkUp = result.ok || result.error.code !== 'offline';
      publish();
      return result.ok ? ok(undefined) : err(result.error);
    },
    health: () => tracker.current(),
    onHealthChanged: (listener) => tracker.onChanged(listener),
    async close() {
      isClosed = true;
      await device.close();
      await registered.dispose();
    },
  };
}
