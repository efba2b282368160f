/**
 * The few calls of node-hid that {@link HidTransport} uses, behind a small interface, so
 * tests run the transport over a fake device (tests/support/fake-hid.ts) and the native
 * addon is loaded only when a real HID device is used or listed.
 */

// A static import loads only node-hid's JavaScript (and keeps it a plain `require` in the
// Electron bundle, where node-hid stays external); the native addon loads on first use.
import * as nodeHid from 'node-hid';

/**
 * Which HID device to open: a device node (as listed by `listHidDevices()`, e.g.
 * `/dev/hidraw3`), or the first device with a USB vendor/product id (and serial number).
 */
export type HidOpenTarget =
  | { readonly path: string }
  | { readonly vendorId: number; readonly productId: number; readonly serialNumber?: string };

/**
 * One HID interface as the OS enumerates it. Ids are numbers; fields the OS does not
 * report are absent. A composite USB device shows one entry per HID interface.
 */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  /** What to open: `/dev/hidrawN` on Linux, a device-interface path on Windows. */
  readonly path?: string;
  readonly product?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  /** HID usage page of the top-level collection, e.g. `0x8C` for HID POS (Linux: hidapi ≥ 0.14). */
  readonly usagePage?: number;
  readonly usage?: number;
}

/**
 * An open device, shaped like node-hid's `HIDAsync`: writes whole output reports, and
 * emits `data` (one input report per event) and `error` (the read loop failed; after an
 * unplug it says `could not read from HID device: …`). node-hid emits the read error as
 * a plain string, not an `Error`.
 */
export interface HidHandle {
  /**
   * Writes one output report; `data[0]` is the report ID (0 for devices without numbered
   * reports). Resolves with the bytes written.
   */
  write(data: Buffer): Promise<number>;
  /** Subscribing to `data` starts node-hid's read thread. */
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  /** Stops the read thread and closes the device node. */
  close(): Promise<void>;
}

/** Opening and enumerating HID devices: node-hid, or a fake in tests. */
export interface HidBinding {
  /** Rejects with node-hid's error text when the device cannot be opened. */
  open(target: HidOpenTarget): Promise<HidHandle>;
  /** Every HID interface the OS knows about. */
  list(): Promise<HidDeviceInfo[]>;
}

/**
 * node-hid's native addon does not load: no prebuild for this platform, Electron ABI
 * mismatch, libusb or libudev missing.
 */
export class HidUnavailableError extends Error {
  override readonly name = 'HidUnavailableError';
}

let isNodeHidLoaded = false;

/**
 * node-hid, with its native addon loaded. node-hid itself loads the addon lazily, on the
 * first call; `getHidapiVersion()` forces that here, so a broken install is reported as
 * {@link HidUnavailableError} rather than as a failure of whatever call came first. A
 * failed load is not remembered: the technician may fix the install and retry.
 */
function loadNodeHid(): typeof nodeHid {
  if (!isNodeHidLoaded) {
    try {
      nodeHid.getHidapiVersion();
    } catch (error) {
      throw new HidUnavailableError(`node-hid cannot load its native addon: ${messageOf(error)}`, { cause: error });
    }
    isNodeHidLoaded = true;
  }
  return nodeHid;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * node-hid (`HIDAsync`, `devicesAsync`), its native addon loaded on first use. Both calls
 * reject with {@link HidUnavailableError} when the addon cannot load.
 */
export function createNodeHidBinding(): HidBinding {
  return {
    async open(target) {
      const { HIDAsync } = loadNodeHid();
      if ('path' in target) return HIDAsync.open(target.path);
      // node-hid's native open takes the serial number as an optional third argument
      // (hid_open(vid, pid, serial)); its typings omit it, and it must be absent, not
      // undefined, when there is none.
      const byIds = HIDAsync as unknown as {
        open(vendorId: number, productId: number, serialNumber?: string): Promise<HidHandle>;
      };
      return target.serialNumber === undefined
        ? byIds.open(target.vendorId, target.productId)
        : byIds.open(target.vendorId, target.productId, target.serialNumber);
    },
    async list() {
      const { devicesAsync } = loadNodeHid();
      const devices = await devicesAsync();
      return devices.map((device) => {
        const info: { -readonly [K in keyof HidDeviceInfo]: HidDeviceInfo[K] } = {
          vendorId: device.vendorId,
          productId: device.productId,
        };
        // hidapi reports missing strings as empty, and usage 0/0 when it cannot read the
        // report descriptor.
        if (device.path) info.path = device.path;
        if (device.product) info.product = device.product;
        if (device.manufacturer) info.manufacturer = device.manufacturer;
        if (device.serialNumber) info.serialNumber = device.serialNumber;
        if (device.usagePage !== undefined && (device.usagePage !== 0 || device.usage !== 0)) {
          info.usagePage = device.usagePage;
          if (device.usage !== undefined) info.usage = device.usage;
        }
        return info;
      });
    },
  };
}
