/**
 * Where the console's work touches the machine: the serial ports the running terminal holds
 * (auto-detect must leave them alone) and where a diagnostics bundle may be written — the
 * data folder or a mounted, writable USB stick, nowhere else.
 */
import type { ExportTarget, IpcResult, SystemStatus } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import { collectDiagnostics, dataFolderTarget, listRemovableTargets, writeDiagnosticBundle } from '../diagnostics/diagnostic-bundle.js';
import { collectRuntimeVersions, collectStorageFigures, readRecentAlarms } from '../diagnostics/diagnostic-bundle-sources.js';
import type { KioskDatabase } from '../storage/database.js';

/** Serial ports bound in the configuration, with why auto-detect skips them. */
export function portsInUse(config: TerminalConfig): Record<string, string> {
  const inUse: Record<string, string> = {};
  for (const [device, binding] of Object.entries(config.devices)) {
    const transport = (binding as { transport?: { type?: string; path?: unknown } } | undefined)?.transport;
    if (transport?.type === 'serial' && typeof transport.path === 'string') inUse[transport.path] = `正在使用（已绑定为 ${device}）`;
  }
  return inUse;
}

/** The data folder's diagnostics/ folder, then every mounted, writable USB stick. */
export async function exportTargets(dataDir: string): Promise<ExportTarget[]> {
  const sticks = await listRemovableTargets();
  return [
    { path: dataFolderTarget(dataDir), label: '数据目录', isRemovable: false },
    ...sticks.filter((stick) => !stick.isReadOnly).map((stick) => ({ path: stick.path, label: `U盘 ${stick.label}`, isRemovable: true })),
  ];
}

export interface DiagnosticsContext {
  readonly dataDir: string;
  readonly version: string;
  readonly now: () => number;
  readonly db: KioskDatabase;
  config(): TerminalConfig;
  configProblems(): readonly string[];
  status(): SystemStatus;
  diagnostics(): readonly string[];
  outbox(): { readonly pending: number; readonly delivered: number; readonly quarantined: number } | null;
  /** The audit chain's head and whether it verifies (R-P6 anchor for the vendor). */
  audit(): { readonly headSeq: number; readonly headHash: string; readonly isIntact: boolean } | null;
}

/**
 * Writes the 诊断包 to `targetDir` — which must be one of {@link exportTargets} (the console
 * offers only those; a path from anywhere else is refused) — or to the data folder.
 */
export async function exportDiagnostics(context: DiagnosticsContext, targetDir: string | null): Promise<IpcResult<{ path: string; bytes: number }>> {
  const allowed = await exportTargets(context.dataDir);
  const target = targetDir === null ? allowed[0]! : allowed.find((candidate) => candidate.path === targetDir);
  if (target === undefined) return { ok: false, error: { code: 'invalidArgument', message: '只能导出到数据目录或已插入的U盘，请重新选择' } };
  const at = context.now();
  let alarms: ReturnType<typeof readRecentAlarms> = [];
  try {
    alarms = readRecentAlarms(context.db);
  } catch {
    // A failing disk must not stop the export that is meant to diagnose it.
  }
  const report = collectDiagnostics({
    now: at,
    config: context.config(),
    configProblems: context.configProblems(),
    status: context.status(),
    diagnostics: context.diagnostics(),
    alarms,
    outbox: context.outbox(),
    audit: context.audit(),
    versions: collectRuntimeVersions({ appVersion: context.version, db: context.db }),
    storage: collectStorageFigures(context.dataDir),
  });
  const config = context.config();
  const written = await writeDiagnosticBundle(report, {
    targetDir: target.path,
    now: at,
    terminalId: config.hall.terminalId,
  });
  return written.ok ? { ok: true, value: { path: written.value.path, bytes: written.value.bytes } } : { ok: false, error: { code: 'unavailable', message: written.error.message } };
}
