/**
 * The IPC handlers of the technician console (issue #8). Every call but the PIN ones needs
 * the admin session's token; a lapsed or unknown token is `forbidden` and the screen goes
 * back to the PIN pad. PIN checks, lockout and session timeouts are the admin services'
 * (R-P7); this file adds the audit of every change, test and export (R-P6) and keeps what
 * reaches the screen free of personal data.
 */
import { statfsSync } from 'node:fs';
import type { DetectionReport } from '../../../hardware/detect/detect-devices.js';
import type {
  AdminOverview,
  DetectReport,
  DetectedDevice,
  ExportTarget,
  IpcError,
  IpcResult,
  KioskHandlers,
  MethodName,
  SystemStatus,
} from '../../ipc/contract.js';
import type { AdminConsole } from '../admin/admin-pin.js';
import type { AuditEvent, AuditOutcome } from '../admin/audit-log.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import { bindDevice, hallSettingsOf, saveHallSettings, unbindDevice } from './console-config.js';
import type { DeviceTestPorts } from './device-tests.js';
import { runDeviceTest } from './device-tests.js';
import type { DeviceEventLog } from './device-views.js';

type ConsoleMethod = Extract<MethodName, `admin.${string}`>;

export interface ConsoleDeps {
  readonly admin: AdminConsole;
  readonly dataDir: string;
  readonly version: string;
  readonly now: () => number;
  config(): TerminalConfig;
  status(): SystemStatus;
  readonly events: DeviceEventLog;
  alarms(): readonly { readonly raisedAt: string; readonly source: string; readonly code: string; readonly message: string }[];
  outbox(): { readonly pending: number; readonly quarantined: number };
  detect(ports: readonly string[]): Promise<DetectionReport>;
  testPorts(): DeviceTestPorts;
  exportTargets(): Promise<ExportTarget[]>;
  exportDiagnostics(targetDir: string | null): Promise<IpcResult<{ path: string; bytes: number }>>;
  /** Asks the host to restart the terminal; false when the host cannot. */
  restart(): boolean;
}

type Failure = { readonly ok: false; readonly error: IpcError };
const failure = (code: 'forbidden' | 'unavailable' | 'invalidArgument', message: string): Failure => ({ ok: false, error: { code, message } });
const SESSION_OVER = failure('forbidden', '管理会话已结束，请重新输入密码');

/** A detection report as the console shows it: proposals with their config values, and what was looked at. */
export function detectReportView(report: DetectionReport): DetectReport {
  const proposals: DetectedDevice[] = report.proposals.flatMap((proposal): DetectedDevice[] => {
    const fragments = proposal.kind === 'identified' ? [{ device: proposal.device, fragment: proposal.fragment }] : proposal.choices;
    return fragments.flatMap(({ device, fragment }) => {
      const bound = (fragment as Record<string, { transport?: Record<string, string | number | boolean | null> } | undefined>)[device];
      if (bound?.transport === undefined) return [];
      return [
        {
          device,
          transport: bound.transport,
          evidence: proposal.kind === 'identified' ? `${proposal.location}：${proposal.evidence}` : `${proposal.location}：${proposal.evidence}（${proposal.confirm}）`,
          needsConfirmation: proposal.kind === 'keyboardLike',
        },
      ];
    });
  });
  const looked = [
    ...report.serial.probes.map((probe) => ({
      where: probe.path,
      result: probe.found !== null ? `${probe.found.device} @${probe.found.baudRate}` : (probe.error ?? '无应答'),
    })),
    ...report.serial.skipped.map((skip) => ({ where: skip.path, result: skip.reason })),
    ...(report.serial.listError === null ? [] : [{ where: '串口列表', result: report.serial.listError }]),
    ...(report.hid.listError === null ? [] : [{ where: 'HID', result: report.hid.listError }]),
  ];
  return { proposals, looked };
}

export function consoleHandlers(deps: ConsoleDeps): Pick<KioskHandlers, ConsoleMethod> {
  const { admin, now } = deps;
  const audit = (event: AuditEvent, outcome: AuditOutcome, detail: string): void => {
    admin.audit.append({ actor: 'technician', event, outcome, detail, at: now() });
  };
  /** Runs `step` in a live admin session (moving its idle timeout on). */
  const withSession = async <T>(token: string, step: () => Promise<IpcResult<T>> | IpcResult<T>): Promise<IpcResult<T>> => {
    const check = admin.sessions.touch(token, now());
    if (!check.ok) return SESSION_OVER;
    return step();
  };
  const configProblems = (problems: readonly string[]): Failure => failure('invalidArgument', `配置未保存：${problems.slice(0, 3).join('；')}`);

  return {
    'admin.pinStatus': () => {
      const state = admin.pin.lockState(now());
      return Promise.resolve({ ok: true, value: state.status === 'unset' ? { state: 'unset' } : { state: 'set', lockedForMs: state.retryAfterMs } });
    },
    'admin.setPin': async ({ pin }) => {
      const set = await admin.pin.setInitial(pin, now());
      return set.ok ? { ok: true, value: { token: set.value.token, expiresAt: set.value.expiresAt } } : failure('unavailable', set.error.message.zh);
    },
    'admin.login': async ({ pin }) => {
      const login = await admin.pin.login(pin, now());
      return login.ok ? { ok: true, value: { token: login.value.token, expiresAt: login.value.expiresAt } } : failure('forbidden', login.error.message.zh);
    },
    'admin.logout': ({ token }) => {
      admin.sessions.logout(token, now());
      return Promise.resolve({ ok: true, value: { loggedOut: true } });
    },
    'admin.changePin': ({ token, oldPin, newPin }) =>
      withSession(token, async () => {
        const changed = await admin.pin.change(oldPin, newPin, now());
        return changed.ok ? { ok: true, value: { changed: true } } : failure('unavailable', changed.error.message.zh);
      }),
    'admin.overview': ({ token }) =>
      withSession(token, () => {
        const status = deps.status();
        const config = deps.config();
        for (const health of status.devices) deps.events.noteHealth(health);
        let freeBytes = 0;
        try {
          const stats = statfsSync(deps.dataDir);
          freeBytes = stats.bavail * stats.bsize;
        } catch {
          // An unreadable data folder shows as 0 free: the technician looks at it anyway.
        }
        const value: AdminOverview = {
          hallName: status.hallName,
          terminalId: status.terminalId,
          version: deps.version,
          mode: status.mode,
          outOfServiceReason: status.outOfServiceReason,
          devices: status.devices.map((health) => deps.events.view(health, config)),
          alarms: deps.alarms().map((alarm) => ({ at: Date.parse(alarm.raisedAt), source: alarm.source, code: alarm.code, message: alarm.message })),
          outbox: deps.outbox(),
          freeBytes,
        };
        return { ok: true, value };
      }),
    'admin.events': ({ token }) => withSession(token, () => ({ ok: true, value: { events: deps.events.recent(100) } })),
    'admin.detect': ({ token, ports }) =>
      withSession(token, async () => {
        const report = detectReportView(await deps.detect(ports));
        deps.events.record('system', `自动识别：找到 ${report.proposals.length} 台设备`);
        return { ok: true, value: report };
      }),
    'admin.bind': ({ token, device, transport }) =>
      withSession(token, () => {
        const written = bindDevice(deps.dataDir, device, transport);
        const where = typeof transport['type'] === 'string' ? transport['type'] : '?';
        audit('device.bound', written.ok ? 'ok' : 'refused', `${device} → ${where}${typeof transport['path'] === 'string' ? ` ${transport['path']}` : ''}`);
        if (!written.ok) return configProblems(written.error);
        deps.events.record('system', `已绑定 ${device}（重启后生效）`);
        return { ok: true, value: { saved: true, restartRequired: true } };
      }),
    'admin.unbind': ({ token, device }) =>
      withSession(token, () => {
        const written = unbindDevice(deps.dataDir, device);
        audit('device.bound', written.ok ? 'ok' : 'refused', `${device} unbound`);
        return written.ok ? { ok: true, value: { saved: true, restartRequired: true } } : configProblems(written.error);
      }),
    'admin.testDevice': ({ token, test }) =>
      withSession(token, async () => {
        const result = await runDeviceTest(test, deps.testPorts());
        audit('device.test', result.ok ? 'ok' : 'failed', `${test}: ${result.ok ? 'ok' : 'failed'}`);
        deps.events.record('system', `测试 ${test}：${result.ok ? '通过' : '未通过'}`);
        return { ok: true, value: result };
      }),
    'admin.settings': ({ token }) => withSession(token, () => ({ ok: true, value: hallSettingsOf(deps.config()) })),
    'admin.saveSettings': ({ token, settings }) =>
      withSession(token, () => {
        const written = saveHallSettings(deps.dataDir, settings);
        audit('settings.changed', written.ok ? 'ok' : 'refused', written.ok ? 'hall settings saved' : `refused: ${written.error.length} problem(s)`);
        return written.ok ? { ok: true, value: { saved: true, restartRequired: true } } : configProblems(written.error);
      }),
    'admin.exportTargets': ({ token }) => withSession(token, async () => ({ ok: true, value: { targets: await deps.exportTargets() } })),
    'admin.exportDiagnostics': ({ token, targetDir }) =>
      withSession(token, async () => {
        const exported = await deps.exportDiagnostics(targetDir);
        audit('diagnostics.exported', exported.ok ? 'ok' : 'failed', exported.ok ? `${exported.value.bytes} bytes` : exported.error.message);
        return exported;
      }),
    'admin.audit': ({ token }) =>
      withSession(token, () => {
        const verification = admin.audit.verify();
        return {
          ok: true,
          value: {
            entries: admin.audit.recent(100).map(({ seq, at, actor, event, outcome, detail }) => ({ seq, at, actor, event, outcome, detail })),
            chain: verification.ok ? { ok: true, count: verification.count } : { ok: false, firstBadSeq: verification.firstBadSeq, reason: verification.reason },
          },
        };
      }),
    'admin.restart': ({ token }) =>
      withSession(token, () => {
        audit('config.changed', 'ok', 'restart requested');
        return deps.restart() ? { ok: true, value: { restarting: true } } : failure('unavailable', '本机无法自动重启，请手动重启终端');
      }),
  };
}
