import { type ReactNode, createContext, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../api/kiosk-context';
import { currentLanguage } from '../i18n';
import { formatClock, formatDate } from '../i18n/format';

const CLOCK_TICK_MS = 1_000;

/** Where the screens read the time; tests and screenshots hand in a fixed one. */
const NowContext = createContext<() => number>(Date.now);

export function NowProvider({ now, children }: { readonly now: () => number; readonly children: ReactNode }): ReactNode {
  return <NowContext value={now}>{children}</NowContext>;
}

/** The current time, re-read every second while mounted. */
export function useNow(): Date {
  const now = useContext(NowContext);
  const [date, setDate] = useState(() => new Date(now()));
  useEffect(() => {
    const timer = setInterval(() => setDate(new Date(now())), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [now]);
  return date;
}

export interface ClockProps {
  /** `full` adds the date under the time (home); `compact` shows the time only. */
  readonly variant: 'full' | 'compact';
}

export function Clock({ variant }: ClockProps): ReactNode {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const now = useNow();
  const timeZone = useSystemStatus()?.timeZone;
  return (
    <div className={`clock clock--${variant}`}>
      <time className="clock__time" dateTime={now.toISOString()}>
        {formatClock(now, language, timeZone)}
      </time>
      {variant === 'full' ? <span className="clock__date">{formatDate(now, language, timeZone)}</span> : null}
    </div>
  );
}
