/**
 * Themes are sets of CSS custom properties on the root element (`<html data-theme="…">`):
 * standard.css, care-mode.css and high-contrast.css define them, base.css and the screen
 * style sheets only consume them.
 */
export type Theme = 'standard' | 'careMode' | 'highContrast';

export const DEFAULT_THEME: Theme = 'standard';

/** In the order the theme switch offers them. */
export const THEMES: readonly Theme[] = ['standard', 'careMode', 'highContrast'];

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/**
 * 关怀模式 gives slower timeouts as well as larger type (design.md §6): idle periods and
 * auto-return countdowns are multiplied by this.
 */
export const CARE_MODE_TIME_FACTOR = 1.5;

export function timeFactor(theme: Theme): number {
  return theme === 'careMode' ? CARE_MODE_TIME_FACTOR : 1;
}

/** Items on one page of a list (办事指南): 关怀模式 shows fewer, larger ones. */
export function listPageSize(theme: Theme): number {
  return theme === 'careMode' ? 4 : 8;
}

/** Department and life-event tiles on one page. */
export function tilePageSize(theme: Theme): number {
  return theme === 'careMode' ? 6 : 12;
}

/**
 * Room for candidate words in the row above the on-screen keyboard, in characters (see
 * candidatePages): less in 关怀模式, whose type is larger.
 */
export function candidateBudget(theme: Theme): number {
  return theme === 'careMode' ? 13 : 17;
}

/** Sets the theme on the root element, where the custom properties live. */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset['theme'] = theme;
}
