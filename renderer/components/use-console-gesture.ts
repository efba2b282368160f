import { useEffect, useRef } from 'react';
import { GESTURE_START, type GestureInput, type GestureState, cornerOf, stepGesture } from '../flows/console-gesture';

type PointerTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface ConsoleGestureOptions {
  /** Where to listen; the window by default. */
  readonly target?: PointerTarget;
  /** Epoch ms; Date.now by default. */
  readonly now?: () => number;
}

/**
 * Watches the screen for the console gesture (console-gesture.ts) while the calling screen is
 * mounted and calls `onOpen` when it completes. Listens in the capture phase, so a press on
 * a button counts as "elsewhere" too, and changes nothing on the screen.
 */
export function useConsoleGesture(onOpen: () => void, { target, now = Date.now }: ConsoleGestureOptions = {}): void {
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });
  useEffect(() => {
    const where = target ?? window;
    let state: GestureState = GESTURE_START;
    const feed = (input: GestureInput): void => {
      const step = stepGesture(state, input, now());
      state = step.state;
      if (step.isComplete) latest.current();
    };
    const onDown = (event: Event): void => {
      const { clientX, clientY, isPrimary } = event as PointerEvent;
      // A second finger is not the gesture.
      if (isPrimary === false) feed({ type: 'cancel' });
      else feed({ type: 'down', corner: cornerOf(clientX, clientY, window.innerWidth) });
    };
    const onUp = (): void => feed({ type: 'up' });
    const onCancel = (): void => feed({ type: 'cancel' });
    where.addEventListener('pointerdown', onDown, { capture: true, passive: true });
    where.addEventListener('pointerup', onUp, { capture: true, passive: true });
    where.addEventListener('pointercancel', onCancel, { capture: true, passive: true });
    return () => {
      where.removeEventListener('pointerdown', onDown, { capture: true });
      where.removeEventListener('pointerup', onUp, { capture: true });
      where.removeEventListener('pointercancel', onCancel, { capture: true });
    };
  }, [target, now]);
}
