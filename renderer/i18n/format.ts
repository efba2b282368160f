import type { Language } from './index';

/**
 * Clock on the header: 14:05, in the hall's zone (`timeZone`, from the terminal status) so
 * it agrees with the time on tickets even if the OS clock zone is set wrong.
 */
export function formatClock(date: Date, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
}

/** Date on the header: 2025年11月24日 星期一 / Monday, November 24, 2025. */
export function formatDate(date: Date, language: Language, timeZone?: string): string {
  if (language === 'en') {
    return new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone }).format(date);
  }
  const day = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone }).format(date);
  const weekday = new Intl.DateTimeFormat('zh-CN', { weekday: 'long', timeZone }).format(date);
  return `${day} ${weekday}`;
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/u;

/**
 * The issue time of a ticket as the hall's wall-clock time. `issuedAt` is ISO 8601 with the
 * hall's offset; its own date and time digits are shown, not converted to this machine's
 * zone, so a terminal with a wrong TZ setting still prints and shows the same time.
 */
export function formatIssuedAt(issuedAt: string, language: Language): string {
  const match = ISO_LOCAL.exec(issuedAt);
  if (!match) return issuedAt;
  const [, year, month, day, hour, minute] = match;
  return language === 'zh-CN'
    ? `${year}年${Number(month)}月${Number(day)}日 ${hour}:${minute}`
    : `${year}-${month}-${day} ${hour}:${minute}`;
}
