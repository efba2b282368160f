/**
 * 拍摄申请材料 (renderer/flows/capture-machine.ts) against the fake core: an ID card (two
 * sides) and an A4 material to the summary, a blocked page that cannot be used and is
 * retaken, rotate, the camera offline on open and unplugged while live, 关怀模式 taking the
 * photo by itself once the page has lain still, failures and 返回首页.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, fromPromise, waitFor } from 'xstate';
import type { CaptureReview, IpcResult } from '../../electron/ipc/contract';
import { type FakeCaptureOptions, FAKE_ISSUE_MESSAGES } from '../../renderer/api/fake-capture';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { provideCaptureKiosk } from '../../renderer/flows/capture-machine';
import {
  AUTO_CAPTURE_STEADY_MS,
  CAPTURE_TAKE_TIMEOUT_MS,
  type CaptureInput,
  autoCaptureCountdown,
  canFinish,
} from '../../renderer/flows/capture-types';
import { TestClock } from './renderer-test-clock';

/** 居民身份证换领: 申请人居民身份证 (required, ID card), 居民户口簿 (shared), 近期免冠证件照片 (conditional). */
const ITEM = '320700-GA-0001';
const STANDARD: CaptureInput = { itemCode: ITEM, isCareMode: false, timeFactor: 1 };
const CARE: CaptureInput = { itemCode: ITEM, isCareMode: true, timeFactor: 1.5 };

function isIn(actor: AnyActorRef, state: string | Record<string, unknown>): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: unknown) => boolean }) => snapshot.matches(state));
}

async function start(input: CaptureInput = STANDARD, capture: FakeCaptureOptions = {}) {
  const fake = createFakeKiosk({ capture: { previewIntervalMs: 0, ...capture } });
  await fake.kiosk.session.begin({});
  const clock = new TestClock();
  const actor = createActor(provideCaptureKiosk(fake.kiosk), { input, clock });
  actor.start();
  await isIn(actor, { materials: 'ready' });
  return { fake, clock, actor };
}

type Started = Awaited<ReturnType<typeof start>>;

function captureCalls(fake: Started['fake']): string[] {
  return fake.control.calls.filter((call) => call.method.startsWith('capture.')).map((call) => call.method.slice(8));
}

async function openMaterial({ actor }: Started, materialId: string): Promise<void> {
  actor.send({ type: 'OPEN', materialId });
  await isIn(actor, { device: 'live' });
}

async function takePage({ actor }: Started): Promise<CaptureReview> {
  actor.send({ type: 'TAKE' });
  await isIn(actor, { device: { review: 'ready' } });
  const review = actor.getSnapshot().context.review;
  if (!review) throw new Error('no review');
  return review;
}

function pagesOf({ actor }: Started, materialId: string): number {
  return actor.getSnapshot().context.materials.find((m) => m.materialId === materialId)?.pages.length ?? -1;
}

describe('capture machine', () => {
  it('captures both sides of the ID card and a photo page, then sums up', async () => {
    const started = await start();
    const { actor, fake } = started;
    const { context } = actor.getSnapshot();
    expect(context.itemName).toBe('居民身份证换领');
    expect(context.materials.map((m) => [m.materialId, m.kind, m.minPages, m.pageNames])).toEqual([
      ['id-card', 'idCard', 2, ['人像面', '国徽面']],
      ['photo', 'a4', 1, []],
    ]);
    expect(context.sharedMaterialNames).toEqual(['居民户口簿']);
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().matches({ materials: 'ready' })).toBe(true);

    await openMaterial(started, 'id-card');
    expect(fake.control.calls.find((c) => c.method === 'capture.open')?.arg).toEqual({ materialId: 'id-card', sourceId: 'camera-1' });
    const front = await takePage(started);
    expect(front.page).toMatchObject({ materialId: 'id-card', index: 0, isUsable: true, issues: [] });
    actor.send({ type: 'ACCEPT' });
    // The card's 国徽面 is still missing: straight on to it.
    await isIn(actor, { device: 'live' });
    const back = await takePage(started);
    expect(back.page.index).toBe(1);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { materials: 'ready' });
    expect(pagesOf(started, 'id-card')).toBe(2);
    expect(canFinish(actor.getSnapshot().context.materials)).toBe(true);

    await openMaterial(started, 'photo');
    await takePage(started);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { device: 'accepted' });
    actor.send({ type: 'MATERIAL_DONE' });
    await isIn(actor, { materials: 'ready' });
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().matches('summary')).toBe(true);
    actor.send({ type: 'HOME' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished', materialCount: 2, pageCount: 3 });
    expect(captureCalls(fake)).toEqual([
      'begin',
      'open',
      'take',
      'take',
      'close',
      'materials',
      'open',
      'take',
      'close',
      'materials',
    ]);
    expect(fake.control.capture.isOpen()).toBe(false);
  });

  it('offers 再拍一页 up to the most pages a material takes', async () => {
    const started = await start();
    const { actor } = started;
    await openMaterial(started, 'photo');
    await takePage(started);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { device: 'accepted' });
    actor.send({ type: 'ADD_PAGE' });
    await isIn(actor, { device: 'live' });
    const second = await takePage(started);
    expect(second.page.index).toBe(1);
    expect(pagesOf(started, 'photo')).toBe(2);
  });

  it('keeps a blocked page from being used and retakes it', async () => {
    const started = await start();
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    fake.control.capture.placeDocument('a4Text', 'blur');
    const blurred = await takePage(started);
    expect(blurred.page.isUsable).toBe(false);
    expect(blurred.page.issues).toEqual([{ code: 'blurred', message: FAKE_ISSUE_MESSAGES.blurred, isBlocking: true }]);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().matches({ device: { review: 'ready' } })).toBe(true);
    actor.send({ type: 'RETAKE' });
    await isIn(actor, { device: 'live' });
    expect(fake.control.calls.at(-1)).toEqual({ method: 'capture.discard', arg: { pageId: blurred.page.pageId } });
    expect(pagesOf(started, 'photo')).toBe(0);
    fake.control.capture.placeDocument('a4Text', 'clean');
    const sharp = await takePage(started);
    expect(sharp.page.isUsable).toBe(true);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { device: 'accepted' });
  });

  it('turns a page a quarter clockwise, in the review and in its material', async () => {
    const started = await start();
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    const upright = await takePage(started);
    actor.send({ type: 'ROTATE' });
    await isIn(actor, { device: { review: 'rotating' } });
    await isIn(actor, { device: { review: 'ready' } });
    const turned = actor.getSnapshot().context.review;
    expect(fake.control.calls.at(-1)).toEqual({ method: 'capture.rotate', arg: { pageId: upright.page.pageId, quarterTurns: 1 } });
    expect([turned?.page.width, turned?.page.height]).toEqual([upright.page.height, upright.page.width]);
    expect(actor.getSnapshot().context.materials.find((m) => m.materialId === 'photo')?.pages).toEqual([turned?.page]);
  });

  it('says the camera is offline on open, retries, and goes back to the list', async () => {
    const started = await start();
    const { actor, fake } = started;
    fake.control.capture.setDeviceState('offline');
    actor.send({ type: 'OPEN', materialId: 'id-card' });
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '高拍仪未连接，请联系大厅工作人员', retry: 'open' });
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'opening');
    await isIn(actor, 'failed');
    fake.control.capture.setDeviceState('ready');
    actor.send({ type: 'RETRY' });
    await isIn(actor, { device: 'live' });
    // Unplugged while live.
    fake.control.capture.setDeviceState('offline');
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'offline', message: null, retry: 'open' });
    actor.send({ type: 'BACK' });
    await isIn(actor, { materials: 'ready' });
    expect(captureCalls(fake)).toEqual(['begin', 'open', 'open', 'open', 'close', 'materials']);
  });

  it('fails without a camera at all, and goes home from there', async () => {
    const fake = createFakeKiosk({ capture: { previewIntervalMs: 0 } });
    fake.control.patchStatus({ devices: fake.control.status().devices.filter((d) => d.kind !== 'documentCamera') });
    await fake.kiosk.session.begin({});
    const actor = createActor(provideCaptureKiosk(fake.kiosk), { input: STANDARD, clock: new TestClock() }).start();
    await isIn(actor, { materials: 'ready' });
    actor.send({ type: 'OPEN', materialId: 'id-card' });
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'noDevice', message: null, retry: 'open' });
    actor.send({ type: 'HOME' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'home', materialCount: 0, pageCount: 0 });
    expect(captureCalls(fake)).toEqual(['begin']);
  });

  it('shows a failed begin with the core’s message and tries again', async () => {
    const fake = createFakeKiosk({ capture: { previewIntervalMs: 0 } });
    fake.control.capture.failNext('begin', { code: 'unavailable', message: '材料拍摄服务暂不可用' });
    const actor = createActor(provideCaptureKiosk(fake.kiosk), { input: STANDARD, clock: new TestClock() }).start();
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '材料拍摄服务暂不可用', retry: 'begin' });
    actor.send({ type: 'RETRY' });
    await isIn(actor, { materials: 'ready' });
  });

  it('shows a failed take, then looks again on 重试', async () => {
    const started = await start();
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    fake.control.capture.failNext('take', { code: 'internal', message: '拍照未成功，请重试' });
    actor.send({ type: 'TAKE' });
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure?.retry).toBe('live');
    actor.send({ type: 'RETRY' });
    await isIn(actor, { device: 'live' });
    await takePage(started);
  });

  it('gives up on a take that never answers', async () => {
    const fake = createFakeKiosk({ capture: { previewIntervalMs: 0 } });
    await fake.kiosk.session.begin({});
    const clock = new TestClock();
    const machine = provideCaptureKiosk(fake.kiosk).provide({
      actors: { take: fromPromise<IpcResult<CaptureReview>>(() => new Promise(() => undefined)) },
    });
    const actor = createActor(machine, { input: STANDARD, clock }).start();
    await isIn(actor, { materials: 'ready' });
    actor.send({ type: 'OPEN', materialId: 'photo' });
    await isIn(actor, { device: 'live' });
    actor.send({ type: 'TAKE' });
    clock.advance(CAPTURE_TAKE_TIMEOUT_MS - 1);
    expect(actor.getSnapshot().matches({ device: 'taking' })).toBe(true);
    clock.advance(1);
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'timeout', message: null, retry: 'live' });
  });

  it('closes the camera on 返回首页 from the live view', async () => {
    const started = await start();
    const { actor, fake } = started;
    await openMaterial(started, 'id-card');
    await takePage(started);
    actor.send({ type: 'HOME' });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'home', materialCount: 1, pageCount: 1 });
    expect(captureCalls(fake).at(-1)).toBe('close');
    expect(fake.control.capture.isOpen()).toBe(false);
  });

  it('captures a material afresh: its pages discarded first', async () => {
    const started = await start();
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    const first = await takePage(started);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { device: 'accepted' });
    actor.send({ type: 'MATERIAL_DONE' });
    await isIn(actor, { materials: 'ready' });
    actor.send({ type: 'RECAPTURE', materialId: 'photo' });
    await isIn(actor, { device: 'live' });
    expect(fake.control.calls.filter((c) => c.method === 'capture.discard').map((c) => c.arg)).toEqual([{ pageId: first.page.pageId }]);
    expect(pagesOf(started, 'photo')).toBe(0);
  });
});

describe('关怀模式 auto-capture', () => {
  async function careLive(input: CaptureInput = CARE) {
    const started = await start(input);
    await openMaterial(started, 'photo');
    return started;
  }

  it('takes the photo once the page has lain still for 1.5 s, not before', async () => {
    const started = await careLive();
    const { actor, fake } = started;
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(1_000);
    const { context } = actor.getSnapshot();
    expect(autoCaptureCountdown(context, context.preview)).toBe(1);
    fake.control.capture.emitPreview(AUTO_CAPTURE_STEADY_MS - 1);
    expect(actor.getSnapshot().matches({ device: 'live' })).toBe(true);
    expect(captureCalls(fake)).not.toContain('take');
    fake.control.capture.emitPreview(AUTO_CAPTURE_STEADY_MS);
    await isIn(actor, { device: { review: 'ready' } });
    expect(captureCalls(fake).filter((m) => m === 'take')).toHaveLength(1);
  });

  it('counts down 3, 2, 1 while the page lies still', async () => {
    const { actor, fake } = await careLive();
    const counts: (number | null)[] = [];
    for (const steadyMs of [0, 1, 499, 500, 999, 1_000, 1_499]) {
      fake.control.capture.emitPreview(steadyMs);
      const { context } = actor.getSnapshot();
      counts.push(autoCaptureCountdown(context, context.preview));
    }
    expect(counts).toEqual([null, 3, 3, 2, 2, 1, 1]);
  });

  it('does not take a page with a blocking issue, however still', async () => {
    const { actor, fake } = await careLive();
    fake.control.capture.placeDocument('a4Text', 'glare');
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(5_000);
    expect(actor.getSnapshot().matches({ device: 'live' })).toBe(true);
    expect(autoCaptureCountdown(actor.getSnapshot().context, actor.getSnapshot().context.preview)).toBeNull();
    expect(captureCalls(fake)).not.toContain('take');
  });

  it('does not take a page left lying from before this view', async () => {
    const { actor, fake } = await careLive();
    fake.control.capture.emitPreview(4_000);
    expect(actor.getSnapshot().matches({ device: 'live' })).toBe(true);
    fake.control.capture.emitPreview(100);
    fake.control.capture.emitPreview(1_600);
    await isIn(actor, { device: { review: 'ready' } });
  });

  it('takes each page by itself once: a retake is by hand', async () => {
    const started = await careLive();
    const { actor, fake } = started;
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(1_500);
    await isIn(actor, { device: { review: 'ready' } });
    actor.send({ type: 'RETAKE' });
    await isIn(actor, { device: 'live' });
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(3_000);
    expect(actor.getSnapshot().matches({ device: 'live' })).toBe(true);
    // The next page is a new one: taken by itself again.
    await takePage(started);
    actor.send({ type: 'ACCEPT' });
    await isIn(actor, { device: 'accepted' });
    actor.send({ type: 'ADD_PAGE' });
    await isIn(actor, { device: 'live' });
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(1_500);
    await isIn(actor, { device: { review: 'ready' } });
  });

  it('never takes by itself in the standard theme', async () => {
    const { actor, fake } = await careLive(STANDARD);
    fake.control.capture.emitPreview(0);
    fake.control.capture.emitPreview(10_000);
    expect(actor.getSnapshot().matches({ device: 'live' })).toBe(true);
    expect(autoCaptureCountdown(actor.getSnapshot().context, actor.getSnapshot().context.preview)).toBeNull();
  });
});

describe('stream mode (UVC camera)', () => {
  it('uploads the screen’s still in pieces and reviews it', async () => {
    const started = await start(STANDARD, { previewMode: 'stream' });
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    expect(actor.getSnapshot().context.device?.previewMode).toBe('stream');
    actor.send({ type: 'TAKE' });
    expect(actor.getSnapshot().matches({ device: 'grabbing' })).toBe(true);
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);
    actor.send({ type: 'STILL', bytes });
    await isIn(actor, { device: { review: 'ready' } });
    const upload = fake.control.calls.filter((c) => c.method.startsWith('capture.upload'));
    expect(upload.map((c) => c.method)).toEqual([
      'capture.uploadBegin',
      'capture.uploadChunk',
      'capture.uploadChunk',
      'capture.uploadChunk',
      'capture.uploadEnd',
    ]);
    expect(upload[0]?.arg).toEqual({ byteLength: 100_000 });
    const chunks = upload.slice(1, 4).map((c) => c.arg as { offset: number; characters: number });
    expect(chunks.map((c) => c.offset)).toEqual([0, 36_864, 73_728]);
    for (const chunk of chunks) expect(chunk.characters).toBeLessThanOrEqual(48 * 1024);
    expect(captureCalls(fake)).not.toContain('take');
  });

  it('fails when the camera cannot be opened in the page', async () => {
    const started = await start(STANDARD, { previewMode: 'stream' });
    const { actor } = started;
    await openMaterial(started, 'photo');
    actor.send({ type: 'CAMERA_FAILED' });
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'camera', message: null, retry: 'open' });
  });

  it('auto-captures in 关怀模式 by asking the screen for a still', async () => {
    const started = await start(CARE, { previewMode: 'stream' });
    const { actor, fake } = started;
    await openMaterial(started, 'photo');
    const analysed = await fake.kiosk.capture.analyse({ frame: 'AAAA' });
    if (!analysed.ok) throw new Error('analyse failed');
    actor.send({ type: 'PREVIEW', preview: { ...analysed.value, steadyMs: 0 } });
    actor.send({ type: 'PREVIEW', preview: { ...analysed.value, steadyMs: AUTO_CAPTURE_STEADY_MS } });
    expect(actor.getSnapshot().matches({ device: 'grabbing' })).toBe(true);
  });
});
