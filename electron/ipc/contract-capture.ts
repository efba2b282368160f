/**
 * The document-capture part of the IPC contract (issue #5), split from contract.ts to keep
 * it readable; contract.ts re-exports everything here. Stands alone like the contract.
 */
// ---- Document capture (高拍仪 and scanners, issue #5) ----------------------------------------

/** The shape a page is straightened to: A4, the resident ID card, or as found. */
export type CapturePageKind = 'a4' | 'idCard' | 'auto';
export type CaptureIssueCode = 'blurred' | 'glare' | 'cutOff' | 'empty' | 'pageNotFound';

/** A quality finding, with the Chinese sentence the citizen reads. */
export interface CaptureIssue {
  readonly code: CaptureIssueCode;
  readonly message: string;
  /** False for a warning the citizen may accept (`pageNotFound`). */
  readonly isBlocking: boolean;
}

/** A point as shares of the frame's width and height (0…1). */
export interface CapturePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * A capture device as the screen needs it. `previewMode`: `stream` — the renderer opens the
 * UVC camera itself (getUserMedia) and uploads stills; `frames` — the core sends preview
 * frames as `capture.preview` events (simulated camera); `none` — a scanner, no live view.
 */
export interface CaptureDeviceView {
  readonly sourceId: string;
  readonly kind: 'documentCamera' | 'scanner';
  readonly previewMode: 'stream' | 'frames' | 'none';
  readonly state: 'closed' | 'opening' | 'ready' | 'busy' | 'offline';
  /** Chinese, for the screen, e.g. "高拍仪" or "扫描仪". */
  readonly label: string;
  /** `stream` only: the camera to pick (a substring of its label) and the still size to ask for. */
  readonly stream?: { readonly labelHint: string | null; readonly width: number; readonly height: number };
}

export interface CapturePageView {
  readonly pageId: string;
  readonly materialId: string;
  /** 0-based position within its material. */
  readonly index: number;
  /** Small JPEG (base64, ≤ 240 px) for lists. */
  readonly thumbnail: string;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly bytes: number;
  readonly issues: readonly CaptureIssue[];
  readonly isUsable: boolean;
}

/** A page just taken, rotated or uploaded, with a larger image for the review screen. */
export interface CaptureReview {
  readonly page: CapturePageView;
  /** JPEG (base64, ≤ 1000 px on the long side). */
  readonly reviewImage: string;
}

export interface CaptureMaterialView {
  readonly materialId: string;
  readonly name: string;
  readonly kind: CapturePageKind;
  readonly requirement: 'required' | 'deferrable' | 'conditional';
  readonly condition: string | null;
  /** Pages a complete material has at least (2 for an ID card: 正面 and 反面). */
  readonly minPages: number;
  readonly maxPages: number;
  /** Names of the expected pages when they have names (`人像面`, `国徽面`), else empty. */
  readonly pageNames: readonly string[];
  readonly pages: readonly CapturePageView[];
}

export interface CaptureBegun {
  readonly itemCode: string;
  readonly itemName: string;
  readonly materials: readonly CaptureMaterialView[];
  /** Materials the hall already has from shared data (免提交), listed so the citizen knows. */
  readonly sharedMaterialNames: readonly string[];
  readonly devices: readonly CaptureDeviceView[];
}

/** One look at the stage: where the page is and whether it has been still. */
export interface CapturePreview {
  readonly sourceId: string;
  readonly seq: number;
  /** `frames` mode: the preview frame (JPEG, base64); null for `stream` analyses. */
  readonly frame: string | null;
  /** The page's corners (TL, TR, BR, BL) as shares of the frame, when found. */
  readonly quad: readonly [CapturePoint, CapturePoint, CapturePoint, CapturePoint] | null;
  readonly issues: readonly CaptureIssue[];
  /** How long the page has lain still (ms); 0 while it moves or is not found. */
  readonly steadyMs: number;
}

/** What the simulated document camera can be given to photograph (dev panel, tests). */
export type SimulatedDocumentKind = 'a4Text' | 'idCardFront' | 'idCardBack' | 'a4Qr' | 'none';
export type SimulatedDocumentVariant = 'clean' | 'blur' | 'glare' | 'cutOff';

/** Largest still the renderer may upload (bytes), and the largest piece of one. */
export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;
export const MAX_UPLOAD_CHUNK_BASE64 = 48 * 1024;
/** Largest preview frame the renderer may send for analysis (base64 characters). */
export const MAX_PREVIEW_BASE64 = 56 * 1024;
