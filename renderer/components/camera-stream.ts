/**
 * The UVC 高拍仪 in the page (`stream` mode, protocols.md §5.1): open it with getUserMedia,
 * grab small preview frames for the core to find the page on, and take the full-size still.
 * Main allows `getUserMedia({video})` only when a UVC document camera is configured
 * (electron/main/permissions.ts); everything here is released by {@link stopCamera}.
 */
import { MAX_PREVIEW_BASE64, bytesToBase64 } from '../flows/capture-upload';

/** Preview frames are this wide: what the core's page finder works on (DETECTION_WIDTH). */
export const PREVIEW_FRAME_WIDTH = 640;
/** One preview analysed about three times a second: enough for the outline to follow a hand. */
export const PREVIEW_GRAB_MS = 333;
const PREVIEW_QUALITIES = [0.6, 0.45, 0.3] as const;
const STILL_QUALITY = 0.92;

export interface StreamSettings {
  /** A substring of the camera's label (a second, face camera is common); null: the first camera. */
  readonly labelHint: string | null;
  readonly width: number;
  readonly height: number;
}

function constraints(settings: StreamSettings, deviceId: string | null): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId === null ? {} : { deviceId: { exact: deviceId } }),
      width: { ideal: settings.width },
      height: { ideal: settings.height },
    },
  };
}

async function cameraMatching(labelHint: string | null): Promise<string | null> {
  if (labelHint === null) return null;
  const hint = labelHint.toLowerCase();
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.find((device) => device.kind === 'videoinput' && device.label.toLowerCase().includes(hint))?.deviceId ?? null;
}

/**
 * Opens the document camera: the one whose label contains the hint. Labels are empty until
 * the page may use a camera, so when none matches at first the default camera is opened,
 * the list read again, and the right one opened instead if it is another.
 */
export async function openCamera(settings: StreamSettings): Promise<MediaStream> {
  const known = await cameraMatching(settings.labelHint);
  const stream = await navigator.mediaDevices.getUserMedia(constraints(settings, known));
  if (known !== null || settings.labelHint === null) return stream;
  const found = await cameraMatching(settings.labelHint);
  const current = stream.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  if (found === null || found === current) return stream;
  stopCamera(stream);
  return navigator.mediaDevices.getUserMedia(constraints(settings, found));
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => {
    canvas.toBlob(resolve, 'image/jpeg', quality);
  });
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Empties a canvas that held a picture of the citizen's papers. */
export function clearCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

/** A preview frame of the video (JPEG base64, ≤ MAX_PREVIEW_BASE64), or null if none fits yet. */
export async function grabPreview(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  canvas.width = PREVIEW_FRAME_WIDTH;
  canvas.height = Math.round((PREVIEW_FRAME_WIDTH * video.videoHeight) / video.videoWidth);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const quality of PREVIEW_QUALITIES) {
    const blob = await toBlob(canvas, quality);
    if (!blob) return null;
    const base64 = bytesToBase64(await blobBytes(blob));
    if (base64.length <= MAX_PREVIEW_BASE64) return base64;
  }
  return null;
}

/** Chromium's ImageCapture, not in TypeScript's DOM library. */
interface ImageCaptureLike {
  takePhoto(): Promise<Blob>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

/**
 * The still at full size: `ImageCapture.takePhoto()` where the camera offers it (often a
 * larger photo than the stream), else the current video frame as JPEG.
 */
export async function takeStill(stream: MediaStream, video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const track = stream.getVideoTracks()[0];
  const ImageCapture = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (track && ImageCapture) {
    try {
      return await blobBytes(await new ImageCapture(track).takePhoto());
    } catch {
      // Some UVC cameras refuse takePhoto while streaming: the frame will do.
    }
  }
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  try {
    const blob = await toBlob(canvas, STILL_QUALITY);
    if (!blob) throw new Error('camera: no still');
    return await blobBytes(blob);
  } finally {
    clearCanvas(canvas);
  }
}
