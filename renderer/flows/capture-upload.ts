/**
 * `stream` mode (a UVC 高拍仪 the renderer opens itself): the still goes to the core in
 * pieces — `capture.uploadBegin`, `capture.uploadChunk` in order, `capture.uploadEnd` —
 * because a still is megabytes and one message over IPC or the web host's WebSocket is
 * limited (contract: `MAX_UPLOAD_CHUNK_BASE64`). Planning the pieces is a pure function so
 * its limits can be tested without a camera.
 */
import type { CaptureReview, IpcResult, KioskApi } from '../../electron/ipc/contract';

// The renderer may import only types from the contract (eslint), so its three limits are
// repeated here; contract.ts is the source, change both together.
/** contract.ts `MAX_UPLOAD_BYTES`: the largest still the core takes. */
export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;
/** contract.ts `MAX_UPLOAD_CHUNK_BASE64`: the largest piece, in base64 characters. */
export const MAX_UPLOAD_CHUNK_BASE64 = 48 * 1024;
/** contract.ts `MAX_PREVIEW_BASE64`: the largest preview frame `capture.analyse` takes. */
export const MAX_PREVIEW_BASE64 = 56 * 1024;

export interface UploadChunk {
  /** Bytes from the start of the still. */
  readonly offset: number;
  /** Bytes in this piece. */
  readonly length: number;
}

/**
 * The byte ranges of a still of `byteLength` bytes whose base64 is at most `maxBase64`
 * characters each, in order and without gaps. Pieces are a multiple of 3 bytes (but the
 * last), so no piece but the last carries base64 padding.
 */
export function planUploadChunks(byteLength: number, maxBase64: number = MAX_UPLOAD_CHUNK_BASE64): readonly UploadChunk[] {
  const size = Math.floor(maxBase64 / 4) * 3;
  if (!Number.isInteger(byteLength) || byteLength < 0) throw new RangeError(`byteLength ${byteLength}`);
  if (size < 3) throw new RangeError(`maxBase64 ${maxBase64} is under 4 characters`);
  const chunks: UploadChunk[] = [];
  for (let offset = 0; offset < byteLength; offset += size) {
    chunks.push({ offset, length: Math.min(size, byteLength - offset) });
  }
  return chunks;
}

/** Base64 of `bytes`, built in slices so a large still does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x6000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type CaptureUploadApi = Pick<KioskApi['capture'], 'uploadBegin' | 'uploadChunk' | 'uploadEnd'>;

/**
 * Sends a still (JPEG bytes) and resolves to the core's review of it. The first failed call
 * ends the upload; the core drops an upload that never ends with the session.
 */
export async function uploadStill(api: CaptureUploadApi, bytes: Uint8Array): Promise<IpcResult<CaptureReview>> {
  if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES) {
    // An empty or oversized still is the camera's fault; the screen says 拍照未成功.
    return { ok: false, error: { code: 'invalidArgument', message: '' } };
  }
  const begun = await api.uploadBegin({ byteLength: bytes.length });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  for (const chunk of planUploadChunks(bytes.length)) {
    const data = bytesToBase64(bytes.subarray(chunk.offset, chunk.offset + chunk.length));
    const sent = await api.uploadChunk({ uploadId, offset: chunk.offset, data });
    if (!sent.ok) return sent;
  }
  return api.uploadEnd({ uploadId });
}
