/**
 * What the services need of an evaluation pad (评价器), narrowed from the hardware device
 * class (protocols.md §4.3 contract) so counter mode can be tested with a small fake.
 */
import type { DeviceError } from '../../../hardware/device-error.js';
import type { Result } from '../../../hardware/result.js';
import type { DeviceHealth, EvaluationLevel } from '../../ipc/contract.js';

export interface PadRequest {
  readonly caseNumber: string | null;
  readonly windowId: string | null;
  readonly staffId: string | null;
  readonly timeoutMs: number;
}

export type PadOutcome = { readonly outcome: 'rated'; readonly level: EvaluationLevel } | { readonly outcome: 'timeout' } | { readonly outcome: 'cancelled' };

export interface EvaluationPadPort {
  /** Prompts the pad and waits for a press; one request at a time (`busy` otherwise). */
  request(request: PadRequest, signal?: AbortSignal): Promise<Result<PadOutcome, DeviceError>>;
  health(): DeviceHealth;
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void;
  /** The simulated pad's buttons (dev panel, tests); null for real hardware. */
  readonly simulated: { press(level: EvaluationLevel): void; readonly isPrompted: boolean } | null;
  close(): Promise<void>;
}
