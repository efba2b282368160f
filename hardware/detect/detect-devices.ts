/**
 * Auto-detect (issue #8 "自动识别"): probes every free serial port and looks at every HID
 * device, and proposes device bindings for the technician to confirm. Nothing is written:
 * a proposal is a fragment of `config.json`'s `devices` section
 * (electron/services/config/terminal-config.ts), to be pasted or applied after the
 * technician has checked it.
 *
 * Serial ports are probed in parallel, each by one {@link probeSerialPort} at a time.
 * HID devices are never opened: they are recognised by their ids and the usage of their
 * top-level collection, as the OS lists them.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import createDebug from 'debug';
import { type HidBinding, type HidDeviceInfo } from '../transports/hid-binding.js';
import { HidTransport } from '../transports/hid-transport.js';
import type { SerialBinding } from '../transports/serial-binding.js';
import { type SerialPortInfo, SerialTransport } from '../transports/serial-transport.js';
import type { SerialDeviceKind } from './probe-queries.js';
import { type SerialProbeOptions, type SerialProbeResult, probeSerialPort } from './probe-serial.js';

const debug = createDebug('kiosk:detect');

/** Miaxis HID ID-card readers (protocols.md §1.1: "idcard_hid_driver", VID 0x10C4/PID 0x0007). */
export const MIAXIS_HID_IDS = { vendorId: 0x10c4, productId: 0x0007 } as const;
/** HID Point of Sale usage page (protocols.md §3.2). */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Generic Desktop page, Keyboard usage: boot keyboards, wedge scanners, keyboard pads. */
export const GENERIC_DESKTOP_PAGE = 0x01;
export const KEYBOARD_USAGE = 0x06;

/** A USB id as config.json takes it and technicians read it (`lsusb`): `"0x10c4"`. */
export type UsbIdText = `0x${string}`;

export interface SerialTransportFragment {
  readonly type: 'serial';
  readonly path: string;
  readonly baudRate: number;
}

/**
 * A fragment of config.json's `devices` section, in the shape of terminal-config.ts's
 * schema (which validates it; hardware/ cannot import it). Only what auto-detect proposes.
 */
export interface DevicesFragment {
  readonly idCardReader?: {
    readonly transport:
      | SerialTransportFragment
      | { readonly type: 'hid'; readonly vendorId: UsbIdText; readonly productId: UsbIdText; readonly path?: string; readonly envelope: 'miaxis' };
  };
  readonly receiptPrinter?: { readonly transport: SerialTransportFragment };
  readonly evaluationPad?: {
    readonly transport:
      | (SerialTransportFragment & { readonly address: number })
      | { readonly type: 'hid'; readonly vendorId: UsbIdText; readonly productId: UsbIdText; readonly path?: string };
  };
  readonly barcodeScanner?: {
    readonly transport: {
      readonly type: 'hid';
      readonly vendorId: UsbIdText;
      readonly productId: UsbIdText;
      readonly path?: string;
      readonly mode: 'hidPos' | 'hidKeyboard';
    };
  };
}

/** Every device auto-detect can propose. */
export type ProposedDevice = SerialDeviceKind | 'barcodeScanner';

/** A device recognised for sure: it answered a query, or its USB ids / usage say what it is. */
export interface IdentifiedProposal {
  readonly kind: 'identified';
  readonly device: ProposedDevice;
  readonly via: 'serial' | 'hid';
  /** The path put in the fragment (a stable `/dev/serial/by-id/…` link when there is one). */
  readonly location: string;
  /** Why we think so, e.g. `SAM status 0x90 (operation OK)`. */
  readonly evidence: string;
  readonly fragment: DevicesFragment;
}

/**
 * A HID boot keyboard: a wedge scanner, a keyboard-style evaluation pad, or a keyboard.
 * The ids cannot tell; the technician confirms by scanning a code or pressing a button.
 */
export interface KeyboardLikeProposal {
  readonly kind: 'keyboardLike';
  readonly via: 'hid';
  readonly location: string;
  readonly evidence: string;
  /** What the technician does to tell, in plain words. */
  readonly confirm: string;
  readonly choices: readonly { readonly device: 'barcodeScanner' | 'evaluationPad'; readonly fragment: DevicesFragment }[];
}

export type DeviceProposal = IdentifiedProposal | KeyboardLikeProposal;

/** Serial half of a {@link DetectionReport}. */
export interface SerialDetection {
  /** `named`: the ports given (e.g. ptys, which the OS does not list); `enumerated`: serialport's list. */
  readonly source: 'named' | 'enumerated';
  /** Why the ports could not be listed (no udev); null when listed or named. */
  readonly listError: string | null;
  /** The ports considered: as listed (with USB ids), or just the named paths. */
  readonly ports: readonly SerialPortInfo[];
  /** Ports left alone, with why (bound to a running device, named twice). */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly probes: readonly SerialProbeResult[];
}

/** HID half of a {@link DetectionReport}. */
export interface HidDetection {
  readonly isIncluded: boolean;
  readonly devices: readonly HidDeviceInfo[];
  /** Why HID devices could not be listed (node-hid cannot load); null when listed. */
  readonly listError: string | null;
}

/** What {@link detectDevices} found. Plain data: crosses IPC and `--json` as is. */
export interface DetectionReport {
  readonly serial: SerialDetection;
  readonly hid: HidDetection;
  /** Serial findings first (in port order), then HID. */
  readonly proposals: readonly DeviceProposal[];
}

/** Options of {@link detectDevices}. */
export interface DetectOptions {
  /**
   * Probe exactly these ports (the OS does not list ptys); absent: every port serialport
   * lists. Paths naming the same device twice are probed once.
   */
  readonly ports?: readonly string[];
  /**
   * Ports not to touch, with the reason shown: the ports the running kiosk holds. (Opening
   * one would fail anyway, on its lock, but would say less.)
   */
  readonly skipPorts?: Readonly<Record<string, string>>;
  /** Look at HID devices too. Default true. */
  readonly isHidIncluded?: boolean;
  readonly serialBinding?: SerialBinding;
  readonly hidBinding?: HidBinding;
  /** Passed to every {@link probeSerialPort}. */
  readonly probe?: Omit<SerialProbeOptions, 'signal' | 'binding'>;
  /** Cancels every probe under way; their results say `cancelled`. */
  readonly signal?: AbortSignal;
}

/**
 * Probes serial ports and lists HID devices, and proposes bindings. Never rejects: ports
 * that cannot be probed say why in their result. Takes as long as the slowest port (a
 * silent port: about 5 s with the default options).
 */
export async function detectDevices(options: DetectOptions = {}): Promise<DetectionReport> {
  const [serial, hid] = await Promise.all([detectSerial(options), listHid(options)]);
  const serialProposals = serial.probes.flatMap((probe) => {
    const port = serial.ports.find((info) => info.path === probe.path);
    const proposal = proposeSerialBinding(probe, port === undefined ? probe.path : stablePath(port));
    return proposal === null ? [] : [proposal];
  });
  return { serial, hid, proposals: [...serialProposals, ...proposeHidBindings(hid.devices)] };
}

/**
 * Probes that could not run, for exit codes and warnings: every failed named port, and
 * failed listed ports except those with no device behind them (PCs list legacy `ttyS*`
 * ports that have no UART) and cancelled ones.
 */
export function unprobedPorts(report: DetectionReport): readonly SerialProbeResult[] {
  return report.serial.probes.filter(
    (probe) =>
      probe.errorKind !== undefined &&
      probe.errorKind !== 'cancelled' &&
      !(report.serial.source === 'enumerated' && probe.errorKind === 'noHardware'),
  );
}

async function detectSerial(options: DetectOptions): Promise<SerialDetection> {
  let source: SerialDetection['source'];
  let ports: SerialPortInfo[];
  let listError: string | null = null;
  if (options.ports === undefined) {
    source = 'enumerated';
    const listing = await SerialTransport.listPorts(options.serialBinding);
    ports = [...listing.ports];
    listError = listing.reason ?? null;
  } else {
    source = 'named';
    ports = options.ports.map((name) => ({ path: name }));
  }
  const skipped: { path: string; reason: string }[] = [];
  const toProbe: SerialPortInfo[] = [];
  const seen = new Map<string, string>();
  // The kiosk's config may name a by-id link while the OS lists /dev/ttyUSB0: compare devices.
  const skipReasons = new Map(Object.entries(options.skipPorts ?? {}).map(([skipPath, reason]) => [realDevice(skipPath), reason]));
  for (const port of ports) {
    const device = realDevice(port.path);
    const skipReason = skipReasons.get(device);
    if (skipReason !== undefined) {
      skipped.push({ path: port.path, reason: skipReason });
      continue;
    }
    const first = seen.get(device);
    if (first !== undefined) {
      skipped.push({ path: port.path, reason: `same port as ${first}` });
      continue;
    }
    seen.set(device, port.path);
    toProbe.push(port);
  }
  const probeOptions: SerialProbeOptions = {
    ...options.probe,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.serialBinding === undefined ? {} : { binding: options.serialBinding }),
  };
  const probes = await Promise.all(toProbe.map((port) => probeSerialPort(port.path, probeOptions)));
  debug('probed %d serial ports, skipped %d', probes.length, skipped.length);
  return { source, listError, ports, skipped, probes };
}

async function listHid(options: DetectOptions): Promise<HidDetection> {
  if (options.isHidIncluded === false) return { isIncluded: false, devices: [], listError: null };
  const listing = await HidTransport.listHidDevices(options.hidBinding);
  return { isIncluded: true, devices: listing.devices, listError: listing.reason ?? null };
}

/** The device a path names (symlinks such as `/dev/serial/by-id/…` or a pty link resolved). */
function realDevice(portPath: string): string {
  try {
    return realpathSync(portPath);
  } catch {
    return path.resolve(portPath);
  }
}

/**
 * `/dev/serial/by-id/<pnpId>` when udev made that link: it names the adapter, so it stays
 * right when USB adapters are enumerated in another order after a reboot.
 */
function stablePath(port: SerialPortInfo): string {
  if (port.pnpId === undefined || path.isAbsolute(port.pnpId)) return port.path;
  const link = path.join('/dev/serial/by-id', port.pnpId);
  return existsSync(link) ? link : port.path;
}

/** The config fragment for what a probe found; null when it found nothing. */
export function proposeSerialBinding(probe: SerialProbeResult, location: string = probe.path): IdentifiedProposal | null {
  const { found } = probe;
  if (found === null) return null;
  const transport: SerialTransportFragment = { type: 'serial', path: location, baudRate: found.baudRate };
  const evidence = location === probe.path ? found.evidence : `${found.evidence}; ${location} is ${probe.path}`;
  const proposal = (fragment: DevicesFragment): IdentifiedProposal => ({ kind: 'identified', device: found.device, via: 'serial', location, evidence, fragment });
  switch (found.device) {
    case 'idCardReader':
      return proposal({ idCardReader: { transport } });
    case 'receiptPrinter':
      return proposal({ receiptPrinter: { transport } });
    case 'evaluationPad':
      return proposal({ evaluationPad: { transport: { ...transport, address: found.padAddress ?? 1 } } });
  }
}

const usbId = (id: number): UsbIdText => `0x${id.toString(16).padStart(4, '0')}`;
const hex = (value: number, digits: number): string => `0x${value.toString(16).padStart(digits, '0').toUpperCase()}`;

/**
 * Proposals for the HID devices the OS lists, by ids and report shape: a Miaxis reader by
 * its ids, a HID POS scanner by usage page 0x8C, a boot keyboard (page 1, usage 6) as
 * keyboard-like. Everything else (mice, the touch screen, vendor pages) is left out.
 *
 * The device node (`/dev/hidrawN`) goes into the fragment only when another interface has
 * the same ids (a composite scanner with a keyboard and a HID POS interface): opening by
 * ids takes the first one, which may be the wrong interface. hidraw numbers can change
 * after a replug, so ids alone are preferred.
 */
export function proposeHidBindings(devices: readonly HidDeviceInfo[]): DeviceProposal[] {
  const proposals: DeviceProposal[] = [];
  for (const device of devices) {
    const { vendorId, productId } = device;
    const ids = `${usbId(vendorId).slice(2)}:${usbId(productId).slice(2)}`;
    const isShared = devices.some((other) => other !== device && other.vendorId === vendorId && other.productId === productId);
    const where = device.path !== undefined && isShared ? { path: device.path } : {};
    const location = device.path === undefined ? ids : `${ids} ${device.path}`;
    const name = device.product === undefined ? '' : ` "${device.product}"`;
    const identified = (proposed: ProposedDevice, evidence: string, fragment: DevicesFragment): IdentifiedProposal => ({
      kind: 'identified',
      device: proposed,
      via: 'hid',
      location,
      evidence,
      fragment,
    });
    if (vendorId === MIAXIS_HID_IDS.vendorId && productId === MIAXIS_HID_IDS.productId) {
      proposals.push(
        identified('idCardReader', `USB ids ${ids}${name}: Miaxis HID ID-card reader (SAM frames in 64-byte reports)`, {
          idCardReader: { transport: { type: 'hid', vendorId: usbId(vendorId), productId: usbId(productId), ...where, envelope: 'miaxis' } },
        }),
      );
    } else if (device.usagePage === HID_POS_USAGE_PAGE) {
      const usage = device.usage === undefined ? '' : `, usage ${hex(device.usage, 2)}${device.usage === 0x02 ? ' Bar Code Scanner' : ''}`;
      proposals.push(
        identified('barcodeScanner', `HID POS usage page 0x8C${usage}${name}`, {
          barcodeScanner: { transport: { type: 'hid', vendorId: usbId(vendorId), productId: usbId(productId), ...where, mode: 'hidPos' } },
        }),
      );
    } else if (device.usagePage === GENERIC_DESKTOP_PAGE && device.usage === KEYBOARD_USAGE) {
      const hidIds = { vendorId: usbId(vendorId), productId: usbId(productId), ...where };
      proposals.push({
        kind: 'keyboardLike',
        via: 'hid',
        location,
        evidence: `boot keyboard (usage page 0x01, usage 0x06)${name}`,
        confirm:
          'keyboard-like (barcode scanner wedge or evaluation pad) — confirm by scanning a code or pressing a ' +
          'pad button; it may also be a plain keyboard',
        choices: [
          { device: 'barcodeScanner', fragment: { barcodeScanner: { transport: { type: 'hid', ...hidIds, mode: 'hidKeyboard' } } } },
          { device: 'evaluationPad', fragment: { evaluationPad: { transport: { type: 'hid', ...hidIds } } } },
        ],
      });
    }
  }
  return proposals;
}
