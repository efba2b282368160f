/**
 * `npm run electronegativity`: Doyensec's Electronegativity over the Electron host's sources
 * (reliability.md R-E1). Fails on any HIGH finding (SARIF `error`) and on any MEDIUM
 * (`warning`) that is not in {@link REASONED} with the reason it does not apply; prints one
 * summary line for CI. Runs offline: the tool's release lookup fails and it goes on with the
 * Electron version we pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** MEDIUM findings that do not apply here, each with why. */
const REASONED: Readonly<Record<string, string>> = {
  CSP_GLOBAL_CHECK:
    'the CSP of R-E3 is sent as a response header by the app:// protocol handler (electron/main/app-protocol.ts) ' +
    'and the web host (electron/services/static-files.ts), which the tool cannot see; tests/e2e checks it is enforced',
};

interface SarifResult {
  readonly ruleId: string;
  readonly level: 'error' | 'warning' | 'note' | 'none';
  readonly message: { readonly text: string };
  readonly locations?: readonly { readonly physicalLocation?: { readonly artifactLocation?: { readonly uri?: string }; readonly region?: { readonly startLine?: number } } }[];
}

const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
const outDir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
const report = path.join(outDir, 'report.sarif');
try {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', path.join(ROOT, 'electron'), '-r', '-e', electronVersion, '-o', report],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  let results: SarifResult[];
  try {
    results = (JSON.parse(readFileSync(report, 'utf8')) as { runs: { results?: SarifResult[] }[] }).runs.flatMap((r) => r.results ?? []);
  } catch (error) {
    process.stderr.write(`electronegativity did not write a report (exit ${String(run.status)}): ${error instanceof Error ? error.message : String(error)}\n${run.stderr}\n`);
    process.exit(1);
  }
  const where = (result: SarifResult): string => {
    const location = result.locations?.[0]?.physicalLocation;
    return `${location?.artifactLocation?.uri ?? '?'}:${location?.region?.startLine ?? 0}`;
  };
  const high = results.filter((r) => r.level === 'error');
  const medium = results.filter((r) => r.level === 'warning');
  const unreasoned = medium.filter((r) => REASONED[r.ruleId] === undefined);
  for (const finding of [...high, ...unreasoned]) process.stdout.write(`${finding.level === 'error' ? 'HIGH' : 'MEDIUM'} ${finding.ruleId} at ${where(finding)}: ${finding.message.text}\n`);
  for (const finding of medium.filter((r) => REASONED[r.ruleId] !== undefined)) process.stdout.write(`MEDIUM ${finding.ruleId} (reasoned): ${REASONED[finding.ruleId] ?? ''}\n`);
  process.stdout.write(
    `Electronegativity ${electronVersion}: HIGH ${high.length}, MEDIUM ${medium.length} (${medium.length - unreasoned.length} reasoned), LOW ${results.length - high.length - medium.length}\n`,
  );
  process.exitCode = high.length === 0 && unreasoned.length === 0 ? 0 : 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
