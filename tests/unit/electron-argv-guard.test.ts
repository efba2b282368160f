import { describe, expect, it } from 'vitest';
import { findForbiddenSwitch, hasForbiddenSwitch } from '../../electron/main/argv-guard.js';

const EXE = '/opt/zhengwu-kiosk/zhengwu-kiosk';

describe('hasForbiddenSwitch (R-E7)', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--remote-debugging-address=0.0.0.0'],
    ['-remote-debugging-port=9222'],
    ['--REMOTE-DEBUGGING-PORT=9222'],
    ['--remote-allow-origins=*'],
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk'],
    ['--inspect-brk=9229'],
    ['--inspect-port=9229'],
    ['--inspect-publish-uid=http'],
    ['--inspect-brk-node'],
    ['--js-flags=--allow-natives-syntax'],
    ['--js-flags', '--expose-gc'],
    ['--', '--inspect'],
  ])('refuses %j', (...args) => {
    expect(hasForbiddenSwitch([EXE, ...args], 'linux')).toBe(true);
  });

  it.each([
    [[EXE]],
    [[EXE, '.']],
    [[EXE, '--no-sandbox-is-not-here', '--enable-logging']],
    [[EXE, '--lang=zh-CN']],
    [[EXE, '/inspect']], // a path on Linux, not a switch
    [[EXE, 'inspect']],
    [[EXE, '--kiosk-data-dir=/var/lib/kiosk']],
  ])('accepts %j', (argv) => {
    expect(hasForbiddenSwitch(argv, 'linux')).toBe(false);
  });

  it('matches /switch on Windows only', () => {
    expect(hasForbiddenSwitch(['C:\\kiosk.exe', '/remote-debugging-port=9222'], 'win32')).toBe(true);
    expect(hasForbiddenSwitch(['C:\\kiosk.exe', '/INSPECT'], 'win32')).toBe(true);
    expect(hasForbiddenSwitch(['/opt/kiosk', '/remote-debugging-port=9222'], 'linux')).toBe(false);
  });

  it('names the offending argument as written', () => {
    expect(findForbiddenSwitch([EXE, '--lang=zh-CN', '--inspect-brk=9229'], 'linux')).toBe('--inspect-brk=9229');
    expect(findForbiddenSwitch([EXE], 'linux')).toBeNull();
  });
});
