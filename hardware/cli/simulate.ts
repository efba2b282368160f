/**
 * `doctor simulate <idreader|printer|scanner|pad> <serial-port> [options]`: runs a device
 * simulator on a serial port until Ctrl-C, so host software (the kiosk, a vendor tool,
 * `doctor detect`) can be tried without the hardware. With socat:
 *
 *   socat -d -d pty,raw,echo=0,link=/tmp/printer-host pty,raw,echo=0,link=/tmp/printer-sim
 *   npm run doctor -- simulate printer /tmp/printer-sim --baud 9600
 *
 * It runs the simulators' own command-line programs (`hardware/simulators/<device>/cli.ts`,
 * the ones behind `npm run sim:*`) in this process, so options, stdin commands, reopening
 * and Ctrl-C behave exactly as there; their usage errors exit 2 with their own usage line.
 */
import { type DoctorCommand, UsageError } from './doctor-command.js';

/** The simulators, by the names the technician types. */
export type SimulatedDevice = 'idreader' | 'printer' | 'scanner' | 'pad';

const ALIASES: Readonly<Record<string, SimulatedDevice>> = {
  idreader: 'idreader',
  'id-reader': 'idreader',
  printer: 'printer',
  scanner: 'scanner',
  pad: 'pad',
};

/** Where each simulator's command-line program lives (for `process.argv[1]`). */
const PROGRAMS: Readonly<Record<SimulatedDevice, string>> = {
  idreader: 'hardware/simulators/id-card-reader/cli.ts',
  printer: 'hardware/simulators/receipt-printer/cli.ts',
  scanner: 'hardware/simulators/barcode-scanner/cli.ts',
  pad: 'hardware/simulators/evaluation-pad/cli.ts',
};

/**
 * Loads a simulator program. Each reads `process.argv` when it loads and resolves once its
 * port is open; it keeps running (port, stdin) until SIGINT/SIGTERM.
 */
const LOADERS: Readonly<Record<SimulatedDevice, () => Promise<unknown>>> = {
  idreader: () => import('../simulators/id-card-reader/cli.js'),
  printer: () => import('../simulators/receipt-printer/cli.js'),
  scanner: () => import('../simulators/barcode-scanner/cli.js'),
  pad: () => import('../simulators/evaluation-pad/cli.js'),
};

/** Starts `device`'s simulator with `argv` (port first, then its options). */
export type SimulatorLauncher = (device: SimulatedDevice, argv: readonly string[]) => Promise<void>;

/**
 * Runs the simulator program in this process: its argument parser reads `process.argv`,
 * which is set as if it had been started on its own (`tsx <program> <port> …`).
 */
export const launchSimulatorInProcess: SimulatorLauncher = async (device, argv) => {
  process.argv = [process.argv[0] ?? process.execPath, PROGRAMS[device], ...argv];
  await LOADERS[device]();
};

const SIMULATE_HELP = [
  'Runs a device simulator on a serial port until Ctrl-C. Make a port pair with socat:',
  '  socat -d -d pty,raw,echo=0,link=/tmp/x-host pty,raw,echo=0,link=/tmp/x-sim',
  'run the simulator on /tmp/x-sim and point the host software (or detect --ports) at',
  '/tmp/x-host. Options after the port go to the simulator:',
  '  idreader <port> [--card <specimen-id>] [--baud n] [--read-delay ms]   (default 115200)',
  '  printer  <port> [--out dir] [--paper ok|near|empty] [--baud n] [--print-delay ms] (115200)',
  '  scanner  <port> [--suffix cr|lf|crlf|none] [--charset utf-8|gbk] [--aim id] [--baud n] (9600)',
  '  pad      <port> [--address n] [--baud n] [--table default|four-key] [--model name] (9600)',
  'Each reads commands on stdin (card/remove/fault for the reader, paper/cover/jam for the',
  'printer, a line to scan for the scanner, 1–5 to press for the pad). Same programs as',
  'npm run sim:printer|sim:scanner|sim:pad. Exit 2 on bad arguments.',
];

/** The `simulate` command over `launch` (in-process by default; tests pass a fake). */
export function createSimulateCommand(launch: SimulatorLauncher = launchSimulatorInProcess): DoctorCommand {
  return {
    usage: 'simulate <device> <serial-port> [options]',
    summary: 'run a device simulator on a serial port until Ctrl-C',
    help: SIMULATE_HELP,
    async run(args, io) {
      const [name, port, ...options] = args;
      const known = Object.keys(PROGRAMS).join(', ');
      if (name === undefined) throw new UsageError(`simulate: name a device (${known})`);
      const device = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
      if (device === undefined) throw new UsageError(`simulate: unknown device ${JSON.stringify(name)} (known: ${known})`);
      if (port === undefined || port.startsWith('--')) throw new UsageError(`simulate ${name}: give the serial port to serve, e.g. /tmp/x-sim`);
      io.stderr(`doctor: ${PROGRAMS[device]} on ${port}; Ctrl-C stops it\n`);
      await launch(device, [port, ...options]);
      return 0;
    },
  };
}

export const SIMULATE_COMMAND: DoctorCommand = createSimulateCommand();
