import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp folder per test; `remove()` deletes it (call it in afterEach). */
export function makeTempDir(prefix = 'kiosk-test-'): { readonly path: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ASSETS_DIR = path.resolve(import.meta.dirname, '../../assets');
