/**
 * The shape of a doctor sub-command and what it is given, apart from the router in
 * doctor.ts, so command modules (here and in electron/services) can import it while
 * doctor.ts imports them for {@link COMMANDS} without an import cycle.
 */
import type { HidBinding } from '../transports/hid-binding.js';
import type { SerialBinding } from '../transports/serial-binding.js';

/** Where a command writes and reads; injected so tests need no child process. */
export interface DoctorIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  /** What `hid` and `detect` list with; default node-hid. Tests inject a fake, so no device is needed. */
  readonly hidBinding?: HidBinding;
  /** What `ports`, `detect`, `status` and `test` open and list with; default serialport's. */
  readonly serialBinding?: SerialBinding;
}

export interface DoctorCommand {
  readonly usage: string;
  readonly summary: string;
  /** Extra help lines shown by `doctor <command> --help`. */
  readonly help: readonly string[];
  run(args: readonly string[], io: DoctorIo): Promise<number>;
}

/** Usage errors: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}
