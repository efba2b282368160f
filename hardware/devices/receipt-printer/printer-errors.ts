/**
 * DeviceError values the receipt printer returns for life-cycle and transport failures
 * (closed vocabulary of hardware/device-error.ts).
 */
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { TransportError, errorMessage } from '../../transports/transport-error.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export const NOT_ENABLED: Readonly<Record<DeviceLifecycle, DeviceError | undefined>> = {
  closed: deviceError('closed', 'the printer is not open'),
  opened: deviceError('notClaimed', 'the printer is not claimed'),
  claimed: deviceError('disabled', 'the printer is not enabled'),
  enabled: undefined,
};

/** Maps a transport's rejection to a DeviceError; a link that closed is `offline`/`powerOff`. */
export function fromTransportError(error: unknown, what: string): DeviceError {
  if (error instanceof TransportError) {
    const code = error.code === 'closed' ? 'offline' : error.code;
    return deviceError(code, `${what}: ${error.message}`, code === 'offline' ? 'powerOff' : undefined);
  }
  return deviceError('failure', `${what}: ${errorMessage(error)}`);
}
