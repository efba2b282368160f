import { Socket } from 'node:net';
import createDebug from 'debug';
import { Listeners } from './listeners.js';
import { TransportError, errorMessage, osErrorCode } from './transport-error.js';
import type { CloseReason, Transport } from './transport.js';

const debug = createDebug('kiosk:transport:tcp');

/**
 * The raw printing port of network receipt printers (JetDirect / "port 9100" printing).
 */
export const RAW_PRINT_PORT = 9100;
/** How long `open()` waits for the TCP handshake before giving up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long `close()` lets unsent data drain before dropping the connection anyway: a
 * printer that stopped reading (paper out, buffer full) would otherwise hold it forever.
 */
export const CLOSE_FLUSH_MS = 2_000;
/**
 * Idle time before the OS starts keepalive probes. A printer that loses power sends no
 * FIN; without probes an idle connection would look healthy until the next job fails.
 * Node 20 sets only this idle time; the probe interval and count stay the OS's
 * (Linux: 75 s × 9), so the device layer's status polling usually notices a dead printer
 * first.
 */
export const DEFAULT_KEEPALIVE_MS = 10_000;

/** Where and how {@link TcpTransport} connects. */
export interface TcpTransportOptions {
  /** Host name or IP address, e.g. `192.168.1.50`. */
  readonly host: string;
  /** TCP port. Default {@link RAW_PRINT_PORT}. */
  readonly port?: number;
  /** Milliseconds allowed to connect. Default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number;
  /**
   * Keepalive idle time in milliseconds; `0` turns keepalive off.
   * Default {@link DEFAULT_KEEPALIVE_MS}.
   */
  readonly keepAliveMs?: number;
}

/** One connection; a reopen makes a new socket. */
interface Session {
  readonly socket: Socket;
  isEnded: boolean;
  /** The last socket error, reported with the 'close' that follows it. */
  lastError: Error | undefined;
}

/** Errors after which the peer is gone rather than merely misbehaving. */
const LOSS_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
]);

/**
 * A raw TCP connection, for network printers on port 9100 and anything else that speaks
 * its protocol over a plain socket. The peer closing or resetting the connection, or
 * keepalive probes going unanswered, is reported as `onClose({kind: 'disconnected'})`.
 */
export class TcpTransport implements Transport {
  readonly description: string;

  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;
  readonly #keepAliveMs: number;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<CloseReason>();
  #session: Session | undefined;
  #opening: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: TcpTransportOptions) {
    this.#host = options.host;
    this.#port = options.port ?? RAW_PRINT_PORT;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.description = `tcp://${this.#host}:${this.#port}`;
  }

  get isOpen(): boolean {
    return this.#session !== undefined && !this.#session.isEnded;
  }

  /**
   * Connects; resolves at once if already connected, and concurrent calls share one
   * attempt. Rejects with a {@link TransportError}: `offline` (refused, unreachable),
   * `noHardware` (unknown host name), `timeout` (no answer within `connectTimeoutMs`) or
   * `failure`.
   */
  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #connect(): Promise<void> {
    await this.#closing;
    const socket = new Socket();
    const session: Session = { socket, isEnded: false, lastError: undefined };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new TransportError(
            'timeout',
            `cannot connect to ${this.#host}:${this.#port}: no answer within ${this.#connectTimeoutMs} ms`,
          ),
        );
      }, this.#connectTimeoutMs);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(describeConnectError(this.#host, this.#port, error));
      };
      socket.once('error', onError);
      socket.connect({ host: this.#host, port: this.#port }, () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve();
      });
    });
    // Receipts are small and status polls are latency-sensitive: do not batch (Nagle).
    socket.setNoDelay(true);
    if (this.#keepAliveMs > 0) socket.setKeepAlive(true, this.#keepAliveMs);
    socket.on('data', (chunk: Buffer) => {
      if (!session.isEnded) this.#dataListeners.emit(chunk);
    });
    socket.on('error', (error: Error) => {
      debug('%s socket error: %s', this.description, error.message);
      session.lastError = error;
    });
    // With allowHalfOpen off (the default) Node ends our side when the peer sends FIN, so
    // every way the connection can end arrives here, after any 'error'.
    socket.on('close', () => this.#onSocketClose(session));
    debug('%s connected', this.description);
    this.#session = session;
  }

  /**
   * Closes the connection and fires `onClose({kind: 'requested'})`; idempotent. Data
   * already accepted by `write()` is still sent: the FIN goes out after it.
   */
  close(): Promise<void> {
    this.#closing ??= this.#disconnect().finally(() => {
      this.#closing = undefined;
    });
    return this.#closing;
  }

  async #disconnect(): Promise<void> {
    await this.#opening?.catch(() => undefined);
    const session = this.#session;
    if (session === undefined || session.isEnded) return;
    session.isEnded = true;
    const { socket } = session;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        debug('%s did not take the last bytes within %d ms', this.description, CLOSE_FLUSH_MS);
        socket.destroy();
      }, CLOSE_FLUSH_MS);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      // end() flushes and sends FIN; destroying once it is sent means we do not wait for
      // the printer's own FIN, which some never send.
      socket.end(() => socket.destroy());
    });
    this.#session = undefined;
    debug('%s closed', this.description);
    this.#closeListeners.emit({ kind: 'requested' });
  }

  /**
   * Writes `bytes`; resolves once they are handed to the OS socket buffer. Rejects with
   * `closed` when not connected and `offline` when the connection breaks.
   */
  write(bytes: Uint8Array): Promise<void> {
    const session = this.#session;
    if (session === undefined || session.isEnded) {
      return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    }
    const { socket } = session;
    return new Promise((resolve, reject) => {
      // Copied because the socket may hold the buffer after we return.
      socket.write(Buffer.from(bytes), (error) => {
        if (error === null || error === undefined) {
          resolve();
          return;
        }
        const message = `cannot write to ${this.description}: ${describeSocketError(error)}`;
        reject(new TransportError('offline', message, { cause: error }));
      });
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.#closeListeners.add(listener);
  }

  #onSocketClose(session: Session): void {
    if (session.isEnded) return;
    session.isEnded = true;
    if (this.#session === session) this.#session = undefined;
    const error = session.lastError;
    const kind = error === undefined || isLoss(error) ? 'disconnected' : 'error';
    const detail = error === undefined ? 'the device closed the connection' : describeSocketError(error);
    debug('%s lost (%s): %s', this.description, kind, detail);
    this.#closeListeners.emit({ kind, detail });
  }
}

function isLoss(error: Error): boolean {
  return LOSS_CODES.has(osErrorCode(error) ?? '');
}

function describeSocketError(error: Error): string {
  switch (osErrorCode(error)) {
    case 'ECONNRESET':
      return 'the device reset the connection';
    case 'EPIPE':
      return 'the device closed the connection';
    case 'ETIMEDOUT':
      return 'the device stopped answering (keepalive timed out)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return 'the network path to the device is down';
    default:
      return errorMessage(error);
  }
}

function describeConnectError(host: string, port: number, error: Error): TransportError {
  const where = `cannot connect to ${host}:${port}`;
  const code = osErrorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new TransportError('offline', `${where}: connection refused (is the device on and is the port right?)`, {
        cause: error,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportError('noHardware', `${where}: unknown host name`, { cause: error });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError('offline', `${where}: no route to the device (check the cable and address)`, {
        cause: error,
      });
    case 'ETIMEDOUT':
      return new TransportError('timeout', `${where}: no answer`, { cause: error });
    default:
      return new TransportError('failure', `${where}: ${errorMessage(error)}`, { cause: error });
  }
}
