/**
 * What the services need of the ID-card reader, narrowed from the hardware device class so
 * the identity service can be tested with a small fake.
 */
import type { DeviceError } from '../../../hardware/device-error.js';
import type { IdCardText } from '../../../hardware/protocols/sam/id-card-text.js';
import type { Result } from '../../../hardware/result.js';
import type { DeviceHealth, SpecimenCard } from '../../ipc/contract.js';

export interface CardRead {
  readonly text: IdCardText;
  /** WLT-compressed photo as read from the chip; zeroed when the session ends. */
  readonly photo: Uint8Array;
  /** Consistency warnings (e.g. check digit): the chip is authoritative, nothing is refused. */
  readonly warnings: readonly string[];
}

export type CardReadFailure = 'cardMoved' | 'unreadable' | 'readerFault';

/** Controls of a simulated reader (dev panel, tests); null for real hardware. */
export interface SimulatedCardSlot {
  list(): readonly SpecimenCard[];
  /** False when no specimen has that id. */
  present(specimenId: string): boolean;
  remove(): void;
}

export interface IdCardReaderPort {
  /** Starts polling for a card. Errors when the reader is offline or faulty. */
  startReading(): Promise<Result<void, DeviceError>>;
  stopReading(): void;
  onCardRead(listener: (read: CardRead) => void): () => void;
  onCardRemoved(listener: () => void): () => void;
  onReadFailed(listener: (reason: CardReadFailure) => void): () => void;
  health(): DeviceHealth;
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void;
  readonly simulated: SimulatedCardSlot | null;
  close(): Promise<void>;
}
