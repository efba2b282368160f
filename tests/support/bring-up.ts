import type { DeviceError } from '../../hardware/device-error.js';
import type { Result } from '../../hardware/result.js';

/** The UnifiedPOS steps both device classes share. */
interface LifecycleDevice {
  open(): Promise<Result<void, DeviceError>>;
  claim(): Result<void, DeviceError>;
  enable(): Promise<Result<unknown, DeviceError>>;
}

/** open → claim → enable for a test rig; throws with the device's own words on failure. */
export async function bringUp(device: LifecycleDevice): Promise<void> {
  const opened = await device.open();
  if (!opened.ok) throw new Error(opened.error.message);
  device.claim();
  const enabled = await device.enable();
  if (!enabled.ok) throw new Error(enabled.error.message);
}
