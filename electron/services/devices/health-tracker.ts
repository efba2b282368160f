/**
 * The health a device port reports: recomputed on every device status update, published to
 * listeners only when state or condition changed (the status bar is not redrawn for nothing).
 */
import type { DeviceHealth } from '../../ipc/contract.js';

export interface HealthTracker {
  current(): DeviceHealth;
  /** Recomputes and publishes if it changed. */
  update(): void;
  onChanged(listener: (health: DeviceHealth) => void): () => void;
}

export function trackHealth(compute: () => DeviceHealth, onPublish?: (health: DeviceHealth) => void): HealthTracker {
  const listeners = new Set<(health: DeviceHealth) => void>();
  let last = compute();
  return {
    current: () => last,
    update() {
      const next = compute();
      if (next.state === last.state && next.condition === last.condition && next.detail === last.detail) return;
      last = next;
      onPublish?.(next);
      for (const listener of listeners) listener(next);
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
