/**
 * What the services need of a receipt printer, narrowed from the hardware device class so the
 * services can be tested with a small fake and the hardware layer can change underneath.
 */
import type { DeviceError } from '../../../hardware/device-error.js';
import type { Result } from '../../../hardware/result.js';
import type { DeviceHealth } from '../../ipc/contract.js';

export interface ReceiptPrinterPort {
  /** Prints one job; resolves when the printer confirmed it (or failed). */
  print(job: Uint8Array, signal: AbortSignal): Promise<Result<void, DeviceError>>;
  health(): DeviceHealth;
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void;
  close(): Promise<void>;
}
