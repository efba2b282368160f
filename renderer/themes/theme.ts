/**
 * Themes are sets of CSS custom properties on the root element (`<html data-theme="…">`):
 * standard.css and care-mode.css define them, base.css only consumes them.
 */
export type Theme = 'standard' | 'careMode';

export const DEFAULT_THEME: Theme = 'standard';

/**
 * 关怀模式 gives slower timeouts as well as larger type (design.md §6): idle periods and
 * auto-return countdowns are multiplied by this.
 */
export const CARE_MODE_TIME_FACTOR = 1.5;

export function timeFactor(theme: Theme): number {
  return theme === 'careMode' ? CARE_MODE_TIME_FACTOR : 1;
}

/** Sets the theme on the root element, where the custom properties live. */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset['theme'] = theme;
}
