/**
 * Readers for the parts of a diagnostic bundle that come from the machine rather than the
 * core's objects: runtime versions, database and disk sizes, recent alarms. Each one fails
 * soft — a bundle is most needed when something is broken (sharp will not load, the disk
 * is full), so a part that cannot be read says so instead of stopping the export.
 *
 * Nothing here opens the database file or its WAL for reading: only their sizes are taken.
 */
import { statSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type Sharp from 'sharp';
import { DATABASE_FILE, type KioskDatabase } from '../storage/database.js';

export interface RuntimeVersions {
  /** The kiosk's own version (package.json, or Electron's `app.getVersion()`). */
  readonly app: string;
  readonly node: string;
  /** Null outside Electron (web host, tests). */
  readonly electron: string | null;
  readonly chromium: string | null;
  readonly v8: string;
  /** Null with the reason in {@link RuntimeVersions.problems} when sharp does not load. */
  readonly sharp: string | null;
  readonly libvips: string | null;
  readonly betterSqlite3: string | null;
  /** The SQLite library better-sqlite3 was built with; null without an open database. */
  readonly sqlite: string | null;
  /** `Linux 6.1.0-18-amd64`, `Windows_NT 10.0.19045`. */
  readonly os: string;
  readonly osVersion: string;
  readonly platform: string;
  readonly arch: string;
  /** Parts that could not be read, in plain words. */
  readonly problems: readonly string[];
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Versions of everything the kiosk runs on. `appVersion` comes from the host, which knows
 * where its package.json is (the bundled main and the sources sit at different depths).
 */
export function collectRuntimeVersions(options: { readonly appVersion: string; readonly db: KioskDatabase | null }): RuntimeVersions {
  const problems: string[] = [];
  let sharp: string | null = null;
  let libvips: string | null = null;
  try {
    // Loaded here, not at the top: a broken native sharp must not stop the export. require,
    // not import(): the bundled main is CommonJS and sharp stays an external package.
    const loaded = createRequire(import.meta.url)('sharp') as typeof Sharp;
    sharp = loaded.versions.sharp ?? null;
    libvips = loaded.versions.vips;
  } catch (error) {
    problems.push(`sharp does not load: ${describe(error)}`);
  }
  let betterSqlite3: string | null = null;
  try {
    betterSqlite3 = (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;
  } catch (error) {
    problems.push(`better-sqlite3 version unknown: ${describe(error)}`);
  }
  let sqlite: string | null = null;
  if (options.db?.open === true) {
    try {
      sqlite = String(options.db.prepare('SELECT sqlite_version()').pluck().get());
    } catch (error) {
      problems.push(`sqlite version unknown: ${describe(error)}`);
    }
  }
  return {
    app: options.appVersion,
    node: process.versions.node,
    electron: process.versions['electron'] ?? null,
    chromium: process.versions['chrome'] ?? null,
    v8: process.versions.v8,
    sharp,
    libvips,
    betterSqlite3,
    sqlite,
    os: `${os.type()} ${os.release()}`,
    osVersion: os.version(),
    platform: process.platform,
    arch: process.arch,
    problems,
  };
}

export interface StorageFigures {
  /** Size of the database file; null when it does not exist. Never its content. */
  readonly dbBytes: number | null;
  readonly walBytes: number | null;
  /** Space left for the kiosk user on the data folder's file system. */
  readonly freeBytes: number | null;
  readonly totalBytes: number | null;
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** Sizes of the database, its WAL, and the free space of the data folder (`statfs`). */
export function collectStorageFigures(dataDir: string): StorageFigures {
  const dbFile = path.join(dataDir, DATABASE_FILE);
  let freeBytes: number | null = null;
  let totalBytes: number | null = null;
  try {
    const stats = statfsSync(dataDir);
    freeBytes = stats.bavail * stats.bsize;
    totalBytes = stats.blocks * stats.bsize;
  } catch {
    // Left null: the report shows "unknown" rather than a guess.
  }
  return { dbBytes: sizeOf(dbFile), walBytes: sizeOf(`${dbFile}-wal`), freeBytes, totalBytes };
}

export interface DiagnosticAlarm {
  /** ISO 8601 of when it was raised. */
  readonly at: string;
  readonly source: string;
  readonly code: string;
  readonly message: string;
  /** Still active (not cleared). */
  readonly isOpen: boolean;
  /** ISO 8601 of when it was cleared, when known. */
  readonly clearedAt?: string | null;
}

/** Alarms newest first, open and cleared, at most this many. */
export const MAX_BUNDLE_ALARMS = 500;

/**
 * The most recent alarms, open or cleared, newest first. Reads the `alarms` table only
 * (no personal data by design; the bundle scrubs the messages anyway).
 */
export function readRecentAlarms(db: KioskDatabase, limit = MAX_BUNDLE_ALARMS): DiagnosticAlarm[] {
  const rows = db
    .prepare('SELECT raised_at AS at, source, code, message, cleared_at AS clearedAt FROM alarms ORDER BY id DESC LIMIT ?')
    .all(Math.max(0, Math.min(limit, MAX_BUNDLE_ALARMS))) as { at: string; source: string; code: string; message: string; clearedAt: string | null }[];
  return rows.map((row) => ({ ...row, isOpen: row.clearedAt === null }));
}
