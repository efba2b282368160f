import { fromPromise } from 'xstate';
import type { GuideView, IpcResult, KioskApi, MethodValues } from '../../electron/ipc/contract';
import { type GuideMachine, guideMachine } from './guide-machine';
import { CANDIDATE_LIMIT, type ListRequest, type ListValue, SEARCH_LIMIT, SUGGESTION_LIMIT, type SearchValue, type StartValue, listArgument } from './guide-types';

/** The machine wired to the core through `kiosk`. */
export function provideGuideKiosk(kiosk: KioskApi): GuideMachine {
  return guideMachine.provide({
    actors: {
      loadStart: fromPromise<IpcResult<StartValue>>(async () => {
        const [summary, popular] = await Promise.all([
          kiosk.catalogue.summary({}),
          kiosk.catalogue.list({ isPopular: true, offset: 0, limit: SUGGESTION_LIMIT }),
        ]);
        if (!summary.ok) return summary;
        // Without suggestions the guide still works: the search screen just offers none.
        return { ok: true, value: { summary: summary.value, suggestions: popular.ok ? popular.value.items : [] } };
      }),
      listItems: fromPromise<IpcResult<ListValue>, ListRequest>(({ input }) => kiosk.catalogue.list(listArgument(input))),
      search: fromPromise<IpcResult<SearchValue>, { readonly query: string }>(({ input }) =>
        kiosk.catalogue.search({ query: input.query, limit: SEARCH_LIMIT }),
      ),
      candidates: fromPromise<IpcResult<MethodValues['catalogue.candidates']>, { readonly pinyin: string }>(({ input }) =>
        kiosk.catalogue.candidates({ pinyin: input.pinyin, limit: CANDIDATE_LIMIT }),
      ),
      loadGuide: fromPromise<IpcResult<GuideView>, { readonly code: string }>(({ input }) => kiosk.catalogue.guide({ code: input.code })),
      printChecklist: fromPromise<IpcResult<MethodValues['printing.printChecklist']>, { readonly code: string }>(({ input }) =>
        kiosk.printing.printChecklist({ code: input.code }),
      ),
      printGuide: fromPromise<IpcResult<MethodValues['printing.printGuide']>, { readonly code: string }>(({ input }) =>
        kiosk.printing.printGuide({ code: input.code }),
      ),
    },
  });
}
