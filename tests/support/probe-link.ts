/**
 * Serial ports for auto-detect unit tests, over in-memory links: {@link simulatedPort}
 * gives `probeSerialPort` an `openLink` whose device hears only at one baud rate (as a UART
 * at another rate receives garbage and drops it), and records every byte the probe sent at
 * every rate. {@link responder} turns a reply function into a tiny device for the odd cases
 * (noise, a printer that answers once).
 */
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import type { Transport } from '../../hardware/transports/transport.js';

/** Anything that sits on the device end of a link: the simulators, {@link responder}. */
export interface AttachableDevice {
  attach(transport: Transport): () => void;
  detach(): void;
}

export interface SimulatedPort {
  /** Pass as `probeSerialPort(path, { openLink })`. */
  readonly openLink: (path: string, baudRate: number) => Transport;
  /** Each write of the probe, with the rate the port was open at. */
  readonly written: readonly { readonly baudRate: number; readonly bytes: Uint8Array }[];
  /** The rates the port was opened at, in order. */
  readonly opened: readonly number[];
}

/** A port with `device` behind it at `baudRate`; `device` null: nothing behind it. */
export function simulatedPort(device: AttachableDevice | null, baudRate: number): SimulatedPort {
  const written: { baudRate: number; bytes: Uint8Array }[] = [];
  const opened: number[] = [];
  return {
    written,
    opened,
    openLink(path, rate) {
      opened.push(rate);
      const [host, deviceEnd] = createMemoryPair({ names: [`${path}@${rate}`, `device@${baudRate}`] });
      void deviceEnd.open();
      device?.detach();
      if (device !== null && rate === baudRate) device.attach(deviceEnd);
      const write = host.write.bind(host);
      host.write = (bytes: Uint8Array) => {
        written.push({ baudRate: rate, bytes: Uint8Array.from(bytes) });
        return write(bytes);
      };
      return host;
    },
  };
}

/** A device that answers each chunk it receives with `reply(chunk, count)` (undefined: nothing). */
export function responder(reply: (chunk: Uint8Array, count: number) => Uint8Array | undefined): AttachableDevice {
  let off: (() => void) | undefined;
  let count = 0;
  const device: AttachableDevice = {
    attach(transport) {
      off = transport.onData((chunk) => {
        count += 1;
        const answer = reply(chunk, count);
        if (answer !== undefined) void transport.write(answer);
      });
      return () => device.detach();
    },
    detach() {
      off?.();
      off = undefined;
    },
  };
  return device;
}
