/**
 * Brings up the configured barcode/QR scanner (or its simulator) and narrows it to the
 * {@link BarcodeScannerPort} the scan service uses. Opened and claimed at start, enabled only
 * while a screen waits for a code. A scanner configured as an OS keyboard (`keyboard`) has no
 * device here at all: the renderer's keyboard guard catches its bursts.
 */
import createDebug from 'debug';
import { type BarcodeScannerBinding, createBarcodeScanner } from '../../../hardware/registry.js';
import type { BarcodeScannerCondition } from '../../../hardware/devices/barcode-scanner/events.js';
import type { DeviceHealth } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { BarcodeScannerPort } from '../scan/barcode-scanner-port.js';
import { trackHealth } from './health-tracker.js';

const debug = createDebug('kiosk:services:barcode-scanner');

type ScannerConfig = TerminalConfig['devices']['barcodeScanner'];

export function scannerHealth(condition: BarcodeScannerCondition | 'keyboard', isSimulated: boolean, isOpen: boolean): DeviceHealth {
  const health = (state: DeviceHealth['state'], detail: string | null): DeviceHealth => ({
    kind: 'barcodeScanner',
    isSimulated,
    state,
    condition: condition === 'online' || condition === 'unknown' ? null : condition,
    detail,
  });
  if (condition === 'keyboard') return health('online', 'keyboard wedge: read by the screen, not opened here');
  if (!isOpen) return health('offline', 'the scanner port cannot be opened: check cable and config');
  return condition === 'powerOff' ? health('offline', 'scanner unplugged or port gone; reconnecting') : health('online', null);
}

/** A port for a scanner that types as an OS keyboard: nothing to open, always "online". */
function keyboardWedgePort(): BarcodeScannerPort {
  const health = scannerHealth('keyboard', false, true);
  return {
    enable: () => Promise.resolve(),
    disable: () => Promise.resolve(),
    onScan: () => () => undefined,
    onScanFailed: () => () => undefined,
    health: () => health,
    onHealthChanged: () => () => undefined,
    simulated: null,
    close: () => Promise.resolve(),
  };
}

export function scannerBinding(config: ScannerConfig): BarcodeScannerBinding | null {
  const transport = config?.transport ?? { type: 'simulated', mode: 'serial' };
  return transport.type === 'keyboard' ? null : transport;
}

export async function createBarcodeScannerPort(config: ScannerConfig): Promise<BarcodeScannerPort> {
  const binding = scannerBinding(config);
  if (binding === null) return keyboardWedgePort();
  const registered = createBarcodeScanner(binding);
  const { device, simulator } = registered;
  let isOpen = false;
  const tracker = trackHealth(
    () => scannerHealth(device.condition, registered.isSimulated, isOpen),
    (health) => debug('health: %s %s', health.state, health.condition ?? ''),
  );
  device.onStatusUpdate(() => tracker.update());
  const opened = await device.open();
  isOpen = opened.ok;
  if (opened.ok) device.claim();
  else debug('cannot open the scanner: %s', opened.error.message);
  tracker.update();

  return {
    async enable() {
      if (!isOpen) {
        const reopened = await device.open();
        isOpen = reopened.ok;
        if (reopened.ok) device.claim();
        tracker.update();
        if (!reopened.ok) return;
      }
      const enabled = await device.enable();
      if (!enabled.ok) debug('cannot enable the scanner: %s', enabled.error.message);
    },
    disable() {
      if (device.lifecycle === 'enabled') device.disable();
      return Promise.resolve();
    },
    onScan: (listener) => device.onScan((scan) => listener({ text: scan.text, isCharsetUncertain: scan.isCharsetUncertain })),
    onScanFailed: (listener) => device.onScanFailed((failed) => listener(failed.reason)),
    health: () => tracker.current(),
    onHealthChanged: (listener) => tracker.onChanged(listener),
    simulated: simulator === null ? null : { scan: (text) => simulator.scan(text) },
    async close() {
      await device.close();
      await registered.dispose();
    },
  };
}
