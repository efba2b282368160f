/**
 * `doctor ports [--json]`: the serial ports the OS lists (serialport, through udev on
 * Linux), with the USB ids and serial number that tell two adapters apart. Ports the OS
 * does not list (ptys) can still be named to `detect --ports`.
 */
import { SerialTransport, type SerialPortInfo } from '../transports/serial-transport.js';
import { formatTable, parseArgs } from './cli-args.js';
import { type DoctorCommand, UsageError } from './doctor-command.js';

const PORTS_HELP = [
  'Lists the serial ports the OS knows about: path, manufacturer, USB vendor:product id,',
  'serial number and the stable /dev/serial/by-id name (put that one in config.json).',
  'An empty list is not an error: no serial adapter is plugged in. Pseudo-terminals and',
  'other ports udev does not list can still be probed with detect --ports <path,…>.',
  'Exit 1 when the list cannot be read (on Linux serialport asks udev: udevadm must exist).',
  '--json prints the list as a JSON array instead of a table.',
];

function portsTable(ports: readonly SerialPortInfo[]): string {
  const rows = ports.map((port) => [
    port.path,
    port.manufacturer ?? '-',
    port.vendorId === undefined ? '-' : `${port.vendorId}:${port.productId ?? '????'}`,
    port.serialNumber ?? '-',
    port.pnpId === undefined ? '-' : `/dev/serial/by-id/${port.pnpId}`,
  ]);
  return `${formatTable(['PATH', 'MANUFACTURER', 'VID:PID', 'SERIAL', 'BY-ID'], rows).join('\n')}\n`;
}

export const PORTS_COMMAND: DoctorCommand = {
  usage: 'ports [--json]',
  summary: 'list serial ports (path, manufacturer, USB ids, serial number)',
  help: PORTS_HELP,
  async run(args, io) {
    const { positional, switches } = parseArgs('ports', args, { switches: ['--json'] });
    if (positional.length > 0) throw new UsageError(`ports: unexpected ${JSON.stringify(positional[0])} (only --json)`);
    const listing = await SerialTransport.listPorts(io.serialBinding);
    if (listing.reason !== undefined) {
      // The listing's words name udevadm when it is missing; other failures come from the
      // same udev query, so say where to look.
      const hint = /udev/i.test(listing.reason) ? '' : ' (on Linux the list comes from udev: is udevd running?)';
      io.stderr(`doctor: ${listing.reason}${hint}\n`);
      return 1;
    }
    if (switches.has('--json')) io.stdout(`${JSON.stringify(listing.ports, null, 2)}\n`);
    else if (listing.ports.length === 0) io.stdout('no serial ports found (ptys are not listed: name them to detect --ports)\n');
    else io.stdout(portsTable(listing.ports));
    return 0;
  },
};
