/**
 * Uploading a still in pieces (renderer/flows/capture-upload.ts): every piece within the
 * contract's limit, in order, without gaps, and the calls the core sees.
 */
import { describe, expect, it } from 'vitest';
import type { CaptureReview, IpcResult } from '../../electron/ipc/contract';
import {
  type CaptureUploadApi,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_CHUNK_BASE64,
  base64ToBytes,
  bytesToBase64,
  planUploadChunks,
  uploadStill,
} from '../../renderer/flows/capture-upload';

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

describe('planUploadChunks', () => {
  for (const byteLength of [1, 2, 3, 36_863, 36_864, 36_865, 100_000, 5 * 1024 * 1024 + 7]) {
    it(`covers ${byteLength} bytes in order, each piece within the limit`, () => {
      const chunks = planUploadChunks(byteLength);
      let next = 0;
      for (const chunk of chunks) {
        expect(chunk.offset).toBe(next);
        expect(chunk.length).toBeGreaterThan(0);
        expect(base64Length(chunk.length)).toBeLessThanOrEqual(MAX_UPLOAD_CHUNK_BASE64);
        next += chunk.length;
      }
      expect(next).toBe(byteLength);
      // Every piece but the last is a whole number of base64 quanta: no padding mid-stream.
      for (const chunk of chunks.slice(0, -1)) expect(chunk.length % 3).toBe(0);
    });
  }

  it('plans nothing for nothing, and refuses a limit under one quantum', () => {
    expect(planUploadChunks(0)).toEqual([]);
    expect(() => planUploadChunks(10, 3)).toThrow(RangeError);
    expect(() => planUploadChunks(-1)).toThrow(RangeError);
  });

  it('uses the largest pieces the limit allows', () => {
    expect(planUploadChunks(100_000).map((c) => c.length)).toEqual([36_864, 36_864, 26_272]);
    expect(planUploadChunks(10, 8).map((c) => c.length)).toEqual([6, 4]);
  });
});

describe('base64', () => {
  it('round-trips any bytes, large ones too', () => {
    const bytes = new Uint8Array(200_003).map((_, i) => (i * 7 + (i >> 8)) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
  });
});

describe('uploadStill', () => {
  function recorder(failAt: string | null = null) {
    const calls: { method: string; arg: unknown }[] = [];
    const received: Uint8Array[] = [];
    const review = { page: { pageId: 'p' }, reviewImage: '' } as unknown as CaptureReview;
    const refuse = { ok: false, error: { code: 'unavailable', message: '高拍仪未打开' } } as const;
    const api: CaptureUploadApi = {
      uploadBegin: (arg) => {
        calls.push({ method: 'begin', arg });
        return Promise.resolve(failAt === 'begin' ? refuse : { ok: true, value: { uploadId: 'u-1' } });
      },
      uploadChunk: (arg) => {
        calls.push({ method: 'chunk', arg: { offset: arg.offset, characters: arg.data.length } });
        received.push(Buffer.from(arg.data, 'base64'));
        return Promise.resolve(failAt === 'chunk' ? refuse : { ok: true, value: { received: arg.offset } });
      },
      uploadEnd: (arg): Promise<IpcResult<CaptureReview>> => {
        calls.push({ method: 'end', arg });
        return Promise.resolve({ ok: true, value: review });
      },
    };
    return { api, calls, received, review };
  }

  it('sends begin, the pieces in order with byte offsets, then end', async () => {
    const { api, calls, received, review } = recorder();
    const bytes = new Uint8Array(80_000).map((_, i) => i % 256);
    await expect(uploadStill(api, bytes)).resolves.toEqual({ ok: true, value: review });
    expect(calls).toEqual([
      { method: 'begin', arg: { byteLength: 80_000 } },
      { method: 'chunk', arg: { offset: 0, characters: MAX_UPLOAD_CHUNK_BASE64 } },
      { method: 'chunk', arg: { offset: 36_864, characters: MAX_UPLOAD_CHUNK_BASE64 } },
      { method: 'chunk', arg: { offset: 73_728, characters: base64Length(80_000 - 73_728) } },
      { method: 'end', arg: { uploadId: 'u-1' } },
    ]);
    expect(Buffer.concat(received)).toEqual(Buffer.from(bytes));
  });

  it('stops at the first refused call', async () => {
    const { api, calls } = recorder('chunk');
    const result = await uploadStill(api, new Uint8Array(100_000));
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: '高拍仪未打开' } });
    expect(calls.map((c) => c.method)).toEqual(['begin', 'chunk']);
  });

  it('sends nothing for an empty or oversized still', async () => {
    const { api, calls } = recorder();
    expect((await uploadStill(api, new Uint8Array(0))).ok).toBe(false);
    expect((await uploadStill(api, new Uint8Array(MAX_UPLOAD_BYTES + 1))).ok).toBe(false);
    expect(calls).toEqual([]);
  });
});
