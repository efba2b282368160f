/**
 * A fake SANE `scanimage` for the SaneScanner tests: a small Node script, made executable in
 * a temp folder, that answers `-L` with a device list worded like the real one and a scan
 * with a known PNG on stdout, or with one of the failures real backends produce (stderr
 * words and exit status as scanimage prints them: it exits with the SANE_Status number).
 *
 * The behaviour is read from control files next to the script at every run, so a test can
 * change it between captures without touching the environment of the process under test.
 * Every run appends its argv and `LC_ALL` to `calls.jsonl` for assertions.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { makeTempDir } from './temp-dir.js';

/** What a scan run does. */
export type FakeScanBehaviour =
  /** The known page as PNG on stdout, exit 0. */
  | 'ok'
  /** `open of device … failed: Device busy`, exit 3. */
  | 'busy'
  /** `sane_start: Document feeder out of documents`, exit 7. */
  | 'feederEmpty'
  /** `sane_read: Error during device I/O`, exit 9. */
  | 'ioError'
  /** `sane_start: Invalid argument`, exit 4. */
  | 'invalidArgument'
  /** `open of device … failed: Invalid argument` (unplugged), exit 4. */
  | 'unplugged'
  /** Two lines of stderr nobody knows, exit 1. */
  | 'unknownError'
  /** A few bytes of PNG, then nothing until killed. */
  | 'hang'
  /**
   * Part of the PNG, then death by signal. SIGKILL rather than SIGSEGV, which would leave a
   * core file in the working folder on machines with core dumps enabled.
   */
  | 'crash'
  /** Text instead of an image, exit 0. */
  | 'garbage';

/** What `scanimage -L` does. */
export type FakeListBehaviour = 'ok' | 'noDevices' | 'hang';

/** A device line of `scanimage -L`. */
export interface FakeSaneDevice {
  readonly name: string;
  readonly description: string;
}

export interface FakeScanimageCall {
  readonly args: readonly string[];
  /** `LC_ALL` the fake ran with (the adapter forces `C`). */
  readonly lcAll: string | null;
}

export interface FakeScanimage {
  /** Path of the executable, for `SaneScanner({ executable })`. */
  readonly executable: string;
  readonly devices: readonly FakeSaneDevice[];
  /** The PNG an `ok` scan writes; {@link TEST_PAGE_WIDTH} × {@link TEST_PAGE_HEIGHT}. */
  readonly page: Buffer;
  setScanBehaviour(behaviour: FakeScanBehaviour): void;
  setListBehaviour(behaviour: FakeListBehaviour): void;
  /** Every run so far, oldest first. */
  calls(): FakeScanimageCall[];
  /** Deletes the temp folder (call in afterEach). */
  remove(): void;
}

export const TEST_PAGE_WIDTH = 420;
export const TEST_PAGE_HEIGHT = 594;

export const FAKE_SANE_DEVICES: readonly FakeSaneDevice[] = [
  { name: 'fujitsu:fi-7160:1234', description: 'FUJITSU fi-7160 scanner' },
  { name: 'genesys:libusb:001:007', description: 'Canon LiDE 220 flatbed scanner' },
];

/**
 * The known test page: a white A-proportioned sheet with a black block turned 2° (a page
 * fed slightly skewed). Rendered from a fixed SVG, so the bytes are the same every run.
 */
export function renderTestPage(format: 'png' | 'jpeg'): Promise<Buffer> {
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${TEST_PAGE_WIDTH}" height="${TEST_PAGE_HEIGHT}">`,
    `<rect width="${TEST_PAGE_WIDTH}" height="${TEST_PAGE_HEIGHT}" fill="#ffffff"/>`,
    '<rect x="60" y="80" width="300" height="120" fill="#000000" transform="rotate(2 210 140)"/>',
    '<rect x="60" y="260" width="300" height="8" fill="#000000" transform="rotate(2 210 264)"/>',
    '</svg>',
  ].join('');
  const image = sharp(Buffer.from(svg));
  return (format === 'png' ? image.png() : image.jpeg({ quality: 85 })).toBuffer();
}

const SCRIPT = String.raw`#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ args, lcAll: process.env.LC_ALL ?? null }) + '\n');
const control = (name) => fs.readFileSync(path.join(dir, name), 'utf8').trim();
const hang = () => setInterval(() => undefined, 60000);
const fail = (status, lines) => {
  process.stderr.write(lines.map((line) => 'scanimage: ' + line + '\n').join(''));
  process.exitCode = status;
};
if (args.includes('-L') || args.includes('--list-devices')) {
  const behaviour = control('list-behaviour');
  const devices = JSON.parse(control('devices.json'));
  if (behaviour === 'hang') {
    hang();
  } else if (behaviour === 'noDevices' || devices.length === 0) {
    process.stdout.write('\nNo scanners were identified. If you were expecting something different,\n' +
      'check that the scanner is plugged in, turned on and detected by the\n' +
      'sane-find-scanner tool (if appropriate). Please read the documentation\n' +
      'which came with this software (README, FAQ, manpages).\n');
  } else {
    for (const device of devices) process.stdout.write('device ' + String.fromCharCode(96) + device.name + "' is a " + device.description + '\n');
  }
} else {
  const behaviour = control('scan-behaviour');
  const nameArg = args.find((arg) => arg.startsWith('--device-name=')) ?? '';
  const device = nameArg.slice('--device-name='.length);
  const page = fs.readFileSync(path.join(dir, 'page.png'));
  switch (behaviour) {
    case 'ok': process.stdout.write(page); break;
    case 'busy': fail(3, ['open of device ' + device + ' failed: Device busy']); break;
    case 'feederEmpty': fail(7, ['sane_start: Document feeder out of documents']); break;
    case 'ioError': fail(9, ['sane_read: Error during device I/O']); break;
    case 'invalidArgument': fail(4, ['sane_start: Invalid argument']); break;
    case 'unplugged': fail(4, ['open of device ' + device + ' failed: Invalid argument']); break;
    case 'unknownError': fail(1, ['sane_read: lamp did not warm up', 'backend gave up']); break;
    case 'hang': process.stdout.write(page.subarray(0, 16)); hang(); break;
    case 'crash': process.stdout.write(page.subarray(0, 200)); process.kill(process.pid, 'SIGKILL'); break;
    case 'garbage': process.stdout.write('this is not an image\n'.repeat(50)); break;
    default: fail(1, ['fake: unknown behaviour ' + behaviour]);
  }
}
`;

/** Writes the fake into a fresh temp folder; behaviours start as `ok`. */
export async function createFakeScanimage(devices: readonly FakeSaneDevice[] = FAKE_SANE_DEVICES): Promise<FakeScanimage> {
  const dir = makeTempDir('kiosk-scanimage-');
  const executable = path.join(dir.path, 'scanimage');
  const page = await renderTestPage('png');
  writeFileSync(path.join(dir.path, 'page.png'), page);
  writeFileSync(path.join(dir.path, 'devices.json'), JSON.stringify(devices));
  writeFileSync(path.join(dir.path, 'scan-behaviour'), 'ok');
  writeFileSync(path.join(dir.path, 'list-behaviour'), 'ok');
  writeFileSync(path.join(dir.path, 'calls.jsonl'), '');
  writeFileSync(executable, SCRIPT);
  chmodSync(executable, 0o755);
  return {
    executable,
    devices,
    page,
    setScanBehaviour: (behaviour) => writeFileSync(path.join(dir.path, 'scan-behaviour'), behaviour),
    setListBehaviour: (behaviour) => writeFileSync(path.join(dir.path, 'list-behaviour'), behaviour),
    calls: () =>
      readFileSync(path.join(dir.path, 'calls.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as FakeScanimageCall),
    remove: () => dir.remove(),
  };
}
