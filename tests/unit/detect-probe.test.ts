/**
 * Auto-detect's serial probe (issue #8) over in-memory links: each device hears only at its
 * own rate. Golden bytes of the queries, how replies are read, the safe order (nothing a
 * printer would print is sent once something answered like a printer), and every way a
 * probe ends early (no port, busy, stuck open, unplug, cancel).
 */
import { describe, expect, it } from 'vitest';
import { classifyReply, queryBytes } from '../../hardware/detect/probe-queries.js';
import { PROBE_BAUD_RATES, probeSerialPort, type SerialProbeOptions } from '../../hardware/detect/probe-serial.js';
import { encodeReply } from '../../hardware/protocols/evaluation-pad/serial-pad-frame.js';
import { encodeRequest, encodeResponse, samStatus } from '../../hardware/protocols/sam/frame.js';
import { EvaluationPadSimulator } from '../../hardware/simulators/evaluation-pad/evaluation-pad-simulator.js';
import { IdCardReaderSimulator } from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import { ReceiptPrinterSimulator } from '../../hardware/simulators/receipt-printer/receipt-printer-simulator.js';
import { createMemoryPair } from '../../hardware/transports/memory-transport.js';
import { TransportError } from '../../hardware/transports/transport-error.js';
import type { Transport } from '../../hardware/transports/transport.js';
import { responder, simulatedPort } from '../support/probe-link.js';

/** Short waits: memory links answer within microtasks. */
const FAST: SerialProbeOptions = { replyTimeoutMs: 60, openTimeoutMs: 200 };

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const hex = (data: Uint8Array): string => Buffer.from(data).toString('hex');
const isSamFrame = (data: Uint8Array): boolean => data[0] === 0xaa && data[3] === 0x96;
const isPadFrame = (data: Uint8Array): boolean => data[0] === 0x02;

describe('probe queries', () => {
  it('are the golden bytes of DLE EOT 1, SAM 11 FF and the pad query Q', () => {
    expect(hex(queryBytes('printerStatus', 1))).toBe('100401');
    expect(hex(queryBytes('samStatus', 1))).toBe('aaaaaa9669000311ffed');
    expect(hex(queryBytes('padQuery', 1))).toBe('020151000353');
  });

  it.each([
    ['a lone status byte after DLE EOT', 'printerStatus', bytes(0x12), { kind: 'printerStatusByte', byte: 0x12 }],
    ['a status byte between XON/XOFF', 'printerStatus', bytes(0x13, 0x1e, 0x11), { kind: 'printerStatusByte', byte: 0x1e }],
    ['two status bytes', 'printerStatus', bytes(0x12, 0x12), { kind: 'noise', bytes: 2 }],
    ['a byte without the fixed bits', 'printerStatus', bytes(0x02), { kind: 'noise', bytes: 1 }],
    ['a lone status byte after another query', 'samStatus', bytes(0x12), { kind: 'noise', bytes: 1 }],
    ['a SAM response behind garbage', 'samStatus', Uint8Array.from([0x00, 0xff, ...encodeResponse(0x60)]), { kind: 'samResponse', sw3: 0x60, status: 'selfTestFailed' }],
    ['a late SAM response in the printer window', 'printerStatus', encodeResponse(0x90), { kind: 'samResponse', sw3: 0x90, status: 'ok' }],
    ['our own SAM request echoed', 'samStatus', samStatus(), { kind: 'noise', bytes: 10 }],
    ['a SAM response with a bad checksum', 'samStatus', Uint8Array.from(encodeResponse(0x90).map((b, i, all) => (i === all.length - 1 ? b ^ 1 : b))), { kind: 'noise', bytes: 11 }],
    ['the pad identity', 'padQuery', encodeReply(1, { kind: 'identity', model: 'KS-PJ1', firmware: '1.2' }), { kind: 'padIdentity', address: 1, model: 'KS-PJ1', firmware: '1.2' }],
    ['another pad address', 'padQuery', encodeReply(2, { kind: 'identity', model: 'KS-PJ1', firmware: '1.2' }), { kind: 'noise', bytes: 16 }],
    ['nothing', 'padQuery', bytes(), { kind: 'silent' }],
  ] as const)('read %s', (_name, query, reply, verdict) => {
    expect(classifyReply(query, reply, 1)).toEqual(verdict);
  });
});

describe('probeSerialPort', () => {
  it('finds a printer at 9600 by DLE EOT 1 and 4, and sends it nothing that prints', async () => {
    const printer = new ReceiptPrinterSimulator({ model: { paper: 'nearEnd' } });
    const port = simulatedPort(printer, 9600);

    const result = await probeSerialPort('/dev/ttyUSB0', { ...FAST, openLink: port.openLink });

    expect(result).toMatchObject({
      path: '/dev/ttyUSB0',
      found: { device: 'receiptPrinter', baudRate: 9600, evidence: 'DLE EOT 1 → 0x12 (online), DLE EOT 4 → 0x1E (paper near end)' },
    });
    expect(result.error).toBeUndefined();
    expect(port.opened).toEqual([115_200, 9600]);
    // At its own rate the printer heard only the two status requests.
    expect(port.written.filter((w) => w.baudRate === 9600).map((w) => hex(w.bytes))).toEqual(['100401', '100404']);
    expect(printer.received.map((r) => r.command.kind)).toEqual(['realtimeStatusRequest', 'realtimeStatusRequest']);
    expect(result.tried.map((t) => `${t.baudRate} ${t.query} ${t.reply}`)).toEqual([
      '115200 printerStatus silent',
      '115200 samStatus silent',
      '115200 padQuery silent',
      '9600 printerStatus answer',
      '9600 printerConfirm answer',
    ]);
  });

  it('finds an ID-card reader at 57600 by any SAM status, here 60 (self-test failed)', async () => {
    const reader = new IdCardReaderSimulator();
    reader.setSamFault(0x60, true);
    const port = simulatedPort(reader, 57_600);

    const result = await probeSerialPort('/dev/ttyS1', { ...FAST, openLink: port.openLink });

    expect(result.found).toEqual({ device: 'idCardReader', baudRate: 57_600, evidence: 'SAM status 0x60 (SAM self-test failed: reader faulty)' });
    expect(port.opened).toEqual([115_200, 9600, 57_600]);
    expect(reader.received.map((r) => r.command)).toEqual(['samStatus']);
  });

  it('finds a pad by its query reply, at the address asked', async () => {
    const pad = new EvaluationPadSimulator({ kind: 'serial', address: 7, model: 'SIM-PAD', firmware: '2.0' });
    const port = simulatedPort(pad, 9600);

    const atDefault = await probeSerialPort('/dev/ttyUSB1', { ...FAST, openLink: port.openLink, baudRates: [9600] });
    const atSeven = await probeSerialPort('/dev/ttyUSB1', { ...FAST, openLink: port.openLink, baudRates: [9600], padAddress: 7 });

    expect(atDefault.found).toBeNull();
    expect(atSeven.found).toEqual({ device: 'evaluationPad', baudRate: 9600, evidence: 'pad query → "SIM-PAD" firmware 2.0 at address 7', padAddress: 7 });
    expect(pad.isPrompted).toBe(false);
  });

  it('reports nothing found on a silent port after every rate and query', async () => {
    const port = simulatedPort(null, 9600);

    const result = await probeSerialPort('/dev/ttyS0', { ...FAST, openLink: port.openLink });

    expect(result.found).toBeNull();
    expect(result.error).toBeUndefined();
    expect(result.tried).toHaveLength(PROBE_BAUD_RATES.length * 3);
    expect(port.opened).toEqual(PROBE_BAUD_RATES);
  });

  it('calls bytes that answer nothing noise, and finds nothing in them', async () => {
    const port = simulatedPort(responder(() => bytes(0xff, 0x00, 0x7e, 0x12)), 9600);

    const result = await probeSerialPort('/dev/ttyS0', { ...FAST, openLink: port.openLink, baudRates: [9600] });

    expect(result.found).toBeNull();
    expect(result.tried.map((t) => t.reply)).toEqual(['noise', 'noise', 'noise']);
  });

  it('asks nothing more at a rate where something answered like a printer only once', async () => {
    const port = simulatedPort(responder((_chunk, count) => (count === 1 ? bytes(0x12) : undefined)), 9600);

    const result = await probeSerialPort('/dev/ttyS0', { ...FAST, openLink: port.openLink, baudRates: [9600, 19_200] });

    expect(result.found).toBeNull();
    const at9600 = port.written.filter((w) => w.baudRate === 9600).map((w) => w.bytes);
    expect(at9600.map(hex)).toEqual(['100401', '100404']);
    expect(at9600.some((data) => isSamFrame(data) || isPadFrame(data))).toBe(false);
    // The next rate is probed in full.
    expect(port.written.filter((w) => w.baudRate === 19_200)).toHaveLength(3);
  });

  it('takes a SAM frame that arrives after a query in pieces and late', async () => {
    const frame = encodeResponse(0x90);
    const device = {
      attach(transport: Transport) {
        const off = transport.onData((chunk) => {
          if (!isSamFrame(chunk)) return;
          void transport.write(frame.subarray(0, 4));
          setTimeout(() => void transport.write(frame.subarray(4)), 20);
        });
        return off;
      },
      detach: () => undefined,
    };
    const port = simulatedPort(device, 115_200);

    const result = await probeSerialPort('/dev/ttyACM0', { ...FAST, openLink: port.openLink });

    expect(result.found).toMatchObject({ device: 'idCardReader', baudRate: 115_200 });
    expect(result.tried.at(-1)).toEqual({ baudRate: 115_200, query: 'samStatus', reply: 'answer', bytes: 11 });
  });

  it('does not mistake an echo of a SAM request for a reader', async () => {
    const port = simulatedPort(responder((chunk) => (isSamFrame(chunk) ? encodeRequest(0x11, 0xff) : undefined)), 9600);
    const result = await probeSerialPort('/dev/ttyS0', { ...FAST, openLink: port.openLink, baudRates: [9600] });
    expect(result.found).toBeNull();
  });

  describe('ends early, in plain words', () => {
    const failingLink = (error: Error, onRates?: (rate: number) => boolean) => {
      const opened: number[] = [];
      return {
        opened,
        openLink: (path: string, rate: number): Transport => {
          opened.push(rate);
          const [host] = createMemoryPair({ names: [`${path}@${rate}`, 'nothing'] });
          if (onRates === undefined || onRates(rate)) host.open = () => Promise.reject(error);
          return host;
        },
      };
    };

    it.each([
      ['no such port', new TransportError('noHardware', 'cannot open /dev/x: no such port'), 'noHardware'],
      ['in use', new TransportError('busy', 'cannot open /dev/x: the port is in use by another program'), 'busy'],
      ['permission', new TransportError('failure', 'cannot open /dev/x: permission denied (is the kiosk user in the dialout group?)'), 'permission'],
      ['no UART behind a listed port', new TransportError('failure', 'cannot open /dev/ttyS3: Input/output error, cannot open /dev/ttyS3'), 'noHardware'],
    ] as const)('%s: stops at the first rate', async (_name, error, kind) => {
      const link = failingLink(error);
      const result = await probeSerialPort('/dev/x', { ...FAST, openLink: link.openLink });
      expect(result).toMatchObject({ found: null, errorKind: kind });
      expect(result.error).toContain('cannot open');
      expect(link.opened).toEqual([115_200]);
    });

    it('a rate the port cannot do: tries the others', async () => {
      const link = failingLink(new TransportError('failure', 'cannot open /dev/x: the baud rate is not supported by this port'), (rate) => rate === 115_200);
      const result = await probeSerialPort('/dev/x', { ...FAST, openLink: link.openLink, baudRates: [115_200, 9600] });
      expect(result.error).toBeUndefined();
      expect(link.opened).toEqual([115_200, 9600]);
    });

    it('an open that never finishes: timeout, and the port is closed once it opens', async () => {
      let release: () => void = () => undefined;
      const [host] = createMemoryPair();
      const open = host.open.bind(host);
      host.open = () => new Promise<void>((resolve) => (release = () => void open().then(resolve)));
      const result = await probeSerialPort('/dev/rfcomm0', { ...FAST, openTimeoutMs: 50, openLink: () => host });
      expect(result).toMatchObject({ found: null, errorKind: 'timeout', error: 'memory:A did not open within 50 ms' });
      release();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(host.isOpen).toBe(false);
    });

    it('unplugged during the probe: lost', async () => {
      const [host, deviceEnd] = createMemoryPair();
      void deviceEnd.open();
      deviceEnd.onData(() => deviceEnd.disconnect());
      const result = await probeSerialPort('/dev/ttyUSB0', { ...FAST, openLink: () => host });
      expect(result).toMatchObject({ found: null, errorKind: 'lost' });
    });

    it('cancelled: stops within one wait', async () => {
      const controller = new AbortController();
      const port = simulatedPort(null, 9600);
      const started = Date.now();
      setTimeout(() => controller.abort(), 30);
      const result = await probeSerialPort('/dev/ttyS0', { replyTimeoutMs: 5_000, openLink: port.openLink, signal: controller.signal });
      expect(result).toMatchObject({ found: null, errorKind: 'cancelled' });
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
