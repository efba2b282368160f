/**
 * Argument parsing for the doctor's device commands: `--flag value` options, bare
 * switches and positional words. Unknown options and missing values are usage errors
 * (exit 2), so a typo never runs a probe with defaults the technician did not ask for.
 */
import { UsageError } from './doctor-command.js';

export interface ParsedArgs {
  readonly positional: readonly string[];
  /** Each option's value (the last one when given twice). */
  readonly options: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/**
 * Splits `args` for `command`. `options` take a value (`--ports a,b`, also `--ports=a,b`);
 * `switches` do not (`--json`).
 */
export function parseArgs(command: string, args: readonly string[], spec: { readonly options?: readonly string[]; readonly switches?: readonly string[] }): ParsedArgs {
  const valued = new Set(spec.options ?? []);
  const bare = new Set(spec.switches ?? []);
  const positional: string[] = [];
  const options = new Map<string, string>();
  const switches = new Set<string>();
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index] ?? '';
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals < 0 ? word : word.slice(0, equals);
    if (bare.has(name) && equals < 0) {
      switches.add(name);
    } else if (valued.has(name)) {
      const value = equals < 0 ? args[index + 1] : word.slice(equals + 1);
      if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) throw new UsageError(`${command}: ${name} needs a value`);
      options.set(name, value);
      if (equals < 0) index += 1;
    } else {
      const known = [...valued, ...bare].join(', ');
      throw new UsageError(`${command}: unknown option ${name}${known === '' ? '' : ` (known: ${known})`}`);
    }
  }
  return { positional, options, switches };
}

/** Baud rates config.json accepts (terminal-config.ts). */
export const CONFIG_BAUD_RATES: readonly number[] = [9_600, 19_200, 38_400, 57_600, 115_200];

/** `--baud 9600` or `--baud 115200,9600` as rates config.json accepts; usage error otherwise. */
export function parseBaudRates(command: string, text: string): number[] {
  const rates = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (rates.length === 0) throw new UsageError(`${command}: --baud needs a rate`);
  return rates.map((part) => {
    const rate = Number(part);
    if (!CONFIG_BAUD_RATES.includes(rate)) throw new UsageError(`${command}: baud rate ${part} is not one of ${CONFIG_BAUD_RATES.join(', ')}`);
    return rate;
  });
}

/** A whole number of seconds within `[min, max]`, or a usage error naming the option. */
export function parseSeconds(command: string, option: string, text: string, min: number, max: number): number {
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) throw new UsageError(`${command}: ${option} must be ${min}–${max} seconds, not ${text}`);
  return seconds;
}

/** Lines of a plain-text table; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
