/**
 * The manual binding form of the technician console (issue #8) as data and pure functions:
 * which transports each device can be bound to from the screen, the options each needs, the
 * checks made before anything is sent (the core checks again with the configuration schema
 * and its problems are shown next to the form), and the `devices.<device>.transport` value
 * that `admin.bind` receives. Bindings the form does not offer (network printers, CUPS
 * queues, UVC cameras, SANE/eSCL scanners) are made in config.json.
 */
import type { BindableDevice } from '../../electron/ipc/contract';

export type TransportKind = 'serial' | 'hid' | 'simulated';

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export type BaudRate = (typeof BAUD_RATES)[number];

/** One option with a closed set of values, e.g. a scanner's suffix. */
export interface ChoiceOption {
  readonly key: string;
  readonly values: readonly string[];
}

export interface DeviceBindingSpec {
  readonly device: BindableDevice;
  readonly transports: readonly TransportKind[];
  /** The baud rate the device's manual gives by default. */
  readonly defaultBaudRate: BaudRate;
  readonly serialOptions: readonly ChoiceOption[];
  readonly hidOptions: readonly ChoiceOption[];
}

/** The devices the form binds, in the order of the overview. */
export const BINDING_SPECS: readonly DeviceBindingSpec[] = [
  { device: 'receiptPrinter', transports: ['serial', 'simulated'], defaultBaudRate: 115200, serialOptions: [], hidOptions: [] },
  {
    device: 'idCardReader',
    transports: ['serial', 'hid', 'simulated'],
    defaultBaudRate: 115200,
    serialOptions: [],
    // The vendor's report envelope; only one is known so far (protocols.md §1.1).
    hidOptions: [{ key: 'envelope', values: ['miaxis'] }],
  },
  {
    device: 'barcodeScanner',
    transports: ['serial', 'hid', 'simulated'],
    defaultBaudRate: 9600,
    serialOptions: [{ key: 'suffix', values: ['auto', 'cr', 'lf', 'crlf', 'none'] }],
    hidOptions: [{ key: 'mode', values: ['hidKeyboard', 'hidPos'] }],
  },
  { device: 'evaluationPad', transports: ['serial', 'hid', 'simulated'], defaultBaudRate: 9600, serialOptions: [], hidOptions: [] },
  { device: 'documentPrinter', transports: ['simulated'], defaultBaudRate: 9600, serialOptions: [], hidOptions: [] },
  { device: 'documentCamera', transports: ['simulated'], defaultBaudRate: 9600, serialOptions: [], hidOptions: [] },
];

export function specOf(device: BindableDevice): DeviceBindingSpec {
  return BINDING_SPECS.find((spec) => spec.device === device) ?? { device, transports: [], defaultBaudRate: 9600, serialOptions: [], hidOptions: [] };
}

export interface BindingDraft {
  readonly device: BindableDevice;
  readonly transport: TransportKind;
  readonly path: string;
  readonly baudRate: BaudRate;
  readonly vendorId: string;
  readonly productId: string;
  /** Chosen values of the transport's options, by key. */
  readonly options: Readonly<Record<string, string>>;
}

function defaultOptions(options: readonly ChoiceOption[]): Record<string, string> {
  return Object.fromEntries(options.map((option) => [option.key, option.values[0] ?? '']));
}

/** A fresh form for `device`: its first transport, its default baud rate and options. */
export function draftFor(device: BindableDevice): BindingDraft {
  const spec = specOf(device);
  const transport = spec.transports[0] ?? 'simulated';
  return {
    device,
    transport,
    path: '',
    baudRate: spec.defaultBaudRate,
    vendorId: '',
    productId: '',
    options: defaultOptions(transport === 'hid' ? spec.hidOptions : spec.serialOptions),
  };
}

/** Another transport chosen: what was typed stays, options start from their defaults. */
export function withTransport(draft: BindingDraft, transport: TransportKind): BindingDraft {
  const spec = specOf(draft.device);
  return { ...draft, transport, options: defaultOptions(transport === 'hid' ? spec.hidOptions : spec.serialOptions) };
}

export type BindingProblem = 'pathMissing' | 'pathNotAbsolute' | 'vendorIdInvalid' | 'productIdInvalid';

/** `10c4`, `0x10C4`: up to four hex digits, as `lsusb` shows them. */
const USB_ID = /^(0x)?[0-9a-f]{1,4}$/iu;
/** `/dev/ttyUSB0`, `/dev/serial/by-id/…`, or `COM3` on Windows. */
const SERIAL_PATH = /^(\/\S+|COM\d{1,3})$/u;

/** What is wrong with the form before it is sent, each a copy key (console.binding.problem.*). */
export function bindingProblems(draft: BindingDraft): BindingProblem[] {
  const problems: BindingProblem[] = [];
  if (draft.transport === 'serial') {
    if (draft.path.trim() === '') problems.push('pathMissing');
    else if (!SERIAL_PATH.test(draft.path.trim())) problems.push('pathNotAbsolute');
  }
  if (draft.transport === 'hid') {
    if (!USB_ID.test(draft.vendorId.trim())) problems.push('vendorIdInvalid');
    if (!USB_ID.test(draft.productId.trim())) problems.push('productIdInvalid');
  }
  return problems;
}

/** `10c4` → `0x10C4`: the configuration's hex form (a bare number would be read as decimal). */
export function usbIdText(value: string): string {
  const digits = value.trim().replace(/^0x/iu, '').toUpperCase();
  return `0x${digits.padStart(4, '0')}`;
}

/** The `devices.<device>.transport` value for `admin.bind`. */
export function transportOf(draft: BindingDraft): Record<string, string | number | boolean | null> {
  switch (draft.transport) {
    case 'serial':
      return { type: 'serial', path: draft.path.trim(), baudRate: draft.baudRate, ...draft.options };
    case 'hid':
      return { type: 'hid', vendorId: usbIdText(draft.vendorId), productId: usbIdText(draft.productId), ...draft.options };
    case 'simulated':
      return { type: 'simulated' };
  }
}

/** A transport value's parts after its type: `/dev/ttyUSB0 @115200`, `vendorId=0x10C4 productId=0x0007`. */
export function transportDetails(transport: Readonly<Record<string, string | number | boolean | null>>): string {
  return Object.entries(transport)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => (key === 'baudRate' ? `@${String(value)}` : key === 'path' ? String(value) : `${key}=${String(value)}`))
    .join(' ');
}

/** The transport's type if it is one the form knows, else null. */
export function transportKindOf(transport: Readonly<Record<string, unknown>>): TransportKind | null {
  const type = transport['type'];
  return type === 'serial' || type === 'hid' || type === 'simulated' ? type : null;
}
