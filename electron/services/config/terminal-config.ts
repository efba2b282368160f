/**
 * The terminal configuration: `KIOSK_DATA_DIR/config.json`, validated with zod. Absent file →
 * defaults with every peripheral simulated. A bad file never starts the kiosk half-configured:
 * it falls back to the last good copy with an alarm, or puts the terminal out of service with
 * a message a technician can act on (reliability.md R-D6).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { validateCodeTable } from '../../../hardware/protocols/evaluation-pad/code-table.js';
import { validateKeyTable } from '../../../hardware/protocols/evaluation-pad/hid-pad-keys.js';
import { type Result, err, ok } from '../../../hardware/result.js';
import { isValidTimeZone } from '../clock.js';
import { writeFileAtomic } from './atomic-file.js';

export const CONFIG_FILE = 'config.json';
export const LAST_GOOD_CONFIG_FILE = 'config.last-good.json';

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

/** A serial baud rate from the usual set; printers and readers default to 115200, pads and scanners to 9600. */
const baudRate = (defaultRate: (typeof BAUD_RATES)[number]) =>
  z
    .number()
    .refine((n) => (BAUD_RATES as readonly number[]).includes(n), { message: `baud rate must be one of ${BAUD_RATES.join(', ')}` })
    .default(defaultRate);
const baudRateSchema = baudRate(115_200);

const printerTransportSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('simulated'),
      /** Initial paper state of the simulated roll. */
      paper: z.enum(['ok', 'nearEnd', 'empty']).default('ok'),
      coverOpen: z.boolean().default(false),
      /** Extra time the simulated printer takes per job, to rehearse slow printers. */
      printDelayMs: z.number().int().min(0).max(60_000).default(0),
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1).max(200),
      baudRate: baudRateSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('tcp'),
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65_535).default(9100),
    })
    .strict(),
]);

const USB_ID_WORDS = 'a USB id: a number 0–65535, or hex with 0x as lsusb shows it, e.g. "0x10C4"';

/**
 * A USB vendor or product id. JSON has no hex numbers, and technicians read ids as hex
 * (`lsusb`: `10c4:0007`), so `"0x10C4"` is accepted besides the number 4292; bare hex
 * without `0x` is refused because `"1000"` could mean either.
 */
const usbIdSchema = z.union(
  [
    z.number().int().min(0, USB_ID_WORDS).max(0xffff, USB_ID_WORDS),
    z
      .string()
      .regex(/^0x[0-9a-f]{1,4}$/iu)
      .transform((text) => Number.parseInt(text.slice(2), 16)),
  ],
  { error: USB_ID_WORDS },
);

const idCardReaderTransportSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('simulated'),
      /** A specimen card lying on the simulated reader at start (dev and tests). */
      card: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/u).nullable().default(null),
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1).max(200),
      baudRate: baudRateSchema,
    })
    .strict(),
  z
    .object({
      /** USB HID reader tunnelling SAM frames in 64-byte reports (protocols.md §1.1). */
      type: z.literal('hid'),
      vendorId: usbIdSchema,
      productId: usbIdSchema,
      /** One device node (`/dev/hidrawN`, from `doctor hid`) when two readers share the ids. */
      path: z.string().min(1).max(200).optional(),
      /** The vendor's report envelope; named, not defaulted: a wrong one reads nothing. */
      envelope: z.literal('miaxis'),
    })
    .strict(),
]);

const documentPrinterTransportSchema = z.discriminatedUnion('type', [
  /** PDFs filed as `KIOSK_DATA_DIR/a4/<n>.pdf`. */
  z.object({ type: z.literal('simulated') }).strict(),
  z
    .object({
      type: z.literal('lp'),
      /** CUPS queue name, as `lpstat -p` lists it; never starting with "-" (not an lp option). */
      printer: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,126}$/u, 'a CUPS queue name: letters, digits, "_", ".", "@", "-", not starting with "-"'),
    })
    .strict(),
]);

const barcodeScannerTransportSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('simulated'),
      /** Which protocol the simulated scanner speaks (protocols.md §3). */
      mode: z.enum(['serial', 'hidKeyboard', 'hidPos']).default('serial'),
    })
    .strict(),
  z
    .object({
      /** RS-232 or USB-CDC (`/dev/ttyACM0`): raw bytes plus a suffix (§3.3). */
      type: z.literal('serial'),
      path: z.string().min(1).max(200),
      baudRate: baudRate(9600),
      suffix: z.enum(['cr', 'lf', 'crlf', 'auto', 'none']).default('auto'),
      /** The scanner is set to send the AIM symbology prefix (`]Q1`). */
      hasAimPrefix: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      /** USB HID read at report level: a boot keyboard (wedge) or a HID POS scanner (usage page 0x8C). */
      type: z.literal('hid'),
      vendorId: usbIdSchema,
      productId: usbIdSchema,
      path: z.string().min(1).max(200).optional(),
      mode: z.enum(['hidKeyboard', 'hidPos']),
      /** How a keyboard wedge sends CJK: Alt + the Unicode code point, or Alt + the GBK value. */
      altCodes: z.enum(['unicode', 'gbk']).default('unicode'),
    })
    .strict(),
  /**
   * The scanner types into the OS as a keyboard and cannot be opened by us (Windows holds
   * HID keyboards): the renderer's guard recognises its bursts by timing.
   */
  z
    .object({
      type: z.literal('keyboard'),
      /** How the scanner types CJK as Alt + keypad digits: the Unicode code point or the GBK value. */
      altCodes: z.enum(['unicode', 'gbk']).default('unicode'),
    })
    .strict(),
]);

const documentCameraTransportSchema = z.discriminatedUnion('type', [
  /** The seeded simulator (hardware/simulators/document-camera): a page on a dark stage. */
  z
    .object({
      type: z.literal('simulated'),
      /** What lies on the stage at start. */
      document: z.enum(['a4Text', 'idCardFront', 'idCardBack', 'a4Qr', 'none']).default('a4Text'),
    })
    .strict(),
  z
    .object({
      /** A UVC document camera, opened by the renderer with getUserMedia (R-E5 allows video for our origin only). */
      type: z.literal('uvc'),
      /** Part of the camera's name as the OS lists it (a 高拍仪 often also has a face camera); null takes the first. */
      labelHint: z.string().trim().min(1).max(80).nullable().default(null),
      /** The still size to ask for; the camera gives the nearest it has (5 MP: 2592 × 1944). */
      width: z.number().int().min(640).max(8192).default(2592),
      height: z.number().int().min(480).max(8192).default(1944),
    })
    .strict(),
]);

const scannerTransportSchema = z.discriminatedUnion('type', [
  z
    .object({
      /** SANE through `scanimage` (Debian: sane-utils). */
      type: z.literal('sane'),
      /** SANE device name from `scanimage -L`; absent takes the first scanner found. */
      device: z.string().min(1).max(200).optional(),
      source: z.string().min(1).max(40).optional(),
      dpi: z.number().int().min(75).max(600).default(200),
    })
    .strict(),
  z
    .object({
      /** A network scanner speaking eSCL (AirScan/Mopria), e.g. `http://192.168.1.50/eSCL`. */
      type: z.literal('escl'),
      baseUrl: z
        .string()
        .url()
        .refine((url) => /^https?:\/\//u.test(url), 'an http:// or https:// address ending in /eSCL'),
      dpi: z.number().int().min(75).max(600).default(200),
    })
    .strict(),
]);

const LEVEL_KEYS = ['1', '2', '3', '4', '5'] as const;
const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: 'a level from 1 (非常不满意) to 5 (非常满意)',
});
/** Vendor key code (hex byte `0x31`, or a HID usage `0x1E`) → level 1–5. */
/** A pad's key table, checked by the pad driver's own rules (the device refuses a bad one). */
const keyTableSchema = (validate: (table: Readonly<Record<string, unknown>>) => string[]) =>
  z.record(z.string(), levelSchema).superRefine((table, context) => {
    for (const problem of validate(table)) context.addIssue({ code: 'custom', message: problem });
  });

const evaluationPadTransportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('simulated') }).strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1).max(200),
      baudRate: baudRate(9600),
      /** Multi-drop address of the pad (RS-485), as set on the pad. */
      address: z.number().int().min(1).max(254).default(1),
    })
    .strict(),
  z
    .object({
      /** A keyboard-style pad: each button sends a key. */
      type: z.literal('hid'),
      vendorId: usbIdSchema,
      productId: usbIdSchema,
      path: z.string().min(1).max(200).optional(),
    })
    .strict(),
]);

const reasonListSchema = z.array(z.string().trim().min(1).max(20)).min(1).max(12);

export const terminalConfigSchema = z
  .object({
    version: z.literal(1),
    hall: z
      .object({
        name: z.string().trim().min(1).max(40),
        terminalId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/u, 'letters, digits and "-" only, at most 32'),
      })
      .strict()
      .default({ name: '连云港市政务服务中心', terminalId: 'LYG-ZZ-0001' }),
    timeZone: z.string().refine(isValidTimeZone, 'not a known IANA time zone').default('Asia/Shanghai'),
    idle: z
      .object({
        timeoutSeconds: z.number().int().min(15).max(600).default(60),
        countdownSeconds: z.number().int().min(5).max(60).default(10),
      })
      .strict()
      .prefault({}),
    queue: z
      .object({
        /** Ask for the ID card at 取号: offered (`optional`), mandatory (`required`) or never (`off`). */
        ticketIdentification: z.enum(['optional', 'required', 'off']).default('optional'),
        /** Age from which a card holder gets the priority lane (绿色通道). */
        priorityAge: z.number().int().min(50).max(120).default(70),
      })
      .strict()
      .prefault({}),
    devices: z
      .object({
        receiptPrinter: z
          .object({ transport: printerTransportSchema, paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) })
          .strict()
          .optional(),
        idCardReader: z.object({ transport: idCardReaderTransportSchema }).strict().optional(),
        /** The A4 printer for office guides; absent means simulated. */
        documentPrinter: z.object({ transport: documentPrinterTransportSchema }).strict().optional(),
        /** The barcode/QR scanner (扫码枪); absent means simulated. */
        barcodeScanner: z.object({ transport: barcodeScannerTransportSchema }).strict().optional(),
        /** The document camera (高拍仪); absent means simulated. */
        documentCamera: z.object({ transport: documentCameraTransportSchema }).strict().optional(),
        /** A sheet/flatbed or network scanner (扫描仪); absent means none. */
        scanner: z.object({ transport: scannerTransportSchema }).strict().optional(),
        /** The evaluation pad (评价器) for counter mode; absent means none. */
        evaluationPad: z
          .object({
            transport: evaluationPadTransportSchema,
            /** Serial pads: vendor key code → level. Default: "0x31"–"0x35" → levels 1–5. */
            codeTable: keyTableSchema(validateCodeTable).optional(),
            /** HID pads: key usage → level. Default: keys 1–5 and F1–F5 → levels 1–5. */
            keyTable: keyTableSchema(validateKeyTable).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    platform: z
      .object({
        /** `local`: cases and appointments kept on this terminal; `http`: a platform by docs/platform-api.yaml. */
        adapter: z.enum(['local', 'http']).default('local'),
        /** Base of the links in receipt and appointment QR codes; only this host's codes are accepted. */
        publicBaseUrl: z.url({ protocol: /^https$/u, error: 'an https:// URL' }).default('https://zwfw.lyg.gov.cn'),
        http: z
          .object({
            /** The platform API; https, or http on 127.0.0.1 for a gateway on this machine. */
            baseUrl: z.url({ protocol: /^https?$/u }),
            totalTimeoutMs: z.number().int().min(1000).max(60_000).default(8000),
          })
          .strict()
          .optional(),
        /** Days personal data stays after the platform acknowledged it (R-P4). */
        retentionDays: z.number().int().min(0).max(365).default(30),
      })
      .strict()
      .refine((platform) => platform.adapter !== 'http' || platform.http !== undefined, {
        message: 'adapter "http" needs platform.http.baseUrl',
      })
      .prefault({}),
    appointments: z
      .object({
        /** Check-in opens this many minutes before the slot starts. */
        earlyMinutes: z.number().int().min(0).max(240).default(30),
        /** …and closes this many minutes after it started. */
        lateMinutes: z.number().int().min(0).max(240).default(15),
      })
      .strict()
      .prefault({}),
    capture: z
      .object({
        /** Colour of captured pages: colour, grey, or black-and-white (smallest). */
        colorMode: z.enum(['color', 'grey', 'blackWhite']).default('color'),
        /** Largest page sent with an application (KiB); the encoder lowers quality, then resolution. */
        maxPageKb: z.number().int().min(100).max(2048).default(300),
      })
      .strict()
      .prefault({}),
    evaluation: z
      .object({
        /** Seconds the rating screen waits before recording "not rated". */
        timeoutSeconds: z.number().int().min(15).max(300).default(60),
        /** Reasons offered per level ("1"…"5"); a level left out keeps the defaults. */
        reasons: z.partialRecord(z.enum(LEVEL_KEYS), reasonListSchema).default({}),
        /** Counter mode: a window system on this machine asks for a rating on the pad over loopback HTTP. */
        counter: z
          .object({
            isEnabled: z.boolean().default(false),
            port: z.number().int().min(1024).max(65_535).default(17_841),
            /** Longest wait for a press a caller may ask for. */
            maxTimeoutSeconds: z.number().int().min(5).max(300).default(60),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;
export type PrinterTransportConfig = z.infer<typeof printerTransportSchema>;
export type IdCardReaderTransportConfig = z.infer<typeof idCardReaderTransportSchema>;
export type DocumentPrinterTransportConfig = z.infer<typeof documentPrinterTransportSchema>;
export type BarcodeScannerTransportConfig = z.infer<typeof barcodeScannerTransportSchema>;
export type EvaluationPadTransportConfig = z.infer<typeof evaluationPadTransportSchema>;
export type DocumentCameraTransportConfig = z.infer<typeof documentCameraTransportSchema>;
export type ScannerTransportConfig = z.infer<typeof scannerTransportSchema>;

export const DEFAULT_CONFIG: TerminalConfig = terminalConfigSchema.parse({ version: 1 });

export interface LoadedConfig {
  readonly config: TerminalConfig;
  readonly source: 'default' | 'file' | 'lastGood';
  /** Problems found in config.json, in plain words for the technician (empty when fine). */
  readonly problems: readonly string[];
}

/** Parses config text; every problem names the field, so a technician can fix the file. */
export function parseConfigText(text: string): Result<TerminalConfig, string[]> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return err([`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = terminalConfigSchema.safeParse(json);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`));
  }
  return ok(parsed.data);
}

function readConfigFile(file: string): Result<TerminalConfig, string[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return err([`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return parseConfigText(text);
}

/**
 * Loads the configuration. `err` means no usable configuration exists (bad file and no last
 * good copy): the terminal must go out of service.
 */
export function loadTerminalConfig(dataDir: string): Result<LoadedConfig, readonly string[]> {
  const file = path.join(dataDir, CONFIG_FILE);
  const lastGoodFile = path.join(dataDir, LAST_GOOD_CONFIG_FILE);
  if (!existsSync(file)) return ok({ config: DEFAULT_CONFIG, source: 'default', problems: [] });

  const current = readConfigFile(file);
  if (current.ok) {
    writeFileAtomic(lastGoodFile, `${JSON.stringify(current.value, null, 2)}\n`);
    return ok({ config: current.value, source: 'file', problems: [] });
  }
  const problems = current.error.map((p) => `${CONFIG_FILE}: ${p}`);
  if (existsSync(lastGoodFile)) {
    const lastGood = readConfigFile(lastGoodFile);
    if (lastGood.ok) return ok({ config: lastGood.value, source: 'lastGood', problems });
  }
  return err(problems);
}
