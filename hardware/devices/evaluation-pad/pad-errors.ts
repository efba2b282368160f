/**
 * DeviceError values the evaluation pad returns for life-cycle and transport failures
 * (closed vocabulary of hardware/device-error.ts).
 */
import { deviceError } from '../../device-error.js';
import { notEnabledErrors } from '../lifecycle.js';

export { fromTransportError } from '../lifecycle.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export const NOT_ENABLED = notEnabledErrors('the evaluation pad');

/** The link went away during a request (unplug): `offline` with detail `powerOff`. */
export const PAD_DISCONNECTED = deviceError('offline', 'pad disconnected', 'powerOff');

/** A serial pad did not ack or answer in time: `timeout` with detail `noReply`. */
export const PAD_NOT_ANSWERING = deviceError('timeout', 'the pad does not answer', 'noReply');

/** The device was closed while a request was under way. */
export const PAD_CLOSED = deviceError('closed', 'the evaluation pad was closed');
