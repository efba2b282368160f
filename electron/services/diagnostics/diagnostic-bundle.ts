/**
 * The diagnostic bundle (诊断包, issue #8): configuration without secrets, versions, device
 * states, alarms, outbox counts, disk figures and recent log lines, as one `.tar.gz` a
 * technician copies to a USB stick and hands to the vendor. It must help a diagnosis and
 * must never carry a citizen's data (R-P2):
 *
 * - what goes in is chosen, never swept up: no database or WAL (sizes only), no platform
 *   token file, no photos, scans or printer output;
 * - every string passes `scrubText` (ID numbers, mobile numbers, labelled names and
 *   addresses masked with the one mask; image blobs and raw frames removed), and how many
 *   strings it changed is in the report — a non-zero count is a leak upstream to fix;
 * - the archive is built in memory and written temp → fsync → rename (R-D6), so a stick
 *   pulled mid-write never leaves a half archive under the final name.
 *
 * The core passes live objects to {@link collectDiagnostics}; tests pass fakes.
 */
import createDebug from 'debug';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, open, rename, stat, statfs, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Header, Pack, ReadEntry } from 'tar';
import { type Result, err, ok } from '../../../hardware/result.js';
import type { SystemStatus } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { OutboxCounts } from '../sync/outbox.js';
import { redactConfig, scrubDeep } from './diagnostic-bundle-redact.js';
import { type DiagnosticAlarm, MAX_BUNDLE_ALARMS, type RuntimeVersions, type StorageFigures } from './diagnostic-bundle-sources.js';
import { isRemovablePath } from './diagnostic-bundle-targets.js';

export { REMOVED, redactConfig, sanitizeUrl, scrubText } from './diagnostic-bundle-redact.js';
export {
  type DiagnosticAlarm,
  type RuntimeVersions,
  type StorageFigures,
  collectRuntimeVersions,
  collectStorageFigures,
  readRecentAlarms,
} from './diagnostic-bundle-sources.js';
export { type RemovableTarget, dataFolderTarget, isRemovablePath, listRemovableTargets, parseRemovableMounts } from './diagnostic-bundle-targets.js';

const debug = createDebug('kiosk:services:diagnostics');

export const REPORT_FORMAT = 'zhengwu-kiosk-diagnostics/1';
/** Newest log lines kept; older ones are dropped (a bundle is for the recent past). */
export const MAX_LOG_LINES = 2000;
export const MAX_DIAGNOSTIC_LINES = 500;
/** Longer strings are cut (after scrubbing, so a cut never leaves half an ID readable). */
export const MAX_LINE_CHARS = 2000;
/** Space kept free beyond the archive itself, for the file system's own bookkeeping. */
const FREE_SPACE_MARGIN_BYTES = 64 * 1024;
const WRITE_CHUNK_BYTES = 64 * 1024;

export interface DiagnosticSources {
  /** Epoch ms of the export (the core's injected clock). */
  readonly now: number;
  /** The configuration in use; null when none could be loaded. */
  readonly config: TerminalConfig | null;
  /** Problems found in config.json, as `loadTerminalConfig` reported them. */
  readonly configProblems: readonly string[];
  readonly status: SystemStatus;
  /** `KioskCore.diagnostics()`. */
  readonly diagnostics: readonly string[];
  /** Recent alarms, newest first (`readRecentAlarms`). */
  readonly alarms: readonly DiagnosticAlarm[];
  /** `Outbox.counts()`; null without a usable database. */
  readonly outbox: OutboxCounts | null;
  /**
   * The audit chain's newest row and whether the chain verified when exported. The vendor keeps
   * the head: a later `verify(head)` shows rows deleted from the end or a chain rewritten since.
   */
  readonly audit?: { readonly headSeq: number; readonly headHash: string; readonly isIntact: boolean } | null;
  readonly versions: RuntimeVersions;
  readonly storage: StorageFigures;
  /** Recent debug log lines, oldest first, if the host keeps any. */
  readonly logLines?: readonly string[];
}

export interface DiagnosticReport {
  readonly format: typeof REPORT_FORMAT;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly terminalId: string;
  readonly hallName: string;
  readonly versions: RuntimeVersions;
  readonly status: SystemStatus;
  /** The configuration with secrets removed; null when none was loaded. */
  readonly config: unknown;
  readonly configProblems: readonly string[];
  readonly diagnostics: readonly string[];
  readonly alarms: readonly DiagnosticAlarm[];
  readonly outbox: OutboxCounts | null;
  readonly audit: { readonly headSeq: number; readonly headHash: string; readonly isIntact: boolean } | null;
  readonly storage: StorageFigures;
  readonly logLines: readonly string[];
  readonly redaction: {
    /** Strings the scrubber had to change: each is personal data or a secret that reached a log. */
    readonly scrubbedStrings: number;
    readonly droppedLogLines: number;
    readonly droppedDiagnostics: number;
  };
}

/**
 * Before scrubbing, a huge line is cut to a bound the scrubber handles quickly, dropping
 * the word the cut went through (it could be half an ID number no rule recognises).
 */
const PRE_SCRUB_MAX_CHARS = 4 * MAX_LINE_CHARS;
const preCut = (line: string): string => (line.length > PRE_SCRUB_MAX_CHARS ? line.slice(0, PRE_SCRUB_MAX_CHARS).replace(/\S*$/u, '') : line);

const cut = (line: string): string => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [cut]` : line);

/** The newest `max` entries of a list kept oldest first. */
const newest = <T>(list: readonly T[], max: number): T[] => list.slice(Math.max(0, list.length - max));

/**
 * Builds the report from the sources: secrets removed from the configuration, every string
 * scrubbed of personal data, lists capped. Pure: same sources, same report.
 */
export function collectDiagnostics(sources: DiagnosticSources): DiagnosticReport {
  const logLines = sources.logLines ?? [];
  const counter = { changed: 0 };
  const scrubbed = scrubDeep(
    {
      status: sources.status,
      versions: sources.versions,
      configProblems: sources.configProblems.map(preCut),
      diagnostics: newest(sources.diagnostics, MAX_DIAGNOSTIC_LINES).map(preCut),
      alarms: sources.alarms.slice(0, MAX_BUNDLE_ALARMS).map((alarm) => ({ ...alarm, message: preCut(alarm.message) })),
      logLines: newest(logLines, MAX_LOG_LINES).map(preCut),
    },
    counter,
  );
  return {
    format: REPORT_FORMAT,
    createdAt: new Date(sources.now).toISOString(),
    terminalId: scrubbed.status.terminalId,
    hallName: scrubbed.status.hallName,
    versions: scrubbed.versions,
    status: scrubbed.status,
    config: sources.config === null ? null : redactConfig(sources.config),
    configProblems: scrubbed.configProblems.map(cut),
    diagnostics: scrubbed.diagnostics.map(cut),
    alarms: scrubbed.alarms.map((alarm) => ({ ...alarm, message: cut(alarm.message) })),
    outbox: sources.outbox === null ? null : { ...sources.outbox },
    audit: sources.audit === undefined || sources.audit === null ? null : { ...sources.audit },
    storage: { ...sources.storage },
    logLines: scrubbed.logLines.map(cut),
    redaction: {
      scrubbedStrings: counter.changed,
      droppedLogLines: Math.max(0, logLines.length - MAX_LOG_LINES),
      droppedDiagnostics: Math.max(0, sources.diagnostics.length - MAX_DIAGNOSTIC_LINES),
    },
  };
}

// ---------------------------------------------------------------------------------------
// The archive's text files

const CRLF = '\r\n';
/**
 * Text files get a UTF-8 BOM and CRLF: the vendor often opens them in Windows Notepad,
 * whose older versions read BOM-less Chinese as GBK mojibake.
 */
const textFile = (lines: readonly string[]): Buffer => Buffer.from(`\uFEFF${lines.join(CRLF)}${CRLF}`, 'utf8');

const bytesText = (bytes: number | null): string => {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
};

function readmeLines(report: DiagnosticReport, hasLog: boolean): string[] {
  return [
    `政务服务自助终端 诊断包 / Kiosk diagnostic bundle`,
    `终端 Terminal: ${report.terminalId}  ${report.hallName}`,
    `生成时间 Created (UTC): ${report.createdAt}`,
    `软件版本 App version: ${report.versions.app}`,
    '',
    '【内容】',
    '  report.json           完整报告：版本、设备状态、告警、待上报数量、存储空间、诊断信息、近期日志',
    '  config.redacted.json  终端配置（已删除口令、密钥、令牌；网址已去掉参数）',
    '  devices.txt           设备状态、待上报记录数量、存储空间',
    '  alarms.txt            近期告警（含已清除的）',
    ...(hasLog ? ['  log.txt               近期调试日志（已脱敏）'] : []),
    '',
    '【不含群众个人信息】',
    '  本诊断包不含任何办事群众的个人信息：不包含数据库文件、照片、扫描件、打印内容和平台令牌。',
    '  所有文字在写入前都经过脱敏：身份证号仅保留前4位和后4位，手机号仅保留前3位和后4位，',
    '  姓名仅保留姓，地址仅保留到区县，图片等二进制数据已删除。',
    `  脱敏时改动的条目数：${report.redaction.scrubbedStrings}（不为0说明某处日志写入了个人信息，请告知厂商修复）。`,
    '',
    '【生成方式】',
    '  由终端维护界面“导出诊断包”生成，读取运行中的配置、设备状态、告警表和待上报数量；',
    '  不读取业务数据。',
    '',
    '[Contents]',
    '  report.json           the whole report: versions, device states, alarms, outbox counts,',
    '                        disk figures, diagnostics, recent log lines',
    '  config.redacted.json  the terminal configuration with PINs, keys, tokens removed and',
    '                        query strings dropped from URLs',
    '  devices.txt           device states, outbox counts, disk figures',
    '  alarms.txt            recent alarms, open and cleared',
    ...(hasLog ? ['  log.txt               recent debug log lines (scrubbed)'] : []),
    '',
    '[No citizen data]',
    '  This bundle holds no personal data of citizens: no database file, photos, scans,',
    '  printed content or platform token. Every text was scrubbed before writing: ID numbers',
    '  keep the first 4 and last 4 characters, mobile numbers the first 3 and last 4 digits,',
    '  names the surname, addresses the district; images and other binary data are removed.',
    `  Strings changed by the scrubber: ${report.redaction.scrubbedStrings} (not 0 means a log`,
    '  somewhere wrote personal data: please report it so it is fixed at the source).',
    '',
    '[How it was made]',
    '  Exported from the technician console ("export diagnostic bundle") on the terminal,',
    '  from the running configuration, device states, the alarm table and the outbox counts;',
    '  no business records were read.',
  ];
}

function alarmLines(report: DiagnosticReport): string[] {
  const open = report.alarms.filter((alarm) => alarm.isOpen).length;
  return [
    `告警 Alarms: ${report.alarms.length} (未清除 open: ${open}), newest first`,
    '',
    ...report.alarms.map((alarm) => `${alarm.at}  ${alarm.isOpen ? 'OPEN   ' : 'cleared'}  ${alarm.source}/${alarm.code}  ${alarm.message}`),
  ];
}

function deviceLines(report: DiagnosticReport): string[] {
  const { status, outbox, storage } = report;
  return [
    `终端 Terminal: ${status.terminalId}  ${status.hallName}`,
    `状态 Mode: ${status.mode}${status.outOfServiceReason === null ? '' : ` — ${status.outOfServiceReason}`}`,
    `模拟设备 Simulated peripherals: ${status.isSimulated ? 'yes' : 'no'}`,
    '',
    '设备 Devices:',
    ...(status.devices.length === 0
      ? ['  (none)']
      : status.devices.map(
          (device) =>
            `  ${device.kind.padEnd(16)} ${device.state.padEnd(8)} ${device.isSimulated ? 'simulated' : 'real     '}` +
            `  condition: ${device.condition ?? '-'}  ${device.detail ?? ''}`.trimEnd(),
        )),
    '',
    `待上报 Outbox: ${outbox === null ? 'unknown (no database)' : `pending ${outbox.pending}, quarantined ${outbox.quarantined}, delivered ${outbox.delivered}`}`,
    `审计 Audit chain: ${report.audit === null ? 'not included' : `${report.audit.isIntact ? 'intact' : 'BROKEN'}, head #${report.audit.headSeq} ${report.audit.headHash}`}`,
    `存储 Storage: database ${bytesText(storage.dbBytes)}, WAL ${bytesText(storage.walBytes)}, ` +
      `free ${bytesText(storage.freeBytes)} of ${bytesText(storage.totalBytes)}`,
  ];
}

/** The archive's members, keyed by name inside the bundle's folder. */
export function bundleFiles(report: DiagnosticReport): Map<string, Buffer> {
  const hasLog = report.logLines.length > 0;
  const files = new Map<string, Buffer>([
    ['README.txt', textFile(readmeLines(report, hasLog))],
    ['report.json', Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8')],
    ['config.redacted.json', Buffer.from(`${JSON.stringify(report.config, null, 2)}\n`, 'utf8')],
    ['devices.txt', textFile(deviceLines(report))],
    ['alarms.txt', textFile(alarmLines(report))],
  ]);
  if (hasLog) files.set('log.txt', textFile(report.logLines));
  return files;
}

/**
 * The `.tar.gz` in memory: one folder named like the archive, holding the members. Owner
 * and times are portable (no uid, user name or host details).
 */
export async function packBundle(folder: string, files: ReadonlyMap<string, Buffer>, mtime: Date): Promise<Buffer> {
  const pack = new Pack({ gzip: true, portable: true });
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const [name, body] of files) {
    const header = new Header({ path: `${folder}/${name}`, mode: 0o644, size: body.length, mtime, type: 'File', uid: 0, gid: 0 });
    header.encode();
    const entry = new ReadEntry(header);
    entry.end(body);
    pack.add(entry);
  }
  pack.end();
  await finished;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------
// Writing

/** The file operations the writer uses, narrowed so tests can fail any of them. */
export interface BundleFileSystem {
  stat(file: string): Promise<{ isDirectory(): boolean }>;
  /** Rejects when the folder is not writable. */
  checkWritable(dir: string): Promise<void>;
  /** Bytes free for us; null when the file system cannot say. */
  freeBytes(dir: string): Promise<number | null>;
  exists(file: string): Promise<boolean>;
  /** Creates a new file (fails if it exists). */
  create(file: string): Promise<BundleFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Makes a rename durable; a no-op where folders cannot be opened (Windows). */
  syncDir(dir: string): Promise<void>;
}

export interface BundleFileHandle {
  write(bytes: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeBundleFileSystem: BundleFileSystem = {
  stat: (file) => stat(file),
  checkWritable: (dir) => access(dir, fsConstants.W_OK),
  async freeBytes(dir) {
    try {
      const stats = await statfs(dir);
      return stats.bavail * stats.bsize;
    } catch {
      return null;
    }
  },
  async exists(file) {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  },
  async create(file) {
    const handle = await open(file, 'wx', 0o600);
    return {
      async write(bytes) {
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
  async syncDir(dir) {
    if (process.platform === 'win32') return;
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export type BundleErrorCode = 'missing' | 'notDirectory' | 'notWritable' | 'noSpace' | 'ioError' | 'failed';

export interface BundleError {
  readonly code: BundleErrorCode;
  /** Plain words for the technician console: Chinese, then English in brackets. */
  readonly message: string;
}

export interface WrittenBundle {
  /** The archive's full path. */
  readonly path: string;
  readonly bytes: number;
}

export interface WriteBundleOptions {
  /** A USB stick's mount point (`listRemovableTargets`) or `dataFolderTarget(dataDir)`. */
  readonly targetDir: string;
  /** Epoch ms; names the archive in the hall's time zone. */
  readonly now: number;
  readonly terminalId: string;
  /** Where the target is, for the wording of errors; default from the path. */
  readonly targetKind?: 'usb' | 'folder';
  readonly fs?: BundleFileSystem;
}

const errnoOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Chinese for the console, then English for the vendor reading the audit or a screenshot. */
const words = (zh: string, en: string): string => `${zh}（${en}）`;

const NO_SPACE_USB = words('U盘空间不足', 'no space left on the USB stick');
const noSpaceIn = (dir: string): string => words(`${dir} 所在磁盘空间不足`, `no space left in ${dir}`);

function bundleError(error: unknown, dir: string, isUsb: boolean): BundleError {
  switch (errnoOf(error)) {
    case 'ENOENT':
      return {
        code: 'missing',
        message: isUsb ? words(`找不到 ${dir}，U盘是否已拔出？`, `${dir} is gone: is the USB stick still plugged in?`) : words(`文件夹 ${dir} 不存在`, `the folder ${dir} does not exist`),
      };
    case 'ENOTDIR':
      return { code: 'notDirectory', message: words(`${dir} 不是文件夹`, `${dir} is not a folder`) };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'notWritable',
        message: isUsb
          ? words('U盘不可写入（只读或写保护）', `cannot write to the USB stick at ${dir}: it is read-only or write-protected`)
          : words(`无法写入 ${dir}（无权限或只读）`, `cannot write to ${dir}: no permission or read-only`),
      };
    case 'ENOSPC':
    case 'EDQUOT':
      return { code: 'noSpace', message: isUsb ? NO_SPACE_USB : noSpaceIn(dir) };
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return {
        code: 'ioError',
        message: isUsb
          ? words('写入U盘时出错，U盘是否被拔出？请插好后重新导出', 'the USB stick failed while writing: was it pulled out? Plug it in and export again')
          : words(`写入 ${dir} 时磁盘出错`, `the disk failed while writing to ${dir}`),
      };
    default:
      return { code: 'failed', message: words('诊断包未能写入', `could not write the diagnostic bundle to ${dir}: ${describe(error)}`) };
  }
}

/** `LYG-ZZ-0001` stays; anything else FAT or a shell might trip on becomes `_`. */
const fileSafe = (text: string): string => text.replace(/[^A-Za-z0-9-]/gu, '_').slice(0, 40) || 'terminal';

/** `20261124-103000` in the hall's time zone (UTC if the zone is unknown). */
export function bundleStamp(now: number, timeZone: string): string {
  let iso: string;
  try {
    iso = hallTime(now, timeZone).iso;
  } catch {
    iso = new Date(now).toISOString();
  }
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/**
 * The archive's name: ASCII only, because USB sticks are FAT and a Chinese name can turn
 * into `?` on the vendor's machine.
 */
export function bundleName(terminalId: string, now: number, timeZone: string): string {
  return `diagnostics-${fileSafe(terminalId)}-${bundleStamp(now, timeZone)}`;
}

/**
 * Writes the report as `diagnostics-<terminalId>-<YYYYMMDD-HHmmss>.tar.gz` into
 * `targetDir`: built in memory, written to a temp name beside it, fsynced, renamed. Expected
 * failures (stick gone, read-only, full, pulled mid-write) are returned in plain words, and
 * leave no file under the final name.
 */
export async function writeDiagnosticBundle(report: DiagnosticReport, options: WriteBundleOptions): Promise<Result<WrittenBundle, BundleError>> {
  const fs = options.fs ?? nodeBundleFileSystem;
  const dir = path.resolve(options.targetDir);
  const isUsb = (options.targetKind ?? (isRemovablePath(dir) ? 'usb' : 'folder')) === 'usb';

  try {
    if (!(await fs.stat(dir)).isDirectory()) return err({ code: 'notDirectory', message: words(`${dir} 不是文件夹`, `${dir} is not a folder`) });
    await fs.checkWritable(dir);
  } catch (error) {
    return err(bundleError(error, dir, isUsb));
  }

  const name = bundleName(options.terminalId, options.now, report.status.timeZone);
  const archive = await packBundle(name, bundleFiles(report), new Date(options.now));

  const free = await fs.freeBytes(dir);
  if (free !== null && free < archive.length + FREE_SPACE_MARGIN_BYTES) {
    return err({
      code: 'noSpace',
      message: `${isUsb ? NO_SPACE_USB : noSpaceIn(dir)}: ${bytesText(archive.length)} needed, ${bytesText(free)} free`,
    });
  }

  let finalPath = path.join(dir, `${name}.tar.gz`);
  // Two exports in the same second get -2, -3…: never overwrite an earlier bundle.
  for (let n = 2; (await fs.exists(finalPath)) && n < 100; n += 1) finalPath = path.join(dir, `${name}-${n}.tar.gz`);
  const tempPath = path.join(dir, `.${path.basename(finalPath)}.${randomBytes(4).toString('hex')}.tmp`);

  let handle: BundleFileHandle | null = null;
  try {
    handle = await fs.create(tempPath);
    for (let offset = 0; offset < archive.length; offset += WRITE_CHUNK_BYTES) {
      await handle.write(archive.subarray(offset, offset + WRITE_CHUNK_BYTES));
    }
    await handle.sync();
    const opened = handle;
    handle = null;
    await opened.close();
    await fs.rename(tempPath, finalPath);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(tempPath).catch((unlinkError: unknown) => debug('temp bundle not removed: %s', describe(unlinkError)));
    debug('bundle not written: %s', describe(error));
    return err(bundleError(error, dir, isUsb));
  }
  try {
    await fs.syncDir(dir);
  } catch (error) {
    // The archive was fsynced before the rename: under its final name it is whole.
    debug('folder not synced after rename: %s', describe(error));
  }
  return ok({ path: finalPath, bytes: archive.length });
}
