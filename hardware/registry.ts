/**
 * The registry (design.md §4): turns a device binding from the terminal configuration into
 * a device, real or simulated. A simulated device is the real device class talking its real
 * protocol over an in-memory link to the device's simulator, so everything above the
 * transport runs the same code a real peripheral would get.
 */
import { BarcodeScanner, type BarcodeScannerOptions } from './devices/barcode-scanner/barcode-scanner.js';
import { BarcodeScannerSimulator } from './simulators/barcode-scanner/barcode-scanner-simulator.js';
import { IdCardReader } from './devices/id-card-reader/id-card-reader.js';
import { EvaluationPad } from './devices/evaluation-pad/evaluation-pad.js';
import type { VendorCodeTable } from './protocols/evaluation-pad/code-table.js';
import type { HidKeyTable } from './protocols/evaluation-pad/hid-pad-keys.js';
import { EvaluationPadSimulator } from './simulators/evaluation-pad/evaluation-pad-simulator.js';
import { ReceiptPrinter } from './devices/receipt-printer/receipt-printer.js';
import type { PaperState } from './protocols/escpos/status.js';
import { MIAXIS_REPORT_BYTES, miaxisHidHostEnvelope } from './protocols/sam/miaxis-hid-envelope.js';
import { IdCardReaderSimulator } from './simulators/id-card-reader/id-card-reader-simulator.js';
import { simulatedCard } from './simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS, type SpecimenId } from './simulators/id-card-reader/specimens.js';
import { ReceiptPrinterSimulator } from './simulators/receipt-printer/receipt-printer-simulator.js';
import { HidTransport } from './transports/hid-transport.js';
import { createMemoryPair } from './transports/memory-transport.js';
import { SerialTransport } from './transports/serial-transport.js';
import { TcpTransport } from './transports/tcp-transport.js';
import type { Transport } from './transports/transport.js';

/** A simulator that can sit on the device end of a link (both simulators have this shape). */
interface AttachableSimulator {
  attach(transport: Transport): () => void;
  whenIdle(): Promise<void>;
}

/**
 * Plugs `simulator` into the device end of an in-memory link for the life of the process and
 * returns the host end plus a dispose that lets the simulator finish (e.g. write its files).
 */
function simulatedLink(simulator: AttachableSimulator, names: readonly [string, string]): { hostSide: Transport; dispose: () => Promise<void> } {
  const [hostSide, deviceSide] = createMemoryPair({ names });
  const detach = simulator.attach(deviceSide);
  void deviceSide.open();
  return {
    hostSide,
    dispose: async () => {
      await simulator.whenIdle();
      detach();
      await deviceSide.close();
    },
  };
}

export type ReceiptPrinterBinding =
  | {
      readonly type: 'simulated';
      readonly paper: PaperState;
      readonly coverOpen: boolean;
      readonly printDelayMs: number;
      /** Where the simulator writes `<n>.bin/.txt/.svg` for each job. */
      readonly outDir: string;
    }
  | { readonly type: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly type: 'tcp'; readonly host: string; readonly port: number };

export interface RegisteredReceiptPrinter {
  readonly device: ReceiptPrinter;
  readonly isSimulated: boolean;
  /** The simulator behind a simulated printer (dev panels, tests); null for real ones. */
  readonly simulator: ReceiptPrinterSimulator | null;
  /**
   * Stops the simulator side, if any, after it has written the files of every job it
   * received; the device is closed by its owner.
   */
  dispose(): Promise<void>;
}

export function createReceiptPrinter(binding: ReceiptPrinterBinding): RegisteredReceiptPrinter {
  switch (binding.type) {
    case 'simulated': {
      const simulator = new ReceiptPrinterSimulator({
        outDir: binding.outDir,
        printDelayMs: binding.printDelayMs,
        model: { paper: binding.paper, coverOpen: binding.coverOpen },
      });
      const link = simulatedLink(simulator, ['receipt-printer', 'simulated receipt printer']);
      return { device: new ReceiptPrinter({ transport: link.hostSide }), isSimulated: true, simulator, dispose: link.dispose };
    }
    case 'serial':
      return realPrinter(new SerialTransport({ path: binding.path, baudRate: binding.baudRate }));
    case 'tcp':
      return realPrinter(new TcpTransport({ host: binding.host, port: binding.port }));
  }
}

function realPrinter(transport: Transport): RegisteredReceiptPrinter {
  return { device: new ReceiptPrinter({ transport }), isSimulated: false, simulator: null, dispose: () => Promise.resolve() };
}

export type IdCardReaderBinding =
  | {
      readonly type: 'simulated';
      /** A specimen card on the reader from the start, or null. */
      readonly card: string | null;
      /** RF read time the simulator takes per read (ms); real modules need 0.5–1.5 s. */
      readonly readDelayMs?: number;
    }
  | { readonly type: 'serial'; readonly path: string; readonly baudRate: number }
  | {
      /** A USB HID reader: SAM frames tunnelled in vendor reports (protocols.md §1.1). */
      readonly type: 'hid';
      readonly vendorId: number;
      readonly productId: number;
      /** Open this device node (`/dev/hidrawN`) rather than the first one with the ids. */
      readonly path?: string | undefined;
      /** The vendor's report envelope; `miaxis`: 64-byte unnumbered reports (VID 0x10C4/PID 0x0007). */
      readonly envelope: 'miaxis';
    };

export interface RegisteredIdCardReader {
  readonly device: IdCardReader;
  readonly isSimulated: boolean;
  readonly simulator: IdCardReaderSimulator | null;
  dispose(): Promise<void>;
}

export function isSpecimenId(id: string): id is SpecimenId {
  return Object.hasOwn(SPECIMEN_CARDS, id);
}

export function createIdCardReader(binding: IdCardReaderBinding): RegisteredIdCardReader {
  switch (binding.type) {
    case 'simulated': {
      const card = binding.card !== null && isSpecimenId(binding.card) ? simulatedCard(binding.card) : undefined;
      const simulator = new IdCardReaderSimulator({
        ...(card === undefined ? {} : { card }),
        ...(binding.readDelayMs === undefined ? {} : { readDelayMs: binding.readDelayMs }),
      });
      const link = simulatedLink(simulator, ['id-card-reader', 'simulated id-card reader']);
      return { device: new IdCardReader({ transport: link.hostSide }), isSimulated: true, simulator, dispose: link.dispose };
    }
    case 'serial':
      return {
        device: new IdCardReader({ transport: new SerialTransport({ path: binding.path, baudRate: binding.baudRate }) }),
        isSimulated: false,
        simulator: null,
        dispose: () => Promise.resolve(),
      };
    case 'hid': {
      const { vendorId, productId, path } = binding;
      // Miaxis readers do not number their reports (report ID 0), 64 bytes each way.
      const transport = new HidTransport({
        ...(path === undefined ? { vendorId, productId } : { path, vendorId, productId }),
        reportSize: MIAXIS_REPORT_BYTES,
      });
      return {
        device: new IdCardReader({ transport, envelope: miaxisHidHostEnvelope() }),
        isSimulated: false,
        simulator: null,
        dispose: () => Promise.resolve(),
      };
    }
  }
}

export type BarcodeScannerBinding =
  | { readonly type: 'simulated'; readonly mode: 'serial' | 'hidKeyboard' | 'hidPos' }
  | {
      readonly type: 'serial';
      readonly path: string;
      readonly baudRate: number;
      readonly suffix: 'cr' | 'lf' | 'crlf' | 'auto' | 'none';
      readonly hasAimPrefix: boolean;
    }
  | {
      readonly type: 'hid';
      readonly vendorId: number;
      readonly productId: number;
      readonly path?: string | undefined;
      readonly mode: 'hidKeyboard' | 'hidPos';
      readonly altCodes: 'unicode' | 'gbk';
    };

export interface RegisteredBarcodeScanner {
  readonly device: BarcodeScanner;
  readonly isSimulated: boolean;
  /** The simulator behind a simulated scanner (dev panel, tests); null for real ones. */
  readonly simulator: BarcodeScannerSimulator | null;
  dispose(): Promise<void>;
}

/** Boot-keyboard reports are 8 bytes; HID POS reports 63 once node-hid dropped the report ID. */
const HID_REPORT_BYTES = { hidKeyboard: 8, hidPos: 63 } as const;

export function createBarcodeScanner(binding: BarcodeScannerBinding): RegisteredBarcodeScanner {
  switch (binding.type) {
    case 'simulated': {
      const simulator = new BarcodeScannerSimulator({ mode: binding.mode });
      const link = simulatedLink(simulator, ['barcode-scanner', 'simulated barcode scanner']);
      return { device: new BarcodeScanner({ transport: link.hostSide, mode: binding.mode }), isSimulated: true, simulator, dispose: link.dispose };
    }
    case 'serial': {
      const options: BarcodeScannerOptions = {
        transport: new SerialTransport({ path: binding.path, baudRate: binding.baudRate }),
        mode: 'serial',
        serial: { suffix: binding.suffix, hasAimPrefix: binding.hasAimPrefix },
      };
      return { device: new BarcodeScanner(options), isSimulated: false, simulator: null, dispose: () => Promise.resolve() };
    }
    case 'hid': {
      const { vendorId, productId, path, mode } = binding;
      const transport = new HidTransport({
        ...(path === undefined ? { vendorId, productId } : { path, vendorId, productId }),
        reportSize: HID_REPORT_BYTES[mode],
      });
      const device = new BarcodeScanner({ transport, mode, hidKeyboard: { altCodes: binding.altCodes } });
      return { device, isSimulated: false, simulator: null, dispose: () => Promise.resolve() };
    }
  }
}

export type EvaluationPadBinding = (
  | { readonly type: 'simulated' }
  | { readonly type: 'serial'; readonly path: string; readonly baudRate: number; readonly address: number }
  | { readonly type: 'hid'; readonly vendorId: number; readonly productId: number; readonly path?: string | undefined }
) & {
  /** Serial pads: vendor key code → level (protocols.md §4.2); default 0x31–0x35. */
  readonly codeTable?: VendorCodeTable | undefined;
  /** HID pads: key usage → level. */
  readonly keyTable?: HidKeyTable | undefined;
};

export interface RegisteredEvaluationPad {
  readonly device: EvaluationPad;
  readonly isSimulated: boolean;
  readonly simulator: EvaluationPadSimulator | null;
  dispose(): Promise<void>;
}

/** Boot-keyboard reports of a keyboard-style pad: 8 bytes. */
const HID_PAD_REPORT_BYTES = 8;

export function createEvaluationPad(binding: EvaluationPadBinding): RegisteredEvaluationPad {
  const tables = {
    ...(binding.codeTable === undefined ? {} : { codeTable: binding.codeTable }),
    ...(binding.keyTable === undefined ? {} : { keyTable: binding.keyTable }),
  };
  switch (binding.type) {
    case 'simulated': {
      const simulator = new EvaluationPadSimulator({ kind: 'serial', ...tables });
      const link = simulatedLink(simulator, ['evaluation-pad', 'simulated evaluation pad']);
      return { device: new EvaluationPad({ transport: link.hostSide, kind: 'serial', ...tables }), isSimulated: true, simulator, dispose: link.dispose };
    }
    case 'serial': {
      const transport = new SerialTransport({ path: binding.path, baudRate: binding.baudRate });
      const device = new EvaluationPad({ transport, kind: 'serial', address: binding.address, ...tables });
      return { device, isSimulated: false, simulator: null, dispose: () => Promise.resolve() };
    }
    case 'hid': {
      const { vendorId, productId, path } = binding;
      const transport = new HidTransport({
        ...(path === undefined ? { vendorId, productId } : { path, vendorId, productId }),
        reportSize: HID_PAD_REPORT_BYTES,
      });
      return { device: new EvaluationPad({ transport, kind: 'hidKeyboard', ...tables }), isSimulated: false, simulator: null, dispose: () => Promise.resolve() };
    }
  }
}
