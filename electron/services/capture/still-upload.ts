/**
 * A still from the renderer's UVC camera, sent in pieces (one IPC message is capped at
 * 64 KiB): announced with its length, then pieces strictly in order — no gap, no overlap,
 * nothing past the length — then ended. One upload at a time; an unfinished one is dropped
 * after {@link UPLOAD_TIMEOUT_MS}. Every byte is zeroed when dropped; the pieces are zeroed
 * as soon as they are copied.
 */
import { randomUUID } from 'node:crypto';
import type { IpcResult } from '../../ipc/contract.js';

/** An upload not finished within this long is dropped. */
export const UPLOAD_TIMEOUT_MS = 30_000;

interface Upload {
  readonly uploadId: string;
  readonly materialId: string;
  readonly bytes: Buffer;
  received: number;
  readonly timer: NodeJS.Timeout;
}

type Refusal = { readonly ok: false; readonly error: { readonly code: 'unavailable' | 'invalidArgument'; readonly message: string } };

const INTERRUPTED: Refusal = { ok: false, error: { code: 'unavailable', message: '上传已中断，请重新拍摄' } };
const GARBLED: Refusal = { ok: false, error: { code: 'invalidArgument', message: '上传内容有误，请重新拍摄' } };
const INCOMPLETE: Refusal = { ok: false, error: { code: 'invalidArgument', message: '上传内容不完整，请重新拍摄' } };

export class StillUpload {
  #upload: Upload | null = null;

  /** Starts an upload of `byteLength` bytes for `materialId`; an unfinished one is dropped. */
  begin(materialId: string, byteLength: number): { uploadId: string } {
    this.drop();
    const uploadId = randomUUID();
    const timer = setTimeout(() => {
      if (this.#upload?.uploadId === uploadId) this.drop();
    }, UPLOAD_TIMEOUT_MS);
    timer.unref();
    this.#upload = { uploadId, materialId, bytes: Buffer.alloc(byteLength), received: 0, timer };
    return { uploadId };
  }

  /** Adds the piece at `offset` (base64 `data`); a piece out of order ends the upload. */
  chunk(uploadId: string, offset: number, data: string): IpcResult<{ received: number }> {
    const upload = this.#upload;
    if (upload?.uploadId !== uploadId) return INTERRUPTED;
    const piece = Buffer.from(data, 'base64');
    if (offset !== upload.received || offset + piece.byteLength > upload.bytes.byteLength) {
      this.drop();
      return GARBLED;
    }
    piece.copy(upload.bytes, offset);
    piece.fill(0);
    upload.received += piece.byteLength;
    return { ok: true, value: { received: upload.received } };
  }

  /** The whole still and its material; the caller owns (and must zero) the bytes. */
  end(uploadId: string): Refusal | { readonly ok: true; readonly value: { readonly materialId: string; readonly bytes: Buffer } } {
    const upload = this.#upload;
    if (upload?.uploadId !== uploadId) return INTERRUPTED;
    if (upload.received !== upload.bytes.byteLength) {
      this.drop();
      return INCOMPLETE;
    }
    clearTimeout(upload.timer);
    this.#upload = null;
    return { ok: true, value: { materialId: upload.materialId, bytes: upload.bytes } };
  }

  /** Forgets the upload under way, zeroing what arrived. */
  drop(): void {
    const upload = this.#upload;
    if (upload === null) return;
    clearTimeout(upload.timer);
    upload.bytes.fill(0);
    this.#upload = null;
  }
}
