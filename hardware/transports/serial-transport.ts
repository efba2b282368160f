import { SerialPortStream } from '@serialport/stream';
import createDebug from 'debug';
import { Listeners } from './listeners.js';
import { createSerialBinding } from './serial-binding.js';
import type { SerialBinding, SerialPortEntry } from './serial-binding.js';
import { TransportError, errorMessage, osErrorCode } from './transport-error.js';
import type { TransportErrorCode } from './transport-error.js';
import type { CloseReason, Transport } from './transport.js';

const debug = createDebug('kiosk:transport:serial');

/**
 * Baud rate used when none is configured; what most current kiosk peripherals default to.
 */
export const DEFAULT_SERIAL_BAUD_RATE = 115_200;

/**
 * Line settings for {@link SerialTransport}. Defaults give 115200 8N1 without flow
 * control.
 */
export interface SerialTransportOptions {
  /** Device path, e.g. `/dev/ttyUSB0`, `/dev/serial/by-id/…`, `COM3`. */
  readonly path: string;
  /** Bits per second. Default {@link DEFAULT_SERIAL_BAUD_RATE}. */
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly stopBits?: 1 | 1.5 | 2;
  /** Mark and space parity are left out: bindings-cpp supports them on Windows only. */
  readonly parity?: 'none' | 'even' | 'odd';
  /** RTS/CTS hardware flow control. Default `false`. */
  readonly rtscts?: boolean;
  /**
   * XON/XOFF software flow control in both directions. Default `false`. Leave it off for
   * binary protocols: 0x11 and 0x13 would be swallowed as flow-control characters.
   */
  readonly xon?: boolean;
  /**
   * The serialport binding. Default: the platform binding with the hang-up fix from
   * `serial-binding.ts`. Tests of modem lines or enumeration may pass
   * `@serialport/binding-mock`.
   */
  readonly binding?: SerialBinding;
}

/**
 * One entry of {@link SerialTransport.listPorts}. Fields the OS does not report are
 * absent.
 */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  /** USB vendor id, 4 hex digits, lower case, e.g. `0403`. */
  readonly vendorId?: string;
  /** USB product id, 4 hex digits, lower case, e.g. `6001`. */
  readonly productId?: string;
  readonly pnpId?: string;
  readonly locationId?: string;
}

/**
 * The result of {@link SerialTransport.listPorts}: `reason` says why the list may be
 * empty.
 */
export interface SerialPortListing {
  readonly ports: readonly SerialPortInfo[];
  readonly reason?: string;
}

/**
 * One open period of the port; a reopen makes a fresh stream, never reuses the old one.
 */
interface Session {
  readonly port: SerialPortStream;
  /** Set once the session has ended for any reason, so it reports `onClose` only once. */
  isEnded: boolean;
  /** Rejecters of writes in flight, so none hangs when the port goes away under them. */
  readonly pendingWrites: Set<(error: Error) => void>;
}

/**
 * A serial port (USB-serial adapter, on-board UART, CDC-ACM device) through `serialport`.
 *
 * Every `open()` builds a new `SerialPortStream`: after a disconnect or a failed write
 * the old stream is destroyed by Node's stream machinery and cannot be reopened. Unplug
 * is reported as `onClose({kind: 'disconnected'})`; the device layer reconnects by
 * calling `open()` again once the path is back.
 */
export class SerialTransport implements Transport {
  readonly description: string;

  readonly #options: SerialTransportOptions;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<CloseReason>();
  #session: Session | undefined;
  #opening: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  /** A lost session's port still being closed; a reopen waits for it to free the lock. */
  #releasing: Promise<void> | undefined;

  constructor(options: SerialTransportOptions) {
    this.#options = options;
    this.description = `${options.path}@${options.baudRate ?? DEFAULT_SERIAL_BAUD_RATE}`;
  }

  get isOpen(): boolean {
    return this.#session !== undefined && !this.#session.isEnded;
  }

  /**
   * Opens the port; resolves at once if already open, and concurrent calls share one
   * attempt. Rejects with a {@link TransportError}: `noHardware` (no such port), `busy`
   * (locked by another program) or `failure` (permission denied, not a serial port, bad
   * settings).
   */
  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.#opening ??= this.#openPort().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openPort(): Promise<void> {
    // A previous port still releasing its fd would make this open fail on the port lock.
    await Promise.all([this.#closing, this.#releasing]);
    const { path, baudRate = DEFAULT_SERIAL_BAUD_RATE } = this.#options;
    const port = new SerialPortStream({
      binding: this.#options.binding ?? sharedBinding(),
      path,
      baudRate,
      dataBits: this.#options.dataBits ?? 8,
      stopBits: this.#options.stopBits ?? 1,
      parity: this.#options.parity ?? 'none',
      rtscts: this.#options.rtscts ?? false,
      xon: this.#options.xon ?? false,
      xoff: this.#options.xon ?? false,
      autoOpen: false,
    });
    const session: Session = { port, isEnded: false, pendingWrites: new Set() };
    // Listen before opening: an 'error' without a listener would crash the process.
    port.on('error', (error: Error) => this.#onPortError(session, error));
    port.on('close', (error: unknown) => this.#onPortClose(session, error));
    port.on('data', (chunk: Buffer) => {
      // The chunk is a slice of serialport's read pool, which never reuses bytes already
      // handed out, so it can be passed on without a copy.
      if (!session.isEnded) this.#dataListeners.emit(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (error === null) resolve();
        else reject(describeOpenError(path, error));
      });
    });
    debug('%s opened', this.description);
    this.#session = session;
  }

  /** Closes the port and fires `onClose({kind: 'requested'})`; idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#closePort().finally(() => {
      this.#closing = undefined;
    });
    return this.#closing;
  }

  async #closePort(): Promise<void> {
    // Let an open() in progress finish, so the port it opens does not leak.
    await this.#opening?.catch(() => undefined);
    const session = this.#session;
    if (session === undefined || session.isEnded) return;
    session.isEnded = true;
    const notOpen = new TransportError('closed', `${this.description} was closed`);
    await releasePort(session, notOpen);
    this.#session = undefined;
    debug('%s closed', this.description);
    this.#closeListeners.emit({ kind: 'requested' });
  }

  /**
   * Writes `bytes` and resolves once the OS has transmitted them (`tcdrain`), so a
   * caller's reply timeout starts when the command has left the port. Rejects with
   * `closed` when the port is not open and `offline` when it goes away during the write.
   */
  write(bytes: Uint8Array): Promise<void> {
    const session = this.#session;
    if (session === undefined || session.isEnded) {
      return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    }
    // Copied because the stream may hold the buffer after we return.
    const data = Buffer.from(bytes);
    return new Promise((resolve, reject) => {
      let isSettled = false;
      const fail = (error: Error): void => {
        if (isSettled) return;
        isSettled = true;
        session.pendingWrites.delete(fail);
        reject(error);
      };
      session.pendingWrites.add(fail);
      const { port } = session;
      port.write(data, (writeError) => {
        if (writeError !== null && writeError !== undefined) {
          fail(describeIoError(this.description, 'write to', writeError));
          return;
        }
        port.drain((drainError) => {
          if (drainError !== null) {
            fail(describeIoError(this.description, 'write to', drainError));
            return;
          }
          if (isSettled) return;
          isSettled = true;
          session.pendingWrites.delete(fail);
          resolve();
        });
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
   * Lists serial ports the OS knows about (through udev on Linux). Never throws: when the
   * list cannot be read (no `udevadm` in a container, no udev database) it returns no
   * ports and the reason in plain words, so the technician CLI can show it.
   */
  static async listPorts(binding?: SerialBinding): Promise<SerialPortListing> {
    try {
      // Inside the try: loading the native addon can fail too (wrong Electron ABI).
      const found = await (binding ?? sharedBinding()).list();
      return { ports: found.map(toPortInfo) };
    } catch (error) {
      debug('listing ports failed: %O', error);
      const reason =
        osErrorCode(error) === 'ENOENT'
          ? 'cannot list serial ports: udevadm is missing (install udev, or name the port path in the configuration)'
          : `cannot list serial ports: ${errorMessage(error)}`;
      return { ports: [], reason };
    }
  }

  #onPortError(session: Session, error: Error): void {
    if (session.isEnded) {
      // Expected after we closed or lost the port: in-flight writes fail as they are
      // cancelled.
      debug('%s error after close: %s', this.description, error.message);
      return;
    }
    debug('%s error: %O', this.description, error);
    this.#lose(session, reasonFromError(error));
  }

  #onPortClose(session: Session, error: unknown): void {
    if (session.isEnded) return;
    // A 'close' we did not ask for. serialport passes a DisconnectedError (`disconnected:
    // true`) when a read or write failed; Node's stream machinery also emits a bare
    // 'close' when it destroys the stream after a failed write, which normally follows an
    // 'error' that already ended the session.
    const detail = error instanceof Error ? error.message : 'the port closed unexpectedly';
    debug('%s closed by the OS: %s', this.description, detail);
    this.#lose(session, { kind: 'disconnected', detail: describeLoss(detail) });
  }

  #lose(session: Session, reason: CloseReason): void {
    session.isEnded = true;
    if (this.#session === session) this.#session = undefined;
    const lost = new TransportError('offline', `${this.description} went away`);
    const releasing = releasePort(session, lost);
    this.#releasing = releasing;
    void releasing.finally(() => {
      if (this.#releasing === releasing) this.#releasing = undefined;
    });
    this.#closeListeners.emit(reason);
  }
}

let platformBinding: SerialBinding | undefined;

/** Loaded on first use, so importing this module does not load the native addon. */
function sharedBinding(): SerialBinding {
  platformBinding ??= createSerialBinding();
  return platformBinding;
}

/**
 * Rejects writes in flight and resolves once the fd is closed: closes it if still open,
 * or waits for the close serialport itself started after a failed read or write. Never
 * throws.
 */
function releasePort(session: Session, pendingError: Error): Promise<void> {
  for (const fail of [...session.pendingWrites]) fail(pendingError);
  const { port } = session;
  return new Promise((resolve) => {
    if (port.isOpen) {
      port.close((error) => {
        if (error !== null) debug('closing %s failed: %s', port.path, error.message);
        resolve();
      });
    } else if (port.closing) {
      // serialport reports the end of its own close with 'close', or 'error' if it
      // failed.
      port.once('close', () => resolve());
      port.once('error', () => resolve());
    } else {
      resolve();
    }
  });
}

/** Errors that mean the device is gone rather than a fault on a present device. */
const LOSS_CODES = new Set(['EIO', 'ENXIO', 'ENODEV', 'EBADF', 'ENOENT']);

function reasonFromError(error: Error): CloseReason {
  const isLoss =
    (error as { disconnected?: unknown }).disconnected === true ||
    LOSS_CODES.has(osErrorCode(error) ?? '');
  return isLoss
    ? { kind: 'disconnected', detail: describeLoss(error.message) }
    : { kind: 'error', detail: error.message };
}

function describeLoss(detail: string): string {
  return `the device went away (${detail.replace(/^Error:?\s*/i, '')})`;
}

/**
 * Turns bindings-cpp open errors into plain words. The native layer gives no `code`, only
 * a message built from strerror, e.g. `Error: No such file or directory, cannot open
 * /dev/x` or `Error Resource temporarily unavailable Cannot lock port`.
 */
function describeOpenError(path: string, error: Error): TransportError {
  const native = error.message;
  const classified = classifyOpenError(native);
  const message = `cannot open ${path}: ${classified.words}`;
  debug('%s (%s)', message, native);
  return new TransportError(classified.code, message, { cause: error });
}

function classifyOpenError(native: string): { code: TransportErrorCode; words: string } {
  if (/no such file|no such device/i.test(native)) return { code: 'noHardware', words: 'no such port' };
  if (/cannot lock port|resource temporarily unavailable|device or resource busy/i.test(native)) {
    return { code: 'busy', words: 'the port is in use by another program' };
  }
  if (/permission denied|operation not permitted/i.test(native)) {
    return { code: 'failure', words: 'permission denied (is the kiosk user in the dialout group?)' };
  }
  if (/inappropriate ioctl|is a directory|not a typewriter/i.test(native)) {
    return { code: 'failure', words: 'this is not a serial port' };
  }
  if (/baud/i.test(native)) return { code: 'failure', words: 'the baud rate is not supported by this port' };
  return { code: 'failure', words: native.replace(/^Error:?\s*/i, '') };
}

function describeIoError(description: string, verb: string, error: Error): TransportError {
  const reason = reasonFromError(error);
  return reason.kind === 'disconnected'
    ? new TransportError('offline', `cannot ${verb} ${description}: ${reason.detail}`, { cause: error })
    : new TransportError('failure', `cannot ${verb} ${description}: ${error.message}`, { cause: error });
}

function toPortInfo(port: SerialPortEntry): SerialPortInfo {
  const info: { -readonly [K in keyof SerialPortInfo]: SerialPortInfo[K] } = { path: port.path };
  // udev reports missing fields as undefined or as empty strings, depending on the
  // device.
  if (port.manufacturer) info.manufacturer = port.manufacturer;
  if (port.serialNumber) info.serialNumber = port.serialNumber;
  if (port.vendorId) info.vendorId = port.vendorId.toLowerCase();
  if (port.productId) info.productId = port.productId.toLowerCase();
  if (port.pnpId) info.pnpId = port.pnpId;
  if (port.locationId) info.locationId = port.locationId;
  return info;
}
