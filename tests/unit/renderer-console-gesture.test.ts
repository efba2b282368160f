/**
 * The hidden way into the technician console (console-gesture.ts): hold the top-left corner
 * 3 s, let go, tap the top-right corner twice within 5 s — and nothing less opens it.
 */
import { describe, expect, it } from 'vitest';
import {
  CORNER_ZONE_PX,
  GESTURE_HOLD_MS,
  GESTURE_START,
  GESTURE_TAPS_WITHIN_MS,
  type GestureInput,
  type GestureState,
  cornerOf,
  stepGesture,
} from '../../renderer/flows/console-gesture';

/** Feeds `inputs` at their times; returns the times at which the sequence completed. */
function run(inputs: readonly (readonly [number, GestureInput])[]): number[] {
  let state: GestureState = GESTURE_START;
  const completed: number[] = [];
  for (const [at, input] of inputs) {
    const step = stepGesture(state, input, at);
    state = step.state;
    if (step.isComplete) completed.push(at);
  }
  return completed;
}

const HOLD_START = { type: 'down', corner: 'topStart' } as const;
const TAP_END = { type: 'down', corner: 'topEnd' } as const;
const UP = { type: 'up' } as const;

describe('console gesture', () => {
  it('opens after a 3 s hold top-left and two taps top-right', () => {
    expect(
      run([
        [0, HOLD_START],
        [GESTURE_HOLD_MS, UP],
        [GESTURE_HOLD_MS + 800, TAP_END],
        [GESTURE_HOLD_MS + 900, UP],
        [GESTURE_HOLD_MS + 1_400, TAP_END],
      ]),
    ).toEqual([GESTURE_HOLD_MS + 1_400]);
  });

  it('does not open for a hold that is too short', () => {
    expect(run([[0, HOLD_START], [GESTURE_HOLD_MS - 1, UP], [GESTURE_HOLD_MS + 100, TAP_END], [GESTURE_HOLD_MS + 200, TAP_END]])).toEqual([]);
  });

  it('does not open when the taps come too late', () => {
    const armed = GESTURE_HOLD_MS;
    expect(run([[0, HOLD_START], [armed, UP], [armed + 1_000, TAP_END], [armed + GESTURE_TAPS_WITHIN_MS + 1, TAP_END]])).toEqual([]);
  });

  it('starts over when anything else is touched in between', () => {
    const armed = GESTURE_HOLD_MS;
    expect(
      run([[0, HOLD_START], [armed, UP], [armed + 100, TAP_END], [armed + 200, { type: 'down', corner: 'elsewhere' }], [armed + 300, TAP_END]]),
    ).toEqual([]);
  });

  it('starts over when the browser takes the pointer during the hold', () => {
    expect(run([[0, HOLD_START], [1_000, { type: 'cancel' }], [GESTURE_HOLD_MS, UP], [GESTURE_HOLD_MS + 100, TAP_END], [GESTURE_HOLD_MS + 200, TAP_END]])).toEqual([]);
  });

  it('needs the hold first: taps alone, or in the wrong order, do nothing', () => {
    expect(run([[0, TAP_END], [100, TAP_END], [200, TAP_END]])).toEqual([]);
    expect(run([[0, TAP_END], [100, TAP_END], [200, HOLD_START], [GESTURE_HOLD_MS + 200, UP]])).toEqual([]);
  });

  it('opens once, then needs the whole sequence again', () => {
    const sequence = (from: number): (readonly [number, GestureInput])[] => [
      [from, HOLD_START],
      [from + GESTURE_HOLD_MS, UP],
      [from + GESTURE_HOLD_MS + 100, TAP_END],
      [from + GESTURE_HOLD_MS + 200, TAP_END],
    ];
    const first = sequence(0);
    expect(run([...first, [GESTURE_HOLD_MS + 300, TAP_END]])).toEqual([GESTURE_HOLD_MS + 200]);
    expect(run([...first, ...sequence(10_000)])).toEqual([GESTURE_HOLD_MS + 200, 10_000 + GESTURE_HOLD_MS + 200]);
  });

  it('tells the corners apart by position in the viewport', () => {
    expect(cornerOf(10, 10, 1920)).toBe('topStart');
    expect(cornerOf(CORNER_ZONE_PX, CORNER_ZONE_PX, 1920)).toBe('topStart');
    expect(cornerOf(1910, 10, 1920)).toBe('topEnd');
    expect(cornerOf(1070, 50, 1080)).toBe('topEnd');
    expect(cornerOf(960, 10, 1920)).toBe('elsewhere');
    expect(cornerOf(10, CORNER_ZONE_PX + 1, 1920)).toBe('elsewhere');
  });
});
