import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureDeviceView, CaptureMaterialView, CapturePreview, SystemStatus } from '../../electron/ipc/contract';
import { CameraView } from '../components/camera-view';
import { FramePreview, outlineTone } from '../components/capture-stage';
import { DevCapturePanel } from '../components/dev-capture-panel';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { Spinner } from '../components/spinner';
import { isBlocking } from '../flows/capture-types';
import { captureStepProps } from './capture-steps';

export interface CaptureLiveScreenProps {
  readonly status: SystemStatus;
  readonly material: CaptureMaterialView;
  /** 0-based index of the page being looked for. */
  readonly pageIndex: number;
  readonly device: CaptureDeviceView;
  readonly preview: CapturePreview | null;
  /** `busy`: the photo is being taken (or uploaded); `grabbing`: the camera's still is wanted. */
  readonly phase: 'live' | 'grabbing' | 'busy';
  /** 关怀模式, and this page not yet taken by itself: it will be once it lies still. */
  readonly isAutoCapture: boolean;
  /** 关怀模式's 3, 2, 1 while the page lies still; null when not counting. */
  readonly countdown: number | null;
  readonly onTake: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
  readonly onPreview: (preview: CapturePreview) => void;
  readonly onStill: (bytes: Uint8Array) => void;
  readonly onCameraFailed: () => void;
}

/** The page the camera is to see, in words: which side of the ID card, or any page. */
export function pageHint(t: TFunction, material: CaptureMaterialView, pageIndex: number, device: CaptureDeviceView): string {
  if (device.previewMode === 'none') return t('capture.live.hint.scanner');
  if (material.kind === 'idCard') return pageIndex === 0 ? t('capture.live.hint.idCardFront') : t('capture.live.hint.idCardBack');
  return t('capture.live.hint.page');
}

/** 第 1 页：人像面, or 第 2 页. */
export function pageLabel(t: TFunction, material: CaptureMaterialView, pageIndex: number): string {
  const name = material.pageNames[pageIndex];
  return name ? t('capture.live.namedPage', { count: pageIndex + 1, name }) : t('capture.live.page', { count: pageIndex + 1 });
}

/** 拍摄: the live view with the page outlined, what to do, and 拍照. */
export function CaptureLiveScreen(props: CaptureLiveScreenProps): ReactNode {
  const { status, material, pageIndex, device, preview, phase, onTake, onBack, onHome } = props;
  const { t } = useTranslation();
  const isStream = device.previewMode === 'stream';
  // A stream camera can be asked for a still only once it shows something.
  const canTake = phase === 'live' && (!isStream || preview !== null);
  const placeholder = (
    <span className="capture-stage__waiting">
      <Spinner />
      <span>{isStream ? t('capture.live.starting') : t('capture.live.searching')}</span>
    </span>
  );
  let view: ReactNode;
  if (device.previewMode === 'frames') {
    view = <FramePreview frame={preview?.frame ?? null} preview={preview} label={t('capture.live.preview')} placeholder={placeholder} />;
  } else if (isStream && device.stream) {
    view = (
      <CameraView
        settings={device.stream}
        preview={preview}
        isGrabbing={phase === 'grabbing'}
        label={t('capture.live.preview')}
        placeholder={placeholder}
        onPreview={props.onPreview}
        onStill={props.onStill}
        onFailed={props.onCameraFailed}
      />
    );
  } else {
    view = (
      <div className="capture-stage capture-stage--none" data-testid="capture-stage">
        <Icon name="document" className="capture-stage__scanner" />
        <span>{t('capture.live.noPreview')}</span>
      </div>
    );
  }
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, 'shoot')} screen="capture-live">
      <div className="capture-layout">
        <div className="capture-layout__main">{view}</div>
        <aside className="capture-layout__side">
          <p className="capture-side__material">{material.name}</p>
          <p className="capture-side__page" data-testid="capture-page">
            {pageLabel(t, material, pageIndex)}
          </p>
          <p className="capture-side__hint" data-testid="capture-hint">
            {pageHint(t, material, pageIndex, device)}
          </p>
          <LiveStatus {...props} />
          <span className="capture-side__spacer" />
          <button
            type="button"
            className="button button--primary button--huge capture-side__button"
            disabled={!canTake}
            data-testid="capture-take"
            onClick={onTake}
          >
            {phase === 'live' ? <Icon name="camera" /> : <Spinner />}
            {phase === 'live' ? (device.previewMode === 'none' ? t('capture.live.scan') : t('capture.live.take')) : t('capture.live.taking')}
          </button>
          <button
            type="button"
            className="button button--secondary capture-side__button"
            disabled={phase !== 'live'}
            data-testid="capture-back"
            onClick={onBack}
          >
            <Icon name="chevronLeft" />
            {t('capture.live.back')}
          </button>
        </aside>
      </div>
      <DevCapturePanel status={status} />
    </JourneyLayout>
  );
}

/** One line under the hint: what the camera sees now. */
function LiveStatus({ preview, phase, countdown, device, isAutoCapture }: CaptureLiveScreenProps): ReactNode {
  const { t } = useTranslation();
  if (device.previewMode === 'none' || phase !== 'live') return <p className="capture-status" />;
  const issue = preview ? ([...preview.issues].sort((a, b) => Number(b.isBlocking) - Number(a.isBlocking))[0] ?? null) : null;
  if (issue) {
    return (
      <p className={`capture-status capture-status--${isBlocking([issue]) ? 'problem' : 'warning'}`} role="status" data-testid="capture-status" data-code={issue.code}>
        <Icon name="alert" className="capture-status__icon" />
        <span>{issue.message}</span>
      </p>
    );
  }
  if (countdown !== null) {
    return (
      <p className="capture-status capture-status--hold" role="status" data-testid="capture-status" data-code="hold">
        <span className="capture-status__count" data-testid="capture-countdown">
          {countdown}
        </span>
        <span>{t('capture.live.hold')}</span>
      </p>
    );
  }
  if (preview?.quad == null) {
    return (
      <p className="capture-status capture-status--searching" role="status" data-testid="capture-status" data-code="searching">
        <Icon name="search" className="capture-status__icon" />
        <span>{t('capture.live.searching')}</span>
      </p>
    );
  }
  // Found but still moving: the outline is amber, and the line says so (the photo may still be taken).
  const isSteady = outlineTone(preview) === 'steady';
  return (
    <p className={`capture-status capture-status--${isSteady ? 'ready' : 'searching'}`} role="status" data-testid="capture-status" data-code={isSteady ? 'ready' : 'settling'}>
      <Icon name={isSteady ? 'check' : 'search'} className="capture-status__icon" />
      <span>{isSteady ? (isAutoCapture ? t('capture.live.autoHint') : t('capture.live.ready')) : t('capture.live.settling')}</span>
    </p>
  );
}
