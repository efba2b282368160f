import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CRASH_WINDOW_MS,
  type RenderGoneReason,
  type RendererWatchdog,
  UNRESPONSIVE_LIMIT_MS,
  type WatchdogAlarm,
  startRendererWatchdog,
} from '../../electron/main/watchdog.js';
import { FakeWebContents, fakeEvent } from '../support/fake-electron.js';

const HOME = 'app://kiosk/index.html';
const OUT = 'app://kiosk/__kiosk/out-of-service.html';

let contents: FakeWebContents;
let alarms: WatchdogAlarm[];
let watchdog: RendererWatchdog;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  contents = new FakeWebContents(HOME);
  alarms = [];
  watchdog = startRendererWatchdog({
    webContents: contents,
    homeUrl: HOME,
    outOfServiceUrl: OUT,
    onAlarm: (alarm) => alarms.push(alarm),
    timers: { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
  });
});
afterEach(() => {
  watchdog.stop();
  vi.useRealTimers();
});

const gone = (reason: RenderGoneReason): void => {
  contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 1 });
};

describe('renderer watchdog (R-W1)', () => {
  it('ignores a clean exit', () => {
    gone('clean-exit');
    expect(contents.loadedUrls).toEqual([]);
  });

  it.each(['abnormal-exit', 'killed', 'crashed', 'oom', 'launch-failed', 'integrity-failure', 'memory-eviction'] as const)(
    'reloads home after %s',
    (reason) => {
      gone(reason);
      expect(contents.loadedUrls).toEqual([HOME]);
      expect(alarms).toEqual([]);
    },
  );

  it('3 crashes within 5 minutes → out-of-service page and one alarm', () => {
    gone('crashed');
    vi.advanceTimersByTime(60_000);
    gone('oom');
    vi.advanceTimersByTime(60_000);
    gone('crashed');
    expect(contents.loadedUrls).toEqual([HOME, HOME, OUT]);
    expect(alarms).toEqual([{ kind: 'rendererCrashLoop', crashCount: 3, reasons: ['crashed', 'oom', 'crashed'] }]);
    expect(watchdog.isOutOfService).toBe(true);
    // The static page crashing again: shown again, no second alarm.
    gone('crashed');
    expect(contents.loadedUrls.at(-1)).toBe(OUT);
    expect(alarms).toHaveLength(1);
  });

  it('crashes spread over more than 5 minutes keep reloading home', () => {
    for (let i = 0; i < 6; i += 1) {
      gone('crashed');
      vi.advanceTimersByTime(CRASH_WINDOW_MS / 2 + 1);
    }
    expect(contents.loadedUrls).toEqual(Array(6).fill(HOME));
    expect(alarms).toEqual([]);
  });

  it('reset() forgets the crashes and goes home', () => {
    gone('crashed');
    gone('crashed');
    gone('crashed');
    watchdog.reset();
    expect(watchdog.isOutOfService).toBe(false);
    expect(contents.loadedUrls.at(-1)).toBe(HOME);
    gone('crashed');
    expect(contents.loadedUrls.at(-1)).toBe(HOME);
  });

  it('unresponsive longer than the limit → kill the renderer and reload home, once', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_LIMIT_MS - 1);
    expect(contents.forcedCrashCount).toBe(0);
    contents.emit('unresponsive'); // repeated notice does not restart the clock
    vi.advanceTimersByTime(1);
    expect(contents.forcedCrashCount).toBe(1);
    expect(contents.loadedUrls).toEqual([HOME]);
    // The kill we caused reports the renderer gone: not counted or reloaded twice.
    gone('killed');
    expect(contents.loadedUrls).toEqual([HOME]);
    // A later, real crash is handled again.
    vi.advanceTimersByTime(60_000);
    gone('crashed');
    expect(contents.loadedUrls).toEqual([HOME, HOME]);
  });

  it('a renderer that becomes responsive in time is left alone', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_LIMIT_MS - 1);
    contents.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_LIMIT_MS * 2);
    expect(contents.forcedCrashCount).toBe(0);
    expect(contents.loadedUrls).toEqual([]);
  });

  it('hangs count towards the crash limit', () => {
    gone('crashed');
    gone('crashed');
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_LIMIT_MS);
    expect(contents.loadedUrls).toEqual([HOME, HOME, OUT]);
    expect(alarms.map((alarm) => alarm.reasons)).toEqual([['crashed', 'crashed', 'killed']]);
  });

  it('stop() removes every listener and the hang timer', () => {
    contents.emit('unresponsive');
    watchdog.stop();
    vi.advanceTimersByTime(UNRESPONSIVE_LIMIT_MS * 2);
    gone('crashed');
    expect(contents.forcedCrashCount).toBe(0);
    expect(contents.loadedUrls).toEqual([]);
    expect(['render-process-gone', 'unresponsive', 'responsive'].map((e) => contents.listenerCount(e))).toEqual([0, 0, 0]);
  });

  it('does nothing to a destroyed web contents', () => {
    contents.destroy();
    gone('crashed');
    expect(contents.loadedUrls).toEqual([]);
  });
});
