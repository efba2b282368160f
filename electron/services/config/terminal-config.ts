/**
 * The terminal configuration: `KIOSK_DATA_DIR/config.json`, validated with zod. Absent file →
 * defaults with every peripheral simulated. A bad file never starts the kiosk half-configured:
 * it falls back to the last good copy with an alarm, or puts the terminal out of service with
 * a message a technician can act on (reliability.md R-D6).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Result, err, ok } from '../../../hardware/result.js';
import { isValidTimeZone } from '../clock.js';
import { writeFileAtomic } from './atomic-file.js';

export const CONFIG_FILE = 'config.json';
export const LAST_GOOD_CONFIG_FILE = 'config.last-good.json';

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

const baudRateSchema = z
  .number()
  .refine((n) => (BAUD_RATES as readonly number[]).includes(n), { message: `baud rate must be one of ${BAUD_RATES.join(', ')}` })
  .default(115_200);

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
      .default({ timeoutSeconds: 60, countdownSeconds: 10 }),
    queue: z
      .object({
        /** Ask for the ID card at 取号: offered (`optional`), mandatory (`required`) or never (`off`). */
        ticketIdentification: z.enum(['optional', 'required', 'off']).default('optional'),
        /** Age from which a card holder gets the priority lane (绿色通道). */
        priorityAge: z.number().int().min(50).max(120).default(70),
      })
      .strict()
      .default({ ticketIdentification: 'optional', priorityAge: 70 }),
    devices: z
      .object({
        receiptPrinter: z
          .object({ transport: printerTransportSchema, paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) })
          .strict()
          .optional(),
        idCardReader: z.object({ transport: idCardReaderTransportSchema }).strict().optional(),
        /** The A4 printer for office guides; absent means simulated. */
        documentPrinter: z.object({ transport: documentPrinterTransportSchema }).strict().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;
export type PrinterTransportConfig = z.infer<typeof printerTransportSchema>;
export type IdCardReaderTransportConfig = z.infer<typeof idCardReaderTransportSchema>;
export type DocumentPrinterTransportConfig = z.infer<typeof documentPrinterTransportSchema>;

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
