/**
 * R-E7: the fuses in electron-builder.yml, applied the way electron-builder applies them
 * (its own `generateFuseConfig` and @electron/fuses) to a synthetic Electron blob, give the
 * expected wire. The real artifact is checked with `npx @electron/fuses read --app`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, flipFuses } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

type Configuration = Awaited<ReturnType<typeof getConfig>>;

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
});

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every R-E7 fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs the app into an asar with native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });
});

describe('fuse wire on a synthetic blob', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fuses-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flips exactly to the expected states', async () => {
    // Electron's factory defaults for the 8 V1 fuses, between arbitrary bytes.
    const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
    const blob = Buffer.concat([Buffer.from('\x7fELF padding'), Buffer.from(SENTINEL), Buffer.from([1, 8, ...defaults]), Buffer.from('tail')]);
    const file = path.join(dir, 'electron');
    writeFileSync(file, blob);

    // electron-builder's own mapping from the yml keys to the wire (it does not use `this`).
    const packager = PlatformPackager.prototype as unknown as {
      generateFuseConfig(this: void, fuses: unknown): Promise<Parameters<typeof flipFuses>[1]>;
    };
    await flipFuses(file, await packager.generateFuseConfig(config.electronFuses));

    const flipped = readFileSync(file);
    const at = flipped.indexOf(SENTINEL) + SENTINEL.length;
    expect([...flipped.subarray(at, at + 2)]).toEqual([1, 8]);
    const wire = flipped.subarray(at + 2, at + 10);
    const state = (fuse: FuseV1Options): boolean => wire[fuse] === ON;
    expect(state(FuseV1Options.RunAsNode)).toBe(false);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(false);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    // Nothing outside the wire changed.
    expect(flipped.length).toBe(blob.length);
    expect(flipped.subarray(0, at).equals(blob.subarray(0, at))).toBe(true);
  });
});
