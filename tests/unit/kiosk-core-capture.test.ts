/**
 * Document capture through the real core (issue #5): the simulated 高拍仪 on the stage, the
 * dev panel's placements, pages kept for the session and wiped with it, and a scanner that
 * is configured but missing reported in plain Chinese.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturePreview, EventName, KioskEvents } from '../../electron/ipc/contract.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import type { KioskCore } from '../../electron/services/kiosk-core-types.js';
import { ASSETS_DIR, makeTempDir } from '../support/temp-dir.js';

/** 居住证签注: a kiosk item with an ID card and two A4 materials. */
const ITEM = '320700-GA-GG-0004';
/** An item handled at the counter only. */
const COUNTER_ONLY_ITEM = '320700-GA-QR-0002';

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

function events<E extends EventName>(core: KioskCore, name: E): KioskEvents[E][] {
  const seen: KioskEvents[E][] = [];
  core.onEvent((event: EventName, payload: unknown) => {
    if (event === name) seen.push(payload as KioskEvents[E]);
  });
  return seen;
}

describe('kiosk core: document capture (#5)', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let core: KioskCore | undefined;

  afterEach(async () => {
    await core?.close();
    dir?.remove();
  });

  async function start(config: object = {}): Promise<KioskCore> {
    dir = makeTempDir('kiosk-core-5-');
    writeFileSync(path.join(dir.path, 'config.json'), JSON.stringify({ version: 1, ...config }));
    core = await createKioskCore({ dataDir: dir.path, assetsDir: ASSETS_DIR });
    return core;
  }

  it('photographs an ID card placed on the simulated stage, two sides, and wipes them with the session', async () => {
    const kiosk = await start();
    const previews = events(kiosk, 'capture.preview');
    await kiosk.handlers['session.begin']({});
    const begun = value(await kiosk.handlers['capture.begin']({ itemCode: ITEM }));
    const card = begun.materials.find((m) => m.kind === 'idCard');
    expect(card?.pageNames).toEqual(['人像面', '国徽面']);
    expect(begun.devices).toEqual([expect.objectContaining({ sourceId: 'documentCamera', previewMode: 'frames' })]);

    value(await kiosk.handlers['dev.placeDocument']({ document: 'idCardFront', variant: 'clean' }));
    value(await kiosk.handlers['capture.open']({ materialId: card!.materialId, sourceId: 'documentCamera' }));
    // The page settles, then lies still: a steady outline arrives.
    await expect.poll(() => previews.at(-1)?.steadyMs ?? 0, { timeout: 10_000 }).toBeGreaterThan(300);
    const steady = previews.at(-1) as CapturePreview;
    expect(steady.quad).not.toBeNull();
    expect(steady.issues).toEqual([]);

    const front = value(await kiosk.handlers['capture.take']({}));
    expect(front.page).toMatchObject({ index: 0, dpi: 300, isUsable: true, issues: [] });
    expect([front.page.width, front.page.height]).toEqual([1011, 638]);
    value(await kiosk.handlers['dev.placeDocument']({ document: 'idCardBack', variant: 'clean' }));
    const back = value(await kiosk.handlers['capture.take']({}));
    expect(back.page.index).toBe(1);
    value(await kiosk.handlers['capture.close']({}));

    const listed = value(await kiosk.handlers['capture.materials']({}));
    expect(listed.materials.find((m) => m.materialId === card!.materialId)?.pages).toHaveLength(2);
    await kiosk.handlers['session.end']({ reason: 'finished' });
    expect(await kiosk.handlers['capture.materials']({})).toMatchObject({ ok: false, error: { message: '请先选择要办理的事项' } });
  }, 30_000);

  it('tells the citizen what is wrong with a blurred or cut-off capture', async () => {
    const kiosk = await start();
    await kiosk.handlers['session.begin']({});
    const begun = value(await kiosk.handlers['capture.begin']({ itemCode: ITEM }));
    const a4 = begun.materials.find((m) => m.kind === 'a4')!;
    value(await kiosk.handlers['capture.open']({ materialId: a4.materialId, sourceId: 'documentCamera' }));
    value(await kiosk.handlers['dev.placeDocument']({ document: 'a4Text', variant: 'blur' }));
    expect(value(await kiosk.handlers['capture.take']({})).page.issues.map((i) => i.message)).toContain('图像模糊，请重新拍摄');
    value(await kiosk.handlers['dev.placeDocument']({ document: 'a4Text', variant: 'cutOff' }));
    expect(value(await kiosk.handlers['capture.take']({})).page.issues.map((i) => i.message)).toContain('材料未完整拍入，请将材料放在拍摄区域中央');
    value(await kiosk.handlers['dev.placeDocument']({ document: 'none', variant: 'clean' }));
    expect(value(await kiosk.handlers['capture.take']({})).page.issues.map((i) => i.code)).toEqual(['empty']);
  }, 30_000);

  it('refuses an item that is not applied for at the kiosk, and capture calls without a session', async () => {
    const kiosk = await start();
    expect(await kiosk.handlers['capture.begin']({ itemCode: ITEM })).toMatchObject({ ok: false, error: { message: '请返回首页重新开始' } });
    await kiosk.handlers['session.begin']({});
    expect(value(await kiosk.handlers['catalogue.guide']({ code: COUNTER_ONLY_ITEM })).isKioskApplicable).toBe(false);
    expect(await kiosk.handlers['capture.begin']({ itemCode: COUNTER_ONLY_ITEM })).toMatchObject({ ok: false, error: { message: '该事项暂不支持在本机自助办理，请到窗口办理' } });
    expect(await kiosk.handlers['capture.take']({})).toMatchObject({ ok: false });
  });

  it('says the scanner cannot be used when its scanimage is missing (SANE configured)', async () => {
    const kiosk = await start({ devices: { scanner: { transport: { type: 'sane', device: 'fujitsu:fi-7160:1' } } } });
    await kiosk.handlers['session.begin']({});
    const begun = value(await kiosk.handlers['capture.begin']({ itemCode: ITEM }));
    expect(begun.devices.map((d) => [d.sourceId, d.previewMode])).toEqual([
      ['documentCamera', 'frames'],
      ['scanner', 'none'],
    ]);
    const result = await kiosk.handlers['capture.open']({ materialId: begun.materials[0]!.materialId, sourceId: 'scanner' });
    // Either scanimage is absent (offline) or it lists no such device (noHardware): both in Chinese.
    expect(result).toMatchObject({ ok: false, error: { message: '扫描仪暂时无法使用，请稍后重试或到窗口办理' } });
  });

  it('offers the UVC camera to the renderer, and only then asks for camera permission', async () => {
    const kiosk = await start({ devices: { documentCamera: { transport: { type: 'uvc', labelHint: 'Document' } } } });
    expect(kiosk.needsCameraPermission()).toBe(true);
    await kiosk.handlers['session.begin']({});
    const begun = value(await kiosk.handlers['capture.begin']({ itemCode: ITEM }));
    expect(begun.devices).toEqual([
      { sourceId: 'documentCamera', kind: 'documentCamera', previewMode: 'stream', state: 'ready', label: '高拍仪', stream: { labelHint: 'Document', width: 2592, height: 1944 } },
    ]);
    expect(await kiosk.handlers['dev.placeDocument']({ document: 'a4Text', variant: 'clean' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
