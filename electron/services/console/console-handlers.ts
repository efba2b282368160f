/**
 * The IPC handlers of the technician console (issue #8). Every call but the PIN ones needs
 * the admin session's token; a lapsed or unknown token is `forbidden` and the screen goes
 * back to the PIN pad. PIN checks, lockout and session timeouts are the admin services'
 * (R-P7); this file adds the audit of every change, test and export (R-P6) and keeps what
 * reaches the screen free of personal data.
 */
import { statfsSync } from 'node:fs';
import type { DetectionReport } from '../../../hardware/detect/detect-devices.js';
import {
  type AdminOverview,
  type DetectReport,
  type DetectedDevice,
  type ExportTarget,
  type IpcError,
  type IpcResult,
  type KioskHandlers,
  MAX_OUTBOX_ERROR_LENGTH,
  MAX_QUARANTINED_SHOWN,
  type MethodName,
  type QuarantinedRecordView,
  type SystemStatus,
} from '../../ipc/contract.js';
import type { AdminConsole } from '../admin/admin-pin.js';
import type { AuditEvent, AuditOutcome } from '../admin/audit-log.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { OutboxCounts, OutboxKind, QuarantinedRecord } from '../sync/outbox.js';
import { bindDevice, hallSettingsOf, saveHallSettings, unbindDevice } from './console-config.js';
import type { DeviceTestPorts } from './device-tests.js';
import { runDeviceTest } from './device-tests.js';
import type { DeviceEventLog } from './device-views.js';

type ConsoleMethod = Extract<MethodName, `admin.${string}`>;

/** The outbox as the console sees it (R-D5): how many wait, the poison records, release. */
export interface ConsoleOutbox {
  counts(): OutboxCounts;
  /** Every quarantined record, oldest first. */
  quarantined(): readonly QuarantinedRecord[];
  /** Releases quarantined record `id` and wakes the sync worker; false if `id` is not quarantined. */
  release(id: number): boolean;
}

export interface ConsoleDeps {
  readonly admin: AdminConsole;
  readonly dataDir: string;
  readonly version: string;
  readonly now: () => number;
  config(): TerminalConfig;
  status(): SystemStatus;
  readonly events: DeviceEventLog;
  alarms(): readonly { readonly raisedAt: string; readonly source: string; readonly code: string; readonly message: string }[];
  /** Null while the citizen services are not running (out of service at start). */
  outbox(): ConsoleOutbox | null;
  detect(ports: readonly string[]): Promise<DetectionReport>;
  testPorts(): DeviceTestPorts;
  exportTargets(): Promise<ExportTarget[]>;
  exportDiagnostics(targetDir: string | null): Promise<IpcResult<{ path: string; bytes: number }>>;
  /** Asks the host to restart the terminal; false when the host cannot. */
  restart(): boolean;
}

type Failure = { readonly ok: false; readonly error: IpcError };
const failure = (code: 'forbidden' | 'unavailable' | 'invalidArgument' | 'notFound', message: string): Failure => ({ ok: false, error: { code, message } });
const SESSION_OVER = failure('forbidden', '管理会话已结束，请重新输入密码');
const OUTBOX_NOT_RUNNING = failure('unavailable', '上报服务未运行（终端暂停服务），请先排除暂停服务的原因');
const NOT_QUARANTINED = failure('notFound', '没有这条隔离记录：它可能已重新发送或已送达，请刷新后再看');

/** What the technician calls each kind of outbox record. */
const OUTBOX_KIND_LABELS: Readonly<Record<OutboxKind, string>> = { evaluation: '好差评', checkIn: '预约签到', application: '自助申办' };

/**
 * A quarantined record for the screen. The error is the adapter's plain words (routes,
 * statuses and codes, never what the platform wrote: it may echo a name), so it is shown as
 * it is, on one line and cut to {@link MAX_OUTBOX_ERROR_LENGTH} characters; the payload
 * never leaves the outbox.
 */
function quarantinedView(record: QuarantinedRecord): QuarantinedRecordView {
  return {
    id: record.id,
    kind: record.kind,
    kindLabel: OUTBOX_KIND_LABELS[record.kind],
    attempts: record.attempts,
    lastError: record.lastError === null ? null : cut(record.lastError.replace(/\s+/gu, ' ').trim(), MAX_OUTBOX_ERROR_LENGTH),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

function cut(text: string, maxLength: number): string {
  // By code point, so a cut never splits a surrogate pair.
  const chars = Array.from(text);
  return chars.length <= maxLength ? text : `${chars.slice(0, maxLength - 1).join('')}…`;
}

function outboxView(outbox: ConsoleOutbox | null): AdminOverview['outbox'] {
  if (outbox === null) return { pending: 0, quarantined: 0, quarantinedRecords: [] };
  const { pending, quarantined } = outbox.counts();
  return { pending, quarantined, quarantinedRecords: outbox.quarantined().slice(-MAX_QUARANTINED_SHOWN).reverse().map(quarantinedView) };
}

/**
 * An outbox row id for an audit detail, digits grouped (`outbox #123,456`): the audit log
 * withholds a detail with a run of 6 or more digits, which a busy terminal's row ids reach
 * within a year; grouped, the id stays on record.
 */
function auditId(id: number): string {
  return `#${id.toLocaleString('en-US')}`;
}

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
          outbox: outboxView(deps.outbox()),
          freeBytes,
        };
        return { ok: true, value };
      }),
    'admin.releaseOutbox': ({ token, id }) =>
      withSession(token, () => {
        const outbox = deps.outbox();
        if (outbox === null) return OUTBOX_NOT_RUNNING;
        const record = outbox.quarantined().find((candidate) => candidate.id === id);
        const isReleased = record !== undefined && outbox.release(id);
        // The id and kind only: the payload (names, ID numbers, scans) never reaches the log.
        audit('outbox.released', isReleased ? 'ok' : 'refused', `outbox ${auditId(id)} ${record?.kind ?? '(not quarantined)'}`);
        if (!isReleased) return NOT_QUARANTINED;
        deps.events.record('system', `隔离记录已重新发送（${OUTBOX_KIND_LABELS[record.kind]}）`);
        return { ok: true, value: { released: true } };
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
