/**
 * What the services need of the barcode/QR scanner, narrowed from the hardware device class
 * so the scan service can be tested with a small fake.
 */
import type { DeviceHealth } from '../../ipc/contract.js';

export interface ScannedText {
  readonly text: string;
  readonly isCharsetUncertain: boolean;
}

export type ScanFailure = 'tooLong' | 'garbled' | 'undecodable';

export interface BarcodeScannerPort {
  /** Starts delivering scans; a scan while disabled is dropped by the device. */
  enable(): Promise<void>;
  disable(): Promise<void>;
  onScan(listener: (scan: ScannedText) => void): () => void;
  onScanFailed(listener: (reason: ScanFailure) => void): () => void;
  health(): DeviceHealth;
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void;
  /** The simulated scanner's trigger (dev panel, tests); null for real hardware. */
  readonly simulated: { scan(text: string): Promise<void> } | null;
  close(): Promise<void>;
}
