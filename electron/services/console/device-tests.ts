/**
 * One-tap device tests for the technician (issue #8): print a test slip, read a card, scan a
 * code, capture a page, request a rating. Each waits at most {@link TEST_TIMEOUT_MS} and says
 * in one line what happened. Card data is masked (R-P2) and the photo zeroed; a scanned code
 * is described by its length only; a captured page by its size and quality — nothing a
 * citizen could be recognised by reaches the screen, the log or the audit.
 */
import type { CaptureSource } from '../../../hardware/devices/document-capture/capture-source.js';
import type { DeviceTestKind, DeviceTestResult, ScanResult } from '../../ipc/contract.js';
import { processStill } from '../capture/frame-pipeline.js';
import { hallTime } from '../clock.js';
import type { EvaluationPadPort } from '../evaluation/evaluation-pad-port.js';
import type { IdCardReaderPort } from '../identity/id-card-reader-port.js';
import type { ReceiptPrinterPort } from '../printing/printer-port.js';
import { escapeReceiptText, receiptColumns, renderEscPos } from '../printing/receipt-document.js';
import { maskIdNumber, maskName } from '../privacy/mask.js';

export const TEST_TIMEOUT_MS = 20_000;

export interface ScanTestPort {
  start(): Promise<void>;
  stop(): Promise<void>;
  onScanned(listener: (result: ScanResult) => void): () => void;
}

/** What a scanned code was, never what it said. */
const SCAN_KINDS: Readonly<Record<ScanResult['kind'], string>> = {
  receipt: '本机办件回执二维码',
  appointment: '本机预约二维码',
  refused: '其他条码（本机不处理）',
};

export interface DeviceTestPorts {
  readonly printer: ReceiptPrinterPort | null;
  readonly paperWidthMm: 58 | 80;
  readonly reader: IdCardReaderPort | null;
  /**
   * Scanning as the citizen screens use it (any scanner type — a keyboard-wedge scanner's
   * bursts come through the screen's guard to `scan.submitText`), and its classified results.
   */
  readonly scanning: ScanTestPort | null;
  readonly pad: EvaluationPadPort | null;
  /** The Node-side document camera (simulated); null when the screen opens a UVC camera. */
  readonly camera: CaptureSource | null;
  readonly hallName: string;
  readonly terminalId: string;
  readonly timeZone: string;
  readonly now: () => number;
  readonly timeoutMs?: number;
}

const result = (ok: boolean, summary: string, details: string[] = []): DeviceTestResult => ({ ok, summary, details });
const NOT_CONFIGURED = (what: string): DeviceTestResult => result(false, `未配置${what}`);

/** Resolves with the first value `subscribe` delivers, or undefined after `timeoutMs`. */
export function firstOf<T>(subscribe: (deliver: (value: T) => void) => () => void, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, timeoutMs);
    unsubscribe = subscribe((value) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

/**
 * The test slip, the same from the console and from `doctor test printer`: readable, short,
 * Chinese, a QR code, cut at the end. `lines` say where it came from (terminal, port).
 */
export function testSlipMarkup(slip: { readonly title: string; readonly lines: readonly (readonly [string, string])[] }): string {
  const e = escapeReceiptText;
  return [
    `^^${e(slip.title)}`,
    '^自助终端打印测试',
    '---',
    // One column: values such as a port path stay on one line even on 58 mm paper.
    ...slip.lines.map(([label, text]) => `${e(label)}：${e(text)}`),
    '中文：政务服务 一次办好',
    '{code:TEST; option:qrcode,4,m}',
    '---',
    '看到本条即打印、切纸正常',
    '',
  ].join('\n');
}

async function printTicket(ports: DeviceTestPorts, timeoutMs: number): Promise<DeviceTestResult> {
  if (ports.printer === null) return NOT_CONFIGURED('凭条打印机');
  const markup = testSlipMarkup({
    title: ports.hallName,
    lines: [
      ['终端编号', ports.terminalId],
      ['打印时间', hallTime(ports.now(), ports.timeZone).display],
    ],
  });
  const job = renderEscPos(markup, { charactersPerLine: receiptColumns(ports.paperWidthMm) });
  const printed = await ports.printer.print(job, AbortSignal.timeout(timeoutMs));
  return printed.ok
    ? result(true, '测试凭条已打印，请查看出纸口', [`${job.byteLength} 字节`])
    : result(false, `打印失败：${printed.error.message}`, [printed.error.code]);
}

async function readCard(ports: DeviceTestPorts, timeoutMs: number): Promise<DeviceTestResult> {
  const { reader } = ports;
  if (reader === null) return NOT_CONFIGURED('身份证阅读器');
  const started = await reader.startReading();
  if (!started.ok) return result(false, `阅读器无法开始读卡：${started.error.message}`);
  try {
    const read = await firstOf<Parameters<Parameters<IdCardReaderPort['onCardRead']>[0]>[0]>((deliver) => reader.onCardRead(deliver), timeoutMs);
    if (read === undefined) return result(false, `${timeoutMs / 1000} 秒内未读到证件，请将身份证放在感应区后重试`);
    read.photo.fill(0);
    return result(true, `读卡成功：${maskName(read.text.name)}  ${maskIdNumber(read.text.idNumber)}`, read.warnings.length > 0 ? [`${read.warnings.length} 条提示`] : []);
  } finally {
    reader.stopReading();
  }
}

async function scanCode(ports: DeviceTestPorts, timeoutMs: number): Promise<DeviceTestResult> {
  const { scanning } = ports;
  if (scanning === null) return NOT_CONFIGURED('扫码器');
  await scanning.start();
  try {
    const scanned = await firstOf<ScanResult>((deliver) => scanning.onScanned(deliver), timeoutMs);
    if (scanned === undefined) return result(false, `${timeoutMs / 1000} 秒内未扫到条码，请扫描任意二维码后重试`);
    // The code may be someone's receipt: what kind it was, never its text.
    return result(true, `扫码成功：识别为${SCAN_KINDS[scanned.kind]}`);
  } finally {
    await scanning.stop();
  }
}

async function capturePage(ports: DeviceTestPorts): Promise<DeviceTestResult> {
  const { camera } = ports;
  if (camera === null) return result(false, '高拍仪由屏幕直接打开，请在材料拍摄页面测试');
  if (camera.status().state !== 'ready') {
    const opened = await camera.open();
    if (!opened.ok) return result(false, `高拍仪无法打开：${opened.error.message}`);
  }
  const still = await camera.capture();
  if (!still.ok) return result(false, `拍摄失败：${still.error.message}`);
  try {
    const page = await processStill(still.value, { kind: 'auto', colorMode: 'color' });
    page.jpeg.fill(0);
    return result(true, `拍摄成功：${still.value.width}×${still.value.height}，裁切后 ${page.width}×${page.height}，${Math.round(page.jpeg.byteLength / 1024)} KB`, [
      page.issues.length === 0 ? '图像质量正常' : `质量提示：${page.issues.join('、')}`,
    ]);
  } finally {
    still.value.image.fill(0);
  }
}

async function requestRating(ports: DeviceTestPorts, timeoutMs: number): Promise<DeviceTestResult> {
  if (ports.pad === null) return NOT_CONFIGURED('评价器');
  const outcome = await ports.pad.request({ caseNumber: null, windowId: null, staffId: null, timeoutMs });
  if (!outcome.ok) return result(false, `评价器无响应：${outcome.error.message}`);
  switch (outcome.value.outcome) {
    case 'rated':
      return result(true, `评价器正常：收到第 ${outcome.value.level} 档按键`);
    case 'timeout':
      return result(false, `${timeoutMs / 1000} 秒内未收到按键，请按评价器任一按键后重试`);
    case 'cancelled':
      return result(false, '评价请求已取消');
  }
}

export function runDeviceTest(test: DeviceTestKind, ports: DeviceTestPorts): Promise<DeviceTestResult> {
  const timeoutMs = ports.timeoutMs ?? TEST_TIMEOUT_MS;
  switch (test) {
    case 'printTicket':
      return printTicket(ports, timeoutMs);
    case 'readCard':
      return readCard(ports, timeoutMs);
    case 'scanCode':
      return scanCode(ports, timeoutMs);
    case 'capturePage':
      return capturePage(ports);
    case 'requestRating':
      return requestRating(ports, timeoutMs);
  }
}
