/**
 * A device class's hold on its transport: subscribed while open, unsubscribed on close, and
 * the transport's failures mapped to the closed `DeviceError` vocabulary.
 */
import type { DeviceError } from '../device-error.js';
import { err, ok, type Result } from '../result.js';
import { errorMessage } from '../transports/transport-error.js';
import { type LinkHandlers, type Transport, listenTo } from '../transports/transport.js';
import { fromTransportError } from './lifecycle.js';

export class DeviceLink {
  readonly #transport: Transport;
  readonly #handlers: LinkHandlers;
  readonly #debug: (format: string, ...args: unknown[]) => void;
  #unsubscribe: (() => void) | undefined;

  /** `debug` is the device's logger (its own namespace), for a failing close. */
  constructor(transport: Transport, handlers: LinkHandlers, debug: (format: string, ...args: unknown[]) => void) {
    this.#transport = transport;
    this.#handlers = handlers;
    this.#debug = debug;
  }

  /**
   * Subscribes, then opens the transport; unsubscribes again when it cannot be opened.
   * Errors (`what` says which device): `noHardware`, `busy`, `failure`, from the transport.
   */
  async open(what: string): Promise<Result<void, DeviceError>> {
    const unsubscribe = listenTo(this.#transport, this.#handlers);
    this.#unsubscribe = unsubscribe;
    try {
      await this.#transport.open();
    } catch (error) {
      unsubscribe();
      this.#unsubscribe = undefined;
      return err(fromTransportError(error, what));
    }
    return ok(undefined);
  }

  /** Unsubscribes and closes the transport; a failing close is only logged. Idempotent. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    try {
      await this.#transport.close();
    } catch (error) {
      this.#debug('close failed: %s', errorMessage(error));
    }
  }
}
