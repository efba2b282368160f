/**
 * DeviceError values the evaluation pad returns for life-cycle and transport failures
 * (closed vocabulary of hardware/device-error.ts).
 */
import { deviceError, type DeviceError, type DeviceLifecycle } from '../../device-error.js';
import { TransportError, errorMessage } from '../../transports/transport-error.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export const NOT_ENABLED: Readonly<Record<DeviceLifecycle, DeviceError | undefined>> = {
  closed: deviceError('closed', 'the evaluation pad is not open'),
  opened: deviceError('notClaimed', 'the evaluation pad is not claimed'),
  claimed: deviceError('disabled', 'the evaluation pad is not enabled'),
  enabled: undefined,
};

/** The link went away during a request (unplug): `offline` with detail `powerOff`. */
export const PAD_DISCONNECTED = deviceError('offline', 'pad disconnected', 'powerOff');

/** A serial pad did not ack or answer in time: `timeout` with detail `noReply`. */
export const PAD_NOT_ANSWERING = deviceError('timeout', 'the pad does not answer', 'noReply');

/** The device was closed while a request was under way. */
export const PAD_CLOSED = deviceError('closed', 'the evaluation pad was closed');

/** Maps a transport's rejection to a DeviceError; a link that closed is `offline`/`powerOff`. */
export function fromTransportError(error: unknown, what: string): DeviceError {
  if (error instanceof TransportError) {
    const code = error.code === 'closed' ? 'offline' : error.code;
    return deviceError(code, `${what}: ${error.message}`, code === 'offline' ? 'powerOff' : undefined);
  }
  return deviceError('failure', `${what}: ${errorMessage(error)}`);
}
