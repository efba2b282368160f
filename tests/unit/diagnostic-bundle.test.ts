/**
 * The diagnostic bundle (issue #8): what the archive holds, that it holds no citizen data
 * (R-P2 canary scan over the extracted files, the decompressed tar stream and the .tar.gz
 * itself, in UTF-8, UTF-16 and GBK) and no secret, that a failed write never leaves a file
 * under the final name (R-D6), and that errors come back in plain words.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract, list } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../electron/ipc/contract.js';
import { AlarmService } from '../../electron/services/alarms/alarm-service.js';
import { DEFAULT_CONFIG, type TerminalConfig, terminalConfigSchema } from '../../electron/services/config/terminal-config.js';
import {
  type BundleFileHandle,
  type BundleFileSystem,
  type DiagnosticReport,
  type DiagnosticSources,
  MAX_LOG_LINES,
  REMOVED,
  type RuntimeVersions,
  bundleName,
  collectDiagnostics,
  collectRuntimeVersions,
  collectStorageFigures,
  isRemovablePath,
  listRemovableTargets,
  nodeBundleFileSystem,
  parseRemovableMounts,
  readRecentAlarms,
  redactConfig,
  scrubText,
  writeDiagnosticBundle,
} from '../../electron/services/diagnostics/diagnostic-bundle.js';
import { PLATFORM_TOKEN_FILE } from '../../electron/services/platform/platform-factory.js';
import { maskIdNumber, maskPhone } from '../../electron/services/privacy/mask.js';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database.js';
import { idNumberCheckDigit } from '../../hardware/protocols/sam/id-number.js';
import { scanForCanaries } from '../support/canary-scan.js';
import { makeTempDir } from '../support/temp-dir.js';

const NOW = Date.UTC(2026, 10, 24, 2, 30, 5); // 10:30:05 in the hall
const TERMINAL_ID = 'LYG-ZZ-0001';

// The canary citizen (specimen values, no real person).
const CANARY_NAME = '测试样例';
const CANARY_ID = '11010519491231002X';
const CANARY_PHONE = '13800138000';
const CANARY_STREET = '样例路1号';
const CANARY_ADDRESS = `江苏省连云港市海州区${CANARY_STREET}`;
/** A "photo": 3000 bytes that are not all the same, base64 as a renderer would send it. */
const CANARY_PHOTO = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
/** The SAM text block as a debug hex dump would show it: name and address in UCS-2. */
const CANARY_FRAME_HEX = Buffer.from(`${CANARY_NAME.padEnd(15, ' ')}1011949123${CANARY_ADDRESS.padEnd(35, ' ')}${CANARY_ID}`, 'utf16le')
  .toString('hex')
  .replace(/(..)(?!$)/gu, '$1 ');
const CANARY_NAME_UCS2_HEX = Buffer.from(CANARY_NAME, 'utf16le').toString('hex');

const PLATFORM_TOKEN = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const CONFIG_PASSWORD = 'hunter2-gateway';

const CANARIES = [
  CANARY_NAME,
  CANARY_ID,
  CANARY_ID.toLowerCase(),
  CANARY_PHONE,
  CANARY_STREET,
  CANARY_PHOTO.slice(1000, 1064),
  CANARY_NAME_UCS2_HEX,
  PLATFORM_TOKEN,
  CONFIG_PASSWORD,
];

const VERSIONS: RuntimeVersions = {
  app: '0.1.0',
  node: '20.20.2',
  electron: '45.4.1',
  chromium: '142.0.7444.0',
  v8: '14.2',
  sharp: '0.34.5',
  libvips: '8.17.3',
  betterSqlite3: '12.11.1',
  sqlite: '3.50.4',
  os: 'Linux 6.1.0-18-amd64',
  osVersion: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1',
  platform: 'linux',
  arch: 'x64',
  problems: [],
};

const STATUS: SystemStatus = {
  mode: 'ready',
  outOfServiceReason: null,
  hallName: '连云港市政务服务中心',
  terminalId: TERMINAL_ID,
  isSimulated: true,
  devices: [
    { kind: 'receiptPrinter', isSimulated: false, state: 'error', condition: 'paperEmpty', detail: 'paper out since 09:12' },
    { kind: 'idCardReader', isSimulated: true, state: 'online', condition: null, detail: `last card 姓名：${CANARY_NAME}` },
  ],
  idle: { timeoutSeconds: 60, countdownSeconds: 10 },
  timeZone: 'Asia/Shanghai',
  ticketIdentification: 'optional',
  scannerAltCodes: 'unicode',
};

/** A configuration as a technician might write it: the gateway URL with a password in it. */
const CONFIG: TerminalConfig = terminalConfigSchema.parse({
  version: 1,
  hall: { name: '连云港市政务服务中心', terminalId: TERMINAL_ID },
  platform: { adapter: 'http', http: { baseUrl: `https://kiosk:${CONFIG_PASSWORD}@gw.example.gov.cn/api/v1?key=${PLATFORM_TOKEN}` } },
  devices: { receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } } },
});

/** Sources with the canary citizen in every free-text place a leak could reach. */
function canarySources(overrides: Partial<DiagnosticSources> = {}): DiagnosticSources {
  return {
    now: NOW,
    config: CONFIG,
    configProblems: [`config.json: hall.name: 申请人 ${CANARY_NAME} is not a hall`],
    status: STATUS,
    diagnostics: [
      'database writable again: back in service',
      `identity: holder {"姓名":"${CANARY_NAME}","idNumber":"${CANARY_ID}"}`,
      `platform: GET https://gw.example.gov.cn/api/cases?idNumber=${CANARY_ID}&token=${PLATFORM_TOKEN} failed`,
    ],
    alarms: [
      { at: '2026-11-24T02:10:00.000Z', source: 'identity', code: 'readFailed', message: `读卡失败：姓名：${CANARY_NAME}，身份证号 ${CANARY_ID}`, isOpen: true },
      { at: '2026-11-24T01:00:00.000Z', source: 'evaluation', code: 'followUp', message: `follow-up phone ${CANARY_PHONE}`, isOpen: false, clearedAt: '2026-11-24T01:30:00.000Z' },
      { at: '2026-11-24T00:30:00.000Z', source: 'printer', code: 'paperEmpty', message: 'receipt printer out of paper', isOpen: true },
    ],
    outbox: { pending: 3, quarantined: 1, delivered: 120 },
    versions: VERSIONS,
    storage: { dbBytes: 4_194_304, walBytes: 32_768, freeBytes: 12_000_000_000, totalBytes: 30_000_000_000 },
    logLines: [
      'kiosk:devices:printer status 0x12 → paperEmpty',
      `kiosk:identity frame ${CANARY_FRAME_HEX}`,
      `kiosk:capture photo data:image/jpeg;base64,${CANARY_PHOTO}`,
      `kiosk:platform Authorization: Bearer ${PLATFORM_TOKEN}`,
      `kiosk:evaluation phone +86 138 0013 8000 left for follow-up (${CANARY_PHONE.slice(0, 3)}-${CANARY_PHONE.slice(3, 7)}-${CANARY_PHONE.slice(7)})`,
      `kiosk:session 申请人 ${CANARY_NAME} 住址：${CANARY_ADDRESS}`,
      `kiosk:identity id ${CANARY_ID.toLowerCase()} legacy 110105491231002`,
    ],
    ...overrides,
  };
}

/** Extracts an archive; returns the extracted files by path relative to the bundle folder. */
async function extractAll(archive: string, into: string): Promise<Map<string, Buffer>> {
  mkdirSync(into, { recursive: true });
  await extract({ file: archive, cwd: into });
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(into, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(into, full).split(path.sep).slice(1).join('/'), readFileSync(full));
  }
  return files;
}

async function entryPaths(archive: string): Promise<string[]> {
  const paths: string[] = [];
  await list({ file: archive, onReadEntry: (entry) => paths.push(entry.path) });
  return paths;
}

describe('diagnostic bundle', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('diagnostic-bundle-');
  });
  afterEach(() => dir.remove());

  const target = (name = 'usb'): string => {
    const folder = path.join(dir.path, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  };

  it('writes one ASCII-named archive that extracts to the report, README, redacted config, alarms and devices', async () => {
    const written = await writeDiagnosticBundle(collectDiagnostics(canarySources()), { targetDir: target(), now: NOW, terminalId: TERMINAL_ID });
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(path.basename(written.value.path)).toBe('diagnostics-LYG-ZZ-0001-20261124-103005.tar.gz');
    expect(written.value.bytes).toBe(readFileSync(written.value.path).length);
    expect(readdirSync(path.dirname(written.value.path))).toEqual([path.basename(written.value.path)]);

    const folder = 'diagnostics-LYG-ZZ-0001-20261124-103005';
    expect((await entryPaths(written.value.path)).sort()).toEqual(
      ['README.txt', 'alarms.txt', 'config.redacted.json', 'devices.txt', 'log.txt', 'report.json'].map((name) => `${folder}/${name}`),
    );
    const files = await extractAll(written.value.path, path.join(dir.path, 'out'));
    const report = JSON.parse(files.get('report.json')?.toString('utf8') ?? '') as DiagnosticReport;
    expect(report).toMatchObject({ format: 'zhengwu-kiosk-diagnostics/1', terminalId: TERMINAL_ID, createdAt: '2026-11-24T02:30:05.000Z' });
    expect(report.versions).toEqual(VERSIONS);
    expect(report.status.devices.map((d) => [d.kind, d.state, d.condition])).toEqual([
      ['receiptPrinter', 'error', 'paperEmpty'],
      ['idCardReader', 'online', null],
    ]);
    expect(report.outbox).toEqual({ pending: 3, quarantined: 1, delivered: 120 });
    expect(report.alarms).toHaveLength(3);

    const text = (name: string): string => files.get(name)?.toString('utf8') ?? '';
    expect(text('README.txt')).toMatch(/^\uFEFF政务服务自助终端 诊断包/u);
    expect(text('README.txt')).toContain('不含任何办事群众的个人信息');
    expect(text('README.txt')).toContain('This bundle holds no personal data of citizens');
    expect(text('README.txt')).toContain('\r\n');
    expect(text('devices.txt')).toMatch(/receiptPrinter\s+error\s+real\s+condition: paperEmpty/u);
    expect(text('devices.txt')).toContain('pending 3, quarantined 1, delivered 120');
    expect(text('devices.txt')).toContain('database 4.0 MiB, WAL 32.0 KiB');
    expect(text('alarms.txt')).toMatch(/2026-11-24T00:30:00.000Z {2}OPEN {5}printer\/paperEmpty {2}receipt printer out of paper/u);
    expect(text('alarms.txt')).toMatch(/cleared {2}evaluation\/followUp/u);
    const config = JSON.parse(text('config.redacted.json')) as { platform: { http: { baseUrl: string } }; devices: unknown };
    expect(config.platform.http.baseUrl).toBe('https://gw.example.gov.cn/api/v1');
    expect(config.devices).toMatchObject({ receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } } });
  });

  it('canary scan: no citizen value and no secret in any extracted file, the tar stream or the .tar.gz (UTF-8, UTF-16, GBK)', async () => {
    // A real data folder: the database holds the canary and the token file holds the token.
    const dataDir = path.join(dir.path, 'data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, PLATFORM_TOKEN_FILE), `${PLATFORM_TOKEN}\n`, { mode: 0o600 });
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.exec('CREATE TABLE holders (name TEXT, id_number TEXT, phone TEXT, photo TEXT)');
    db.prepare('INSERT INTO holders VALUES (?, ?, ?, ?)').run(CANARY_NAME, CANARY_ID, CANARY_PHONE, CANARY_PHOTO);
    db.close();

    const report = collectDiagnostics(canarySources({ storage: collectStorageFigures(dataDir) }));
    expect(report.storage.dbBytes).toBeGreaterThan(0);
    const written = await writeDiagnosticBundle(report, { targetDir: target(), now: NOW, terminalId: TERMINAL_ID });
    if (!written.ok) throw new Error(written.error.message);

    const archive = readFileSync(written.value.path);
    const tarStream = gunzipSync(archive);
    const files = await extractAll(written.value.path, path.join(dir.path, 'out'));
    expect(files.size).toBe(6);
    const hits = [
      ...scanForCanaries(archive, CANARIES, 'the .tar.gz'),
      ...scanForCanaries(tarStream, CANARIES, 'the tar stream'),
      ...[...files].flatMap(([name, bytes]) => scanForCanaries(bytes, CANARIES, name)),
    ];
    expect(hits).toEqual([]);

    // …while the masked forms are there, so the vendor still sees what happened.
    const all = tarStream.toString('utf8');
    expect(all).toContain(maskIdNumber(CANARY_ID)); // 1101**********002X
    expect(all).toContain(maskPhone(CANARY_PHONE)); // 138****8000
    expect(all).toContain('姓名：测***');
    expect(all).toContain('住址：江苏省连云港市海州区');
    expect(all).toContain('[binary removed]');
    expect(all).toContain('[bytes removed]');
    expect(all).toContain(`Bearer ${REMOVED}`);
    expect(report.redaction.scrubbedStrings).toBeGreaterThanOrEqual(10);
  });

  it('keeps the newest log lines and diagnostics, counting what it dropped', () => {
    const logLines = Array.from({ length: MAX_LOG_LINES + 500 }, (_, i) => `line ${i}`);
    const report = collectDiagnostics(canarySources({ logLines }));
    expect(report.logLines).toHaveLength(MAX_LOG_LINES);
    expect(report.logLines[0]).toBe('line 500');
    expect(report.redaction.droppedLogLines).toBe(500);
    expect(collectDiagnostics(canarySources({ logLines: ['word '.repeat(1000)] })).logLines[0]).toHaveLength(2000 + '… [cut]'.length);
  });

  it('scrubs a huge line quickly and never leaves half an ID number where it was cut', () => {
    // The ID number straddles the pre-scrub bound (8000 characters): 14 of its digits fall
    // inside, too few for the ID rule, and the blob before it shrinks to a few characters.
    const line = `${'A'.repeat(7000)} ${'word '.repeat(197)}${CANARY_ID} ${'b c '.repeat(1_000_000)}`;
    const started = performance.now();
    const [kept = ''] = collectDiagnostics(canarySources({ logLines: [line] })).logLines;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(kept.startsWith('[binary removed] word word')).toBe(true);
    expect(kept).not.toContain(CANARY_ID.slice(0, 8));
  });

  it('leaves no file under the final name when the stick fills up mid-write, and says so in plain words', async () => {
    const usb = target();
    const written = await writeToUsb(usb, failingFs({ write: errno('ENOSPC') }));
    expect(written).toEqual({ ok: false, error: { code: 'noSpace', message: 'U盘空间不足（no space left on the USB stick）' } });
    expect(readdirSync(usb)).toEqual([]);
  });

  it.each([
    ['the stick is pulled during fsync', { sync: errno('EIO') }, 'ioError'],
    ['the rename fails', { rename: errno('EIO') }, 'ioError'],
    ['the stick turns read-only', { create: errno('EROFS') }, 'notWritable'],
  ] as const)('leaves no file under the final name when %s', async (_what, faults, code) => {
    const usb = target();
    const written = await writeToUsb(usb, failingFs(faults));
    expect(written.ok ? null : written.error.code).toBe(code);
    expect(readdirSync(usb).filter((name) => name.endsWith('.tar.gz'))).toEqual([]);
  });

  it('leaves at most a hidden temp file, never the final name, when the stick is gone before clean-up', async () => {
    const usb = target();
    const written = await writeDiagnosticBundle(collectDiagnostics(canarySources()), {
      targetDir: usb,
      now: NOW,
      terminalId: TERMINAL_ID,
      fs: failingFs({ sync: errno('EIO'), unlink: errno('EIO') }),
    });
    expect(written.ok).toBe(false);
    expect(readdirSync(usb)).toEqual([expect.stringMatching(/^\.diagnostics-LYG-ZZ-0001-20261124-103005\.tar\.gz\.[0-9a-f]{8}\.tmp$/u)]);
  });

  it('refuses before writing when the free space is too small', async () => {
    const usb = target();
    const written = await writeToUsb(usb, { ...nodeBundleFileSystem, freeBytes: () => Promise.resolve(1000) });
    expect(written.ok ? null : written.error.code).toBe('noSpace');
    expect(written.ok ? '' : written.error.message).toMatch(/^U盘空间不足（no space left on the USB stick）: .* needed, 1000 B free$/u);
    expect(readdirSync(usb)).toEqual([]);
  });

  it('explains a target that is missing, not a folder or not writable', async () => {
    const report = collectDiagnostics(canarySources());
    const write = (targetDir: string, fs?: BundleFileSystem) =>
      writeDiagnosticBundle(report, { targetDir, now: NOW, terminalId: TERMINAL_ID, ...(fs === undefined ? {} : { fs }) });

    const missing = await write('/media/tech/KINGSTON-gone');
    expect(missing.ok ? null : missing.error).toEqual({
      code: 'missing',
      message: '找不到 /media/tech/KINGSTON-gone，U盘是否已拔出？（/media/tech/KINGSTON-gone is gone: is the USB stick still plugged in?）',
    });

    const file = path.join(dir.path, 'a-file');
    writeFileSync(file, '');
    const notFolder = await write(file);
    expect(notFolder.ok ? null : notFolder.error.code).toBe('notDirectory');

    // Root ignores permission bits, so the refusal is injected where the OS would give it.
    const folder = target('locked');
    const locked = await write(folder, { ...nodeBundleFileSystem, checkWritable: () => Promise.reject(errno('EACCES')()) });
    expect(locked.ok ? null : locked.error).toEqual({
      code: 'notWritable',
      message: `无法写入 ${folder}（无权限或只读）（cannot write to ${folder}: no permission or read-only）`,
    });
  });

  it('never overwrites an earlier bundle of the same second', async () => {
    const usb = target();
    const report = collectDiagnostics(canarySources());
    const first = await writeDiagnosticBundle(report, { targetDir: usb, now: NOW, terminalId: TERMINAL_ID });
    const second = await writeDiagnosticBundle(report, { targetDir: usb, now: NOW, terminalId: TERMINAL_ID });
    expect([first, second].map((r) => (r.ok ? path.basename(r.value.path) : r.error.message))).toEqual([
      'diagnostics-LYG-ZZ-0001-20261124-103005.tar.gz',
      'diagnostics-LYG-ZZ-0001-20261124-103005-2.tar.gz',
    ]);
  });

  it('names the archive in ASCII in the hall time zone', () => {
    expect(bundleName('LYG-ZZ-0001', NOW, 'Asia/Shanghai')).toBe('diagnostics-LYG-ZZ-0001-20261124-103005');
    expect(bundleName('终端/1', NOW, 'UTC')).toBe('diagnostics-___1-20261124-023005');
    expect(bundleName('T1', NOW, 'Not/AZone')).toBe('diagnostics-T1-20261124-023005');
  });
});

describe('redaction', () => {
  it('removes secrets from a configuration and cleans URLs, keeping what helps a diagnosis', () => {
    const redacted = redactConfig({
      ...DEFAULT_CONFIG,
      platform: { ...DEFAULT_CONFIG.platform, http: { baseUrl: 'https://u:p@gw.example/api/v1?token=abc#frag', totalTimeoutMs: 8000 } },
      // A newer schema or a hand-edited file may hold these; none may leave.
      admin: { pin: '246810', pinHash: 'scrypt$…', apiKey: 'AK-1', signingKey: 'SK', platform_token: 't', password: 'p', clientSecret: 's' },
      evaluationPad: { keyTable: { '0x1E': 1 }, codeTable: { '0x31': 1 } },
    }) as Record<string, Record<string, unknown>>;
    expect(redacted['admin']).toEqual({
      pin: REMOVED,
      pinHash: REMOVED,
      apiKey: REMOVED,
      signingKey: REMOVED,
      platform_token: REMOVED,
      password: REMOVED,
      clientSecret: REMOVED,
    });
    expect(redacted['platform']?.['http']).toEqual({ baseUrl: 'https://gw.example/api/v1', totalTimeoutMs: 8000 });
    expect(redacted['evaluationPad']).toEqual({ keyTable: { '0x1E': 1 }, codeTable: { '0x31': 1 } });
    expect(redacted['hall']).toEqual(DEFAULT_CONFIG.hall);
  });

  it.each([
    [`身份证号 ${CANARY_ID}`, '身份证号 1101**********002X'],
    [`id=${CANARY_ID.toLowerCase()};`, 'id=1101**********002x;'],
    ['legacy 110105491231002 ok', 'legacy 1101*******1002 ok'],
    ['grouped 110105 19491231 002X.', 'grouped 1101**********002X.'],
    [`call ${CANARY_PHONE}`, 'call 138****8000'],
    ['call +8613800138000', 'call +86138****8000'],
    ['call 138-0013-8000', 'call 138****8000'],
    [`姓名：${CANARY_NAME}，男`, '姓名：测***，男'],
    [`{"姓名": "${CANARY_NAME}"}`, '{"姓名": "测***"}'],
    ['holderName=JOHN SMITH', 'holderName=J*** S****'],
    [`地址：${CANARY_ADDRESS}`, '地址：江苏省连云港市海州区'],
    ['GET https://gw/api?verifier=123456&x=1 200', 'GET https://gw/api 200'],
    ['pin=246810 accepted', `pin=${REMOVED} accepted`],
    [`"token":"${PLATFORM_TOKEN}"`, `"token":${REMOVED}`],
    [`x ${'A'.repeat(201)} y`, 'x [binary removed] y'],
  ])('masks %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    'ticket A012 printed at 2026-11-24 10:30, took 1764000000000 ms epoch',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'outbox 3f2504e0-4f89-11d3-9a0c-0305e82c3301 retry in 5000 ms',
    'printer /dev/ttyUSB0 @ 115200, IP地址 192.168.1.50, address 10.0.0.7',
  ])('leaves diagnostic text without personal data as it is: %s', (text) => {
    expect(scrubText(text)).toBe(text);
  });

  it('never leaves the middle of a checksum-valid ID number visible, wherever it stands (property)', () => {
    const first17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((d) => d.join(''));
    const filler = fc.string({ unit: fc.constantFrom('a', ' ', ':', '号', '=', '"', ',', '-', 'X'), maxLength: 6 });
    fc.assert(
      fc.property(first17, filler, filler, (digits, before, after) => {
        const id = `${digits}${idNumberCheckDigit(digits)}`;
        expect(scrubText(`${before}${id}${after}`)).not.toContain(id.slice(4, 14));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sources', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('diagnostic-sources-');
  });
  afterEach(() => dir.remove());

  it('reads versions of the runtime, sharp and SQLite', () => {
    const db = new Database(':memory:');
    try {
      const versions = collectRuntimeVersions({ appVersion: '0.1.0', db });
      expect(versions).toMatchObject({ app: '0.1.0', node: process.versions.node, electron: null, arch: process.arch, problems: [] });
      expect(versions.sqlite).toMatch(/^3\.\d+\.\d+$/u);
      expect(versions.betterSqlite3).toMatch(/^\d+\.\d+\.\d+$/u);
      expect(versions.libvips).toMatch(/^\d+\.\d+/u);
    } finally {
      db.close();
    }
  });

  it('takes database and WAL sizes and the free space, never the content', () => {
    writeFileSync(path.join(dir.path, DATABASE_FILE), Buffer.alloc(8192));
    const figures = collectStorageFigures(dir.path);
    expect(figures).toMatchObject({ dbBytes: 8192, walBytes: null });
    expect(figures.freeBytes).toBeGreaterThan(0);
  });

  it('reads recent alarms newest first, open and cleared', () => {
    const opened = openDatabase(dir.path);
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.value;
    try {
      let t = NOW;
      const alarms = new AlarmService(db, () => (t += 1000));
      alarms.raise('printer', 'paperEmpty', 'receipt printer out of paper');
      alarms.raise('config', 'invalidConfig', 'config.json is invalid');
      alarms.clear('printer');
      expect(readRecentAlarms(db).map(({ source, isOpen }) => [source, isOpen])).toEqual([
        ['config', true],
        ['printer', false],
      ]);
      expect(readRecentAlarms(db, 1)).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});

describe('removable targets', () => {
  const PROC_MOUNTS = [
    '/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0',
    '/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0',
    'tmpfs /run tmpfs rw,nosuid,nodev 0 0',
    '/dev/sdb1 /media/kiosk/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000,shortname=mixed,utf8=1 0 0',
    '/dev/sdc1 /run/media/tech/MY\\040DISK exfat ro,nosuid,nodev 0 0',
    '/dev/sr0 /media/cdrom0 iso9660 ro,nosuid,nodev 0 0',
    '/dev/sdd1 /media/kiosk/a/deeper vfat rw 0 0',
    'garbage',
    '',
  ].join('\n');

  it('parses /proc/mounts for media under /media and /run/media', () => {
    expect(parseRemovableMounts(PROC_MOUNTS)).toEqual([
      { path: '/media/kiosk/KINGSTON', label: 'KINGSTON', device: '/dev/sdb1', fsType: 'vfat', isReadOnly: false },
      { path: '/run/media/tech/MY DISK', label: 'MY DISK', device: '/dev/sdc1', fsType: 'exfat', isReadOnly: true },
      { path: '/media/cdrom0', label: 'cdrom0', device: '/dev/sr0', fsType: 'iso9660', isReadOnly: true },
    ]);
  });

  it('lists them on Linux only, and nothing when /proc/mounts is unreadable', async () => {
    expect(await listRemovableTargets({ platform: 'linux', readMounts: () => Promise.resolve(PROC_MOUNTS) })).toHaveLength(3);
    expect(await listRemovableTargets({ platform: 'win32', readMounts: () => Promise.resolve(PROC_MOUNTS) })).toEqual([]);
    expect(await listRemovableTargets({ platform: 'linux', readMounts: () => Promise.reject(new Error('EACCES')) })).toEqual([]);
  });

  it.each([
    ['/media/kiosk/KINGSTON', 'linux', true],
    ['/run/media/tech/USB', 'linux', true],
    ['/home/kiosk/.config/zhengwu-kiosk/diagnostics', 'linux', false],
    ['/mediaX/evil', 'linux', false],
    ['E:\\', 'win32', true],
    ['c:\\Users\\kiosk\\AppData\\Roaming\\zhengwu-kiosk\\diagnostics', 'win32', false],
  ] as const)('%s on %s is a USB stick: %s', (dirPath, platform, expected) => {
    expect(isRemovablePath(dirPath, platform, 'C:')).toBe(expected);
  });
});

/** An fs layer over the real one that fails chosen operations; writes fail after 1 KiB. */
/** Writes the canary report to the USB stick folder `usb` through `fs`. */
function writeToUsb(usb: string, fs: BundleFileSystem): ReturnType<typeof writeDiagnosticBundle> {
  return writeDiagnosticBundle(collectDiagnostics(canarySources()), { targetDir: usb, now: NOW, terminalId: TERMINAL_ID, targetKind: 'usb', fs });
}

function failingFs(faults: { readonly write?: () => Error; readonly sync?: () => Error; readonly rename?: () => Error; readonly create?: () => Error; readonly unlink?: () => Error }): BundleFileSystem {
  return {
    ...nodeBundleFileSystem,
    async create(file) {
      if (faults.create !== undefined) throw faults.create();
      const real = await nodeBundleFileSystem.create(file);
      const handle: BundleFileHandle = {
        async write(bytes) {
          if (faults.write === undefined) return real.write(bytes);
          // Part of the archive reaches the stick, as on a real full disk.
          await real.write(bytes.subarray(0, Math.min(1024, bytes.length)));
          throw faults.write();
        },
        sync: () => (faults.sync === undefined ? real.sync() : Promise.reject(faults.sync())),
        close: () => real.close(),
      };
      return handle;
    },
    rename: (from, to) => (faults.rename === undefined ? nodeBundleFileSystem.rename(from, to) : Promise.reject(faults.rename())),
    unlink: (file) => (faults.unlink === undefined ? nodeBundleFileSystem.unlink(file) : Promise.reject(faults.unlink())),
  };
}

function errno(code: string): () => Error {
  return () => Object.assign(new Error(`${code}: simulated`), { code });
}
