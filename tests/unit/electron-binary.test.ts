import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/main/electron-binary.js';

describe('findElectronBinary', () => {
  it('returns null on this machine, where the binary was never downloaded', () => {
    expect(findElectronBinary({ env: {} })).toBeNull();
  });

  describe('with a fake electron package', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('null without path.txt (index.js would download)', () => {
      expect(findElectronBinary({ electronDir: dir, env: {} })).toBeNull();
    });

    it('null when path.txt names a missing file (index.js would download)', () => {
      writeFileSync(path.join(dir, 'path.txt'), 'electron');
      expect(findElectronBinary({ electronDir: dir, env: {} })).toBeNull();
    });

    it('dist/<path.txt> when it exists', () => {
      writeFileSync(path.join(dir, 'path.txt'), 'electron');
      mkdirSync(path.join(dir, 'dist'));
      writeFileSync(path.join(dir, 'dist', 'electron'), '');
      expect(findElectronBinary({ electronDir: dir, env: {} })).toBe(path.join(dir, 'dist', 'electron'));
    });

    it('honours ELECTRON_OVERRIDE_DIST_PATH, and only when the file is there', () => {
      const override = path.join(dir, 'custom');
      mkdirSync(override);
      const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
      expect(findElectronBinary({ electronDir: dir, env })).toBeNull();
      writeFileSync(path.join(override, 'electron'), '');
      expect(findElectronBinary({ electronDir: dir, env })).toBe(path.join(override, 'electron'));
      expect(findElectronBinary({ electronDir: null, env })).toBe(path.join(override, 'electron'));
    });
  });
});
