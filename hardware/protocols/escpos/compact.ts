/**
 * Drops mode-setting commands that cannot change what the printer does: layout engines
 * such as receiptline restate every mode on every line (underline off, bold off, size 1×1,
 * margins…), which doubles a ticket's size on a 9600-baud serial line. A command is dropped
 * only when the job itself set the same mode to the same value since the last `ESC @`; before
 * the first `ESC @` nothing is known about the printer's state, so nothing is dropped.
 * Pure: bytes in, bytes out.
 */
import type { EscPosCommand } from './stream-command.js';
import { parseEscPos } from './stream-parser.js';

/**
 * Modes that are plain state, keyed by command kind; the value is the command's parameters.
 * `printMode` (ESC !) and `characterSize` (GS !) both touch the character size, and ESC !
 * also sets bold, underline and font: they are tracked, but each forgets the others (below).
 */
const STATE_KINDS = new Set<EscPosCommand['kind']>([
  'printMode',
  'bold',
  'doubleStrike',
  'underline',
  'align',
  'characterSize',
  'reverse',
  'font',
  'codePage',
  'internationalCharset',
  'lineSpacing',
  'rightSpacing',
  'upsideDown',
  'leftMargin',
  'printAreaWidth',
  'chineseMode',
  'chinesePrintMode',
  'chineseUnderline',
  'chineseCodeSystem',
  'chineseQuadruple',
  'chineseSpacing',
]);

/** Kinds whose state another command also changes: emitting the key forgets the values. */
const OVERLAPS: Partial<Record<EscPosCommand['kind'], readonly EscPosCommand['kind'][]>> = {
  printMode: ['bold', 'underline', 'characterSize', 'font'],
  bold: ['printMode'],
  underline: ['printMode'],
  characterSize: ['printMode'],
  font: ['printMode'],
  chinesePrintMode: ['chineseUnderline', 'chineseQuadruple'],
  chineseUnderline: ['chinesePrintMode'],
  chineseQuadruple: ['chinesePrintMode'],
};

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function compactEscPos(job: Uint8Array): Uint8Array {
  const commands = parseEscPos(job);
  const known = new Map<EscPosCommand['kind'], Uint8Array>();
  const kept: Uint8Array[] = [];
  let isStateKnown = false;
  for (const command of commands) {
    if (command.kind === 'initialise') {
      known.clear();
      isStateKnown = true;
    } else if (command.kind === 'relativePosition' && command.dots === 0) {
      continue; // ESC \ 0 0 moves nowhere.
    } else if (isStateKnown && STATE_KINDS.has(command.kind)) {
      const previous = known.get(command.kind);
      if (previous !== undefined && sameBytes(previous, command.raw)) continue;
      known.set(command.kind, command.raw);
      for (const other of OVERLAPS[command.kind] ?? []) known.delete(other);
    } else if (command.kind === 'unknown' || command.kind === 'extended' || command.kind === 'setting') {
      // A command we do not model may change any mode: trust nothing we knew.
      known.clear();
    }
    kept.push(command.raw);
  }
  const out = new Uint8Array(kept.reduce((n, raw) => n + raw.length, 0));
  let offset = 0;
  for (const raw of kept) {
    out.set(raw, offset);
    offset += raw.length;
  }
  return out;
}
