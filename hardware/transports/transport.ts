/**
 * The byte-level link to one device. Every transport (serial, HID report, TCP, USB printer
 * class file, in-memory pair) implements this contract, and one shared contract suite
 * (tests/support/transport-contract.ts) runs against each implementation.
 */
export type CloseReason =
  /** `close()` was called by our side. */
  | { readonly kind: 'requested' }
  /** The device went away: USB unplug, pty master gone, TCP reset. */
  | { readonly kind: 'disconnected'; readonly detail: string }
  /** The OS reported an I/O error on the link. */
  | { readonly kind: 'error'; readonly detail: string };

export interface Transport {
  /** Human-readable location for technicians, e.g. `/dev/ttyUSB0@115200`. */
  readonly description: string;
  readonly isOpen: boolean;
  /** Opens the link. Rejects with a plain-words Error when the port cannot be opened. */
  open(): Promise<void>;
  /** Closes the link; resolves once closed. Idempotent. Fires `onClose({kind:'requested'})`. */
  close(): Promise<void>;
  /** Writes bytes; resolves once the OS has accepted them (drained for serial). */
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to inbound bytes; returns the unsubscribe function. Chunking is arbitrary. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Subscribes to the link closing for any reason; returns the unsubscribe function. */
  onClose(listener: (reason: CloseReason) => void): () => void;
}

/** Handlers of {@link listenTo}. */
export interface LinkHandlers {
  readonly data: (bytes: Uint8Array) => void;
  readonly closed: (reason: CloseReason) => void;
}

/** Subscribes to a link's bytes and its closing at once; returns one unsubscribe function. */
export function listenTo(transport: Pick<Transport, 'onData' | 'onClose'>, handlers: LinkHandlers): () => void {
  const offData = transport.onData(handlers.data);
  const offClose = transport.onClose(handlers.closed);
  return () => {
    offData();
    offClose();
  };
}
