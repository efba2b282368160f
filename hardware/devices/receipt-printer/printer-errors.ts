/**
 * DeviceError values the receipt printer returns for life-cycle and transport failures
 * (closed vocabulary of hardware/device-error.ts).
 */
import { notEnabledErrors } from '../lifecycle.js';

export { fromTransportError } from '../lifecycle.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export const NOT_ENABLED = notEnabledErrors('the printer');
