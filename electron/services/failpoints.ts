/**
 * Named crash points for the kill -9 tests (issue #6, R-D2): `KIOSK_FAILPOINTS=a,b` makes the
 * process SIGKILL itself when it reaches point `a` or `b` — exactly between two steps of a
 * submission, which a kill from outside can only hit by chance. Unset (always, in a hall),
 * a failpoint is one Set lookup. Setting the variable on a terminal can only crash it, which
 * whoever can set its environment can do anyway.
 */
const armed = new Set(
  (process.env['KIOSK_FAILPOINTS'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== ''),
);

export function failpoint(name: string): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
