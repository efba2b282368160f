import { afterEach, expect, it } from 'vitest';
import { BarcodeScanner } from '../../hardware/devices/barcode-scanner/barcode-scanner.js';
import type { BarcodeScannerStatusUpdate, ScannedCode } from '../../hardware/devices/barcode-scanner/events.js';
import { BarcodeScannerSimulator } from '../../hardware/simulators/barcode-scanner/barcode-scanner-simulator.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';
import { bringUp } from '../support/bring-up.js';
import { startPtyPair, type PtyPair } from '../support/pty.js';
import { nextEvent } from '../support/wait.js';

interface Rig {
  readonly pty: PtyPair;
  readonly scanner: BarcodeScanner;
  readonly simulator: BarcodeScannerSimulator;
  readonly simulatorTransport: SerialTransport;
  readonly scans: ScannedCode[];
}

let rig: Rig | undefined;

afterEach(async () => {
  if (rig !== undefined) {
    await rig.scanner.close();
    await rig.simulator.whenIdle();
    await rig.simulatorTransport.close();
    await rig.pty.stop();
  }
  rig = undefined;
});

/** socat pty pair: the scanner (serial mode, AIM prefix) on A, the simulator on B. */
async function startRig(): Promise<Rig> {
  const pty = await startPtyPair();
  const simulatorTransport = new SerialTransport({ path: pty.pathB });
  const transport = new SerialTransport({ path: pty.pathA });
  const simulator = new BarcodeScannerSimulator({ mode: 'serial', suffix: 'crlf', aimId: ']Q1', chunking: 'random', seed: 42 });
  const scanner = new BarcodeScanner({ transport, mode: 'serial', serial: { hasAimPrefix: true }, reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1_000 });
  const scans: ScannedCode[] = [];
  scanner.onScan((scan) => scans.push(scan));
  await simulatorTransport.open();
  simulator.attach(simulatorTransport);
  await bringUp(scanner);
  return { pty, scanner, simulator, simulatorTransport, scans };
}

const nextScan = (scanner: BarcodeScanner, timeoutMs?: number): Promise<ScannedCode> =>
  nextEvent<ScannedCode>((listener) => scanner.onScan(listener), 'a scan', timeoutMs);

function nextUpdate(scanner: BarcodeScanner, kind: BarcodeScannerStatusUpdate['kind'], timeoutMs?: number): Promise<BarcodeScannerStatusUpdate> {
  return nextEvent<BarcodeScannerStatusUpdate>(
    (listener) => scanner.onStatusUpdate((update) => update.kind === kind && listener(update)),
    `status update ${kind}`,
    timeoutMs,
  );
}

it('reads UTF-8 and suffix-less codes over a pty, survives an unplug mid-scan and reads again', async () => {
  rig = await startRig();
  const { pty, scanner, simulator, simulatorTransport } = rig;

  const first = nextScan(scanner);
  await simulator.scan('https://zwfw.example.gov.cn/bj?no=2024-0001&name=张三');
  expect(await first).toMatchObject({ text: 'https://zwfw.example.gov.cn/bj?no=2024-0001&name=张三', aimId: ']Q1', symbology: 'qr', charset: 'utf-8', source: 'serial' });

  // No suffix: the scanner frames on its 80 ms idle gap.
  simulator.faults.dropSuffix = true;
  const second = nextScan(scanner);
  await simulator.scan('6901234567892');
  expect((await second).text).toBe('6901234567892');
  simulator.faults.dropSuffix = false;

  // Unplug: half a symbol reaches the kiosk, then the pty hangs up.
  const powerOff = nextUpdate(scanner, 'powerOff');
  const simulatorClosed = new Promise<void>((resolve) => simulatorTransport.onClose(() => resolve()));
  const halfSent = simulatorTransport.write(new TextEncoder().encode(']Q1half-a-co'));
  await halfSent;
  await pty.kill();
  await powerOff;
  await simulatorClosed;
  expect(scanner.condition).toBe('powerOff');

  const powerOn = nextUpdate(scanner, 'powerOn', 15_000);
  await pty.restart();
  await simulatorTransport.open();
  await powerOn;
  expect(scanner.condition).toBe('online');

  const third = nextScan(scanner);
  await simulator.scan('联通 办件回执');
  expect(await third).toMatchObject({ text: '联通 办件回执', charset: 'utf-8' });
  expect(rig.scans.map((scan) => scan.text)).toEqual(['https://zwfw.example.gov.cn/bj?no=2024-0001&name=张三', '6901234567892', '联通 办件回执']);
});
