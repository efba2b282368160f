/**
 * The physical-keyboard guard. A kiosk has no keyboard: every physical key event comes from
 * a barcode scanner acting as an OS keyboard (HID keyboard wedge, protocols.md §3.1) or a
 * keyboard-style evaluation pad. So the guard takes every key event on the window in the
 * capture phase before anything else sees it — nothing is ever typed into a focused field —
 * and recognises scanner bursts by their timing, with onScan.js's defaults: an average of at
 * most 30 ms per character, at least 6 characters, ended by Enter or Tab or by 100 ms of
 * quiet. Human typing (> 50 ms per key) never passes. A recognised burst goes to the current
 * sink (the scan prompt sends it to `scan.submitText`, and the core classifies it).
 *
 * The on-screen keyboard is made of buttons that change React state: it produces no DOM key
 * events, so the guard does not touch it. An element marked `data-physical-keys="allow"`
 * (a technician's field) receives keys as usual, with everything inside it.
 *
 * Pitfalls handled (protocols.md §3.1 and reliability.md (c), HID row):
 * - an active Chinese IME turns keystrokes into hanzi: its keydowns arrive as `Process`
 *   (or `Unidentified`, or with `isComposing`), so the character comes from `event.code`,
 *   the physical key, with Shift; a field that has focus is blurred at the first physical
 *   key, because Chromium does not let a cancelled keydown stop an IME composition, and
 *   composition and input events that follow physical keys are stopped before React;
 * - CapsLock inverts the case the OS types for letters, but the scanner meant the case its
 *   Shift says (it does not read the CapsLock LED): with CapsLock on (`getModifierState`),
 *   letters are turned back;
 * - a scanner set to send no suffix: the burst is taken 100 ms after its last key;
 * - CJK typed as Alt + keypad digits (one character per Alt press, as the Unicode code
 *   point or the GBK value, per the scanner's setting in the status): decoded here, since
 *   Chromium on Linux types nothing for them.
 */

import { type AltCodes, type KeyLike, altCodeChar, meaningOf } from './scan-keys';

export { type AltCodes, type KeyLike, type KeyMeaning, altCodeChar, charOfCode, meaningOf } from './scan-keys';

/** Average time per character of a scanner burst, at most (onScan.js `avgTimeByChar`). */
export const SCAN_MAX_AVERAGE_MS_PER_CHAR = 30;
/** Shorter bursts are no code we act on (onScan.js `minLength`). */
export const SCAN_MIN_LENGTH = 6;
/** Quiet after the last key that ends a burst without a suffix (onScan.js `timeBeforeScanTest`). */
export const SCAN_SETTLE_MS = 100;
/** The contract's limit on `scan.submitText` (MAX_SCAN_TEXT_LENGTH); longer bursts are dropped. */
export const SCAN_MAX_LENGTH = 4096;
/** Input and composition events this soon after a physical key are the IME's doing: stopped. */
export const TEXT_EVENT_GUARD_MS = 2 * SCAN_SETTLE_MS;

/** Opt-out: keys inside an element with this attribute value reach it. */
export const ALLOW_ATTRIBUTE = 'data-physical-keys';
export const ALLOW_VALUE = 'allow';

export interface GuardClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type DiscardReason = 'tooShort' | 'tooSlow' | 'tooLong';

export interface BurstOptions {
  readonly clock: GuardClock;
  readonly onScan: (text: string) => void;
  /** For tests and diagnostics: a burst that was not a scan. */
  readonly onDiscard?: (reason: DiscardReason, length: number) => void;
  readonly maxAverageMsPerChar?: number;
  readonly minLength?: number;
  readonly settleMs?: number;
}

/**
 * Tells scanner bursts from human typing by timing alone: pure, with an injected clock.
 * Characters are pushed as they come; Enter/Tab (`end`) or the settle timer decides.
 */
export class ScanBurstDetector {
  readonly #clock: GuardClock;
  readonly #onScan: (text: string) => void;
  readonly #onDiscard: ((reason: DiscardReason, length: number) => void) | undefined;
  readonly #maxAverage: number;
  readonly #minLength: number;
  readonly #settleMs: number;
  #chars: string[] = [];
  #firstAt = 0;
  #lastAt = 0;
  #isOverflowing = false;
  #timer: unknown = null;

  constructor(options: BurstOptions) {
    this.#clock = options.clock;
    this.#onScan = options.onScan;
    this.#onDiscard = options.onDiscard;
    this.#maxAverage = options.maxAverageMsPerChar ?? SCAN_MAX_AVERAGE_MS_PER_CHAR;
    this.#minLength = options.minLength ?? SCAN_MIN_LENGTH;
    this.#settleMs = options.settleMs ?? SCAN_SETTLE_MS;
  }

  /** Characters held, not yet decided. */
  get pending(): number {
    return this.#chars.length;
  }

  push(char: string): void {
    const at = this.#clock.now();
    if (this.#chars.length === 0 && !this.#isOverflowing) this.#firstAt = at;
    this.#lastAt = at;
    if (this.#chars.length >= SCAN_MAX_LENGTH) {
      // Keep counting time but not characters: the burst is refused as a whole.
      this.#isOverflowing = true;
      this.#chars = [];
    } else if (!this.#isOverflowing) {
      this.#chars.push(char);
    }
    this.#arm();
  }

  /** Enter or Tab: the burst ends here. A suffix with nothing before it does nothing. */
  end(): void {
    this.#decide();
  }

  /** Drops whatever is held (the guard is removed). */
  reset(): void {
    this.#disarm();
    this.#chars = [];
    this.#isOverflowing = false;
  }

  #arm(): void {
    this.#disarm();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#decide();
    }, this.#settleMs);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #decide(): void {
    this.#disarm();
    const chars = this.#chars;
    const isOverflowing = this.#isOverflowing;
    this.#chars = [];
    this.#isOverflowing = false;
    if (isOverflowing) {
      this.#onDiscard?.('tooLong', SCAN_MAX_LENGTH + 1);
      return;
    }
    if (chars.length === 0) return;
    if (chars.length < this.#minLength) {
      this.#onDiscard?.('tooShort', chars.length);
      return;
    }
    const average = (this.#lastAt - this.#firstAt) / (chars.length - 1);
    if (average > this.#maxAverage) {
      this.#onDiscard?.('tooSlow', chars.length);
      return;
    }
    this.#onScan(chars.join(''));
  }
}

/** The window-like object the guard listens on. */
export interface GuardTarget {
  addEventListener(type: string, listener: (event: Event) => void, options: { capture: boolean }): void;
  removeEventListener(type: string, listener: (event: Event) => void, options: { capture: boolean }): void;
}

export interface ScanGuardOptions {
  readonly onScan: (text: string) => void;
  readonly onDiscard?: (reason: DiscardReason, length: number) => void;
  readonly clock?: GuardClock;
  /** The element with focus now (document.activeElement by default). */
  readonly activeElement?: () => unknown;
  /** How the scanner sends CJK as Alt codes; read when a code completes. Default Unicode. */
  readonly altCodes?: () => AltCodes;
}

const KEY_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
const TEXT_EVENTS = ['beforeinput', 'input', 'compositionstart', 'compositionupdate', 'compositionend'] as const;

interface ClosestCapable {
  closest(selector: string): unknown;
}

function hasClosest(value: unknown): value is ClosestCapable {
  return typeof value === 'object' && value !== null && typeof (value as { closest?: unknown }).closest === 'function';
}

/** Inside an element that takes physical keys (a technician's field). */
export function isAllowedTarget(target: unknown): boolean {
  return hasClosest(target) && target.closest(`[${ALLOW_ATTRIBUTE}="${ALLOW_VALUE}"]`) !== null;
}

function isEditable(element: unknown): element is { blur(): void } {
  if (typeof element !== 'object' || element === null) return false;
  const { tagName, isContentEditable, blur } = element as { tagName?: unknown; isContentEditable?: unknown; blur?: unknown };
  if (typeof blur !== 'function') return false;
  return tagName === 'INPUT' || tagName === 'TEXTAREA' || isContentEditable === true;
}

const SYSTEM_CLOCK: GuardClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Installs the guard on `target` (the window) in the capture phase; returns its removal. */
export function installScanGuard(target: GuardTarget, options: ScanGuardOptions): () => void {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const activeElement = options.activeElement ?? (() => globalThis.document?.activeElement ?? null);
  const detector = new ScanBurstDetector({
    clock,
    onScan: options.onScan,
    ...(options.onDiscard ? { onDiscard: options.onDiscard } : {}),
  });
  let lastKeyAt = Number.NEGATIVE_INFINITY;
  let altDigits = '';

  const onKey = (event: Event): void => {
    if (isAllowedTarget(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'keyup' && (event as unknown as KeyLike).key === 'Alt') {
      // Alt released: the digits typed under it were one character.
      const char = altDigits === '' ? null : altCodeChar(altDigits, options.altCodes?.() ?? 'unicode');
      altDigits = '';
      if (char !== null) detector.push(char);
      return;
    }
    if (event.type !== 'keydown') return;
    lastKeyAt = clock.now();
    const focused = activeElement();
    if (isEditable(focused) && !isAllowedTarget(focused)) focused.blur();
    const meaning = meaningOf(event as unknown as KeyLike);
    if (meaning.kind === 'char') detector.push(meaning.char);
    else if (meaning.kind === 'altDigit' && altDigits.length < 8) altDigits += meaning.digit;
    else if (meaning.kind === 'end') detector.end();
  };

  const onText = (event: Event): void => {
    if (isAllowedTarget(event.target)) return;
    if (clock.now() - lastKeyAt > TEXT_EVENT_GUARD_MS) return;
    if (event.cancelable) event.preventDefault();
    event.stopPropagation();
  };

  for (const type of KEY_EVENTS) target.addEventListener(type, onKey, { capture: true });
  for (const type of TEXT_EVENTS) target.addEventListener(type, onText, { capture: true });
  return () => {
    for (const type of KEY_EVENTS) target.removeEventListener(type, onKey, { capture: true });
    for (const type of TEXT_EVENTS) target.removeEventListener(type, onText, { capture: true });
    detector.reset();
  };
}
