import type { DeviceErrorCode } from '../device-error.js';

/**
 * Why a transport operation failed, in the device layer's own words, so a device class
 * can map a failed `open()` or `write()` to its `DeviceErrorCode` without parsing
 * messages.
 *
 * - `noHardware`: nothing at that path or address (unplugged, wrong path, no such port).
 * - `busy`: another program holds the port (serial lock).
 * - `offline`: the device was there but is not answering (connection refused, link lost).
 * - `timeout`: no answer within the time allowed (TCP connect).
 * - `closed`: the transport is not open (write before `open()` or after `close()`).
 * - `failure`: anything else (permission denied, not a serial port, OS error).
 */
export type TransportErrorCode = Extract<
  DeviceErrorCode,
  'noHardware' | 'busy' | 'offline' | 'timeout' | 'closed' | 'failure'
>;

/**
 * The `Error` every transport rejects with. `message` is in plain words for a technician,
 * e.g. `cannot open /dev/ttyUSB0: no such port`; `cause` keeps the OS error for logs.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The `code` (`ENOENT`, `ECONNRESET`, …) of an OS error, or `undefined`. */
export function osErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The message of anything thrown, for logs and details. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
