/**
 * The IPC handlers of document capture (issue #5), kept beside the service so the core's
 * handler table only spreads them in. `run` is the core's `whenReady`: out of service is
 * answered before any of these is called.
 */
import type { GuideView, IpcResult, KioskHandlers, MethodName, SimulatedDocumentKind, SimulatedDocumentVariant } from '../../ipc/contract.js';
import { NO_SUCH_ITEM, NOT_SIMULATED } from '../refusals.js';
import type { CaptureService } from './capture-service.js';

/** The simulated camera's stage (dev panel, tests). */
export interface DocumentStage {
  place(document: SimulatedDocumentKind, variant: SimulatedDocumentVariant): void;
}

export interface CaptureCore {
  readonly capture: CaptureService;
  readonly documentStage: DocumentStage | null;
  guide(code: string): GuideView | null;
}

type CaptureMethod = Extract<MethodName, `capture.${string}`> | 'dev.placeDocument';
type Runner = <T>(step: (core: CaptureCore) => Promise<IpcResult<T>> | IpcResult<T>) => Promise<IpcResult<T>>;


export function captureHandlers(run: Runner): Pick<KioskHandlers, CaptureMethod> {
  return {
    'capture.begin': ({ itemCode }) =>
      run((core) => {
        const guide = core.guide(itemCode);
        return guide === null ? NO_SUCH_ITEM : core.capture.begin(guide);
      }),
    'capture.open': ({ materialId, sourceId }) => run((core) => core.capture.open(materialId, sourceId)),
    'capture.close': () =>
      run(async (core) => {
        await core.capture.close();
        return { ok: true, value: { closed: true } };
      }),
    'capture.analyse': ({ frame }) => run((core) => core.capture.analyse(frame)),
    'capture.take': () => run((core) => core.capture.take()),
    'capture.uploadBegin': ({ byteLength }) => run((core) => core.capture.uploadBegin(byteLength)),
    'capture.uploadChunk': ({ uploadId, offset, data }) => run((core) => core.capture.uploadChunk(uploadId, offset, data)),
    'capture.uploadEnd': ({ uploadId }) => run((core) => core.capture.uploadEnd(uploadId)),
    'capture.rotate': ({ pageId, quarterTurns }) => run((core) => core.capture.rotate(pageId, quarterTurns)),
    'capture.discard': ({ pageId }) => run((core) => core.capture.discard(pageId)),
    'capture.materials': () => run((core) => core.capture.materials()),
    'dev.placeDocument': ({ document, variant }) =>
      run((core) => {
        if (core.documentStage === null) return NOT_SIMULATED;
        core.documentStage.place(document, variant);
        return { ok: true, value: { placed: true } };
      }),
  };
}
