/**
 * Bringing a device class up for a test, and the rigs that pair it with its simulator: over
 * an in-process memory pair (unit tests) or a socat pty pair (integration tests).
 */
import type { DeviceError } from '../../hardware/device-error.js';
import type { Result } from '../../hardware/result.js';
import { createMemoryPair, type MemoryPairOptions, type MemoryTransport } from '../../hardware/transports/memory-transport.js';
import { SerialTransport } from '../../hardware/transports/serial-transport.js';
import type { Transport } from '../../hardware/transports/transport.js';
import { startPtyPair, type PtyPair } from './pty.js';

/** The UnifiedPOS steps every device class shares. */
export interface LifecycleDevice {
  open(): Promise<Result<void, DeviceError>>;
  claim(): Result<void, DeviceError>;
  enable(): Promise<Result<unknown, DeviceError>>;
}

/** open → claim → enable for a test rig; throws with the device's own words on failure. */
export async function bringUp(device: LifecycleDevice): Promise<void> {
  const opened = await device.open();
  if (!opened.ok) throw new Error(opened.error.message);
  device.claim();
  const enabled = await device.enable();
  if (!enabled.ok) throw new Error(enabled.error.message);
}

/** The simulator side of a rig: attaches to the device end of a link, drains, detaches. */
export interface RigSimulator {
  attach(transport: Transport): () => void;
  detach(): void;
  whenIdle(): Promise<void>;
}

/**
 * Tears a rig down in the order that loses nothing: the device class first (it stops
 * polling and reconnecting), then the simulator finishes what it is sending, detaches,
 * and its end of the link closes.
 */
export async function tearDown(device: { close(): Promise<void> }, simulator: RigSimulator, simulatorEnd: Transport): Promise<void> {
  await device.close();
  await simulator.whenIdle();
  simulator.detach();
  await simulatorEnd.close();
}

/** A simulator attached to the device end of an in-process memory pair. */
export async function attachOverMemory(
  simulator: RigSimulator,
  deviceName: string,
  pairOptions: MemoryPairOptions = {},
): Promise<{ readonly host: MemoryTransport; readonly device: MemoryTransport }> {
  const [host, device] = createMemoryPair({ names: ['memory:host', deviceName], ...pairOptions });
  await device.open();
  simulator.attach(device);
  return { host, device };
}

export interface PtyRig<D, S> {
  readonly pty: PtyPair;
  readonly device: D;
  readonly simulator: S;
  /** The simulator's end of the link. */
  readonly simulatorTransport: SerialTransport;
  readonly stop: () => Promise<void>;
}

export interface PtyRigOptions<D, S> {
  readonly simulator: S;
  /** Builds the device class on the host end; subscribe to its events here, before it opens. */
  readonly createDevice: (transport: SerialTransport) => D;
  /** Both ends; default the transport's. */
  readonly baudRate?: number;
  /** Runs last in `stop()` (e.g. removes a temp folder). */
  readonly cleanup?: () => void;
}

/**
 * Starts socat, the simulator on one pty and an opened, claimed and enabled device class on
 * the other. On failure everything started is stopped again before the error is rethrown.
 */
export async function startPtyRig<D extends LifecycleDevice & { close(): Promise<void> }, S extends RigSimulator>(
  options: PtyRigOptions<D, S>,
): Promise<PtyRig<D, S>> {
  const pty = await startPtyPair();
  const serial = (path: string): SerialTransport =>
    new SerialTransport(options.baudRate === undefined ? { path } : { path, baudRate: options.baudRate });
  const simulatorTransport = serial(pty.pathB);
  const { simulator } = options;
  const device = options.createDevice(serial(pty.pathA));
  const stop = async (): Promise<void> => {
    await tearDown(device, simulator, simulatorTransport);
    await pty.stop();
    options.cleanup?.();
  };
  try {
    await simulatorTransport.open();
    simulator.attach(simulatorTransport);
    await bringUp(device);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pty, device, simulator, simulatorTransport, stop };
}
