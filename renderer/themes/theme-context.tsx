import { type ReactNode, createContext, useContext } from 'react';
import { DEFAULT_THEME, type Theme } from './theme';

/** The theme in use and the way to change it, for the switch in every screen's header. */
export interface ThemeControl {
  readonly theme: Theme;
  readonly setTheme: (theme: Theme) => void;
}

/** Outside a provider (screen tests) the standard theme, and choosing does nothing. */
const ThemeContext = createContext<ThemeControl>({ theme: DEFAULT_THEME, setTheme: () => undefined });

export function ThemeProvider({ value, children }: { readonly value: ThemeControl; readonly children: ReactNode }): ReactNode {
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeControl {
  return useContext(ThemeContext);
}
