/**
 * `stream` mode's live view: the UVC 高拍仪 in a <video>, a preview frame to the core about
 * three times a second (`capture.analyse`) whose answer outlines the page, and the still
 * when the journey asks for it (`isGrabbing`). The camera stops, and the canvases are
 * emptied, when the view goes: nothing of the citizen's papers stays in the page.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { CapturePreview } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { PREVIEW_GRAB_MS, type StreamSettings, clearCanvas, grabPreview, openCamera, stopCamera, takeStill } from './camera-stream';
import { CaptureStage } from './capture-stage';

export interface CameraViewProps {
  readonly settings: StreamSettings;
  readonly preview: CapturePreview | null;
  /** The journey waits for the still: take it once. */
  readonly isGrabbing: boolean;
  readonly label: string;
  /** Shown until the camera's first picture. */
  readonly placeholder: ReactNode;
  readonly onPreview: (preview: CapturePreview) => void;
  readonly onStill: (bytes: Uint8Array) => void;
  /** The camera could not be opened, or gave no still. */
  readonly onFailed: () => void;
}

export function CameraView({ settings, preview, isGrabbing, label, placeholder, ...handlers }: CameraViewProps): ReactNode {
  const kiosk = useKiosk();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const latest = useRef(handlers);
  const [aspect, setAspect] = useState(settings.width / settings.height);
  const [isPlaying, setIsPlaying] = useState(false);
  const { labelHint, width, height } = settings;

  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let isGone = false;
    let isAnalysing = false;
    let timer: number | undefined;
    const canvas = document.createElement('canvas');
    const analyse = async (element: HTMLVideoElement): Promise<void> => {
      const frame = await grabPreview(element, canvas);
      if (frame === null || isGone) return;
      const result = await kiosk.capture.analyse({ frame });
      if (result.ok && !isGone) latest.current.onPreview(result.value);
    };
    openCamera({ labelHint, width, height }).then(
      (opened) => {
        if (isGone) {
          stopCamera(opened);
          return;
        }
        stream.current = opened;
        const element = video.current;
        if (!element) return;
        element.srcObject = opened;
        // Muted and inline: Chromium lets it play without a gesture.
        element.play().catch(() => latest.current.onFailed());
        timer = window.setInterval(() => {
          // One analysis at a time: a slow core gets fewer frames, never a queue of them.
          if (isAnalysing || isGone) return;
          isAnalysing = true;
          analyse(element).then(
            () => {
              isAnalysing = false;
            },
            () => {
              isAnalysing = false;
            },
          );
        }, PREVIEW_GRAB_MS);
      },
      () => {
        if (!isGone) latest.current.onFailed();
      },
    );
    const element = video.current;
    return () => {
      isGone = true;
      window.clearInterval(timer);
      stopCamera(stream.current);
      stream.current = null;
      if (element) element.srcObject = null;
      clearCanvas(canvas);
    };
  }, [kiosk, labelHint, width, height]);

  useEffect(() => {
    if (!isGrabbing) return undefined;
    const current = stream.current;
    const element = video.current;
    if (!current || !element) {
      latest.current.onFailed();
      return undefined;
    }
    let isGone = false;
    const canvas = document.createElement('canvas');
    takeStill(current, element, canvas).then(
      (bytes) => {
        if (!isGone) latest.current.onStill(bytes);
      },
      () => {
        if (!isGone) latest.current.onFailed();
      },
    );
    return () => {
      isGone = true;
      clearCanvas(canvas);
    };
  }, [isGrabbing]);

  return (
    <CaptureStage aspect={aspect} preview={isPlaying ? preview : null} label={label}>
      <video
        ref={video}
        className="capture-stage__media"
        muted
        playsInline
        onLoadedMetadata={(event) => {
          const { videoWidth, videoHeight } = event.currentTarget;
          if (videoWidth > 0 && videoHeight > 0) setAspect(videoWidth / videoHeight);
        }}
        onPlaying={() => setIsPlaying(true)}
      />
      {isPlaying ? null : <div className="capture-stage__placeholder">{placeholder}</div>}
    </CaptureStage>
  );
}
