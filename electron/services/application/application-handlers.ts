/**
 * The IPC handlers of self-service applications (issue #6) and of the form keyboard's
 * candidates, kept beside the service so the core's handler table only spreads them in.
 * `run` is the core's `whenReady`: out of service is answered before any of these is called.
 */
import type { IpcResult, KioskHandlers, MethodName } from '../../ipc/contract.js';
import type { SessionSubjects } from '../session/session-subjects.js';
import type { ApplicationService } from './application-service.js';

export interface ApplicationCore {
  readonly application: ApplicationService;
  readonly subjects: SessionSubjects;
  /** Pinyin → characters and words for form fields (names, addresses); null without a vocabulary. */
  readonly textCandidates: { candidates(pinyin: string, limit: number): string[] } | null;
}

type ApplicationMethod = Extract<MethodName, `application.${string}`> | 'input.candidates';
type Runner = <T>(step: (core: ApplicationCore) => Promise<IpcResult<T>> | IpcResult<T>) => Promise<IpcResult<T>>;

export function applicationHandlers(run: Runner): Pick<KioskHandlers, ApplicationMethod> {
  return {
    'application.begin': ({ itemCode }) => run((core) => core.application.begin(itemCode)),
    'application.takeCard': ({ role }) => run((core) => core.application.takeCard(role)),
    'application.setAgent': ({ hasAgent }) => run((core) => core.application.setAgent(hasAgent)),
    'application.setMaterial': ({ materialId, choice, promiseDate }) => run((core) => core.application.setMaterial(materialId, choice, promiseDate)),
    'application.setForm': ({ values }) => run((core) => core.application.setForm(values)),
    'application.sign': ({ aspect, strokes }) => run((core) => core.application.sign(aspect, strokes)),
    'application.review': () => run((core) => core.application.review()),
    'application.submit': () =>
      run(async (core) => {
        const submitted = await core.application.submit();
        // The evaluation that follows binds to the new case (好差评 by 办件编号).
        if (submitted.ok && submitted.value.caseNumber !== null) core.subjects.addCase(submitted.value.caseNumber);
        return submitted;
      }),
    'application.printNotice': () => run((core) => core.application.printNotice()),
    'application.reprintReceipt': () => run((core) => core.application.reprintReceipt()),
    'input.candidates': ({ pinyin, limit }) => run((core) => ({ ok: true, value: { candidates: core.textCandidates?.candidates(pinyin, limit) ?? [] } })),
  };
}
