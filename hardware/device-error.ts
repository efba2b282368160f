/**
 * The closed error vocabulary shared by every device class (UnifiedPOS / XFS4IoT words).
 * `extended` carries a vendor- or device-specific detail in `detail`.
 */
export type DeviceErrorCode =
  | 'closed'
  | 'notClaimed'
  | 'disabled'
  | 'offline'
  | 'noHardware'
  | 'timeout'
  | 'busy'
  | 'cancelled'
  | 'failure'
  | 'extended';

export interface DeviceError {
  readonly code: DeviceErrorCode;
  /** Plain words for the technician; never contains personal data. */
  readonly message: string;
  /** Device-specific detail, e.g. `paperEmpty`, `coverOpen`, a vendor status byte. */
  readonly detail?: string;
}

export function deviceError(code: DeviceErrorCode, message: string, detail?: string): DeviceError {
  return detail === undefined ? { code, message } : { code, message, detail };
}

/** UnifiedPOS life cycle: each state includes the ones before it. */
export type DeviceLifecycle = 'closed' | 'opened' | 'claimed' | 'enabled';
