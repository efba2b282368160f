/**
 * Wall-clock helpers in the hall's time zone. The queue numbers per *local* day, so "today"
 * must never be taken from UTC: a ticket at 07:30 in Lianyungang is 23:30 UTC the day before.
 */
export interface HallTime {
  /** `YYYY-MM-DD` of the hall's local day. */
  readonly day: string;
  /** ISO 8601 with the hall's offset, e.g. `2026-11-24T09:05:00+08:00`. */
  readonly iso: string;
  /** `YYYY-MM-DD HH:mm` for screens and receipts. */
  readonly display: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for an unknown IANA zone; config validation calls this first. */
export function hallTime(epochMs: number, timeZone: string): HallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const { year, month, day, hour, minute, second } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
  const localAsUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offsetMinutes = Math.round((localAsUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return {
    day: `${year}-${month}-${day}`,
    iso: `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`,
    display: `${year}-${month}-${day} ${hour}:${minute}`,
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
