/**
 * The technician's view of each device (issue #8): its state with the XFS-style action to
 * take (clear a consumable or cover, reset, call for maintenance), how it is bound, its last
 * event and counters. Events and counters are kept in memory since start — plain words and
 * numbers only, never anything a citizen gave the machine.
 */
import type { AdminDeviceView, DeviceAction, DeviceHealth, DeviceKind } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';

/** What the technician does for a condition, in the words on the console. */
const CONDITION_ACTIONS: Readonly<Record<string, readonly [DeviceAction, string]>> = {
  paperNearEnd: ['clear', '纸将用尽，请及时更换纸卷'],
  paperEmpty: ['clear', '缺纸，请装入新纸卷'],
  coverOpen: ['clear', '打印机盖未合上，请合上机盖'],
  cutterJam: ['clear', '切刀卡纸，请清除卡纸后重置'],
  unrecoverable: ['maintenance', '打印机故障，请断电重启或联系维修'],
  faulty: ['maintenance', '读卡模块故障，请联系维修'],
};

export function deviceAction(health: DeviceHealth): { action: DeviceAction | null; text: string | null } {
  const known = health.condition === null ? undefined : CONDITION_ACTIONS[health.condition];
  if (known !== undefined) return { action: known[0], text: known[1] };
  switch (health.state) {
    case 'online':
    case 'disabled':
      return { action: null, text: null };
    case 'offline':
      return { action: 'reset', text: '设备未连接：请检查连线和电源，再重置设备' };
    case 'error':
      return { action: 'maintenance', text: '设备故障：请联系维修' };
  }
}

/** How the configuration binds `kind`, in a few words: `串口 /dev/ttyUSB0 115200`, `HID 10c4:0007`, `模拟`. */
export function bindingText(config: TerminalConfig, kind: DeviceKind): string {
  const bound = config.devices[kind] as { transport?: Record<string, unknown> } | undefined;
  const transport = bound?.transport;
  const text = (value: unknown, otherwise = ''): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : otherwise);
  if (transport === undefined) return kind === 'evaluationPad' || kind === 'scanner' ? '未配置' : '模拟';
  const hex = (value: unknown): string => (typeof value === 'number' ? value.toString(16).padStart(4, '0') : text(value));
  switch (transport['type']) {
    case 'simulated':
      return '模拟';
    case 'serial':
      return `串口 ${text(transport['path'])} ${text(transport['baudRate'])}`.trim();
    case 'hid':
      return `HID ${hex(transport['vendorId'])}:${hex(transport['productId'])}`;
    case 'tcp':
      return `网络 ${text(transport['host'])}:${text(transport['port'])}`;
    case 'keyboard':
      return '键盘输入';
    case 'uvc':
      return `USB 摄像头${typeof transport['labelHint'] === 'string' ? ` “${transport['labelHint']}”` : ''}`;
    case 'sane':
      return `SANE ${text(transport['device'], '（第一台）')}`;
    case 'escl':
      return `网络扫描 ${text(transport['baseUrl'])}`;
    case 'lp':
      return `打印队列 ${text(transport['printer'])}`;
    default:
      return text(transport['type'], '?');
  }
}

export type CounterName = 'ticketsPrinted' | 'cardsRead' | 'codesScanned' | 'ratings' | 'pagesCaptured' | 'documentsPrinted';

const COUNTER_LABELS: Readonly<Record<CounterName, readonly [DeviceKind, string]>> = {
  ticketsPrinted: ['receiptPrinter', '本次开机打印张数'],
  cardsRead: ['idCardReader', '本次开机读卡次数'],
  codesScanned: ['barcodeScanner', '本次开机扫码次数'],
  ratings: ['evaluationPad', '本次开机评价次数'],
  pagesCaptured: ['documentCamera', '本次开机拍摄页数'],
  documentsPrinted: ['documentPrinter', '本次开机打印文档数'],
};

const STATE_WORDS: Readonly<Record<DeviceHealth['state'], string>> = { online: '正常', offline: '离线', error: '故障', disabled: '停用' };

/** At most this many events are kept per device. */
const EVENTS_PER_DEVICE = 50;

export interface DeviceEvent {
  readonly at: number;
  readonly device: DeviceKind | 'system';
  readonly text: string;
}

/** Device events and counters since start, for the console. */
export class DeviceEventLog {
  readonly #events = new Map<DeviceKind | 'system', DeviceEvent[]>();
  readonly #counters = new Map<CounterName, number>();
  readonly #lastHealth = new Map<DeviceKind, string>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  record(device: DeviceKind | 'system', text: string): void {
    const list = this.#events.get(device) ?? [];
    list.push({ at: this.#now(), device, text });
    if (list.length > EVENTS_PER_DEVICE) list.splice(0, list.length - EVENTS_PER_DEVICE);
    this.#events.set(device, list);
  }

  count(counter: CounterName): void {
    this.#counters.set(counter, (this.#counters.get(counter) ?? 0) + 1);
  }

  /** Records a device's health when it changed since the last look. */
  noteHealth(health: DeviceHealth): void {
    const words = `${STATE_WORDS[health.state]}${health.condition === null ? '' : `（${health.condition}）`}${health.detail === null ? '' : `：${health.detail}`}`;
    if (this.#lastHealth.get(health.kind) === words) return;
    const isFirst = !this.#lastHealth.has(health.kind);
    this.#lastHealth.set(health.kind, words);
    this.record(health.kind, isFirst ? `启动时状态 ${words}` : `状态变为 ${words}`);
  }

  recent(limit = 100): DeviceEvent[] {
    return [...this.#events.values()]
      .flat()
      .sort((a, b) => b.at - a.at)
      .slice(0, limit);
  }

  view(health: DeviceHealth, config: TerminalConfig): AdminDeviceView {
    const events = this.#events.get(health.kind);
    const last = events?.[events.length - 1];
    const { action, text } = deviceAction(health);
    const counters = (Object.entries(COUNTER_LABELS) as [CounterName, readonly [DeviceKind, string]][])
      .filter(([, [kind]]) => kind === health.kind)
      .map(([name, [, label]]) => ({ label, value: this.#counters.get(name) ?? 0 }));
    return {
      ...health,
      binding: bindingText(config, health.kind),
      action,
      actionText: text,
      lastEvent: last === undefined ? null : { at: last.at, text: last.text },
      counters,
    };
  }
}
