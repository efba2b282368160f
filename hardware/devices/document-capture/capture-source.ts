/**
 * One interface for every document capture device (protocols.md §5): the document camera
 * (高拍仪) and the sheet/flatbed or network scanner (扫描仪). A source is listed, opened,
 * gives low-resolution preview frames (cameras only), captures a still, reports its status
 * and is closed. Stills are encoded images (JPEG, PNG or TIFF as the device gives them);
 * page finding, straightening and compression happen above, in the capture pipeline.
 *
 * The UVC document camera itself is reached through the renderer's `getUserMedia` (only the
 * renderer owns a media stream); its stills reach the core as uploads, so it has no class
 * here. Node-side sources: the simulated camera, SANE (`scanimage`) and eSCL (HTTP).
 *
 * Privacy: a still is a citizen's document. Sources never log image bytes or their names,
 * and keep no copy of a still after returning it.
 */
import type { DeviceError } from '../../device-error.js';
import type { Result } from '../../result.js';

export type CaptureSourceKind = 'documentCamera' | 'scanner';
export type CaptureTransport = 'uvc' | 'sane' | 'escl' | 'simulated';
export type CaptureColorMode = 'color' | 'grey' | 'blackWhite';

export interface CaptureSourceInfo {
  /** Stable within one configuration, e.g. `documentCamera`, `scanner`. */
  readonly id: string;
  readonly kind: CaptureSourceKind;
  readonly transport: CaptureTransport;
  /** Plain words for the technician, e.g. "SANE fujitsu:fi-7160:1234". */
  readonly label: string;
  /** Whether {@link CaptureSource.preview} gives frames (cameras) or not (scanners). */
  readonly hasPreview: boolean;
}

/** Where a source stands; a tagged union like the other device classes' status. */
export type CaptureStatus =
  | { readonly state: 'closed' }
  | { readonly state: 'opening' }
  | { readonly state: 'ready' }
  | { readonly state: 'busy' }
  | { readonly state: 'offline'; readonly error: DeviceError };

export interface CaptureOptions {
  readonly colorMode?: CaptureColorMode;
  /** Scanners: the resolution to ask for; cameras ignore it. */
  readonly dpi?: number;
  readonly signal?: AbortSignal;
}

/** A still as the device delivered it. */
export interface CapturedStill {
  /** Encoded image bytes (JPEG, PNG or TIFF; sharp reads all three). */
  readonly image: Buffer;
  readonly width: number;
  readonly height: number;
  /**
   * `photo`: a camera frame — the page lies somewhere on the stage, in perspective.
   * `flatScan`: a scanner page — already flat and to scale, perhaps slightly skewed.
   */
  readonly geometry: 'photo' | 'flatScan';
  /** Resolution the device reports, when it does (scanners). */
  readonly dpi?: number;
}

/** A low-resolution preview frame (JPEG), for the live view and page outline. */
export interface PreviewFrame {
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface CaptureSource {
  readonly info: CaptureSourceInfo;
  status(): CaptureStatus;
  /** Finds and prepares the device. Errors: `noHardware`, `offline`, `timeout`, `failure`. */
  open(signal?: AbortSignal): Promise<Result<void, DeviceError>>;
  /** The current preview frame; cameras only (`noHardware`/`failure` for scanners). */
  preview(signal?: AbortSignal): Promise<Result<PreviewFrame, DeviceError>>;
  /** Takes one still. Errors: `closed`, `busy`, `offline`, `timeout`, `cancelled`, `failure`, `extended`. */
  capture(options?: CaptureOptions): Promise<Result<CapturedStill, DeviceError>>;
  /** Releases the device; safe to call twice. */
  close(): Promise<void>;
  /** Status changes; returns an unsubscribe. */
  onStatus(listener: (status: CaptureStatus) => void): () => void;
}
