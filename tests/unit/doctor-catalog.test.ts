import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, type DoctorIo, runDoctor } from '../../hardware/cli/doctor.js';
import { CATALOG_COMMAND } from '../../electron/services/catalogue/catalogue-cli.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

function captureIo(): { io: DoctorIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => Promise.resolve('') },
    out: () => out,
    err: () => err,
  };
}

const doctor = (argv: string[], io: DoctorIo) => runDoctor(argv, io, { ...COMMANDS, catalog: CATALOG_COMMAND });

describe('doctor catalog', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('validates the bundled catalogue and prints counts', async () => {
    const capture = captureIo();
    expect(await doctor(['catalog', '--json'], capture.io)).toBe(0);
    const report = JSON.parse(capture.out()) as { valid: boolean; items: number; departments: number; perDepartment: { items: number }[] };
    expect(report.valid).toBe(true);
    expect(report.items).toBeGreaterThanOrEqual(60);
    expect(report.departments).toBeGreaterThanOrEqual(12);
    expect(report.perDepartment.every((d) => d.items > 0)).toBe(true);
  });

  it('names the item and field of every problem and exits 1', async () => {
    const catalogue = JSON.parse(readFileSync(path.join(ASSETS_DIR, 'catalogue', 'catalogue.json'), 'utf8')) as {
      items: { code: string; name: string; departmentId: string; queueCategoryId: string; materials: { copies: number }[] }[];
    };
    const [first, second] = catalogue.items;
    if (first === undefined || second === undefined || first.materials[0] === undefined) throw new Error('catalogue too small');
    first.materials[0].copies = 0;
    second.departmentId = 'nowhere';
    const file = path.join(dir.path, 'bad.json');
    writeFileSync(file, JSON.stringify(catalogue));

    const capture = captureIo();
    expect(await doctor(['catalog', file], capture.io)).toBe(1);
    expect(capture.out()).toContain(`item ${first.code} (${first.name}) materials.0.copies: `);

    // Cross-references are checked once every item is well-formed.
    first.materials[0].copies = 1;
    second.queueCategoryId = 'lottery';
    writeFileSync(file, JSON.stringify(catalogue));
    const again = captureIo();
    expect(await doctor(['catalog', file], again.io)).toBe(1);
    expect(again.out()).toContain(`item ${second.code} (${second.name}) departmentId: unknown department "nowhere"`);
  });

  it('says what is wrong with a file that is not JSON', async () => {
    const file = path.join(dir.path, 'broken.json');
    writeFileSync(file, '{"version": 1, "items": [');
    const capture = captureIo();
    expect(await doctor(['catalog', file, '--json'], capture.io)).toBe(1);
    expect(JSON.parse(capture.out())).toMatchObject({ valid: false, problems: [expect.stringMatching(/^not valid JSON/u) as unknown] });
  });

  it('exits 2 when the file cannot be read', async () => {
    const capture = captureIo();
    expect(await doctor(['catalog', path.join(dir.path, 'missing.json')], capture.io)).toBe(2);
    expect(capture.err()).toMatch(/^doctor: catalog: cannot read /u);
  });
});
