import { read } from 'node:fs';
import { promisify } from 'node:util';
import { autoDetect } from '@serialport/bindings-cpp';

/*
 * The binding contract of serialport (`@serialport/bindings-interface`), written out here
 * because that package's `exports` map has no `types` condition, so TypeScript's bundler
 * resolution cannot see its declarations and every re-export of them degrades to `any`.
 * Only what our code and `SerialPortStream` touch is declared.
 */

/** Options passed to a binding's `open`, as `SerialPortStream` builds them. */
export interface SerialOpenOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly stopBits?: 1 | 1.5 | 2;
  readonly parity?: string;
  readonly rtscts?: boolean;
  readonly xon?: boolean;
  readonly xoff?: boolean;
  readonly xany?: boolean;
  readonly hupcl?: boolean;
  readonly lock?: boolean;
}

/** What a binding reports per port when listing; only `path` is guaranteed. */
export interface SerialPortEntry {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly pnpId?: string | undefined;
  readonly locationId?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** An open port as a binding returns it (`SerialBindingPort`). */
export interface SerialBindingPort {
  readonly openOptions: unknown;
  readonly isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: object): Promise<void>;
  get(): Promise<object>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

/**
 * A serialport binding (`BindingInterface`): the platform one, or
 * `@serialport/binding-mock`.
 */
export interface SerialBinding {
  list(): Promise<SerialPortEntry[]>;
  open(options: SerialOpenOptions): Promise<SerialBindingPort>;
}

const readAsync = promisify(read);

/**
 * The unix parts of bindings-cpp's `LinuxPortBinding`/`DarwinPortBinding` that our read
 * needs: the file descriptor (`null` once closed) and the poller that waits for
 * readability.
 */
interface UnixPortInternals {
  readonly fd: number | null;
  readonly poller: {
    once(event: 'readable', callback: (error: Error | null) => void): unknown;
  };
}

function hasUnixInternals(port: SerialBindingPort): port is SerialBindingPort & UnixPortInternals {
  const candidate = port as Partial<UnixPortInternals>;
  return (
    (typeof candidate.fd === 'number' || candidate.fd === null) &&
    typeof candidate.poller?.once === 'function'
  );
}

/** An error the stream layer treats as "we closed it", not as a disconnect. */
function canceled(message: string): Error & { canceled: true } {
  return Object.assign(new Error(message), { canceled: true as const });
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR';
}

/**
 * Wraps a unix port binding and replaces its `read` so that end-of-file means "hung up".
 *
 * Why: bindings-cpp 13's `unixRead` retries immediately when `read(2)` returns 0. A tty
 * returns 0 forever once it has been hung up (USB serial adapter unplugged, pty master
 * closed), so the stock binding spins at 100 % CPU, grows a promise chain without bound,
 * and never reports the disconnect (serialport/bindings-cpp#162, fix proposed in #164,
 * not merged). With `vmin=1`/`vtime=0` and a non-blocking fd, a live tty never returns 0:
 * no data is `EAGAIN`. So 0 is safely read as a disconnect, which the stream layer turns
 * into `close` with `err.disconnected === true`.
 */
class EofAwarePort implements SerialBindingPort {
  readonly #inner: SerialBindingPort & UnixPortInternals;

  constructor(inner: SerialBindingPort & UnixPortInternals) {
    this.#inner = inner;
  }

  get openOptions(): unknown {
    return this.#inner.openOptions;
  }

  get isOpen(): boolean {
    return this.#inner.isOpen;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      const fd = this.#inner.fd;
      if (fd === null) throw canceled('Port is not open');
      let bytesRead: number;
      try {
        ({ bytesRead } = await readAsync(fd, buffer, offset, length, null));
      } catch (error) {
        // Errors after our own close() (EBADF on the closed fd) are not disconnects.
        if (!this.#inner.isOpen) throw canceled('Port is not open');
        if (!isRetryable(error)) throw error;
        await this.#readable();
        continue;
      }
      if (bytesRead > 0) return { buffer, bytesRead };
      if (!this.#inner.isOpen) throw canceled('Port is not open');
      throw new Error('hung up: end of file');
    }
  }

  #readable(): Promise<void> {
    return new Promise((resolve, reject) => {
      // The poller reports POLLERR/POLLHUP as an error (libuv says EBADF); a close()
      // meanwhile cancels the wait with an error too, so this never hangs.
      this.#inner.poller.once('readable', (error: Error | null) => (error === null ? resolve() : reject(error)));
    });
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  write(buffer: Buffer): Promise<void> {
    return this.#inner.write(buffer);
  }

  update(options: { baudRate: number }): Promise<void> {
    return this.#inner.update(options);
  }

  set(options: object): Promise<void> {
    return this.#inner.set(options);
  }

  get(): Promise<object> {
    return this.#inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.#inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.#inner.flush();
  }

  drain(): Promise<void> {
    return this.#inner.drain();
  }
}

/**
 * The platform's serialport binding (bindings-cpp `autoDetect()`), with unix ports
 * wrapped so that a hung-up line is reported as a disconnect instead of spinning; see
 * `EofAwarePort`. Windows ports are passed through unchanged.
 */
export function createSerialBinding(): SerialBinding {
  // The cast is the price of the unresolvable bindings-interface types described above.
  const base = autoDetect() as unknown as SerialBinding;
  return {
    list: (): Promise<SerialPortEntry[]> => base.list(),
    async open(options: SerialOpenOptions): Promise<SerialBindingPort> {
      const port = await base.open(options);
      return hasUnixInternals(port) ? new EofAwarePort(port) : port;
    },
  };
}
