/**
 * `npm run bench`: prints the performance figures the issues ask for, one line per figure
 * (`<name>: <value> <unit>`), and writes the same figures to bench.json. Not a test: nothing
 * here passes or fails on timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderEscPos } from '../../electron/services/printing/receipt-document.js';
import { ticketQrPayload, ticketReceiptMarkup } from '../../electron/services/printing/ticket-receipt.js';
import { measureKills, measureSubmitToReceipt } from './application.js';
import { measureCapture } from './capture.js';
import { measureSearchPerKeystroke } from './catalogue-search.js';
import { measureGuidePdf } from './guide-pdf.js';
import { measureCardReadRatio } from './id-card-read.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_RUNS = 5;

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

function ticketBytes(): number {
  const markup = ticketReceiptMarkup({
    hallName: '连云港市海州区政务服务中心',
    ticketNumber: 'B123',
    categoryName: '不动产登记',
    waitingAhead: 27,
    issuedAtDisplay: '2026-11-24 09:41',
    terminalId: 'LYG-HZ-0012',
    qrPayload: ticketQrPayload('LYG-HZ-0012', '2026-11-24', 'B123'),
    // The largest ticket: card holder in the priority lane.
    isPriority: true,
    holderMaskedName: '欧***',
  });
  return renderEscPos(markup, { charactersPerLine: 48 }).byteLength;
}

/** Milliseconds from spawning `npm start -- --no-browser` to its `Kiosk ready` line. */
function startToReady(): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-browser'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onEarlyExit = (code: number | null): void => reject(new Error(`kiosk exited (${code ?? 'signal'}) before ready:\n${output}`));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Kiosk ready:')) {
        const elapsed = performance.now() - started;
        child.off('exit', onEarlyExit);
        child.kill('SIGTERM');
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(elapsed);
        });
      }
    });
    child.once('exit', onEarlyExit);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const figures: Figure[] = [{ name: 'ticket_escpos_bytes', value: ticketBytes(), unit: 'bytes' }];
const startTimes: number[] = [];
for (let run = 0; run < START_RUNS; run++) startTimes.push(await startToReady());
figures.push(
  { name: 'start_to_ready_median', value: Math.round(median(startTimes)), unit: 'ms' },
  { name: 'start_to_ready_max', value: Math.round(Math.max(...startTimes)), unit: 'ms' },
);

const cardRead = await measureCardReadRatio();
figures.push(
  { name: 'id_card_read_ms_median', value: Number(cardRead.ms.toFixed(1)), unit: 'ms' },
  { name: 'id_card_wire_ms', value: Number(cardRead.wireMs.toFixed(1)), unit: 'ms' },
  { name: 'id_card_read_to_wire_ratio', value: Number(cardRead.ratio.toFixed(3)), unit: 'ratio' },
);

const search = measureSearchPerKeystroke();
figures.push(
  { name: 'catalogue_search_items', value: search.items, unit: 'items' },
  { name: 'catalogue_search_per_keystroke_mean', value: Number(search.meanMs.toFixed(3)), unit: 'ms' },
  { name: 'catalogue_search_per_keystroke_p95', value: Number(search.p95Ms.toFixed(3)), unit: 'ms' },
);

const guidePdf = await measureGuidePdf();
figures.push(
  { name: 'guide_pdf_bytes', value: guidePdf.bytes, unit: 'bytes' },
  { name: 'guide_pdf_warm_ms', value: Number(guidePdf.warmMs.toFixed(1)), unit: 'ms' },
);

const capture = await measureCapture();
figures.push(
  { name: 'capture_frames_5mp', value: capture.samples, unit: 'frames' },
  { name: 'capture_process_ms_median', value: Math.round(capture.processMsMedian), unit: 'ms' },
  { name: 'capture_process_ms_p95', value: Math.round(capture.processMsP95), unit: 'ms' },
  { name: 'capture_process_ms_max', value: Math.round(capture.processMsMax), unit: 'ms' },
  { name: 'capture_a4_page_bytes_median', value: capture.a4PageBytesMedian, unit: 'bytes' },
  { name: 'capture_page_bytes_max', value: capture.pageBytesMax, unit: 'bytes' },
  { name: 'capture_crop_iou_mean', value: Number(capture.meanIoU.toFixed(4)), unit: 'ratio' },
  { name: 'capture_corner_error_px_mean', value: Number(capture.meanCornerErrorPx.toFixed(2)), unit: 'px' },
  { name: 'capture_angle_error_deg_max', value: Number(capture.maxAngleErrorDeg.toFixed(2)), unit: 'deg' },
  { name: 'capture_bad_caught_share', value: Number(capture.badCaughtShare.toFixed(3)), unit: 'ratio' },
  { name: 'capture_false_alarm_share', value: Number(capture.falseAlarmShare.toFixed(3)), unit: 'ratio' },
);

const submit = await measureSubmitToReceipt();
figures.push(
  { name: 'application_submit_to_receipt_ms_median', value: Math.round(submit.medianMs), unit: 'ms' },
  { name: 'application_submit_to_receipt_ms_p95', value: Math.round(submit.p95Ms), unit: 'ms' },
  { name: 'application_submit_to_receipt_ms_max', value: Math.round(submit.maxMs), unit: 'ms' },
);
const kills = await measureKills();
figures.push(
  { name: 'application_kills', value: kills.kills, unit: 'kills' },
  { name: 'application_acknowledged', value: kills.acknowledged, unit: 'applications' },
  { name: 'application_committed', value: kills.committed, unit: 'applications' },
  { name: 'application_lost', value: kills.lost, unit: 'applications' },
  { name: 'application_duplicated', value: kills.duplicated, unit: 'applications' },
  { name: 'application_undelivered_after_drain', value: kills.undelivered, unit: 'applications' },
  { name: 'application_kill_bench_elapsed', value: kills.elapsedS, unit: 's' },
);

for (const figure of figures) process.stdout.write(`${figure.name}: ${figure.value} ${figure.unit}\n`);
writeFileSync(path.join(ROOT, 'bench.json'), `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
