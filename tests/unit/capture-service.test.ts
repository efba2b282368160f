import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureSource, CaptureStatus, CapturedStill } from '../../hardware/devices/document-capture/capture-source.js';
import { deviceError } from '../../hardware/device-error.js';
import { err, ok } from '../../hardware/result.js';
import type { CapturePreview, GuideView } from '../../electron/ipc/contract.js';
import { CaptureService, SteadinessTracker, STEADY_TOLERANCE, UPLOAD_TIMEOUT_MS } from '../../electron/services/capture/capture-service.js';
import { SessionService } from '../../electron/services/session/session-service.js';
import { GUIDE_VIEW } from '../fixtures/guide-view.js';
import { syntheticFrame } from '../support/synthetic-frame.js';
import { ASSETS_DIR } from '../support/temp-dir.js';

/** A camera whose next still is whatever the test sets. */
class FakeCamera implements CaptureSource {
  readonly info = { id: 'documentCamera', kind: 'documentCamera', transport: 'simulated', label: 'fake camera', hasPreview: true } as const;
  state: CaptureStatus = { state: 'closed' };
  next: () => Promise<CapturedStill | 'offline'> = async () => {
    const frame = await syntheticFrame();
    return { image: frame.jpeg, width: frame.width, height: frame.height, geometry: 'photo' };
  };
  lastStill: Buffer | null = null;
  status(): CaptureStatus {
    return this.state;
  }
  open() {
    this.state = { state: 'ready' };
    return Promise.resolve(ok(undefined));
  }
  async preview() {
    const frame = await syntheticFrame({ width: 640, height: 480 });
    return ok({ jpeg: frame.jpeg, width: 640, height: 480 });
  }
  async capture() {
    const still = await this.next();
    if (still === 'offline') return err(deviceError('offline', 'unplugged', 'powerOff'));
    this.lastStill = still.image;
    return ok(still);
  }
  close() {
    this.state = { state: 'closed' };
    return Promise.resolve();
  }
  onStatus() {
    return () => undefined;
  }
}

/** An item with an ID card and one A4 material, one shared-data material. */
const ITEM: GuideView = {
  ...GUIDE_VIEW,
  isKioskApplicable: true,
  materials: [
    { ...GUIDE_VIEW.materials[0]!, id: 'm-idcard', name: '申请人居民身份证', isSharedData: false, requirement: 'required' },
    { ...GUIDE_VIEW.materials[0]!, id: 'm-contract', name: '房屋买卖合同', isSharedData: false, requirement: 'required' },
    { ...GUIDE_VIEW.materials[0]!, id: 'm-shared', name: '户口簿', isSharedData: true, requirement: 'required' },
  ],
};

function setUp(options: { withCamera?: boolean } = {}) {
  const session = new SessionService();
  const camera = new FakeCamera();
  const previews: CapturePreview[] = [];
  const service = new CaptureService({
    devices: {
      camera: options.withCamera === false ? null : camera,
      streamCamera: { labelHint: 'Document', width: 2592, height: 1944 },
      scanner: null,
      close: () => Promise.resolve(),
    },
    session,
    colorMode: 'color',
    maxPageBytes: 300 * 1024,
    now: () => Date.now(),
    emitPreview: (preview) => previews.push(preview),
    emitDevice: () => undefined,
    pdf: { hallName: '连云港市海州区政务服务中心', terminalId: 'LYG-HZ-0012', assetsDir: ASSETS_DIR, timeZone: 'Asia/Shanghai' },
  });
  return { session, camera, service, previews };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CaptureService.begin', () => {
  it('lists the materials to capture: an ID card as two named pages, A4 as pages, shared data apart', () => {
    const { session, service } = setUp();
    session.begin();
    const begun = service.begin(ITEM);
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    expect(begun.value.materials.map((m) => [m.materialId, m.kind, m.minPages, m.maxPages, m.pageNames])).toEqual([
      ['m-idcard', 'idCard', 2, 2, ['人像面', '国徽面']],
      ['m-contract', 'a4', 1, 20, []],
    ]);
    expect(begun.value.sharedMaterialNames).toEqual(['户口簿']);
    expect(begun.value.devices.map((d) => [d.sourceId, d.previewMode])).toEqual([['documentCamera', 'frames']]);
  });

  it('offers the renderer camera when no Node-side camera is configured', () => {
    const { session, service } = setUp({ withCamera: false });
    session.begin();
    const begun = service.begin(ITEM);
    expect(begun.ok && begun.value.devices).toEqual([
      { sourceId: 'documentCamera', kind: 'documentCamera', previewMode: 'stream', state: 'ready', label: '高拍仪', stream: { labelHint: 'Document', width: 2592, height: 1944 } },
    ]);
  });

  it('refuses without a session and for an item not applied for at the kiosk', () => {
    const { session, service } = setUp();
    expect(service.begin(ITEM)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    session.begin();
    expect(service.begin({ ...ITEM, isKioskApplicable: false })).toMatchObject({ ok: false, error: { message: '该事项暂不支持在本机自助办理，请到窗口办理' } });
  });
});

describe('CaptureService.take', () => {
  it('straightens the page, keeps it small, and lists it under its material', async () => {
    const { session, service } = setUp();
    session.begin();
    service.begin(ITEM);
    expect((await service.open('m-contract', 'documentCamera')).ok).toBe(true);
    const taken = await service.take();
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    const { page, reviewImage } = taken.value;
    expect(page).toMatchObject({ materialId: 'm-contract', index: 0, width: 1240, height: 1754, dpi: 150, isUsable: true, issues: [] });
    expect(page.bytes).toBeLessThanOrEqual(300 * 1024);
    const review = await sharp(Buffer.from(reviewImage, 'base64')).metadata();
    expect(Math.max(review.width, review.height)).toBeLessThanOrEqual(1000);
    const listed = service.materials();
    expect(listed.ok && listed.value.materials[1]!.pages.map((p) => p.pageId)).toEqual([page.pageId]);
    await service.close();
  });

  it('flags a blurred page as blocking, with the sentence the citizen reads', async () => {
    const { session, service, camera } = setUp();
    camera.next = async () => {
      const frame = await syntheticFrame({ blur: 6 });
      return { image: frame.jpeg, width: frame.width, height: frame.height, geometry: 'photo' };
    };
    session.begin();
    service.begin(ITEM);
    await service.open('m-contract', 'documentCamera');
    const taken = await service.take();
    expect(taken.ok && taken.value.page.issues).toEqual([{ code: 'blurred', message: '图像模糊，请重新拍摄', isBlocking: true }]);
    expect(taken.ok && taken.value.page.isUsable).toBe(false);
    await service.close();
  });

  it('tells the citizen the device failed, in Chinese, when the camera is unplugged', async () => {
    const { session, service, camera } = setUp();
    camera.next = () => Promise.resolve('offline');
    session.begin();
    service.begin(ITEM);
    await service.open('m-contract', 'documentCamera');
    expect(await service.take()).toMatchObject({ ok: false, error: { message: '拍摄设备暂时无法使用，请稍后重试或到窗口办理' } });
    await service.close();
  });

  it('stops at the material page limit (an ID card has two sides)', async () => {
    const { session, service } = setUp();
    session.begin();
    service.begin(ITEM);
    await service.open('m-idcard', 'documentCamera');
    expect((await service.take()).ok).toBe(true);
    expect((await service.take()).ok).toBe(true);
    expect(await service.take()).toMatchObject({ ok: false, error: { message: '该材料的页数已满，请先删除不需要的页' } });
    await service.close();
  });
});

describe('CaptureService.materialsPdf', () => {
  it('assembles the captured materials behind a cover, ID card sides on one sheet', async () => {
    const { session, service } = setUp();
    session.begin();
    service.begin(ITEM);
    expect(await service.materialsPdf()).toBeNull();
    await service.open('m-idcard', 'documentCamera');
    await service.take();
    await service.take();
    await service.open('m-contract', 'documentCamera');
    await service.take();
    const pdf = await service.materialsPdf({ maskedName: '张*' });
    // Cover, one sheet with both card sides, one A4 page.
    expect(pdf?.pages).toBe(3);
    expect(Buffer.from(pdf!.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    await service.close();
  });
});

describe('CaptureService pages', () => {
  it('rotates a page a quarter turn and discards it on retake', async () => {
    const { session, service } = setUp();
    session.begin();
    service.begin(ITEM);
    await service.open('m-contract', 'documentCamera');
    const taken = await service.take();
    if (!taken.ok) throw new Error('take failed');
    const rotated = await service.rotate(taken.value.page.pageId, 1);
    expect(rotated.ok && [rotated.value.page.width, rotated.value.page.height]).toEqual([1754, 1240]);
    expect(service.discard(taken.value.page.pageId)).toEqual({ ok: true, value: { discarded: true } });
    expect(service.discard(taken.value.page.pageId)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const listed = service.materials();
    expect(listed.ok && listed.value.materials[1]!.pages).toEqual([]);
    await service.close();
  });

  it('zeroes every page and the device still when the session ends (R-P3)', async () => {
    const { session, service, camera } = setUp();
    session.begin();
    service.begin(ITEM);
    await service.open('m-contract', 'documentCamera');
    await service.take();
    const [material] = service.capturedMaterials();
    const kept = material!.pages[0]!.jpeg;
    expect(kept.some((byte) => byte !== 0)).toBe(true);
    session.end('idleTimeout');
    expect(kept.every((byte) => byte === 0)).toBe(true);
    expect(camera.lastStill!.every((byte) => byte === 0)).toBe(true);
    expect(service.materials()).toMatchObject({ ok: false });
  });
});

describe('CaptureService uploads (the renderer camera)', () => {
  async function begun() {
    const context = setUp({ withCamera: false });
    context.session.begin();
    context.service.begin(ITEM);
    await context.service.open('m-contract', 'documentCamera');
    return context;
  }

  it('assembles a still sent in pieces and processes it like a camera still', async () => {
    const { service } = await begun();
    const { jpeg } = await syntheticFrame();
    const started = service.uploadBegin(jpeg.byteLength);
    if (!started.ok) throw new Error('upload refused');
    const { uploadId } = started.value;
    for (let offset = 0; offset < jpeg.byteLength; offset += 36_000) {
      const piece = jpeg.subarray(offset, offset + 36_000);
      expect(service.uploadChunk(uploadId, offset, piece.toString('base64'))).toEqual({ ok: true, value: { received: offset + piece.byteLength } });
    }
    const ended = await service.uploadEnd(uploadId);
    expect(ended.ok && ended.value.page).toMatchObject({ width: 1240, height: 1754, isUsable: true });
  });

  it('refuses a piece out of order, and an upload that ends short', async () => {
    const { service } = await begun();
    const started = service.uploadBegin(1000);
    if (!started.ok) throw new Error('upload refused');
    expect(service.uploadChunk(started.value.uploadId, 10, Buffer.alloc(10).toString('base64'))).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    // The refused upload is gone: nothing more can be added to it.
    expect(service.uploadChunk(started.value.uploadId, 0, Buffer.alloc(10).toString('base64'))).toMatchObject({ ok: false, error: { message: '上传已中断，请重新拍摄' } });
    const again = service.uploadBegin(1000);
    if (!again.ok) throw new Error('upload refused');
    service.uploadChunk(again.value.uploadId, 0, Buffer.alloc(10).toString('base64'));
    expect(await service.uploadEnd(again.value.uploadId)).toMatchObject({ ok: false, error: { message: '上传内容不完整，请重新拍摄' } });
  });

  it('refuses a piece past the announced length and bytes that are no image', async () => {
    const { service } = await begun();
    const started = service.uploadBegin(8);
    if (!started.ok) throw new Error('upload refused');
    expect(service.uploadChunk(started.value.uploadId, 0, Buffer.alloc(12).toString('base64'))).toMatchObject({ ok: false });
    const garbage = service.uploadBegin(12);
    if (!garbage.ok) throw new Error('upload refused');
    service.uploadChunk(garbage.value.uploadId, 0, Buffer.from('not an image').toString('base64').padEnd(16, '='));
    expect(await service.uploadEnd(garbage.value.uploadId)).toMatchObject({ ok: false, error: { message: '图像无法识别，请重新拍摄' } });
  });

  it('drops an upload left unfinished', async () => {
    vi.useFakeTimers();
    const { service } = await begun();
    const started = service.uploadBegin(100);
    if (!started.ok) throw new Error('upload refused');
    vi.advanceTimersByTime(UPLOAD_TIMEOUT_MS + 1);
    expect(service.uploadChunk(started.value.uploadId, 0, Buffer.alloc(10).toString('base64'))).toMatchObject({ ok: false, error: { message: '上传已中断，请重新拍摄' } });
  });
});

describe('preview', () => {
  it('pushes frames with the page outline while a Node-side camera is open, and stops on close', async () => {
    const { session, service, previews } = setUp();
    session.begin();
    service.begin(ITEM);
    await service.open('m-contract', 'documentCamera');
    await vi.waitFor(() => expect(previews.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    await service.close();
    const count = previews.length;
    const last = previews[count - 1]!;
    expect(last.quad).not.toBeNull();
    expect(last.frame).toMatch(/^\/9j\//u);
    // Same frame every time: the page lies still, and the time it has grows.
    expect(last.steadyMs).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(previews.length).toBe(count);
  });
});

describe('SteadinessTracker', () => {
  const at = (dx: number) =>
    [
      { x: 0.1 + dx, y: 0.1 },
      { x: 0.9 + dx, y: 0.1 },
      { x: 0.9 + dx, y: 0.9 },
      { x: 0.1 + dx, y: 0.9 },
    ] as const;

  it('counts the time corners stay within the tolerance, and restarts on a move or a lost page', () => {
    const tracker = new SteadinessTracker();
    expect(tracker.observe(at(0), 1000)).toBe(0);
    expect(tracker.observe(at(STEADY_TOLERANCE / 2), 1250)).toBe(250);
    expect(tracker.observe(at(0), 1750)).toBe(750);
    expect(tracker.observe(at(STEADY_TOLERANCE * 3), 2000)).toBe(0);
    expect(tracker.observe(null, 2250)).toBe(0);
    expect(tracker.observe(at(0), 2500)).toBe(0);
    expect(tracker.observe(at(0), 4000)).toBe(1500);
  });
});

describe('materialSpecs', () => {
  it('reads the page shape from the material name', async () => {
    const { materialSpecs } = await import('../../electron/services/capture/capture-materials.js');
    const named = (name: string) => ({ ...GUIDE_VIEW.materials[0]!, id: 'm', name, isSharedData: false });
    const shape = (name: string) => {
      const [spec] = materialSpecs([named(name)]).specs;
      return [spec!.kind, spec!.minPages, spec!.maxPages];
    };
    expect(shape('本人原居民身份证')).toEqual(['idCard', 2, 2]);
    expect(shape('夫妻双方居民身份证')).toEqual(['idCard', 4, 4]);
    expect(shape('出租人和承租人居民身份证')).toEqual(['idCard', 4, 4]);
    expect(shape('授权委托书及受托人居民身份证')).toEqual(['auto', 1, 20]);
    expect(shape('参保人居民身份证或户口簿（新生儿凭出生医学证明）')).toEqual(['auto', 1, 20]);
    expect(shape('住房租赁合同')).toEqual(['a4', 1, 20]);
    expect(shape('本人近期正面免冠彩色相片（可现场免费采集）')).toEqual(['auto', 1, 20]);
    expect(shape('居住证（或电子居住证）')).toEqual(['a4', 1, 20]);
  });
});

describe('the simulated stage', () => {
  it('lays every clean placement whole on the stage, and a cutOff one partly off it', async () => {
    const { stageSpec } = await import('../../electron/services/capture/simulated-stage.js');
    const { sceneTruth } = await import('../../hardware/simulators/document-camera/scene.js');
    for (let n = 0; n < 12; n += 1) {
      for (const document of ['a4Text', 'a4Qr', 'idCardFront', 'idCardBack'] as const) {
        expect(sceneTruth(stageSpec(document, 'clean', n)).visibleFraction).toBeGreaterThan(0.9999);
      }
      expect(sceneTruth(stageSpec('a4Text', 'cutOff', n)).visibleFraction).toBeLessThan(0.95);
    }
  });
});
