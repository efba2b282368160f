/**
 * A simulator that hears only at its own baud rate, over a socat pty pair.
 *
 * A pty carries bytes whatever baud rate either end sets, so a simulator on a pty answers
 * at every rate and an auto-detect test could not tell right from wrong. A real UART at
 * another rate receives garbage instead, which a device drops. This gate does the same:
 * each chunk the host sends reaches the simulator only if the host end of the pty is set
 * to `baudRate` (read back with `stty -F <host path> speed`: the host's rate lives in the
 * pty's termios, which the host's serialport set when it opened the port).
 */
import { execFileSync } from 'node:child_process';
import { Listeners } from '../../hardware/transports/listeners.js';
import type { CloseReason, Transport } from '../../hardware/transports/transport.js';

/** The baud rate the host end of a pty is set to now. */
export function ptySpeed(hostPath: string): number {
  return Number(execFileSync('stty', ['-F', hostPath, 'speed'], { encoding: 'utf8' }).trim());
}

/**
 * Wraps the simulator's end of a pty pair: bytes pass only while `hostPath` is set to
 * `baudRate`; the rest is dropped as line noise. Everything else is the wrapped transport.
 */
export function baudGated(deviceEnd: Transport, hostPath: string, baudRate: number): Transport & { readonly droppedChunks: number } {
  const dataListeners = new Listeners<Uint8Array>();
  let droppedChunks = 0;
  deviceEnd.onData((bytes) => {
    if (ptySpeed(hostPath) === baudRate) dataListeners.emit(bytes);
    else droppedChunks += 1;
  });
  return {
    get description() {
      return `${deviceEnd.description} (hears only at ${baudRate})`;
    },
    get isOpen() {
      return deviceEnd.isOpen;
    },
    get droppedChunks() {
      return droppedChunks;
    },
    open: () => deviceEnd.open(),
    close: () => deviceEnd.close(),
    write: (bytes) => deviceEnd.write(bytes),
    onData: (listener) => dataListeners.add(listener),
    onClose: (listener: (reason: CloseReason) => void) => deviceEnd.onClose(listener),
  };
}
