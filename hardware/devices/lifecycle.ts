/**
 * The UnifiedPOS life cycle `closed → opened → claimed → enabled` every device class
 * follows (style.md "Driver pattern"), with the closed error words for a call made in the
 * wrong state and for a transport's failure.
 */
import { deviceError, type DeviceError, type DeviceLifecycle } from '../device-error.js';
import { err, ok, type Result } from '../result.js';
import { TransportError, errorMessage } from '../transports/transport-error.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export interface NotEnabledErrors {
  readonly closed: DeviceError;
  readonly opened: DeviceError;
  readonly claimed: DeviceError;
  readonly enabled: undefined;
}

/** The refusals of a device named like "the printer": `closed`, `notClaimed`, `disabled`. */
export function notEnabledErrors(deviceName: string): NotEnabledErrors {
  return {
    closed: deviceError('closed', `${deviceName} is not open`),
    opened: deviceError('notClaimed', `${deviceName} is not claimed`),
    claimed: deviceError('disabled', `${deviceName} is not enabled`),
    enabled: undefined,
  };
}

/** Maps a transport's rejection to a DeviceError; a link that closed is `offline`/`powerOff`. */
export function fromTransportError(error: unknown, what: string): DeviceError {
  if (error instanceof TransportError) {
    const code = error.code === 'closed' ? 'offline' : error.code;
    return deviceError(code, `${what}: ${error.message}`, code === 'offline' ? 'powerOff' : undefined);
  }
  return deviceError('failure', `${what}: ${errorMessage(error)}`);
}

/**
 * Where a device stands in its life cycle, and the guards of each step. The device class
 * does the work of each step (open the transport, query the hardware); this only says
 * whether the step is allowed and moves the state.
 */
export class Lifecycle {
  readonly notEnabled: NotEnabledErrors;
  #state: DeviceLifecycle = 'closed';

  constructor(notEnabled: NotEnabledErrors) {
    this.notEnabled = notEnabled;
  }

  get state(): DeviceLifecycle {
    return this.#state;
  }

  /** Why a call needing `enabled` is refused now; undefined while enabled. */
  get refusal(): DeviceError | undefined {
    return this.notEnabled[this.#state];
  }

  /** The transport has opened: `closed → opened`. */
  opened(): void {
    this.#state = 'opened';
  }

  /** `opened → claimed`. Errors: `closed`. */
  claim(): Result<void, DeviceError> {
    if (this.#state === 'closed') return err(this.notEnabled.closed);
    if (this.#state === 'opened') this.#state = 'claimed';
    return ok(undefined);
  }

  /** `claimed → enabled`. Errors: `closed`, `notClaimed`. */
  enable(): Result<void, DeviceError> {
    if (this.#state === 'closed' || this.#state === 'opened') return err(this.notEnabled[this.#state]);
    this.#state = 'enabled';
    return ok(undefined);
  }

  /** `enabled → claimed`. */
  disable(): void {
    if (this.#state === 'enabled') this.#state = 'claimed';
  }

  /** `claimed|enabled → opened`. */
  release(): void {
    if (this.#state === 'enabled' || this.#state === 'claimed') this.#state = 'opened';
  }

  close(): void {
    this.#state = 'closed';
  }
}
