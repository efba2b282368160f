/**
 * The device end of a link a simulator is attached to (style.md "Simulators": a simulator
 * attaches to any transport endpoint). One link at a time: attaching again detaches first.
 */
import { type LinkHandlers, type Transport, listenTo } from '../transports/transport.js';

export class DeviceEnd {
  #transport: Transport | undefined;
  #unsubscribe: (() => void) | undefined;

  /** The attached link, if any; it may be closed. */
  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** Listens to `transport` with `handlers`, after detaching from the previous link. */
  attach(transport: Transport, handlers: LinkHandlers): void {
    this.detach();
    this.#transport = transport;
    this.#unsubscribe = listenTo(transport, handlers);
  }

  detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#transport = undefined;
  }
}
