import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { provideCaptureKiosk } from '../flows/capture-machine';
import { type CaptureOutput, autoCaptureCountdown, currentMaterial, nextPageIndex, pageKey } from '../flows/capture-types';
import { CaptureLiveScreen } from './capture-live-screen';
import { CaptureMaterialsScreen } from './capture-materials-screen';
import { CaptureFailedScreen, CaptureSummaryScreen, CaptureWaitScreen } from './capture-notices';
import { CaptureReviewScreen } from './capture-review-screen';
import { useJourneyEnd, useKioskMachine } from './journey-hooks';

export interface CaptureJourneyProps {
  readonly status: SystemStatus;
  /** The catalogue item whose materials are photographed. */
  readonly itemCode: string;
  /** 关怀模式: the photo is taken by itself once the page lies still. */
  readonly isCareMode: boolean;
  readonly timeFactor: number;
  /** Called once, when the journey is over: home, or finished from the summary. */
  readonly onEnd: (output: CaptureOutput) => void;
}

/** 拍摄申请材料: runs the capture machine and shows the screen for its state. */
export function CaptureJourney({ status, itemCode, isCareMode, timeFactor, onEnd }: CaptureJourneyProps): ReactNode {
  const { t } = useTranslation();
  const machine = useKioskMachine(provideCaptureKiosk);
  const [snapshot, send] = useMachine(machine, { input: { itemCode, isCareMode, timeFactor } });
  const { context } = snapshot;

  useEffect(() => {
    send({ type: 'CONFIGURE', isCareMode, timeFactor });
  }, [send, isCareMode, timeFactor]);

  useJourneyEnd(snapshot, onEnd);

  const goHome = (): void => send({ type: 'HOME' });
  const material = currentMaterial(context);

  if (snapshot.matches('materials')) {
    return (
      <CaptureMaterialsScreen
        status={status}
        itemName={context.itemName}
        materials={context.materials}
        sharedMaterialNames={context.sharedMaterialNames}
        onOpen={(materialId) => send({ type: 'OPEN', materialId })}
        onRecapture={(materialId) => send({ type: 'RECAPTURE', materialId })}
        onFinish={() => send({ type: 'FINISH' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('failed') && context.failure) {
    return (
      <CaptureFailedScreen
        status={status}
        failure={context.failure}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={() => send({ type: 'BACK' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('summary')) {
    return <CaptureSummaryScreen status={status} materials={context.materials} onHome={goHome} />;
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
        onHome={goHome}
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
        onHome={goHome}
        onPreview={(preview) => send({ type: 'PREVIEW', preview })}
        onStill={(bytes) => send({ type: 'STILL', bytes })}
        onCameraFailed={() => send({ type: 'CAMERA_FAILED' })}
      />
    );
  }
  // beginning, recapturing, opening, closing, leaving: a moment only.
  const isStarting = snapshot.matches('beginning');
  return (
    <CaptureWaitScreen
      status={status}
      step={isStarting || snapshot.matches('closing') ? 'choose' : 'shoot'}
      text={isStarting ? t('capture.starting') : snapshot.matches('opening') ? t('capture.opening') : t('capture.wait')}
      onHome={goHome}
    />
  );
}
