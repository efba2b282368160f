/**
 * A small working fake of the ID-card reader port for service tests: `give(read)` puts a
 * card on it, `take()` removes it, `fail(reason)` reports a failed read.
 */
import type { DeviceError } from '../../hardware/device-error.js';
import { type Result, ok } from '../../hardware/result.js';
import type { DeviceHealth } from '../../electron/ipc/contract.js';
import type { CardRead, CardReadFailure, IdCardReaderPort } from '../../electron/services/identity/id-card-reader-port.js';

export class FakeIdCardReader implements IdCardReaderPort {
  readonly simulated = null;
  isReading = false;
  readonly #read = new Set<(read: CardRead) => void>();
  readonly #removed = new Set<() => void>();
  readonly #failed = new Set<(reason: CardReadFailure) => void>();
  readonly #health = new Set<(health: DeviceHealth) => void>();

  startReading(): Promise<Result<void, DeviceError>> {
    this.isReading = true;
    return Promise.resolve(ok(undefined));
  }
  stopReading(): void {
    this.isReading = false;
  }
  give(read: CardRead): void {
    for (const listener of this.#read) listener(read);
  }
  take(): void {
    for (const listener of this.#removed) listener();
  }
  fail(reason: CardReadFailure): void {
    for (const listener of this.#failed) listener(reason);
  }
  onCardRead(listener: (read: CardRead) => void): () => void {
    this.#read.add(listener);
    return () => this.#read.delete(listener);
  }
  onCardRemoved(listener: () => void): () => void {
    this.#removed.add(listener);
    return () => this.#removed.delete(listener);
  }
  onReadFailed(listener: (reason: CardReadFailure) => void): () => void {
    this.#failed.add(listener);
    return () => this.#failed.delete(listener);
  }
  health(): DeviceHealth {
    return { kind: 'idCardReader', isSimulated: true, state: 'online', condition: null, detail: null };
  }
  onHealthChanged(listener: (health: DeviceHealth) => void): () => void {
    this.#health.add(listener);
    return () => this.#health.delete(listener);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
