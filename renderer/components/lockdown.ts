/**
 * Page-level kiosk lockdown (reliability.md R-K2): no context menu, no dragging text or
 * images, no dropping files (a dropped file would navigate away), no text selection, no
 * ctrl+wheel zoom. The Electron main process filters keys and menus as well; this covers the
 * web host in a Chromium kiosk window, where only the page can refuse them.
 */

interface ListenerOptions {
  readonly capture: boolean;
  readonly passive?: boolean;
}

/** The events refused, with the listener options each needs. */
const REFUSED_EVENTS: readonly (readonly [string, ListenerOptions])[] = [
  ['contextmenu', { capture: true }],
  ['dragstart', { capture: true }],
  ['dragover', { capture: true }],
  ['drop', { capture: true }],
  ['selectstart', { capture: true }],
];

type EventTargetLike = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

function refuse(event: Event): void {
  event.preventDefault();
}

function refuseZoomWheel(event: Event & { readonly ctrlKey?: boolean }): void {
  if (event.ctrlKey === true) event.preventDefault();
}

/** Installs the guards on `target` (the document); returns a function that removes them. */
export function installLockdown(target: EventTargetLike): () => void {
  for (const [type, options] of REFUSED_EVENTS) target.addEventListener(type, refuse, options);
  // Passive listeners cannot cancel the wheel; say so explicitly.
  target.addEventListener('wheel', refuseZoomWheel, { capture: true, passive: false });
  return () => {
    for (const [type, options] of REFUSED_EVENTS) target.removeEventListener(type, refuse, options);
    target.removeEventListener('wheel', refuseZoomWheel, { capture: true });
  };
}
