import createDebug from 'debug';
import { createNodeHidBinding, HidUnavailableError } from './hid-binding.js';
import type { HidBinding, HidDeviceInfo, HidHandle, HidOpenTarget } from './hid-binding.js';
import { Listeners } from './listeners.js';
import { TransportError, errorMessage } from './transport-error.js';
import type { TransportErrorCode } from './transport-error.js';
import type { CloseReason, Transport } from './transport.js';

const debug = createDebug('kiosk:transport:hid');

/** Report size of most vendor HID devices (full-speed interrupt endpoint packet). */
export const DEFAULT_HID_REPORT_BYTES = 64;

/**
 * Which device a {@link HidTransport} opens. With `path`, that device node exactly (two
 * identical readers on one kiosk); the ids, if given too, only name it in messages.
 * Without, the first interface with the vendor/product id (and serial number).
 */
export type HidDeviceSelector =
  | { readonly path: string; readonly vendorId?: number; readonly productId?: number }
  | { readonly vendorId: number; readonly productId: number; readonly serialNumber?: string };

/** Options of {@link HidTransport}. */
export type HidTransportOptions = HidDeviceSelector & {
  /**
   * The report ID of the reports this transport sends and receives, 0–255. Default 0: the
   * device does not number its reports (one input and one output report), as the Miaxis
   * ID-card readers. With a non-zero ID only input reports with that ID are delivered.
   */
  readonly reportId?: number;
  /**
   * Bytes of one report, without the report-ID byte. Default
   * {@link DEFAULT_HID_REPORT_BYTES}. A device whose 64-byte reports start with a
   * report ID (HID POS scanners, protocols.md §3.2) has 63.
   */
  readonly reportSize?: number;
  /** Default: node-hid, loaded on first use. Tests pass a fake. */
  readonly binding?: HidBinding;
};

/** The result of {@link HidTransport.listHidDevices}: `reason` says why it may be empty. */
export interface HidDeviceListing {
  readonly devices: readonly HidDeviceInfo[];
  readonly reason?: string;
}

/** One open period of the device; a reopen opens a fresh handle. */
interface Session {
  readonly handle: HidHandle;
  /** Set once the session has ended for any reason, so it reports `onClose` only once. */
  isEnded: boolean;
  /** Writes are handed to node-hid one at a time, in call order; this is the last one. */
  tail: Promise<unknown>;
  /** Rejecters of queued and in-flight writes, so none hangs when the device goes away. */
  readonly pendingWrites: Set<(error: Error) => void>;
}

/**
 * A USB HID device at the report level, through node-hid's `HIDAsync` (style.md "Driver
 * pattern"). It moves reports, not a byte stream:
 *
 * - `write(bytes)` sends exactly one output report. `bytes` is its payload, at most
 *   `reportSize` bytes; a larger write is refused, because cutting a frame into reports is
 *   the envelope codec's job (it knows the vendor's per-report header and sequence
 *   numbers, e.g. miaxis-hid-envelope.ts). The payload is padded with zeros to the report
 *   size, because USB HID interrupt OUT transfers carry whole reports: firmware reads its
 *   fixed-size endpoint buffer and may ignore or misparse a short packet, and Windows
 *   refuses a write shorter than the report (`WriteFile` needs `OutputReportByteLength`).
 *   node-hid takes the report ID as the first byte of every write; this transport
 *   prepends it.
 * - `onData` delivers one input report per callback, without its report ID: hidraw (and
 *   hidapi elsewhere) leaves the ID in front of numbered reports only, and it is stripped
 *   here, so listeners see the same payload either way.
 * - An unplug ends node-hid's read loop with an `error` event (`could not read from HID
 *   device: …`); it is reported as `onClose({kind: 'disconnected'})`, and the device layer
 *   reconnects by calling `open()` again once the device is back.
 */
export class HidTransport implements Transport {
  readonly description: string;

  readonly #target: HidOpenTarget;
  /** `10c4:0007` or the path, for messages: `cannot open HID device 10c4:0007: …`. */
  readonly #name: string;
  readonly #reportId: number;
  readonly #reportSize: number;
  readonly #binding: HidBinding | undefined;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<CloseReason>();
  #session: Session | undefined;
  #opening: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  /** A lost session's handle still being closed; a reopen waits for it to let go. */
  #releasing: Promise<void> | undefined;

  /** Throws RangeError for ids, report ID or report size out of range (a configuration bug). */
  constructor(options: HidTransportOptions) {
    const reportId = options.reportId ?? 0;
    const reportSize = options.reportSize ?? DEFAULT_HID_REPORT_BYTES;
    if (!Number.isInteger(reportId) || reportId < 0 || reportId > 0xff) {
      throw new RangeError(`HID report ID must be 0–255, not ${reportId}`);
    }
    // hidraw and hidapi read at most 4096 bytes per report.
    if (!Number.isInteger(reportSize) || reportSize < 1 || reportSize > 4096) {
      throw new RangeError(`HID report size must be 1–4096 bytes, not ${reportSize}`);
    }
    if ('path' in options) {
      this.#target = { path: options.path };
      this.#name = options.path;
    } else {
      for (const id of [options.vendorId, options.productId]) {
        if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw new RangeError(`USB ids are 0–0xFFFF, not ${id}`);
      }
      this.#target =
        options.serialNumber === undefined
          ? { vendorId: options.vendorId, productId: options.productId }
          : { vendorId: options.vendorId, productId: options.productId, serialNumber: options.serialNumber };
      const ids = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
      this.#name = options.serialNumber === undefined ? ids : `${ids} (serial ${options.serialNumber})`;
    }
    this.#reportId = reportId;
    this.#reportSize = reportSize;
    this.#binding = options.binding;
    this.description = `hid:${this.#name}`;
  }

  get isOpen(): boolean {
    return this.#session !== undefined && !this.#session.isEnded;
  }

  /** Payload bytes of one report: the most one `write` takes. */
  get reportSize(): number {
    return this.#reportSize;
  }

  /**
   * Opens the device; resolves at once if already open, and concurrent calls share one
   * attempt. Rejects with a {@link TransportError}: `noHardware` (not found), `busy`
   * (held exclusively by another program) or `failure` (permission denied, node-hid
   * cannot load, other OS errors), in words like `cannot open HID device 10c4:0007: not
   * found`.
   */
  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.#opening ??= this.#openDevice().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openDevice(): Promise<void> {
    // The old handle still holding the device node could make the new open fail.
    await Promise.all([this.#closing, this.#releasing]);
    let handle: HidHandle;
    try {
      handle = await (this.#binding ?? sharedBinding()).open(this.#target);
    } catch (error) {
      throw describeOpenError(this.#name, error);
    }
    const session: Session = { handle, isEnded: false, tail: Promise.resolve(), pendingWrites: new Set() };
    // 'error' first: an EventEmitter 'error' without a listener throws.
    handle.on('error', (error: unknown) => this.#onReadError(session, error));
    // Subscribing to 'data' starts node-hid's read thread.
    handle.on('data', (report: Buffer) => this.#onReport(session, report));
    this.#session = session;
    debug('%s opened (report ID %d, %d-byte reports)', this.description, this.#reportId, this.#reportSize);
  }

  /** Closes the device and fires `onClose({kind: 'requested'})`; idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#closeDevice().finally(() => {
      this.#closing = undefined;
    });
    return this.#closing;
  }

  async #closeDevice(): Promise<void> {
    // Let an open() in progress finish, so the handle it opens does not leak.
    await this.#opening?.catch(() => undefined);
    const session = this.#session;
    if (session === undefined || session.isEnded) return;
    session.isEnded = true;
    await releaseHandle(session, new TransportError('closed', `${this.description} was closed`));
    this.#session = undefined;
    debug('%s closed', this.description);
    this.#closeListeners.emit({ kind: 'requested' });
  }

  /**
   * Sends one output report carrying `bytes` (copied; zero-padded to the report size).
   * Writes go to the device one at a time, in call order: node-hid runs each write on a
   * libuv worker thread, so concurrent writes handed to it could overtake each other.
   * Resolves once the OS has taken the report. An empty `bytes` sends nothing (an all-zero
   * report would be a command to some devices). Rejects with `closed` when not open,
   * `failure` when `bytes` exceeds one report or the OS refuses the write, and `offline`
   * when the device goes away first.
   */
  write(bytes: Uint8Array): Promise<void> {
    const session = this.#session;
    if (session === undefined || session.isEnded) {
      return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    }
    if (bytes.length > this.#reportSize) {
      return Promise.reject(
        new TransportError(
          'failure',
          `cannot write ${bytes.length} bytes to ${this.description}: a HID transport sends one report of at most ` +
            `${this.#reportSize} bytes per write; the envelope codec cuts frames into reports`,
        ),
      );
    }
    if (bytes.length === 0) return Promise.resolve();
    // Built now, so the caller may reuse its buffer as soon as write() returns.
    const report = Buffer.alloc(1 + this.#reportSize);
    report[0] = this.#reportId;
    report.set(bytes, 1);
    return new Promise((resolve, reject) => {
      let isSettled = false;
      const fail = (error: Error): void => {
        if (isSettled) return;
        isSettled = true;
        session.pendingWrites.delete(fail);
        reject(error);
      };
      session.pendingWrites.add(fail);
      session.tail = session.tail.then(async () => {
        if (isSettled) return; // failed while queued: the device is gone or closed
        try {
          await session.handle.write(report);
        } catch (error) {
          fail(describeWriteError(this.description, error));
          return;
        }
        if (isSettled) return;
        isSettled = true;
        session.pendingWrites.delete(fail);
        resolve();
      });
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.#closeListeners.add(listener);
  }

  /**
   * Lists the HID interfaces the OS knows about. Never throws: when node-hid cannot load
   * or enumeration fails it returns no devices and the reason in plain words, for the
   * technician CLI (`doctor hid`).
   */
  static async listHidDevices(binding?: HidBinding): Promise<HidDeviceListing> {
    try {
      // Inside the try: loading the native addon can fail too (wrong Electron ABI).
      return { devices: await (binding ?? sharedBinding()).list() };
    } catch (error) {
      debug('listing HID devices failed: %O', error);
      const reason =
        error instanceof HidUnavailableError
          ? `cannot list HID devices: ${error.message}`
          : `cannot list HID devices: ${errorMessage(error)}`;
      return { devices: [], reason };
    }
  }

  #onReport(session: Session, report: Buffer): void {
    if (session.isEnded || report.length === 0) return;
    let payload: Uint8Array = report;
    if (this.#reportId !== 0) {
      if (report[0] !== this.#reportId) {
        debug('%s dropped a report with ID %d', this.description, report[0]);
        return;
      }
      payload = report.subarray(1);
      if (payload.length === 0) return;
    }
    // node-hid copies every report into a fresh Buffer, so it is passed on without a copy.
    try {
      this.#dataListeners.emit(payload);
    } catch (error) {
      // node-hid catches exceptions thrown from 'data' listeners and re-emits them as
      // 'error', which would read as an unplug here. A throwing listener is a bug:
      // rethrow it outside node-hid's catch, where it is reported as uncaught.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  #onReadError(session: Session, error: unknown): void {
    if (session.isEnded) {
      debug('%s error after close: %s', this.description, errorMessage(error));
      return;
    }
    // The read loop fails only when the device node goes away (hidraw: POLLHUP/ENODEV
    // after an unplug; hidapi/libusb: LIBUSB_ERROR_NO_DEVICE), and node-hid stops reading
    // after it, so the link is gone either way.
    const detail = `the device went away (${errorMessage(error).replace(/^Error:?\s*/iu, '')})`;
    debug('%s lost: %s', this.description, detail);
    session.isEnded = true;
    if (this.#session === session) this.#session = undefined;
    const releasing = releaseHandle(session, new TransportError('offline', `${this.description} went away`));
    this.#releasing = releasing;
    void releasing.finally(() => {
      if (this.#releasing === releasing) this.#releasing = undefined;
    });
    this.#closeListeners.emit({ kind: 'disconnected', detail });
  }
}

let nodeHidBinding: HidBinding | undefined;

/** Made on first use; node-hid itself loads on the first open or list. */
function sharedBinding(): HidBinding {
  nodeHidBinding ??= createNodeHidBinding();
  return nodeHidBinding;
}

/** Rejects queued and in-flight writes, then closes the handle. Never throws. */
async function releaseHandle(session: Session, pendingError: Error): Promise<void> {
  for (const fail of [...session.pendingWrites]) fail(pendingError);
  try {
    await session.handle.close();
  } catch (error) {
    // Closing a handle whose device is gone may fail; the fd is released either way.
    debug('closing a HID handle failed: %s', errorMessage(error));
  }
}

function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}

/**
 * Turns node-hid open errors into plain words. hidapi gives text only, e.g. `cannot open
 * device with vendor id 0x10c4 and product id 0x7: No HID devices with requested VID/PID
 * found in the system.` (or `Device with requested VID/PID/(SerialNumber) not found` when
 * other HID devices exist), or `cannot open device with path /dev/hidraw3: Failed to open
 * a device with path '/dev/hidraw3': Permission denied`.
 */
function describeOpenError(name: string, error: unknown): TransportError {
  const native = errorMessage(error);
  const classified: { code: TransportErrorCode; words: string } =
    error instanceof HidUnavailableError
      ? { code: 'failure', words: native }
      : classifyOpenError(native);
  const message = `cannot open HID device ${name}: ${classified.words}`;
  debug('%s (%s)', message, native);
  return new TransportError(classified.code, message, { cause: error });
}

function classifyOpenError(native: string): { code: TransportErrorCode; words: string } {
  if (/not found|no hid devices|no such file|no such device/iu.test(native)) return { code: 'noHardware', words: 'not found' };
  if (/permission denied|operation not permitted|access is denied/iu.test(native)) {
    return {
      code: 'failure',
      words: 'permission denied (udev rule? the kiosk user needs read/write access to /dev/hidraw*)',
    };
  }
  if (/busy|exclusive|sharing violation/iu.test(native)) {
    return { code: 'busy', words: 'the device is in use by another program' };
  }
  if (/not a hidraw device/iu.test(native)) return { code: 'failure', words: 'this is not a HID device' };
  return { code: 'failure', words: native.replace(/^Error:?\s*/iu, '') };
}

/** Errors that mean the device is gone rather than a fault on a present device. */
const LOSS_PATTERN = /no such device|no such file|input\/output error|device not configured|disconnected|device has been closed/iu;

function describeWriteError(description: string, error: unknown): TransportError {
  const native = errorMessage(error);
  return LOSS_PATTERN.test(native)
    ? new TransportError('offline', `cannot write to ${description}: the device went away (${native})`, { cause: error })
    : new TransportError('failure', `cannot write to ${description}: ${native}`, { cause: error });
}
