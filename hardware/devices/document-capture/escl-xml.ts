/**
 * The three eSCL (Mopria "AirScan") documents the kiosk needs: it builds `scan:ScanSettings`
 * and reads `scan:ScannerCapabilities` and `scan:ScannerStatus`.
 *
 * These documents are small, flat and machine-written, so they are read with targeted
 * element matching by local name rather than a full XML parser (no new dependency).
 * Namespace prefixes differ between vendors (`scan:`, `escl:`, `pwg:`, none), so matching
 * ignores the prefix. Nothing here throws on a bad document: readers return `undefined`
 * (or a `Result` for the top level) and the device class reports `failure`.
 *
 * Units: eSCL sizes are in 1/300 inch (`escl:ThreeHundredthsOfInches`); resolutions in dpi.
 */
import { err, ok, type Result } from '../../result.js';

/** The ScanSettings version the kiosk writes (eSCL 2.63, the Mopria 2.x line). */
export const ESCL_VERSION = '2.63';

export const ESCL_SCAN_NAMESPACE = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NAMESPACE = 'http://www.pwg.org/schemas/2010/12/sm';

/** `scan:ColorMode` values used by the kiosk (eSCL also has RGB48, Grayscale16). */
export type EsclColorMode = 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';
/** `pwg:InputSource`: the flatbed glass or the document feeder. */
export type EsclInputSource = 'Platen' | 'Feeder';

const COLOR_MODES: readonly EsclColorMode[] = ['RGB24', 'Grayscale8', 'BlackAndWhite1'];

/** A resolution range (`scan:XResolutionRange`), in dpi. */
export interface EsclResolutionRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** What one input source offers (`scan:PlatenInputCaps`, `scan:AdfSimplexInputCaps`). */
export interface EsclInputCaps {
  readonly colorModes: readonly EsclColorMode[];
  /** Discrete resolutions with X = Y, ascending, in dpi. */
  readonly resolutions: readonly number[];
  readonly resolutionRange?: EsclResolutionRange;
  /** Largest scan area in 1/300 inch, when the device says. */
  readonly maxWidth?: number;
  readonly maxHeight?: number;
  /** `pwg:DocumentFormat` and `scan:DocumentFormatExt` values, lowercased. */
  readonly documentFormats: readonly string[];
}

export interface EsclCapabilities {
  readonly version?: string;
  /** `pwg:MakeAndModel`, for the technician's label. */
  readonly makeAndModel?: string;
  readonly platen?: EsclInputCaps;
  readonly feeder?: EsclInputCaps;
}

/** `pwg:State` of the scanner; other values are kept as given. */
export type EsclScannerState = 'Idle' | 'Processing' | 'Testing' | 'Stopped' | 'Down';

export interface EsclStatus {
  readonly state: EsclScannerState | (string & {});
  /** `scan:AdfState`, e.g. `ScannerAdfLoaded`, `ScannerAdfEmpty`, `ScannerAdfJam`. */
  readonly adfState?: string;
}

export interface EsclScanSettings {
  readonly inputSource: EsclInputSource;
  readonly colorMode: EsclColorMode;
  /** dpi, used for both X and Y. */
  readonly resolution: number;
  /** The whole scan area in 1/300 inch; omitted when the device did not say. */
  readonly width?: number;
  readonly height?: number;
  /** MIME type of the image to return. Default `image/jpeg`. */
  readonly documentFormat?: string;
}

/** `scan:ScanSettings` for `POST /eSCL/ScanJobs`. */
export function buildScanSettings(settings: EsclScanSettings): string {
  const format = escapeXml(settings.documentFormat ?? 'image/jpeg');
  const region =
    settings.width === undefined || settings.height === undefined
      ? []
      : [
          '  <pwg:ScanRegions>',
          '    <pwg:ScanRegion>',
          '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
          '      <pwg:XOffset>0</pwg:XOffset>',
          '      <pwg:YOffset>0</pwg:YOffset>',
          `      <pwg:Width>${integer(settings.width)}</pwg:Width>`,
          `      <pwg:Height>${integer(settings.height)}</pwg:Height>`,
          '    </pwg:ScanRegion>',
          '  </pwg:ScanRegions>',
        ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings xmlns:scan="${ESCL_SCAN_NAMESPACE}" xmlns:pwg="${PWG_NAMESPACE}">`,
    `  <pwg:Version>${ESCL_VERSION}</pwg:Version>`,
    ...region,
    `  <pwg:InputSource>${settings.inputSource}</pwg:InputSource>`,
    // Devices before eSCL 2.1 only read pwg:DocumentFormat; later ones prefer the Ext.
    `  <pwg:DocumentFormat>${format}</pwg:DocumentFormat>`,
    `  <scan:DocumentFormatExt>${format}</scan:DocumentFormatExt>`,
    `  <scan:ColorMode>${settings.colorMode}</scan:ColorMode>`,
    `  <scan:XResolution>${integer(settings.resolution)}</scan:XResolution>`,
    `  <scan:YResolution>${integer(settings.resolution)}</scan:YResolution>`,
    '</scan:ScanSettings>',
    '',
  ].join('\n');
}

/** Reads `scan:ScannerCapabilities`; the error is plain words for the technician. */
export function parseCapabilities(xml: string): Result<EsclCapabilities, string> {
  const root = firstElement(xml, 'ScannerCapabilities');
  if (root === undefined) return err('the scanner capabilities are not an eSCL ScannerCapabilities document');
  const platenCaps = firstElement(firstElement(root, 'Platen') ?? '', 'PlatenInputCaps');
  const feederCaps = firstElement(firstElement(root, 'Adf') ?? '', 'AdfSimplexInputCaps');
  const platen = platenCaps === undefined ? undefined : parseInputCaps(platenCaps);
  const feeder = feederCaps === undefined ? undefined : parseInputCaps(feederCaps);
  if (platen === undefined && feeder === undefined) return err('the scanner capabilities list neither a platen nor a feeder');
  const version = text(root, 'Version');
  const makeAndModel = text(root, 'MakeAndModel');
  return ok({
    ...(version === undefined ? {} : { version }),
    ...(makeAndModel === undefined ? {} : { makeAndModel }),
    ...(platen === undefined ? {} : { platen }),
    ...(feeder === undefined ? {} : { feeder }),
  });
}

/** Reads `scan:ScannerStatus`; the error is plain words for the technician. */
export function parseStatus(xml: string): Result<EsclStatus, string> {
  const root = firstElement(xml, 'ScannerStatus');
  if (root === undefined) return err('the scanner status is not an eSCL ScannerStatus document');
  // pwg:State of the scanner itself; the job list (scan:Jobs) has its own JobState.
  const state = text(root.replace(elementPattern('Jobs'), ''), 'State');
  if (state === undefined) return err('the scanner status has no pwg:State');
  const adfState = text(root, 'AdfState');
  return ok(adfState === undefined ? { state } : { state, adfState });
}

/**
 * The resolution to ask for: `wanted` when offered, else the nearest offered one (the
 * higher on a tie, so text stays legible). `undefined` when the caps list none.
 */
export function pickResolution(caps: EsclInputCaps, wanted: number): number | undefined {
  const candidates = [...caps.resolutions];
  const range = caps.resolutionRange;
  if (range !== undefined) {
    const step = range.step > 0 ? range.step : 1;
    const clamped = Math.min(Math.max(wanted, range.min), range.max);
    const below = range.min + Math.floor((clamped - range.min) / step) * step;
    candidates.push(below);
    if (below + step <= range.max) candidates.push(below + step);
  }
  let best: number | undefined;
  for (const candidate of candidates) {
    if (best === undefined) {
      best = candidate;
      continue;
    }
    const distance = Math.abs(candidate - wanted);
    const bestDistance = Math.abs(best - wanted);
    if (distance < bestDistance || (distance === bestDistance && candidate > best)) best = candidate;
  }
  return best;
}

function parseInputCaps(xml: string): EsclInputCaps {
  const colorModes = new Set<EsclColorMode>();
  for (const mode of texts(xml, 'ColorMode')) {
    const known = COLOR_MODES.find((candidate) => candidate === mode);
    if (known !== undefined) colorModes.add(known);
  }
  const resolutions = new Set<number>();
  for (const discrete of elements(xml, 'DiscreteResolution')) {
    const x = number(text(discrete, 'XResolution'));
    const y = number(text(discrete, 'YResolution'));
    if (x !== undefined && x > 0 && (y === undefined || y === x)) resolutions.add(x);
  }
  const rangeXml = firstElement(xml, 'XResolutionRange');
  const min = number(text(rangeXml ?? '', 'Min'));
  const max = number(text(rangeXml ?? '', 'Max'));
  const step = number(text(rangeXml ?? '', 'Step')) ?? 1;
  const maxWidth = number(text(xml, 'MaxWidth'));
  const maxHeight = number(text(xml, 'MaxHeight'));
  const formats = new Set([...texts(xml, 'DocumentFormat'), ...texts(xml, 'DocumentFormatExt')].map((format) => format.toLowerCase()));
  return {
    colorModes: [...colorModes],
    resolutions: [...resolutions].sort((a, b) => a - b),
    ...(min !== undefined && max !== undefined && min > 0 && max >= min ? { resolutionRange: { min, max, step } } : {}),
    ...(maxWidth === undefined || maxWidth <= 0 ? {} : { maxWidth }),
    ...(maxHeight === undefined || maxHeight <= 0 ? {} : { maxHeight }),
    documentFormats: [...formats],
  };
}

/** `<prefix:name attrs>inner</prefix:name>` for any prefix; inner text captured lazily. */
function elementPattern(localName: string): RegExp {
  return new RegExp(`<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}\\s*>`, 'gu');
}

function elements(xml: string, localName: string): string[] {
  return [...xml.matchAll(elementPattern(localName))].map((match) => match[1] ?? '');
}

function firstElement(xml: string, localName: string): string | undefined {
  return elements(xml, localName)[0];
}

function texts(xml: string, localName: string): string[] {
  return elements(xml, localName)
    .map((inner) => inner.trim())
    .filter((inner) => inner !== '' && !inner.includes('<'))
    .map(unescapeXml);
}

function text(xml: string, localName: string): string | undefined {
  return texts(xml, localName)[0];
}

function number(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,6}$/u.test(value)) return undefined;
  return Number(value);
}

function integer(value: number): string {
  return String(Math.max(0, Math.round(value)));
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&amp;/gu, '&');
}
