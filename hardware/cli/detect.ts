/**
 * `doctor detect [--ports p1,p2,…] [--baud r1,r2,…] [--no-hid] [--json]`: auto-detect
 * (hardware/detect) from the shell. Probes serial ports with harmless queries, looks at HID
 * devices, and prints what it found with the config.json fragment to paste once checked.
 *
 * Exit 0 when the probe ran (also when nothing was found), 1 when a port could not be
 * probed at all (in use, permission, no such port) or the ports / HID devices could not be
 * listed, 2 usage.
 */
import {
  type DetectOptions,
  type DetectionReport,
  type DeviceProposal,
  type DevicesFragment,
  type ProposedDevice,
  detectDevices,
  unprobedPorts,
} from '../detect/detect-devices.js';
import type { SerialProbeResult } from '../detect/probe-serial.js';
import { isPadAddress } from '../protocols/evaluation-pad/serial-pad-frame.js';
import { formatTable, parseArgs, parseBaudRates } from './cli-args.js';
import { type DoctorCommand, UsageError } from './doctor-command.js';

const DETECT_HELP = [
  'Probes each serial port at 115200, 9600, 57600, 38400 and 19200 baud with questions that',
  'print nothing and change nothing: DLE EOT (receipt printer status) first, then the SAM',
  'status check 11 FF (ID-card reader), then the evaluation pad query. HID devices are not',
  'opened: a Miaxis reader is known by its ids (10c4:0007), a HID POS scanner by usage page',
  '0x8C; a boot keyboard may be a scanner wedge or a keyboard-style pad: scan or press to tell.',
  'Prints what answered and the config.json "devices" fragment to paste after checking it.',
  '  --ports p1,p2   probe exactly these (ptys and other ports the OS does not list);',
  '                  default: every port `doctor ports` lists',
  '  --baud r1,r2    rates to try, in order (default 115200,9600,57600,38400,19200)',
  '  --pad-address n the pad address to ask, 1–254 (default 1)',
  '  --no-hid        serial ports only',
  '  --json          the full report as JSON (probes, every query tried, proposals)',
  'Stop the kiosk first: ports it holds show as "in use". A serial barcode scanner never',
  'answers a query: it shows as "nothing answered"; check it with doctor test scanner.',
  'Exit 0 probe ran (found or not), 1 a port could not be probed or listed, 2 usage.',
];

const DEVICE_WORDS: Readonly<Record<ProposedDevice, string>> = {
  idCardReader: 'ID-card reader',
  receiptPrinter: 'receipt printer',
  evaluationPad: 'evaluation pad',
  barcodeScanner: 'barcode scanner',
};

/** One line per probed port: what answered, or why nothing did. */
function probeWords(probe: SerialProbeResult): string {
  if (probe.found !== null) return `${DEVICE_WORDS[probe.found.device]} at ${probe.found.baudRate} baud — ${probe.found.evidence}`;
  if (probe.error !== undefined) return `not probed: ${probe.error}`;
  const rates = [...new Set(probe.tried.map((attempt) => attempt.baudRate))];
  const noisy = [...new Set(probe.tried.filter((attempt) => attempt.reply !== 'silent').map((attempt) => attempt.baudRate))];
  const noise = noisy.length === 0 ? '' : `; bytes that answer nothing at ${noisy.join(', ')} (another device, or another baud rate)`;
  return `nothing answered at ${rates.join(', ')}${noise} (a serial barcode scanner never answers: try doctor test scanner)`;
}

function proposalWords(proposal: DeviceProposal): string {
  return proposal.kind === 'identified' ? `${DEVICE_WORDS[proposal.device]} — ${proposal.evidence}` : `${proposal.confirm} — ${proposal.evidence}`;
}

const indent = (text: string, by: string): string => text.split('\n').map((line) => `${by}${line}`).join('\n');

/** The human report: ports, HID devices, then the fragments to paste. */
export function formatDetection(report: DetectionReport): string {
  const out: string[] = [];
  const { serial, hid } = report;
  out.push(`Serial ports (${serial.source === 'named' ? 'named' : 'listed by the OS'}):`);
  if (serial.listError !== null) out.push(`  cannot list: ${serial.listError}; name ports with --ports`);
  else if (serial.probes.length === 0 && serial.skipped.length === 0) out.push('  none');
  const rows = [
    ...serial.probes.map((probe) => [probe.path, probeWords(probe)]),
    ...serial.skipped.map((skip) => [skip.path, `skipped: ${skip.reason}`]),
  ];
  if (rows.length > 0) out.push(...formatTable(['PORT', 'RESULT'], rows).map((line) => `  ${line}`));
  if (hid.isIncluded) {
    out.push('', 'HID devices:');
    const hidProposals = report.proposals.filter((proposal) => proposal.via === 'hid');
    if (hid.listError !== null) out.push(`  cannot list: ${hid.listError}`);
    else if (hidProposals.length === 0) out.push(`  nothing recognised among ${hid.devices.length} listed (doctor hid shows them all)`);
    else out.push(...formatTable(['DEVICE', 'LOOKS LIKE'], hidProposals.map((p) => [p.location, proposalWords(p)])).map((line) => `  ${line}`));
  }
  out.push(...fragmentsText(report.proposals));
  return `${out.join('\n')}\n`;
}

function fragmentsText(proposals: readonly DeviceProposal[]): string[] {
  const identified = proposals.flatMap((proposal) => (proposal.kind === 'identified' ? [proposal] : []));
  const out: string[] = [];
  if (identified.length === 0 && proposals.length === 0) {
    out.push('', 'Nothing to propose.');
    return out;
  }
  if (identified.length > 0) {
    const keys = identified.map((proposal) => Object.keys(proposal.fragment)[0]);
    if (new Set(keys).size === keys.length) {
      const merged: DevicesFragment = Object.assign({}, ...identified.map((proposal) => proposal.fragment)) as DevicesFragment;
      out.push('', 'Proposed bindings: check them, then paste into config.json under "devices":', indent(JSON.stringify(merged, null, 2), '  '));
    } else {
      out.push('', 'Proposed bindings: more than one device of a kind answered; keep one of each in config.json "devices":');
      for (const proposal of identified) out.push(`  ${proposal.location}:`, indent(JSON.stringify(proposal.fragment, null, 2), '    '));
    }
  }
  for (const proposal of proposals) {
    if (proposal.kind !== 'keyboardLike') continue;
    out.push('', `Keyboard-like ${proposal.location}: ${proposal.confirm}. Then paste one of:`);
    for (const choice of proposal.choices) {
      out.push(`  if it is the ${DEVICE_WORDS[choice.device]}:`, indent(JSON.stringify(choice.fragment, null, 2), '    '));
    }
  }
  return out;
}

/** Whether the probe could not run somewhere: exit 1. */
export function detectionFailed(report: DetectionReport): boolean {
  return (report.serial.source === 'enumerated' && report.serial.listError !== null) || unprobedPorts(report).length > 0 || report.hid.listError !== null;
}

function parsePorts(text: string): string[] {
  const ports = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (ports.length === 0) throw new UsageError('detect: --ports needs at least one path');
  return ports;
}

/** The `detect` command over `detect` (the real auto-detect unless a test passes a fake). */
export function createDetectCommand(detect: (options: DetectOptions) => Promise<DetectionReport> = detectDevices): DoctorCommand {
  return {
    usage: 'detect [--ports p1,p2,…] [--json]',
    summary: 'auto-detect devices on serial ports and HID; propose bindings',
    help: DETECT_HELP,
    async run(args, io) {
      const parsed = parseArgs('detect', args, { options: ['--ports', '--baud', '--pad-address'], switches: ['--json', '--no-hid'] });
      if (parsed.positional.length > 0) throw new UsageError(`detect: unexpected ${JSON.stringify(parsed.positional[0])}; name ports with --ports p1,p2`);
      const portsText = parsed.options.get('--ports');
      const baudText = parsed.options.get('--baud');
      const padText = parsed.options.get('--pad-address');
      const padAddress = padText === undefined ? undefined : Number(padText);
      if (padAddress !== undefined && !isPadAddress(padAddress)) throw new UsageError(`detect: --pad-address must be 1–254, not ${padText}`);
      const report = await detect({
        ...(portsText === undefined ? {} : { ports: parsePorts(portsText) }),
        isHidIncluded: !parsed.switches.has('--no-hid'),
        ...(io.serialBinding === undefined ? {} : { serialBinding: io.serialBinding }),
        ...(io.hidBinding === undefined ? {} : { hidBinding: io.hidBinding }),
        probe: {
          ...(baudText === undefined ? {} : { baudRates: parseBaudRates('detect', baudText) }),
          ...(padAddress === undefined ? {} : { padAddress }),
        },
      });
      io.stdout(parsed.switches.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatDetection(report));
      return detectionFailed(report) ? 1 : 0;
    },
  };
}

export const DETECT_COMMAND: DoctorCommand = createDetectCommand();
