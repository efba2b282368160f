/**
 * Where a diagnostic bundle may go: a mounted USB stick (offered by the technician console)
 * or the data folder's `diagnostics/` subfolder as the fallback. On Linux, udisks mounts
 * removable media under `/media/<user>/<label>` (Debian) or `/run/media/<user>/<label>`
 * (Fedora and udisks2 defaults); `/proc/mounts` lists them.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const DIAGNOSTICS_SUBDIR = 'diagnostics';

export interface RemovableTarget {
  /** The mount point, to pass as `targetDir`. */
  readonly path: string;
  /** The volume label as mounted (last path part), for the console's list. */
  readonly label: string;
  /** `/dev/sdb1`. */
  readonly device: string;
  /** `vfat`, `exfat`, `ntfs3`, `ext4`… */
  readonly fsType: string;
  /** Mounted read-only (a locked SD card, a damaged FAT the kernel remounted `ro`). */
  readonly isReadOnly: boolean;
}

/** `/proc/mounts` escapes space, tab, newline and backslash as octal (`\040`). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/gu, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

const REMOVABLE_MOUNT = /^\/(?:media\/[^/]+(?:\/[^/]+)?|run\/media\/[^/]+\/[^/]+)$/u;

/**
 * The removable media in a `/proc/mounts` text: mounts at `/media/<x>`, `/media/<user>/<x>`
 * or `/run/media/<user>/<x>`. Pure, so the console and tests can feed it any text; a
 * malformed line is skipped.
 */
export function parseRemovableMounts(procMounts: string): RemovableTarget[] {
  const targets: RemovableTarget[] = [];
  const seen = new Set<string>();
  for (const line of procMounts.split('\n')) {
    const [device, rawMountPoint, fsType, options] = line.trim().split(/\s+/u);
    if (device === undefined || rawMountPoint === undefined || fsType === undefined || options === undefined) continue;
    const mountPoint = unescapeMountField(rawMountPoint);
    if (!REMOVABLE_MOUNT.test(mountPoint) || seen.has(mountPoint)) continue;
    seen.add(mountPoint);
    targets.push({
      path: mountPoint,
      label: path.posix.basename(mountPoint),
      device: unescapeMountField(device),
      fsType,
      isReadOnly: options.split(',').includes('ro'),
    });
  }
  return targets;
}

/** Mounted removable media on Linux; empty elsewhere or when `/proc/mounts` cannot be read. */
export async function listRemovableTargets(
  options: { readonly platform?: NodeJS.Platform; readonly readMounts?: () => Promise<string> } = {},
): Promise<RemovableTarget[]> {
  if ((options.platform ?? process.platform) !== 'linux') return [];
  try {
    return parseRemovableMounts(await (options.readMounts ?? (() => readFile('/proc/mounts', 'utf8')))());
  } catch {
    return [];
  }
}

/**
 * Whether a folder is on a USB stick: under `/media/` or `/run/media/` on Linux, or on a
 * Windows drive other than the system drive. Only shapes the wording of errors ("USB stick"
 * or "data folder").
 */
export function isRemovablePath(dir: string, platform: NodeJS.Platform = process.platform, systemDrive = process.env['SystemDrive'] ?? 'C:'): boolean {
  if (platform === 'win32') {
    const drive = /^([A-Za-z]):/u.exec(dir)?.[1];
    return drive !== undefined && `${drive.toUpperCase()}:` !== systemDrive.toUpperCase();
  }
  return /^\/(?:run\/)?media\//u.test(path.posix.normalize(dir));
}

/**
 * The fallback target, `<dataDir>/diagnostics`, created (owner-only) when missing. A folder
 * that cannot be created is still returned: the write then fails with a plain-words error.
 */
export function dataFolderTarget(dataDir: string): string {
  const dir = path.join(dataDir, DIAGNOSTICS_SUBDIR);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    // Reported by writeDiagnosticBundle's target check, in words the console shows.
  }
  return dir;
}
