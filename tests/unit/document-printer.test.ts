import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../electron/ipc/contract.js';
import {
  type DocumentPrinterPort,
  SIMULATED_A4_FOLDER,
  SimulatedDocumentPrinter,
  createDocumentPrinterPort,
  documentPrintFailureReason,
} from '../../electron/services/printing/document-printer-port.js';
import { LpDocumentPrinter } from '../../electron/services/printing/lp-document-printer.js';
import { makeTempDir } from '../support/temp-dir.js';

/** The smallest thing the ports accept: a PDF header and two page objects. */
const TWO_PAGE_PDF = new TextEncoder().encode(
  '%PDF-1.3\n1 0 obj\n<< /Type /Pages /Count 2 >>\nendobj\n2 0 obj\n<< /Type /Page >>\nendobj\n3 0 obj\n<< /Type /Page >>\nendobj\n%%EOF\n',
);

let dir: ReturnType<typeof makeTempDir>;
const ports: DocumentPrinterPort[] = [];
beforeEach(() => {
  dir = makeTempDir('kiosk-a4-');
});
afterEach(async () => {
  for (const port of ports.splice(0)) await port.close();
  dir.remove();
});

describe('simulated A4 printer', () => {
  it('files each PDF as a4/<n>.pdf, numbering on after a restart', async () => {
    const first = await createDocumentPrinterPort(undefined, { dataDir: dir.path });
    ports.push(first);
    expect(first.health()).toEqual({ kind: 'documentPrinter', isSimulated: true, state: 'online', condition: null, detail: null });
    const [a, b] = await Promise.all([first.print(TWO_PAGE_PDF, '办事指南 A'), first.print(TWO_PAGE_PDF, '办事指南 B')]);
    expect(a).toEqual({ ok: true, value: expect.objectContaining({ pages: 2 }) as unknown });
    expect(b.ok).toBe(true);
    await first.close();

    const restarted = await createDocumentPrinterPort({ transport: { type: 'simulated' } }, { dataDir: dir.path });
    ports.push(restarted);
    expect(await restarted.print(TWO_PAGE_PDF, '办事指南 C')).toMatchObject({ ok: true });
    const a4 = path.join(dir.path, SIMULATED_A4_FOLDER);
    // No temp files left behind by the atomic writes.
    expect(readdirSync(a4).sort()).toEqual(['1.pdf', '2.pdf', '3.pdf']);
    expect(readFileSync(path.join(a4, '3.pdf')).equals(Buffer.from(TWO_PAGE_PDF))).toBe(true);
  });

  it('refuses what is not a PDF, and reports a folder it cannot write as a failed job', async () => {
    const printer = new SimulatedDocumentPrinter(path.join(dir.path, 'a4'));
    ports.push(printer);
    expect(await printer.print(new TextEncoder().encode('hello'), 'x')).toEqual({ ok: false, error: { code: 'failure', message: 'not a PDF document' } });
    writeFileSync(path.join(dir.path, 'blocked'), '');
    const blocked = new SimulatedDocumentPrinter(path.join(dir.path, 'blocked', 'a4'));
    ports.push(blocked);
    const result = await blocked.print(TWO_PAGE_PDF, 'x');
    expect(result).toMatchObject({ ok: false, error: { code: 'failure', message: expect.stringMatching(/cannot write/u) as unknown } });
    if (!result.ok) expect(documentPrintFailureReason(result.error)).toMatch(/A4 打印机故障/u);
  });
});

describe('A4 printer through lp (fake lp and lpstat on PATH)', () => {
  let bin: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    bin = path.join(dir.path, 'bin');
    mkdirSync(bin);
    env = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, FAKE_DIR: dir.path };
  });

  /** Writes an executable shell script into the fake bin folder. */
  const fake = (name: string, script: string): void => {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
  };
  const lpstatSays = (status: number, stdout: string, stderr = ''): void =>
    fake('lpstat', `printf '%s\\n' "$@" > "$FAKE_DIR/lpstat.args"\nprintf '%s' '${stdout}'\nprintf '%s' '${stderr}' >&2\nexit ${status}`);
  const start = async (printer = 'HP_M406'): Promise<LpDocumentPrinter> => {
    const port = await LpDocumentPrinter.start({ printer, env });
    ports.push(port);
    return port;
  };

  it('pipes the PDF into lp -d <printer> -t <title> - and reads health from lpstat -p', async () => {
    lpstatSays(0, 'printer HP_M406 is idle.  enabled since Tue 24 Nov 2026 08:00:00 CST\n');
    fake('lp', `printf '%s\\n' "$@" > "$FAKE_DIR/lp.args"\ncat > "$FAKE_DIR/lp.stdin"\necho "request id is HP_M406-17 (1 file(s))"`);
    const port = await start();
    expect(port.health()).toEqual({ kind: 'documentPrinter', isSimulated: false, state: 'online', condition: null, detail: null });
    expect(readFileSync(path.join(dir.path, 'lpstat.args'), 'utf8')).toBe('-p\nHP_M406\n');

    // A title with shell metacharacters stays one argument: there is no shell.
    const title = '居民身份证换领 办事指南; rm -rf / $(id)';
    expect(await port.print(TWO_PAGE_PDF, title)).toEqual({ ok: true, value: { pages: 2 } });
    expect(readFileSync(path.join(dir.path, 'lp.args'), 'utf8')).toBe(`-d\nHP_M406\n-t\n${title}\n-\n`);
    expect(readFileSync(path.join(dir.path, 'lp.stdin')).equals(Buffer.from(TWO_PAGE_PDF))).toBe(true);
  });

  it('fails with lp’s own words when lp exits non-zero', async () => {
    lpstatSays(0, 'printer HP_M406 is idle.  enabled since Tue 24 Nov 2026 08:00:00 CST\n');
    fake('lp', `cat > /dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1`);
    const result = await (await start()).print(TWO_PAGE_PDF, '办事指南');
    expect(result).toEqual({
      ok: false,
      error: { code: 'failure', message: 'lp -d HP_M406 failed (exit 1): lp: The printer or class does not exist.' },
    });
  });

  it('times out an lp that never answers', async () => {
    lpstatSays(0, 'printer HP_M406 is idle.\n');
    fake('lp', 'exec /bin/sleep 30');
    const port = await LpDocumentPrinter.start({ printer: 'HP_M406', env, timeoutMs: 300 });
    ports.push(port);
    expect(await port.print(TWO_PAGE_PDF, '办事指南')).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('reports a stopped queue and an unknown printer as health, and tells listeners', async () => {
    lpstatSays(0, 'printer HP_M406 disabled since Tue 24 Nov 2026 08:00:00 CST -\n\tPaused\n');
    const port = await start();
    expect(port.health()).toMatchObject({ state: 'error', condition: 'queueStopped', detail: expect.stringContaining('Paused') as unknown });

    const seen: DeviceHealth[] = [];
    port.onHealthChanged((health) => seen.push(health));
    lpstatSays(1, '', 'lpstat: Invalid destination name in list "HP_M406".\n');
    await port.refreshHealth();
    expect(seen).toEqual([
      expect.objectContaining({ state: 'offline', condition: 'unknownPrinter', detail: expect.stringContaining('Invalid destination name') as unknown }) as unknown,
    ]);
    await port.refreshHealth();
    expect(seen).toHaveLength(1);
  });

  it('says what to install when there is no CUPS client', async () => {
    env = { ...env, PATH: bin };
    const port = await start();
    expect(port.health()).toMatchObject({ state: 'offline', condition: 'noSpooler', detail: expect.stringMatching(/lpstat not found: install the CUPS client/u) as unknown });
    const result = await port.print(TWO_PAGE_PDF, '办事指南');
    expect(result).toMatchObject({ ok: false, error: { code: 'noHardware', message: expect.stringMatching(/^lp not found/u) as unknown } });
    if (!result.ok) expect(documentPrintFailureReason(result.error)).toBe('A4 打印机未连接，请到窗口领取纸质办事指南');
  });

  it('is what the configuration asks for', async () => {
    lpstatSays(0, 'printer Hall_A4 is idle.\n');
    const port = await createDocumentPrinterPort({ transport: { type: 'lp', printer: 'Hall_A4' } }, { dataDir: dir.path, env });
    ports.push(port);
    expect(port).toBeInstanceOf(LpDocumentPrinter);
    expect(port.health().state).toBe('online');
  });
});
