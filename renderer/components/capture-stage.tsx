/**
 * The pictures of document capture: a JPEG from the core shown through a blob: URL (the CSP
 * allows `img-src 'self' blob:` only, never data:), and the stage — the live picture with
 * the page the core found outlined over it, green once it lies still with nothing wrong.
 */
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import type { CapturePreview } from '../../electron/ipc/contract';
import { base64ToBytes } from '../flows/capture-upload';

/**
 * An object URL for a base64 JPEG, revoked when the JPEG changes and when the component
 * goes, so no picture of a citizen's papers outlives the screen that showed it. Null until
 * the first effect (and in static renders).
 */
export function useJpegUrl(base64: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (base64 === null || base64 === '') {
      setUrl(null);
      return undefined;
    }
    const next = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: 'image/jpeg' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [base64]);
  return url;
}

export type OutlineTone = 'steady' | 'moving';

/** Green (`steady`) once the page lies still with nothing to say about it; amber while not. */
export function outlineTone(preview: CapturePreview): OutlineTone {
  return preview.steadyMs > 0 && preview.issues.length === 0 ? 'steady' : 'moving';
}

export interface CaptureStageProps {
  /** Width / height of the picture, so the outline lands where the page is. */
  readonly aspect: number;
  readonly preview: CapturePreview | null;
  readonly label: string;
  /** The picture itself (an <img> or the camera's <video>), filling the frame. */
  readonly children: ReactNode;
}

/** The picture with the found page's corners drawn over it, in the same box. */
export function CaptureStage({ aspect, preview, label, children }: CaptureStageProps): ReactNode {
  const quad = preview?.quad ?? null;
  const tone = preview ? outlineTone(preview) : 'moving';
  return (
    <div className="capture-stage" role="group" aria-label={label} data-testid="capture-stage">
      <div className="capture-stage__frame" style={{ '--frame-aspect': String(aspect) } as CSSProperties}>
        {children}
        {quad ? (
          <svg
            className={`capture-stage__outline capture-stage__outline--${tone}`}
            viewBox="0 0 100 100"
            preserveAspectRatio="none"
            aria-hidden="true"
            data-testid="capture-outline"
            data-tone={tone}
          >
            <polygon points={quad.map((point) => `${point.x * 100},${point.y * 100}`).join(' ')} vectorEffect="non-scaling-stroke" />
          </svg>
        ) : null}
      </div>
    </div>
  );
}

export interface FramePreviewProps {
  /** The latest preview frame (JPEG, base64), or null before the first. */
  readonly frame: string | null;
  readonly preview: CapturePreview | null;
  readonly label: string;
  readonly placeholder: ReactNode;
}

/** `frames` mode: the core's preview frames on the stage. */
export function FramePreview({ frame, preview, label, placeholder }: FramePreviewProps): ReactNode {
  const url = useJpegUrl(frame);
  const [aspect, setAspect] = useState(4 / 3);
  return (
    <CaptureStage aspect={aspect} preview={url ? preview : null} label={label}>
      {url ? (
        <img
          className="capture-stage__media"
          src={url}
          alt=""
          draggable={false}
          onLoad={(event) => {
            const { naturalWidth, naturalHeight } = event.currentTarget;
            if (naturalWidth > 0 && naturalHeight > 0) setAspect(naturalWidth / naturalHeight);
          }}
        />
      ) : (
        <div className="capture-stage__placeholder">{placeholder}</div>
      )}
    </CaptureStage>
  );
}
