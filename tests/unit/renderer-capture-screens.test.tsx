/**
 * The 拍摄申请材料 screens as static markup: what they say, what can be pressed when, their
 * test ids (the screenshot script drives them). The guide's way in (我要申办) is in
 * renderer-application-screens.test.tsx.
 */
import { describe, expect, it } from 'vitest';
import type {
  CaptureDeviceView,
  CaptureMaterialView,
  CapturePageView,
  CapturePreview,
  CaptureReview,
  SystemStatus,
} from '../../electron/ipc/contract';
import { FALLBACK_JPEG } from '../../renderer/api/fake-capture-images';
import { FAKE_ISSUE_MESSAGES } from '../../renderer/api/fake-capture';
import { FAKE_STATUS } from '../../renderer/api/fake-kiosk';
import { outlineTone } from '../../renderer/components/capture-stage';
import { hasSimulatedCamera } from '../../renderer/components/dev-capture-panel';
import { CaptureLiveScreen, type CaptureLiveScreenProps } from '../../renderer/screens/capture-live-screen';
import { CaptureMaterialsScreen } from '../../renderer/screens/capture-materials-screen';
import { CaptureFailedScreen, CaptureSummaryScreen } from '../../renderer/screens/capture-notices';
import { CaptureReviewScreen, type CaptureReviewScreenProps } from '../../renderer/screens/capture-review-screen';
import { render, testIds, textOf } from './renderer-static-render';

const noop = (): void => undefined;
const STATUS: SystemStatus = FAKE_STATUS;

function page(materialId: string, index: number, isUsable = true): CapturePageView {
  return {
    pageId: `00000000-0000-4000-8000-00000000000${index}`,
    materialId,
    index,
    thumbnail: FALLBACK_JPEG,
    width: 1011,
    height: 638,
    dpi: 300,
    bytes: 120_000,
    issues: isUsable ? [] : [{ code: 'blurred', message: FAKE_ISSUE_MESSAGES.blurred, isBlocking: true }],
    isUsable,
  };
}

const ID_CARD: CaptureMaterialView = {
  materialId: 'id-card',
  name: '申请人居民身份证',
  kind: 'idCard',
  requirement: 'required',
  condition: null,
  minPages: 2,
  maxPages: 2,
  pageNames: ['人像面', '国徽面'],
  pages: [],
};

const PHOTO: CaptureMaterialView = {
  materialId: 'photo',
  name: '近期免冠证件照片',
  kind: 'a4',
  requirement: 'conditional',
  condition: '不在窗口拍摄时提供符合标准的照片回执',
  minPages: 1,
  maxPages: 10,
  pageNames: [],
  pages: [],
};

const CAMERA: CaptureDeviceView = { sourceId: 'camera-1', kind: 'documentCamera', previewMode: 'frames', state: 'ready', label: '高拍仪' };

function materials(idCardPages: number, photoPages = 0) {
  return (
    <CaptureMaterialsScreen
      status={STATUS}
      itemName="居民身份证换领"
      materials={[
        { ...ID_CARD, pages: Array.from({ length: idCardPages }, (_, i) => page('id-card', i)) },
        { ...PHOTO, pages: Array.from({ length: photoPages }, (_, i) => page('photo', i)) },
      ]}
      sharedMaterialNames={['居民户口簿']}
      onOpen={noop}
      onRecapture={noop}
      onFinish={noop}
      onHome={noop}
    />
  );
}

describe('materials screen', () => {
  it('lists each material with its requirement, and keeps 完成 until the required ones are there', () => {
    const html = render(materials(0));
    const text = textOf(html);
    expect(text).toContain('请选择要拍摄的材料');
    expect(text).toContain('办理事项：居民身份证换领');
    expect(text).toContain('申请人居民身份证 必需');
    expect(text).toContain('适用情形：不在窗口拍摄时提供符合标准的照片回执');
    expect(text).toContain('以下材料已在政府留存，无需拍摄：居民户口簿');
    expect(text).toContain('请先拍好标有“必需”的材料');
    expect(html).toMatch(/disabled=""[^>]*data-testid="capture-finish"/u);
    expect(testIds(html)).toEqual(expect.arrayContaining(['capture-open-id-card', 'capture-open-photo', 'step-choose']));
  });

  it('says how many pages are still needed, and offers 完成 once the card has both sides', () => {
    const half = render(materials(1));
    expect(textOf(half)).toContain('已拍 1 页 还需拍 1 页');
    expect(half).toContain('data-state="partial"');
    expect(testIds(half)).toEqual(expect.arrayContaining(['capture-recapture-id-card', 'capture-open-id-card']));
    const whole = render(materials(2));
    expect(textOf(whole)).toContain('已拍 2 页 已拍好');
    // Both sides taken: the card takes no more pages, only 重新拍摄.
    expect(testIds(whole)).not.toContain('capture-open-id-card');
    expect(whole).not.toMatch(/disabled=""[^>]*data-testid="capture-finish"/u);
  });
});

function live(props: Partial<CaptureLiveScreenProps> = {}) {
  return render(
    <CaptureLiveScreen
      status={STATUS}
      material={ID_CARD}
      pageIndex={0}
      device={CAMERA}
      preview={null}
      phase="live"
      isAutoCapture={false}
      countdown={null}
      onTake={noop}
      onBack={noop}
      onHome={noop}
      onPreview={noop}
      onStill={noop}
      onCameraFailed={noop}
      {...props}
    />,
  );
}

const PREVIEW: CapturePreview = {
  sourceId: 'camera-1',
  seq: 4,
  frame: FALLBACK_JPEG,
  quad: [
    { x: 0.2, y: 0.2 },
    { x: 0.8, y: 0.2 },
    { x: 0.8, y: 0.8 },
    { x: 0.2, y: 0.8 },
  ],
  issues: [],
  steadyMs: 600,
};

describe('live screen', () => {
  it('names the side of the ID card to put down, page by page', () => {
    expect(textOf(live())).toContain('第 1 页：人像面 请将身份证人像面朝上放在拍摄区域');
    expect(textOf(live({ pageIndex: 1 }))).toContain('第 2 页：国徽面 请将身份证国徽面朝上放在拍摄区域');
    expect(textOf(live({ material: PHOTO, pageIndex: 2 }))).toContain('第 3 页 请将材料平放在拍摄区域内');
    expect(testIds(live())).toEqual(expect.arrayContaining(['capture-take', 'capture-back', 'step-shoot', 'go-home']));
  });

  it('says what is wrong with the page under the picture, or that it is lined up', () => {
    const blurred = live({ preview: { ...PREVIEW, issues: [{ code: 'blurred', message: FAKE_ISSUE_MESSAGES.blurred, isBlocking: true }] } });
    expect(blurred).toContain('data-code="blurred"');
    expect(textOf(blurred)).toContain('图像模糊，请重新拍摄');
    expect(textOf(live({ preview: PREVIEW }))).toContain('已对准，请点击拍照');
    expect(textOf(live({ preview: PREVIEW, isAutoCapture: true }))).toContain('材料放稳后将自动拍照');
    expect(textOf(live({ preview: { ...PREVIEW, quad: null } }))).toContain('正在寻找材料');
  });

  it('counts down in 关怀模式, and shows the photo being taken', () => {
    const counting = live({ preview: PREVIEW, isAutoCapture: true, countdown: 2 });
    expect(textOf(counting)).toContain('2 请保持不动，即将自动拍照');
    const busy = live({ preview: PREVIEW, phase: 'busy' });
    expect(busy).toMatch(/disabled=""[^>]*data-testid="capture-take"/u);
    expect(textOf(busy)).toContain('正在拍照');
  });

  it('outlines green only a still page with nothing wrong', () => {
    expect(outlineTone(PREVIEW)).toBe('steady');
    expect(outlineTone({ ...PREVIEW, steadyMs: 0 })).toBe('moving');
    expect(outlineTone({ ...PREVIEW, issues: [{ code: 'glare', message: FAKE_ISSUE_MESSAGES.glare, isBlocking: true }] })).toBe('moving');
  });

  it('shows 模拟高拍仪 only for a simulated camera', () => {
    expect(hasSimulatedCamera(STATUS)).toBe(true);
    expect(testIds(live())).toContain('dev-camera-panel');
    const real: SystemStatus = { ...STATUS, devices: STATUS.devices.map((d) => ({ ...d, isSimulated: false })) };
    expect(hasSimulatedCamera(real)).toBe(false);
    expect(testIds(live({ status: real }))).not.toContain('dev-camera-panel');
  });
});

function review(usable: boolean, props: Partial<CaptureReviewScreenProps> = {}) {
  const taken: CaptureReview = { page: page('photo', 0, usable), reviewImage: FALLBACK_JPEG };
  return render(
    <CaptureReviewScreen
      status={STATUS}
      material={{ ...PHOTO, pages: [taken.page] }}
      review={taken}
      phase="ready"
      onRotate={noop}
      onRetake={noop}
      onAccept={noop}
      onAddPage={noop}
      onMaterialDone={noop}
      onHome={noop}
      {...props}
    />,
  );
}

describe('review screen', () => {
  it('offers 使用此页 for a usable page, with 旋转 and 重拍 beside it', () => {
    const html = review(true);
    expect(textOf(html)).toContain('图像清晰，可以使用');
    expect(html).not.toMatch(/disabled=""[^>]*data-testid="capture-accept"/u);
    expect(html).toMatch(/class="button button--secondary"[^>]*data-testid="capture-retake"/u);
    expect(testIds(html)).toEqual(expect.arrayContaining(['capture-rotate', 'step-confirm']));
  });

  it('makes 重拍 the main action and 使用此页 unavailable for a blocked page', () => {
    const html = review(false);
    expect(textOf(html)).toContain('这一页不能使用，请重拍');
    expect(textOf(html)).toContain('图像模糊，请重新拍摄');
    expect(html).toMatch(/disabled=""[^>]*data-testid="capture-accept"/u);
    expect(html).toMatch(/class="button button--primary"[^>]*data-testid="capture-retake"/u);
  });

  it('offers 再拍一页 and 完成此材料 once the page is kept', () => {
    const html = review(true, { phase: 'accepted' });
    expect(textOf(html)).toContain('已保存第 1 页');
    expect(testIds(html)).toEqual(expect.arrayContaining(['capture-add-page', 'capture-material-done']));
    expect(testIds(html)).not.toContain('capture-accept');
  });
});

describe('summary and failures', () => {
  it('sums up and says the pages go with the visit', () => {
    const html = render(
      <CaptureSummaryScreen
        status={STATUS}
        materials={[
          { ...ID_CARD, pages: [page('id-card', 0), page('id-card', 1)] },
          { ...PHOTO, pages: [page('photo', 0)] },
        ]}
        onHome={noop}
      />,
    );
    const text = textOf(html);
    expect(text).toContain('材料已拍好');
    expect(text).toContain('共 2 份材料，3 页');
    expect(text).toContain('材料仅保存在本次办理中，离开后将自动清除');
    expect(testIds(html)).toContain('capture-home');
  });

  it('shows the core’s message, or its own words for the camera gone', () => {
    const core = render(
      <CaptureFailedScreen status={STATUS} failure={{ code: 'unavailable', message: '高拍仪未连接，请联系大厅工作人员', retry: 'open' }} onRetry={noop} onBack={noop} onHome={noop} />,
    );
    expect(textOf(core)).toContain('高拍仪暂不可用 高拍仪未连接，请联系大厅工作人员 返回 重试');
    const own = render(<CaptureFailedScreen status={STATUS} failure={{ code: 'noDevice', message: null, retry: 'open' }} onRetry={noop} onBack={noop} onHome={noop} />);
    expect(textOf(own)).toContain('本终端暂无可用的高拍仪，请到窗口办理');
    const timeout = render(<CaptureFailedScreen status={STATUS} failure={{ code: 'timeout', message: null, retry: 'live' }} onRetry={noop} onBack={noop} onHome={noop} />, 'en');
    expect(textOf(timeout)).toContain('The photo was not taken This took too long. Please try again');
  });
});
