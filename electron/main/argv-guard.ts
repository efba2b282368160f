/**
 * R-E7: refuse to start with switches that open a debugger or a remote-control port.
 * The fuses already make Node ignore `--inspect*`, but `--remote-debugging-port` is a
 * Chromium switch no fuse covers: with it, anyone on the network could drive the kiosk
 * window through the DevTools protocol. `--js-flags` reaches V8 directly.
 *
 * Chromium accepts `--name`, `-name` and, on Windows, `/name`, with `=value` or not, and
 * lowercases names on Windows; all those spellings are matched.
 */

/** Switch names (without dashes) and prefixes that make the app exit. */
export const FORBIDDEN_SWITCH_PREFIXES: readonly string[] = [
  'remote-debugging-', // -port, -pipe, -address, -targets
  'inspect', // inspect, inspect-brk, inspect-port, inspect-publish-uid, inspect-brk-node
  'js-flags',
  'remote-allow-origins',
];

function switchName(argument: string, isWindows: boolean): string | null {
  const prefix = /^(?:--|-)/u.exec(argument)?.[0] ?? (isWindows && argument.startsWith('/') ? '/' : null);
  if (prefix === null) return null;
  const name = argument.slice(prefix.length).split('=', 1)[0] ?? '';
  return name.toLowerCase();
}

/**
 * Returns the first forbidden switch in `argv` (as written), or null. Every argument is
 * looked at, also after `--`: a false alarm only stops the app, a miss opens it.
 */
export function findForbiddenSwitch(argv: readonly string[], platform: string = process.platform): string | null {
  const isWindows = platform === 'win32';
  for (const argument of argv) {
    const name = switchName(argument, isWindows);
    if (name === null) continue;
    if (FORBIDDEN_SWITCH_PREFIXES.some((forbidden) => name.startsWith(forbidden))) return argument;
  }
  return null;
}

/** R-E7: true when `argv` carries a debugging switch; main then exits before anything else. */
export function hasForbiddenSwitch(argv: readonly string[], platform: string = process.platform): boolean {
  return findForbiddenSwitch(argv, platform) !== null;
}
