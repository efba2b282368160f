/**
 * `npm run doctor -- status [--json] [--data-dir dir]`: reads the terminal configuration
 * the kiosk would read (`KIOSK_DATA_DIR/config.json`, through loadTerminalConfig) and checks
 * each configured device briefly, one line per device: is the port there, does the device
 * answer its own harmless query (hardware/detect/probe-serial.ts) at the configured rate.
 * HID devices are looked for in the OS's list, not opened.
 *
 * Exit 0 all configured devices answer (or are simulated), 1 a device does not answer or
 * is missing, or config.json has problems; 2 usage.
 */
import path from 'node:path';
import { parseArgs, formatTable } from '../../../hardware/cli/cli-args.js';
import { type DoctorCommand, type DoctorIo, UsageError } from '../../../hardware/cli/doctor-command.js';
import type { ProbeQuery } from '../../../hardware/detect/probe-queries.js';
import { type SerialProbeOptions, type SerialProbeResult, probeSerialPort } from '../../../hardware/detect/probe-serial.js';
import type { HidBinding } from '../../../hardware/transports/hid-binding.js';
import { HidTransport } from '../../../hardware/transports/hid-transport.js';
import type { SerialBinding } from '../../../hardware/transports/serial-binding.js';
import { TcpTransport } from '../../../hardware/transports/tcp-transport.js';
import { CONFIG_FILE, type TerminalConfig, loadTerminalConfig } from '../config/terminal-config.js';
import { defaultDataDir } from '../data-dir.js';

/** The devices `status` checks (the peripherals of the hardware layer). */
export type CheckedDevice = 'idCardReader' | 'receiptPrinter' | 'barcodeScanner' | 'evaluationPad';

/**
 * - `answering`: it answered its query; `present`: the port opens / the HID device is
 *   listed, but it cannot be asked anything (scanners, HID devices);
 * - `simulated`, `notConfigured`, `notChecked` (a keyboard-wedge scanner types into the OS);
 * - `notAnswering`: the port is there (or not) but nothing answered; `missing`: a HID
 *   device not in the OS's list.
 */
export type DeviceCheckState = 'answering' | 'present' | 'simulated' | 'notConfigured' | 'notChecked' | 'notAnswering' | 'missing';

export interface DeviceCheck {
  readonly device: CheckedDevice;
  readonly via: 'simulated' | 'serial' | 'tcp' | 'hid' | 'keyboard' | 'none';
  /** `/dev/ttyUSB0@115200`, `tcp://host:9100`, `hid 10c4:0007`; null for simulated/none. */
  readonly location: string | null;
  readonly state: DeviceCheckState;
  /** Plain words: the evidence, or why not. */
  readonly detail: string;
  /** True for `notAnswering` and `missing`: exit 1. */
  readonly isProblem: boolean;
}

export interface StatusReport {
  readonly dataDir: string;
  /** `default`: no config.json; `lastGood`: config.json is bad, the last good copy is used. */
  readonly configSource: 'default' | 'file' | 'lastGood' | 'unusable';
  readonly configProblems: readonly string[];
  readonly devices: readonly DeviceCheck[];
}

/** What the checks need from outside; tests pass a fake probe and a fake HID list. */
export interface StatusDeps {
  readonly probe?: (path: string, options: SerialProbeOptions) => Promise<SerialProbeResult>;
  readonly serialBinding?: SerialBinding;
  readonly hidBinding?: HidBinding;
}

const DEVICE_WORDS: Readonly<Record<CheckedDevice, string>> = {
  idCardReader: 'ID-card reader',
  receiptPrinter: 'receipt printer',
  barcodeScanner: 'barcode scanner',
  evaluationPad: 'evaluation pad',
};

const QUERY_OF: Readonly<Record<Exclude<CheckedDevice, 'barcodeScanner'>, ProbeQuery>> = {
  idCardReader: 'samStatus',
  receiptPrinter: 'printerStatus',
  evaluationPad: 'padQuery',
};

const hex4 = (id: number): string => id.toString(16).padStart(4, '0');

function check(device: CheckedDevice, via: DeviceCheck['via'], location: string | null, state: DeviceCheckState, detail: string): DeviceCheck {
  return { device, via, location, state, detail, isProblem: state === 'notAnswering' || state === 'missing' };
}

/** What a probe of the device's own query says, as a check line. */
function fromProbe(device: CheckedDevice, via: 'serial' | 'tcp', location: string, result: SerialProbeResult): DeviceCheck {
  if (result.found !== null && result.found.device === device) return check(device, via, location, 'answering', result.found.evidence);
  if (result.error !== undefined) {
    const hint = result.errorKind === 'busy' ? ' (is the kiosk running? it holds its ports: stop it, or use the technician console)' : '';
    return check(device, via, location, 'notAnswering', `${result.error}${hint}`);
  }
  if (device === 'barcodeScanner') return check(device, via, location, 'present', 'port opens; scanners answer no query: doctor test scanner checks one');
  const noise = result.tried.some((attempt) => attempt.reply === 'noise') ? ' (bytes came back that answer nothing: wrong baud rate, or another device)' : '';
  return check(device, via, location, 'notAnswering', `no answer to its status query${noise}`);
}

async function checkSerial(
  device: CheckedDevice,
  transport: { readonly path: string; readonly baudRate: number; readonly address?: number },
  deps: StatusDeps,
): Promise<DeviceCheck> {
  const probe = deps.probe ?? probeSerialPort;
  const result = await probe(transport.path, {
    baudRates: [transport.baudRate],
    // Only the device's own question: status never sends another device's query.
    queries: device === 'barcodeScanner' ? [] : [QUERY_OF[device]],
    ...(transport.address === undefined ? {} : { padAddress: transport.address }),
    ...(deps.serialBinding === undefined ? {} : { binding: deps.serialBinding }),
  });
  return fromProbe(device, 'serial', `${transport.path}@${transport.baudRate}`, result);
}

async function checkTcpPrinter(host: string, port: number, deps: StatusDeps): Promise<DeviceCheck> {
  const probe = deps.probe ?? probeSerialPort;
  const location = `tcp://${host}:${port}`;
  const result = await probe(location, {
    baudRates: [0],
    queries: ['printerStatus'],
    openLink: () => new TcpTransport({ host, port }),
  });
  return fromProbe('receiptPrinter', 'tcp', location, result);
}

/** Looks for a HID device in the OS's list: by node when configured, else by ids. */
async function checkHid(
  device: CheckedDevice,
  ids: { readonly vendorId: number; readonly productId: number; readonly path?: string | undefined },
  deps: StatusDeps,
): Promise<DeviceCheck> {
  const location = `hid ${hex4(ids.vendorId)}:${hex4(ids.productId)}${ids.path === undefined ? '' : ` ${ids.path}`}`;
  const listing = await HidTransport.listHidDevices(deps.hidBinding);
  if (listing.reason !== undefined) return check(device, 'hid', location, 'missing', listing.reason);
  const found = listing.devices.find(
    (info) => info.vendorId === ids.vendorId && info.productId === ids.productId && (ids.path === undefined || info.path === ids.path),
  );
  return found === undefined
    ? check(device, 'hid', location, 'missing', 'not in the list of HID devices: unplugged, or the path changed after a replug (doctor hid)')
    : check(device, 'hid', location, 'present', `listed${found.product === undefined ? '' : ` as "${found.product}"`} (HID devices are not queried)`);
}

/** Checks every device the configuration names, in parallel (each on its own port). */
export async function checkConfiguredDevices(config: TerminalConfig, deps: StatusDeps = {}): Promise<DeviceCheck[]> {
  const { devices } = config;
  const simulated = (device: CheckedDevice): Promise<DeviceCheck> => Promise.resolve(check(device, 'simulated', null, 'simulated', 'simulated (no hardware)'));

  const reader = devices.idCardReader?.transport;
  const printer = devices.receiptPrinter?.transport;
  const scanner = devices.barcodeScanner?.transport;
  const pad = devices.evaluationPad?.transport;
  return Promise.all([
    reader === undefined || reader.type === 'simulated'
      ? simulated('idCardReader')
      : reader.type === 'serial'
        ? checkSerial('idCardReader', reader, deps)
        : checkHid('idCardReader', reader, deps),
    printer === undefined || printer.type === 'simulated'
      ? simulated('receiptPrinter')
      : printer.type === 'serial'
        ? checkSerial('receiptPrinter', printer, deps)
        : checkTcpPrinter(printer.host, printer.port, deps),
    scanner === undefined || scanner.type === 'simulated'
      ? simulated('barcodeScanner')
      : scanner.type === 'serial'
        ? checkSerial('barcodeScanner', scanner, deps)
        : scanner.type === 'hid'
          ? checkHid('barcodeScanner', scanner, deps)
          : Promise.resolve(check('barcodeScanner', 'keyboard', null, 'notChecked', 'types into the OS as a keyboard: scan into a text field to check')),
    pad === undefined
      ? Promise.resolve(check('evaluationPad', 'none', null, 'notConfigured', 'none configured'))
      : pad.type === 'simulated'
        ? simulated('evaluationPad')
        : pad.type === 'serial'
          ? checkSerial('evaluationPad', pad, deps)
          : checkHid('evaluationPad', pad, deps),
  ]);
}

/** Reads the configuration in `dataDir` and checks its devices. */
export async function terminalStatus(dataDir: string, deps: StatusDeps = {}): Promise<StatusReport> {
  const loaded = loadTerminalConfig(dataDir);
  if (!loaded.ok) return { dataDir, configSource: 'unusable', configProblems: loaded.error, devices: [] };
  const devices = await checkConfiguredDevices(loaded.value.config, deps);
  return { dataDir, configSource: loaded.value.source, configProblems: loaded.value.problems, devices };
}

const STATE_WORDS: Readonly<Record<DeviceCheckState, string>> = {
  answering: 'answering',
  present: 'present',
  simulated: 'simulated',
  notConfigured: '-',
  notChecked: 'not checked',
  notAnswering: 'NOT ANSWERING',
  missing: 'MISSING',
};

export function formatStatus(report: StatusReport): string {
  const file = path.join(report.dataDir, CONFIG_FILE);
  const out: string[] = [];
  switch (report.configSource) {
    case 'default':
      out.push(`no ${file}: defaults, every device simulated`);
      break;
    case 'file':
      out.push(`config: ${file}`);
      break;
    case 'lastGood':
      out.push(`config: ${file} has problems; the kiosk uses the last good copy:`);
      break;
    case 'unusable':
      out.push(`config: ${file} is unusable and there is no good copy; the kiosk is out of service:`);
      break;
  }
  out.push(...report.configProblems.map((problem) => `  ${problem}`));
  if (report.devices.length > 0) {
    const rows = report.devices.map((device) => [
      DEVICE_WORDS[device.device],
      device.location ?? device.via,
      STATE_WORDS[device.state],
      device.detail,
    ]);
    out.push(...formatTable(['DEVICE', 'WHERE', 'STATE', 'DETAIL'], rows));
  }
  return `${out.join('\n')}\n`;
}

const STATUS_HELP = [
  'Reads config.json from the data folder (KIOSK_DATA_DIR, or --data-dir) as the kiosk does',
  'and checks each configured device, one line each: serial devices are asked their own',
  'harmless question at the configured rate (printer DLE EOT, reader SAM status, pad query;',
  'a serial scanner only has its port opened), HID devices are looked for in the OS list,',
  'simulated ones are reported as such. Stop the kiosk first: it holds its ports.',
  '--json prints {dataDir, configSource, configProblems, devices: [{device, via, location,',
  'state, detail, isProblem}]}.',
  'Exit 0 all answer, 1 a device does not answer / is missing or config.json has problems, 2 usage.',
];

/** The `status` command; `deps` lets tests check without hardware. */
export function createStatusCommand(deps: StatusDeps = {}): DoctorCommand {
  return {
    usage: 'status [--json] [--data-dir dir]',
    summary: 'check each configured device: port there, device answering',
    help: STATUS_HELP,
    async run(args: readonly string[], io: DoctorIo) {
      const parsed = parseArgs('status', args, { options: ['--data-dir'], switches: ['--json'] });
      if (parsed.positional.length > 0) throw new UsageError(`status: unexpected ${JSON.stringify(parsed.positional[0])}`);
      const dataDirOption = parsed.options.get('--data-dir');
      const dataDir = dataDirOption === undefined ? defaultDataDir() : path.resolve(dataDirOption);
      const report = await terminalStatus(dataDir, {
        ...deps,
        ...(deps.serialBinding === undefined && io.serialBinding !== undefined ? { serialBinding: io.serialBinding } : {}),
        ...(deps.hidBinding === undefined && io.hidBinding !== undefined ? { hidBinding: io.hidBinding } : {}),
      });
      io.stdout(parsed.switches.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
      const isBad = report.configSource === 'unusable' || report.configProblems.length > 0 || report.devices.some((device) => device.isProblem);
      return isBad ? 1 : 0;
    },
  };
}

export const STATUS_COMMAND: DoctorCommand = createStatusCommand();
