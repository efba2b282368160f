/**
 * The physical-keyboard guard (renderer/components/scan-guard.ts): scanner bursts told from
 * human typing by timing, keys mapped through an active IME and CapsLock, and no physical key
 * ever reaching a focused field. Vitest's fake timers drive the clock; the window is a small
 * event target with capture listeners, the events plain objects that record what was done.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type GuardClock,
  type GuardTarget,
  type KeyLike,
  SCAN_MAX_LENGTH,
  ScanBurstDetector,
  altCodeChar,
  charOfCode,
  installScanGuard,
  isAllowedTarget,
  meaningOf,
} from '../../renderer/components/scan-guard';

const clock: GuardClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

function key(partial: Partial<KeyLike> & { readonly key: string }, capsLock = false): KeyLike {
  return {
    code: '',
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    isComposing: false,
    getModifierState: (name) => name === 'CapsLock' && capsLock,
    ...partial,
  };
}

describe('ScanBurstDetector', () => {
  function detector() {
    const scans: string[] = [];
    const discards: string[] = [];
    const burst = new ScanBurstDetector({
      clock,
      onScan: (text) => scans.push(text),
      onDiscard: (reason, length) => discards.push(`${reason}:${length}`),
    });
    const typeAt = (text: string, msPerChar: number): void => {
      for (const char of text) {
        burst.push(char);
        vi.advanceTimersByTime(msPerChar);
      }
    };
    return { burst, scans, discards, typeAt };
  }

  it('recognises a scanner burst ended by Enter', () => {
    const { burst, scans, typeAt } = detector();
    typeAt('ZW20251118000123', 8);
    burst.end();
    expect(scans).toEqual(['ZW20251118000123']);
  });

  it('takes a burst without a suffix 100 ms after its last key', () => {
    const { scans, typeAt } = detector();
    typeAt('ABC123456', 10);
    vi.advanceTimersByTime(80);
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(scans).toEqual(['ABC123456']);
  });

  it('discards slow human typing, fast or not, and short bursts', () => {
    const { burst, scans, discards, typeAt } = detector();
    typeAt('shenfenzheng', 60);
    burst.end();
    // 120 ms a key: each key settles alone, too short to be anything.
    typeAt('abc', 120);
    typeAt('12345', 5);
    burst.end();
    expect(scans).toEqual([]);
    expect(discards).toEqual(['tooSlow:12', 'tooShort:1', 'tooShort:1', 'tooShort:1', 'tooShort:5']);
  });

  it('accepts an average of 30 ms a key and refuses 31', () => {
    const { burst, scans, discards, typeAt } = detector();
    typeAt('ABCDEF', 30);
    burst.end();
    typeAt('ABCDEF', 31);
    burst.end();
    expect(scans).toEqual(['ABCDEF']);
    expect(discards).toEqual(['tooSlow:6']);
  });

  it('refuses a burst longer than the contract takes, as a whole', () => {
    const { burst, scans, discards } = detector();
    for (let i = 0; i <= SCAN_MAX_LENGTH; i += 1) burst.push('A');
    burst.end();
    expect(scans).toEqual([]);
    expect(discards).toEqual([`tooLong:${SCAN_MAX_LENGTH + 1}`]);
  });

  it('ignores a lone Enter and forgets what it held on reset', () => {
    const { burst, scans, discards } = detector();
    burst.end();
    burst.push('A');
    burst.reset();
    vi.advanceTimersByTime(500);
    expect(scans).toEqual([]);
    expect(discards).toEqual([]);
    expect(burst.pending).toBe(0);
  });
});

describe('meaningOf', () => {
  it('reads printable keys, ends on Enter and Tab, ignores the rest', () => {
    expect(meaningOf(key({ key: 'a', code: 'KeyA' }))).toEqual({ kind: 'char', char: 'a' });
    expect(meaningOf(key({ key: '?', code: 'Slash', shiftKey: true }))).toEqual({ kind: 'char', char: '?' });
    expect(meaningOf(key({ key: 'Enter', code: 'Enter' }))).toEqual({ kind: 'end' });
    expect(meaningOf(key({ key: 'Enter', code: 'NumpadEnter' }))).toEqual({ kind: 'end' });
    expect(meaningOf(key({ key: 'Tab', code: 'Tab' }))).toEqual({ kind: 'end' });
    expect(meaningOf(key({ key: 'Shift', code: 'ShiftLeft' }))).toEqual({ kind: 'none' });
    expect(meaningOf(key({ key: 'v', code: 'KeyV', ctrlKey: true }))).toEqual({ kind: 'none' });
  });

  it('maps keys an active Chinese IME hides (Process, Unidentified, composing) by their code', () => {
    expect(meaningOf(key({ key: 'Process', code: 'KeyZ' }))).toEqual({ kind: 'char', char: 'z' });
    expect(meaningOf(key({ key: 'Process', code: 'KeyW', shiftKey: true }))).toEqual({ kind: 'char', char: 'W' });
    expect(meaningOf(key({ key: 'Unidentified', code: 'Digit2' }))).toEqual({ kind: 'char', char: '2' });
    expect(meaningOf(key({ key: 'Process', code: 'Numpad7' }))).toEqual({ kind: 'char', char: '7' });
    expect(meaningOf(key({ key: '中', code: 'KeyS', isComposing: true }))).toEqual({ kind: 'char', char: 's' });
    expect(meaningOf(key({ key: 'Process', code: 'Slash' }))).toEqual({ kind: 'char', char: '/' });
    expect(meaningOf(key({ key: 'Process', code: 'Semicolon', shiftKey: true }))).toEqual({ kind: 'char', char: ':' });
    expect(meaningOf(key({ key: 'Process', code: 'Enter' }))).toEqual({ kind: 'end' });
    expect(meaningOf(key({ key: 'Process', code: 'ShiftLeft' }))).toEqual({ kind: 'none' });
  });

  it('undoes CapsLock: letters take their case from Shift, as the scanner meant', () => {
    // CapsLock on: the OS typed `A` for a plain key and `a` for Shift+key.
    expect(meaningOf(key({ key: 'A', code: 'KeyA' }, true))).toEqual({ kind: 'char', char: 'a' });
    expect(meaningOf(key({ key: 'a', code: 'KeyA', shiftKey: true }, true))).toEqual({ kind: 'char', char: 'A' });
    expect(meaningOf(key({ key: '5', code: 'Digit5' }, true))).toEqual({ kind: 'char', char: '5' });
    expect(meaningOf(key({ key: 'A', code: 'KeyA', shiftKey: true }))).toEqual({ kind: 'char', char: 'A' });
  });

  it('knows the US layout by code', () => {
    expect(charOfCode('Digit0', true)).toBe(')');
    expect(charOfCode('Minus', false)).toBe('-');
    expect(charOfCode('Period', false)).toBe('.');
    expect(charOfCode('F5', false)).toBeNull();
  });
});

/** A window with capture listeners only (all the guard uses), and recording events. */
class FakeWindow implements GuardTarget {
  readonly listeners = new Map<string, Set<(event: Event) => void>>();

  addEventListener(type: string, listener: (event: Event) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Capture listeners on the window run first; the field gets the event unless stopped. */
  dispatch(event: FakeEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event as unknown as Event);
    if (!event.isPropagationStopped && !event.defaultPrevented) event.deliveredToTarget = true;
  }
}

interface FakeEvent extends Partial<KeyLike> {
  readonly type: string;
  readonly target: unknown;
  readonly cancelable: boolean;
  defaultPrevented: boolean;
  isPropagationStopped: boolean;
  deliveredToTarget: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

function fakeEvent(type: string, target: unknown, init: Partial<KeyLike> = {}): FakeEvent {
  const event: FakeEvent = {
    type,
    target,
    cancelable: true,
    defaultPrevented: false,
    isPropagationStopped: false,
    deliveredToTarget: false,
    ...key({ key: '', ...init }),
    preventDefault() {
      event.defaultPrevented = true;
    },
    stopPropagation() {
      event.isPropagationStopped = true;
    },
  };
  return event;
}

/** An input element: `closest` finds the opt-out attribute on itself or an ancestor. */
function field(isAllowed = false) {
  const element = {
    tagName: 'INPUT',
    isContentEditable: false,
    isFocused: true,
    blur() {
      element.isFocused = false;
    },
    closest: (selector: string) => (isAllowed && selector === '[data-physical-keys="allow"]' ? element : null),
  };
  return element;
}

describe('installScanGuard', () => {
  function setup(focused = field()) {
    const target = new FakeWindow();
    const scans: string[] = [];
    const remove = installScanGuard(target, { clock, onScan: (text) => scans.push(text), activeElement: () => focused });
    const typeKeys = (text: string, msPerChar: number, init: Partial<KeyLike> = {}): FakeEvent[] => {
      const events: FakeEvent[] = [];
      for (const char of text) {
        for (const type of ['keydown', 'keypress', 'keyup']) {
          const event = fakeEvent(type, focused, { key: char, code: `Key${char.toUpperCase()}`, ...init });
          target.dispatch(event);
          events.push(event);
        }
        vi.advanceTimersByTime(msPerChar);
      }
      return events;
    };
    const press = (name: string): FakeEvent => {
      const event = fakeEvent('keydown', focused, { key: name, code: name });
      target.dispatch(event);
      return event;
    };
    return { target, scans, remove, typeKeys, press, focused };
  }

  it('turns a fast burst into a scan; the focused field never receives a key and loses focus', () => {
    const { scans, typeKeys, press, focused } = setup();
    const events = typeKeys('ABC123XYZ', 6);
    const enter = press('Enter');
    expect(scans).toEqual(['ABC123XYZ']);
    expect(events.every((event) => event.defaultPrevented && event.isPropagationStopped && !event.deliveredToTarget)).toBe(true);
    expect(enter.deliveredToTarget).toBe(false);
    expect(focused.isFocused).toBe(false);
  });

  it('swallows slow typing too, without a scan', () => {
    const { scans, typeKeys } = setup();
    const events = typeKeys('hello', 150);
    vi.advanceTimersByTime(200);
    expect(scans).toEqual([]);
    expect(events.some((event) => event.deliveredToTarget)).toBe(false);
  });

  it('reads a burst through an active IME and stops the composition it starts', () => {
    const { target, scans, focused } = setup();
    for (const code of ['KeyZ', 'KeyW', 'Digit2', 'Digit0', 'Digit2', 'Digit5']) {
      target.dispatch(fakeEvent('keydown', focused, { key: 'Process', code, isComposing: true }));
      const composition = fakeEvent('compositionupdate', focused);
      target.dispatch(composition);
      expect(composition.isPropagationStopped).toBe(true);
      vi.advanceTimersByTime(4);
    }
    const input = fakeEvent('input', focused);
    target.dispatch(input);
    expect(input.deliveredToTarget).toBe(false);
    vi.advanceTimersByTime(100);
    expect(scans).toEqual(['zw2025']);
  });

  it('leaves input events alone when no physical key came before them (the on-screen keyboard)', () => {
    const { target, focused } = setup();
    const input = fakeEvent('input', focused);
    target.dispatch(input);
    expect(input.deliveredToTarget).toBe(true);
  });

  it('lets keys reach a field marked data-physical-keys="allow"', () => {
    const allowed = field(true);
    const { scans, typeKeys } = setup(allowed);
    const events = typeKeys('SERVICE1', 5);
    vi.advanceTimersByTime(200);
    expect(events.every((event) => event.deliveredToTarget)).toBe(true);
    expect(scans).toEqual([]);
    expect(allowed.isFocused).toBe(true);
    expect(isAllowedTarget(allowed)).toBe(true);
    expect(isAllowedTarget(null)).toBe(false);
  });

  it('removes its listeners and drops a half burst', () => {
    const { target, scans, remove, typeKeys } = setup();
    typeKeys('ABCDEFG', 5);
    remove();
    vi.advanceTimersByTime(200);
    expect(scans).toEqual([]);
    expect([...target.listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});

describe('Alt + keypad CJK from a keyboard-wedge scanner', () => {
  it('decodes the number as a Unicode code point or a GBK value, as the scanner is set', () => {
    expect(altCodeChar('24352', 'unicode')).toBe('张');
    expect(altCodeChar('54725', 'gbk')).toBe('张');
    expect(altCodeChar('65', 'gbk')).toBe('A');
    expect(altCodeChar('55296', 'unicode')).toBeNull();
    expect(altCodeChar('7', 'unicode')).toBeNull();
    expect(altCodeChar('33087', 'gbk')).toBeNull();
    expect(altCodeChar('99999999', 'unicode')).toBeNull();
  });

  it.each([
    ['unicode', ['24352', '19977']],
    ['gbk', ['54725', '51453']],
  ] as const)('turns Alt-code groups inside a fast burst into characters (%s)', (mode, groups) => {
    const target = new FakeWindow();
    const scans: string[] = [];
    const focused = field();
    installScanGuard(target, { clock, onScan: (text) => scans.push(text), activeElement: () => focused, altCodes: () => mode });
    const send = (type: string, init: Partial<KeyLike>): void => {
      target.dispatch(fakeEvent(type, focused, init));
      vi.advanceTimersByTime(2);
    };
    for (const char of 'ZW01') send('keydown', { key: char, code: `Key${char}` });
    for (const group of groups) {
      send('keydown', { key: 'Alt', code: 'AltLeft', altKey: true });
      for (const digit of group) {
        send('keydown', { key: 'Unidentified', code: `Numpad${digit}`, altKey: true });
        send('keyup', { key: 'Unidentified', code: `Numpad${digit}`, altKey: true });
      }
      send('keyup', { key: 'Alt', code: 'AltLeft', altKey: false });
    }
    send('keydown', { key: 'Enter', code: 'Enter' });
    expect(scans).toEqual(['ZW01张三']);
  });
});
