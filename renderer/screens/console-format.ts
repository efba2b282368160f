/** Times, sizes and countdowns as the technician console shows them. */

/** `4:59`, `12:00`: minutes and seconds of a countdown. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** `18.4 GB`, `2.4 MB`, `512 B`: decimal units, as disks are sold. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? String(value) : value.toFixed(1)} ${units[unit] ?? 'B'}`;
}

/**
 * An event's time in the hall's zone: `09:18:05` today, `11-23 16:40` on another day
 * (`2024-11-23 16:40` in another year).
 */
export function formatEventTime(at: number, now: number, timeZone?: string): string {
  const parts = (epoch: number): Record<string, string> =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZone,
      })
        .formatToParts(new Date(epoch))
        .map((part) => [part.type, part.value]),
    );
  const when = parts(at);
  const today = parts(now);
  const time = `${when['hour']}:${when['minute']}`;
  if (when['year'] === today['year'] && when['month'] === today['month'] && when['day'] === today['day']) return `${time}:${when['second']}`;
  // Same digits in both languages: technicians compare them with logs.
  const day = `${when['month']}-${when['day']}`;
  return when['year'] === today['year'] ? `${day} ${time}` : `${when['year']}-${day} ${time}`;
}
