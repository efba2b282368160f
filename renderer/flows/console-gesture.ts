/**
 * The hidden way into the technician console (issue #8), as a pure step function with the
 * time passed in: press and hold the top-left corner of the screen (the hall emblem) for
 * {@link GESTURE_HOLD_MS}, let go, then tap the top-right corner (the clock)
 * {@link GESTURE_TAPS} times within {@link GESTURE_TAPS_WITHIN_MS} of letting go. Nothing on
 * the screen changes until the last tap, so a citizen sees nothing to play with; a touch
 * anywhere else starts over.
 *
 * The hold is measured when the finger lifts, so the gesture needs no timer. A citizen
 * resting a hand on the emblem and then tapping the clock twice is unlikely, and the PIN pad
 * it would open asks for a PIN and closes by itself.
 */

/** How long the top-left corner must be held. */
export const GESTURE_HOLD_MS = 3_000;
/** The taps on the top-right corner must all come this soon after the hold ends. */
export const GESTURE_TAPS_WITHIN_MS = 5_000;
export const GESTURE_TAPS = 2;
/** Each corner is a square of this size (CSS px) at the top of the screen. */
export const CORNER_ZONE_PX = 240;

export type Corner = 'topStart' | 'topEnd' | 'elsewhere';

export type GestureInput =
  /** A finger (or the mouse) went down at `corner`. */
  | { readonly type: 'down'; readonly corner: Corner }
  /** The finger lifted. */
  | { readonly type: 'up' }
  /** The browser took the pointer over (scrolling, a second finger). */
  | { readonly type: 'cancel' };

export type GestureState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'holding'; readonly since: number }
  | { readonly phase: 'armed'; readonly armedAt: number; readonly taps: number };

export const GESTURE_START: GestureState = { phase: 'idle' };

export interface GestureStep {
  readonly state: GestureState;
  /** True once, on the tap that completes the sequence. */
  readonly isComplete: boolean;
}

const idle = (): GestureStep => ({ state: GESTURE_START, isComplete: false });

/** Where a point (viewport CSS px) lies, for a viewport `width` wide. */
export function cornerOf(x: number, y: number, width: number): Corner {
  if (y > CORNER_ZONE_PX) return 'elsewhere';
  if (x <= CORNER_ZONE_PX) return 'topStart';
  if (x >= width - CORNER_ZONE_PX) return 'topEnd';
  return 'elsewhere';
}

/** The next state of the gesture after `input` at `now` (epoch ms). */
export function stepGesture(state: GestureState, input: GestureInput, now: number): GestureStep {
  switch (input.type) {
    case 'down':
      if (input.corner === 'topStart') return { state: { phase: 'holding', since: now }, isComplete: false };
      if (input.corner === 'topEnd' && state.phase === 'armed' && now - state.armedAt <= GESTURE_TAPS_WITHIN_MS) {
        const taps = state.taps + 1;
        return taps >= GESTURE_TAPS ? { state: GESTURE_START, isComplete: true } : { state: { ...state, taps }, isComplete: false };
      }
      return idle();
    case 'up':
      if (state.phase !== 'holding') return { state, isComplete: false };
      return now - state.since >= GESTURE_HOLD_MS ? { state: { phase: 'armed', armedAt: now, taps: 0 }, isComplete: false } : idle();
    case 'cancel':
      return state.phase === 'holding' ? idle() : { state, isComplete: false };
  }
}
