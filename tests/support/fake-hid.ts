/**
 * A working fake of node-hid for tests (style.md: "a mock that is a working
 * implementation"): {@link FakeHidBinding} opens and lists {@link FakeHidDevice}s, whose
 * other end a test or a simulator drives, directly or through {@link FakeHidDeviceEnd}
 * (the device side as a `Transport`).
 *
 * It keeps the rules of the real stack that the transport depends on:
 * - writes are whole output reports, report ID first: a write of any other length, or
 *   with another report ID, fails as Windows' `WriteFile` would;
 * - the device receives output reports without the ID byte when reports are unnumbered
 *   (ID 0), with it otherwise, and the host reads input reports the same way (hidraw);
 * - input reports are always the full report size (the device pads them);
 * - reading starts when a `data` listener is added (node-hid's read thread); reports
 *   arriving before that wait in a per-handle buffer of 64 (hidraw's `HIDRAW_BUFFER_SIZE`,
 *   oldest dropped);
 * - unplug ends every open handle's read loop with node-hid's `error` event (a string);
 *   writes and opens fail until the device is plugged in again.
 * Everything is delivered in microtasks, never inside the call that caused it, so it works
 * under `vi.useFakeTimers()` as the memory transport does.
 */
import { EventEmitter } from 'node:events';
import type { HidBinding, HidDeviceInfo, HidHandle, HidOpenTarget } from '../../hardware/transports/hid-binding.js';
import { Listeners } from '../../hardware/transports/listeners.js';
import { TransportError } from '../../hardware/transports/transport-error.js';
import type { CloseReason, Transport } from '../../hardware/transports/transport.js';

/** Input reports an unread handle keeps (Linux hidraw `HIDRAW_BUFFER_SIZE`). */
export const FAKE_HID_BUFFERED_REPORTS = 64;

/** node-hid's read-loop error after an unplug on Linux hidraw. */
export const FAKE_HID_UNPLUG_ERROR = 'could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)';

/** What a {@link FakeHidDevice} is. */
export interface FakeHidDeviceOptions {
  readonly vendorId: number;
  readonly productId: number;
  /** Default `/dev/hidraw-fakeN`. */
  readonly path?: string;
  readonly product?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly usagePage?: number;
  readonly usage?: number;
  /** 0 (default): unnumbered reports. Otherwise the ID of its input and output reports. */
  readonly reportId?: number;
  /** Report bytes without the ID byte. Default 64. */
  readonly reportSize?: number;
}

/** A HID device: the host side opens it through the binding; the test drives the rest. */
export class FakeHidDevice {
  readonly info: HidDeviceInfo;
  readonly reportId: number;
  readonly reportSize: number;
  /** When `true`, opening fails as hidraw does without a udev rule. */
  isAccessDenied = false;
  readonly #handles = new Set<FakeHidHandle>();
  readonly #outputListeners = new Listeners<Uint8Array>();
  readonly #unplugListeners = new Listeners<string>();
  #isPlugged = true;

  constructor(options: FakeHidDeviceOptions & { readonly path: string }) {
    this.info = {
      vendorId: options.vendorId,
      productId: options.productId,
      path: options.path,
      ...(options.product === undefined ? {} : { product: options.product }),
      ...(options.manufacturer === undefined ? {} : { manufacturer: options.manufacturer }),
      ...(options.serialNumber === undefined ? {} : { serialNumber: options.serialNumber }),
      ...(options.usagePage === undefined ? {} : { usagePage: options.usagePage }),
      ...(options.usage === undefined ? {} : { usage: options.usage }),
    };
    this.reportId = options.reportId ?? 0;
    this.reportSize = options.reportSize ?? 64;
  }

  get isPlugged(): boolean {
    return this.#isPlugged;
  }

  /** Handles the host has open and not closed. */
  get openHandles(): number {
    return this.#handles.size;
  }

  /**
   * Sends one input report to every open handle, padded with zeros to the report size.
   * Throws when unplugged or when `payload` exceeds one report (a test bug).
   */
  sendReport(payload: Uint8Array): void {
    if (!this.#isPlugged) throw new Error(`${this.info.path ?? 'fake HID device'} is unplugged`);
    if (payload.length > this.reportSize) throw new RangeError(`${payload.length} bytes do not fit a ${this.reportSize}-byte report`);
    const numbered = this.reportId === 0 ? 0 : 1;
    const report = Buffer.alloc(numbered + this.reportSize);
    if (numbered === 1) report[0] = this.reportId;
    report.set(payload, numbered);
    for (const handle of this.#handles) handle.deliver(report);
  }

  /** Output reports as the device's firmware receives them (one call per report). */
  onOutputReport(listener: (report: Uint8Array) => void): () => void {
    return this.#outputListeners.add(listener);
  }

  /** The cable was pulled; `detail` is this side's description. */
  onUnplug(listener: (detail: string) => void): () => void {
    return this.#unplugListeners.add(listener);
  }

  /** Pulls the cable: open handles fail their read loop; opens and writes fail until {@link plug}. */
  unplug(detail = 'cable pulled'): void {
    if (!this.#isPlugged) return;
    this.#isPlugged = false;
    for (const handle of [...this.#handles]) handle.lose();
    this.#handles.clear();
    this.#unplugListeners.emit(detail);
  }

  plug(): void {
    this.#isPlugged = true;
  }

  /** @internal Called by {@link FakeHidBinding.open}. */
  open(): FakeHidHandle {
    const handle = new FakeHidHandle(this, (closed) => this.#handles.delete(closed));
    this.#handles.add(handle);
    return handle;
  }

  /** @internal A whole output report from a handle, ID byte first. */
  receive(data: Buffer): void {
    this.#outputListeners.emit(this.reportId === 0 ? data.subarray(1) : data);
  }
}

/** node-hid's `HIDAsync` over a {@link FakeHidDevice}. */
class FakeHidHandle extends EventEmitter implements HidHandle {
  readonly #device: FakeHidDevice;
  readonly #forget: (handle: FakeHidHandle) => void;
  readonly #buffered: Buffer[] = [];
  #isClosed = false;
  #isLost = false;

  constructor(device: FakeHidDevice, forget: (handle: FakeHidHandle) => void) {
    super();
    this.#device = device;
    this.#forget = forget;
    // As node-hid: adding the first 'data' listener starts the read loop.
    this.on('newListener', (event) => {
      if (event === 'data') queueMicrotask(() => this.#drain());
    });
  }

  write(data: Buffer): Promise<number> {
    if (this.#isClosed) return Promise.reject(new TypeError('device has been closed'));
    if (this.#isLost) return Promise.reject(new Error('Cannot write to hid device: No such device'));
    const expected = 1 + this.#device.reportSize;
    if (data.length !== expected || data[0] !== this.#device.reportId) {
      // What Windows says for a write that is not one whole report (hidraw would send it).
      return Promise.reject(new Error('Cannot write to hid device: The parameter is incorrect.'));
    }
    // The firmware sees the bytes as they were when written.
    const copy = Buffer.from(data);
    return new Promise((resolve, reject) => {
      queueMicrotask(() => {
        if (this.#isLost) {
          reject(new Error('Cannot write to hid device: No such device'));
          return;
        }
        this.#device.receive(copy);
        resolve(copy.length);
      });
    });
  }

  close(): Promise<void> {
    this.#isClosed = true;
    this.#forget(this);
    this.#buffered.length = 0;
    this.removeAllListeners();
    return Promise.resolve();
  }

  /** @internal An input report from the device. */
  deliver(report: Buffer): void {
    queueMicrotask(() => {
      if (this.#isClosed || this.#isLost) return;
      if (this.listenerCount('data') > 0) {
        this.emit('data', Buffer.from(report));
        return;
      }
      this.#buffered.push(Buffer.from(report));
      if (this.#buffered.length > FAKE_HID_BUFFERED_REPORTS) this.#buffered.shift();
    });
  }

  /** @internal The device went away: the read loop fails once, as node-hid's does. */
  lose(): void {
    this.#isLost = true;
    this.#buffered.length = 0;
    queueMicrotask(() => {
      if (!this.#isClosed) this.emit('error', FAKE_HID_UNPLUG_ERROR);
    });
  }

  #drain(): void {
    while (this.#buffered.length > 0 && this.listenerCount('data') > 0 && !this.#isClosed) {
      const report = this.#buffered.shift();
      if (report !== undefined) this.emit('data', report);
    }
  }
}

/** node-hid over fake devices: `open` by path or ids, and `list`, with node-hid's error texts. */
export class FakeHidBinding implements HidBinding {
  readonly devices: FakeHidDevice[] = [];
  /** Every target opened, in order (successful or not). */
  readonly opened: HidOpenTarget[] = [];

  /** Plugs in a new device; returns it. */
  addDevice(options: FakeHidDeviceOptions): FakeHidDevice {
    const device = new FakeHidDevice({ ...options, path: options.path ?? `/dev/hidraw-fake${this.devices.length}` });
    this.devices.push(device);
    return device;
  }

  open(target: HidOpenTarget): Promise<HidHandle> {
    this.opened.push(target);
    return new Promise((resolve, reject) => {
      queueMicrotask(() => {
        const found = this.devices.find((device) => device.isPlugged && matches(device, target));
        if (found === undefined) {
          reject(new Error(notFoundMessage(target)));
          return;
        }
        if (found.isAccessDenied) {
          const path = found.info.path ?? '';
          reject(new Error(`${openedWith(target)}: Failed to open a device with path '${path}': Permission denied`));
          return;
        }
        resolve(found.open());
      });
    });
  }

  list(): Promise<HidDeviceInfo[]> {
    return Promise.resolve(this.devices.filter((device) => device.isPlugged).map((device) => device.info));
  }
}

function matches(device: FakeHidDevice, target: HidOpenTarget): boolean {
  if ('path' in target) return device.info.path === target.path;
  return (
    device.info.vendorId === target.vendorId &&
    device.info.productId === target.productId &&
    (target.serialNumber === undefined || device.info.serialNumber === target.serialNumber)
  );
}

function openedWith(target: HidOpenTarget): string {
  return 'path' in target
    ? `cannot open device with path ${target.path}`
    : `cannot open device with vendor id 0x${target.vendorId.toString(16)} and product id 0x${target.productId.toString(16)}`;
}

function notFoundMessage(target: HidOpenTarget): string {
  return 'path' in target
    ? `${openedWith(target)}: Failed to open a device with path '${target.path}': No such file or directory`
    : `${openedWith(target)}: Device with requested VID/PID/(SerialNumber) not found`;
}

/**
 * The device side of a {@link FakeHidDevice} as a `Transport`, for simulators and the
 * contract suite: `write` sends one input report (at most the report size, zero-padded),
 * `onData` delivers the payload of each output report the host wrote, and an unplug closes it with
 * `{kind: 'disconnected'}` (a USB device loses power with its cable). Open it again after
 * {@link FakeHidDevice.plug}.
 */
export class FakeHidDeviceEnd implements Transport {
  readonly description: string;
  readonly #device: FakeHidDevice;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<CloseReason>();
  #isOpen = false;

  constructor(device: FakeHidDevice) {
    this.#device = device;
    this.description = `fake HID device ${device.info.path ?? ''}`;
    device.onOutputReport((report) => {
      // The payload, as write() takes it: without the ID byte of a numbered report.
      if (this.#isOpen) this.#dataListeners.emit(device.reportId === 0 ? report : report.subarray(1));
    });
    device.onUnplug((detail) => {
      if (!this.#isOpen) return;
      this.#isOpen = false;
      this.#closeListeners.emit({ kind: 'disconnected', detail });
    });
  }

  get isOpen(): boolean {
    return this.#isOpen;
  }

  open(): Promise<void> {
    if (!this.#device.isPlugged) {
      return Promise.reject(new TransportError('noHardware', `cannot open ${this.description}: unplugged`));
    }
    this.#isOpen = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#isOpen) {
      this.#isOpen = false;
      this.#closeListeners.emit({ kind: 'requested' });
    }
    return Promise.resolve();
  }

  /** Sends `bytes` as one input report; resolves once the host side has it queued. */
  write(bytes: Uint8Array): Promise<void> {
    if (!this.#isOpen) return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    if (bytes.length > this.#device.reportSize) {
      return Promise.reject(new TransportError('failure', `${bytes.length} bytes do not fit one ${this.#device.reportSize}-byte report`));
    }
    this.#device.sendReport(bytes);
    return new Promise((resolve) => queueMicrotask(resolve));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.#closeListeners.add(listener);
  }
}
