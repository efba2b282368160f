import { useSelector } from '@xstate/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import type { CaptureActorRef } from '../flows/capture-machine';
import { autoCaptureCountdown, currentMaterial, nextPageIndex, pageKey } from '../flows/capture-types';
import { CaptureLiveScreen } from './capture-live-screen';
import { CaptureFailedScreen, CaptureWaitScreen } from './capture-notices';
import { CaptureReviewScreen } from './capture-review-screen';

export interface ApplicationCaptureProps {
  readonly status: SystemStatus;
  /** The capture machine the application runs for one material (application-machine.ts). */
  readonly capture: CaptureActorRef;
  readonly onHome: () => void;
}

/**
 * 拍摄 inside 自助申办: the capture journey's own screens (live view, review, failure) for
 * the one material being captured. Its list never shows: the application's list is the
 * citizen's, and the application takes over once the capture is back at its list.
 */
export function ApplicationCapture({ status, capture, onHome }: ApplicationCaptureProps): ReactNode {
  const { t } = useTranslation();
  const snapshot = useSelector(capture, (current) => current);
  const { context } = snapshot;
  const send = capture.send;
  const material = currentMaterial(context);

  if (snapshot.matches('failed') && context.failure) {
    return (
      <CaptureFailedScreen
        status={status}
        failure={context.failure}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={() => send({ type: 'BACK' })}
        onHome={onHome}
      />
    );
  }
  const isReview = snapshot.matches({ device: 'review' }) || snapshot.matches({ device: 'accepted' });
  if (isReview && material && context.review) {
    return (
      <CaptureReviewScreen
        status={status}
        material={material}
        review={context.review}
        phase={snapshot.matches({ device: 'accepted' }) ? 'accepted' : snapshot.matches({ device: { review: 'ready' } }) ? 'ready' : 'working'}
        onRotate={() => send({ type: 'ROTATE' })}
        onRetake={() => send({ type: 'RETAKE' })}
        onAccept={() => send({ type: 'ACCEPT' })}
        onAddPage={() => send({ type: 'ADD_PAGE' })}
        onMaterialDone={() => send({ type: 'MATERIAL_DONE' })}
        onHome={onHome}
      />
    );
  }
  if (snapshot.matches('device') && material && context.device) {
    return (
      <CaptureLiveScreen
        status={status}
        material={material}
        pageIndex={nextPageIndex(context)}
        device={context.device}
        preview={context.preview}
        phase={snapshot.matches({ device: 'live' }) ? 'live' : snapshot.matches({ device: 'grabbing' }) ? 'grabbing' : 'busy'}
        isAutoCapture={context.isCareMode && context.autoTakenPage !== pageKey(context)}
        countdown={autoCaptureCountdown(context, context.preview)}
        onTake={() => send({ type: 'TAKE' })}
        onBack={() => send({ type: 'BACK' })}
        onHome={onHome}
        onPreview={(preview) => send({ type: 'PREVIEW', preview })}
        onStill={(bytes) => send({ type: 'STILL', bytes })}
        onCameraFailed={() => send({ type: 'CAMERA_FAILED' })}
      />
    );
  }
  // beginning, its list, recapturing, opening, closing: a moment only.
  return (
    <CaptureWaitScreen
      status={status}
      step={snapshot.matches('opening') || snapshot.matches('recapturing') ? 'shoot' : 'choose'}
      text={snapshot.matches('opening') ? t('capture.opening') : t('capture.wait')}
      onHome={onHome}
    />
  );
}
