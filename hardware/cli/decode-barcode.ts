/**
 * `doctor decode hid-keyboard|hid-pos`: decodes a technician's captured barcode-scanner
 * reports (shared/protocols.md §3.1, §3.2) with the same decoders the kiosk uses, so "the
 * scanner types garbage" can be told apart from "the kiosk reads it wrong". Output is
 * UNMASKED on purpose — the technician decodes their own capture; nothing here is logged.
 */
import { symbologyOf } from '../protocols/barcode/aim.js';
import { decodeSymbolBytes } from '../protocols/barcode/qr-text.js';
import { WedgeDecoder, type AltCodeMode, type WedgeResult, type WedgeTerminator } from '../protocols/hid-keyboard/wedge-decoder.js';
import { HidPosDecoder, type HidPosOutcome } from '../protocols/hid-pos/hid-pos-decoder.js';
import { err, ok, type Result } from '../result.js';
import { parseHexInput } from './decode-sam.js';

/** The wedge settings to decode with (`--alt-codes`, `--report-id`). */
export interface HidKeyboardDecodeOptions {
  readonly altCodes: AltCodeMode;
  readonly hasReportId: boolean;
}

/** `decode hid-keyboard` output. */
export interface HidKeyboardDecode {
  readonly symbols: readonly ({ readonly text: string; readonly terminator: WedgeTerminator } | { readonly tooLong: number; readonly terminator: WedgeTerminator })[];
  /** Reports, keys and Alt groups that typed nothing (roll-over, chords, junk). */
  readonly ignored: number;
  readonly modes: HidKeyboardDecodeOptions & { readonly terminators: readonly string[]; readonly isCapsLockAtEnd: boolean };
}

/** `decode hid-pos` output. */
export interface HidPosDecode {
  readonly symbols: readonly {
    readonly text: string;
    readonly aimId: string | null;
    readonly symbology: string | null;
    readonly charset: string;
    readonly isCharsetUncertain: boolean;
    readonly reports: number;
    readonly bytes: number;
  }[];
  readonly garbled: number;
  readonly garbledReasons: readonly string[];
  readonly tooLong: number;
  readonly ignored: number;
  readonly modes: { readonly hasReportId: boolean };
}

/** Decodes keyboard reports in order; a symbol left without terminator is flushed. */
export function decodeHidKeyboardReports(reports: readonly Uint8Array[], options: HidKeyboardDecodeOptions): HidKeyboardDecode {
  const decoder = new WedgeDecoder({ altCodes: options.altCodes, hasReportId: options.hasReportId });
  const results: WedgeResult[] = reports.flatMap((report) => decoder.push(report));
  const last = decoder.flush();
  if (last !== null) results.push(last);
  return {
    symbols: results.map((result) =>
      result.kind === 'symbol' ? { text: result.text, terminator: result.terminator } : { tooLong: result.chars, terminator: result.terminator },
    ),
    ignored: decoder.ignored,
    modes: { ...options, terminators: ['enter'], isCapsLockAtEnd: decoder.isCapsLock },
  };
}

/** Decodes HID POS reports in order; a continued symbol left open counts as garbled. */
export function decodeHidPosReports(reports: readonly Uint8Array[], options: { readonly hasReportId: boolean }): HidPosDecode {
  const decoder = new HidPosDecoder({ hasReportId: options.hasReportId });
  const outcomes: HidPosOutcome[] = reports.flatMap((report) => decoder.push(report));
  const last = decoder.flush();
  if (last !== null) outcomes.push(last);
  const symbols: HidPosDecode['symbols'][number][] = [];
  const garbledReasons: string[] = [];
  let tooLong = 0;
  let ignored = 0;
  for (const outcome of outcomes) {
    if (outcome.kind === 'symbol') {
      const decoded = decodeSymbolBytes(outcome.bytes, { aimId: outcome.aimId });
      symbols.push({
        text: decoded.text,
        aimId: outcome.aimId,
        symbology: outcome.aimId === null ? null : symbologyOf(outcome.aimId),
        charset: decoded.charset,
        isCharsetUncertain: decoded.isUncertain,
        reports: outcome.reports,
        bytes: outcome.bytes.length,
      });
    } else if (outcome.kind === 'garbled') {
      garbledReasons.push(outcome.reason);
    } else if (outcome.kind === 'tooLong') {
      tooLong += 1;
    } else {
      ignored += 1;
    }
  }
  return { symbols, garbled: garbledReasons.length, garbledReasons, tooLong, ignored, modes: options };
}

interface ReportArgs {
  readonly reports: readonly Uint8Array[];
  readonly hasReportId: boolean;
  readonly altCodes: AltCodeMode;
}

/**
 * Reads `[--report-id] [--alt-codes unicode|gbk] [--json] <hex report…|->`: one report
 * per argument, or one per stdin line with `-`. Errors are one line of plain words.
 */
async function parseReportArgs(family: string, words: readonly string[], readStdin: () => Promise<string>): Promise<Result<ReportArgs, string>> {
  let hasReportId = false;
  let altCodes: AltCodeMode = 'unicode';
  const hexArgs: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (word === '--json') continue;
    if (word === '--report-id') {
      hasReportId = true;
    } else if (word === '--alt-codes' && family === 'hid-keyboard') {
      const value = words[i + 1];
      if (value !== 'unicode' && value !== 'gbk') return err(`--alt-codes must be unicode or gbk, not ${JSON.stringify(value ?? '')}`);
      altCodes = value;
      i += 1;
    } else if (word.startsWith('--')) {
      return err(`unknown option ${word}`);
    } else {
      hexArgs.push(word);
    }
  }
  if (hexArgs.length === 0) return err('give one hex report per argument, or - for one per stdin line');
  const lines = hexArgs.length === 1 && hexArgs[0] === '-' ? (await readStdin()).split(/\r?\n/u).filter((line) => line.trim() !== '') : hexArgs;
  const reports: Uint8Array[] = [];
  for (const [index, line] of lines.entries()) {
    const bytes = parseHexInput(line);
    if (!bytes.ok) return err(`report ${index + 1}: ${bytes.error}`);
    reports.push(bytes.value);
  }
  return ok({ reports, hasReportId, altCodes });
}

/** `decode hid-keyboard …` → the JSON to print, or a usage error. */
export async function runDecodeHidKeyboard(words: readonly string[], readStdin: () => Promise<string>): Promise<Result<HidKeyboardDecode, string>> {
  const args = await parseReportArgs('hid-keyboard', words, readStdin);
  if (!args.ok) return args;
  return ok(decodeHidKeyboardReports(args.value.reports, { altCodes: args.value.altCodes, hasReportId: args.value.hasReportId }));
}

/** `decode hid-pos …` → the JSON to print, or a usage error. */
export async function runDecodeHidPos(words: readonly string[], readStdin: () => Promise<string>): Promise<Result<HidPosDecode, string>> {
  const args = await parseReportArgs('hid-pos', words, readStdin);
  if (!args.ok) return args;
  return ok(decodeHidPosReports(args.value.reports, { hasReportId: args.value.hasReportId }));
}
