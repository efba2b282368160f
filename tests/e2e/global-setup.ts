import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertChromiumInstalled } from '../support/browser.js';

/** The e2e suite needs Chromium and a built renderer; build it once here if absent. */
export default function setup(): void {
  assertChromiumInstalled();
  const root = path.resolve(import.meta.dirname, '../..');
  if (!existsSync(path.join(root, 'dist/renderer/index.html')) || process.env['KIOSK_E2E_REBUILD'] === '1') {
    const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('renderer build failed');
  }
}
