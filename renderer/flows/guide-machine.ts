/**
 * The 办事指南 journey: browse the catalogue, search it, read one item's guide, print it,
 * or go on to 取号 for the item's queue category, or to 我要申办 for an item applicable at
 * the kiosk.
 *
 *   loading ──▶ browsing (tiles | list) ◀──BACK── searching (results ∥ candidates)
 *      │ failed      │ OPEN_ITEM                     │ OPEN_ITEM
 *      ▼             ▼                               ▼
 *   loadFailed     reading (loading → ready (idle | printing | toast) | failed)
 *                    │ BACK: to where it came from; TAKE_TICKET, APPLY ──▶ done
 *
 * Browsing keeps its place in the context (tab, tile page, filter, list page), so BACK from
 * a guide returns to the same page without asking again. Searching runs as the citizen types:
 * every change of the query waits `searchDebounce` and then asks the core, and an answer to
 * an older query is dropped with the state that asked for it. Pinyin being typed on the
 * on-screen keyboard also fetches candidate words (search-input.ts).
 *
 * The core is reached through actors supplied with `machine.provide` (`provideGuideKiosk` in
 * guide-kiosk.ts from a `KioskApi`, fakes in tests); delays are named so a test clock drives them.
 */
import { type ActorRefFrom, type SnapshotFrom, assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { GuideView, IpcResult, MethodValues } from '../../electron/ipc/contract';
import {
  CALL_TIMEOUT_MS,
  CHECKLIST_FAILED,
  GUIDE_FAILED,
  type GuideContext,
  type GuideEvent,
  type GuideInput,
  type GuideOutput,
  type ListRequest,
  type ListValue,
  PRINT_TIMEOUT_MS,
  SEARCH_DEBOUNCE_MS,
  type SearchValue,
  type StartValue,
  TIMEOUT_FAILURE,
  TRANSPORT_FAILURE,
  checklistNotice,
  failureOf,
  guideNotice,
  hitsPageSize,
} from './guide-types';
import { EMPTY_INPUT, type SearchInput, chooseCandidate, pressKey, queryOf, typeText } from './search-input';

function notProvided(name: string): never {
  throw new Error(`guideMachine: actor ${name} not provided`);
}

function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, size)));
}

function tileCount(context: GuideContext): number {
  const summary = context.summary;
  if (!summary) return 0;
  if (context.tab === 'department') return summary.departments.length;
  return summary.lifeEvents.filter((event) => event.audience === context.tab).length;
}

function inputChanges(
  context: GuideContext,
  next: SearchInput,
  enqueue: { assign: (values: Partial<GuideContext>) => void; raise: (event: GuideEvent) => void },
): void {
  enqueue.assign({ input: next });
  if (queryOf(next) !== queryOf(context.input)) enqueue.raise({ type: 'QUERY_CHANGED' });
  if (next.composition !== context.input.composition) enqueue.raise({ type: 'COMPOSITION_CHANGED' });
}

const FRESH_SEARCH = { input: EMPTY_INPUT, candidates: [], searchedQuery: '', hits: [], hitsTotal: 0, hitsPage: 0 } as const;

export const guideMachine = setup({
  types: {
    context: {} as GuideContext,
    events: {} as GuideEvent,
    input: {} as GuideInput,
    output: {} as GuideOutput,
  },
  actors: {
    loadStart: fromPromise<IpcResult<StartValue>>(() => notProvided('loadStart')),
    listItems: fromPromise<IpcResult<ListValue>, ListRequest>(() => notProvided('listItems')),
    search: fromPromise<IpcResult<SearchValue>, { readonly query: string }>(() => notProvided('search')),
    candidates: fromPromise<IpcResult<MethodValues['catalogue.candidates']>, { readonly pinyin: string }>(() =>
      notProvided('candidates'),
    ),
    loadGuide: fromPromise<IpcResult<GuideView>, { readonly code: string }>(() => notProvided('loadGuide')),
    printChecklist: fromPromise<IpcResult<MethodValues['printing.printChecklist']>, { readonly code: string }>(() =>
      notProvided('printChecklist'),
    ),
    printGuide: fromPromise<IpcResult<MethodValues['printing.printGuide']>, { readonly code: string }>(() =>
      notProvided('printGuide'),
    ),
  },
  delays: {
    searchDebounce: SEARCH_DEBOUNCE_MS,
    callTimeout: CALL_TIMEOUT_MS,
    printTimeout: PRINT_TIMEOUT_MS,
    toastTimeout: ({ context }) => context.toastSeconds * 1_000,
  },
  guards: {
    hasList: ({ context }) => context.filter !== null,
    isQueryEmpty: ({ context }) => queryOf(context.input) === '',
    isSearched: ({ context }) => context.searchedQuery === queryOf(context.input),
    isComposing: ({ context }) => context.input.composition !== '',
    canLeaveList: ({ context }) => context.tab !== 'popular',
    hasNextPage: ({ context }) => context.page + 1 < pageCount(context.total, context.pageSize),
    hasPrevPage: ({ context }) => context.page > 0,
    hasNextTiles: ({ context }) => context.tilePage + 1 < pageCount(tileCount(context), context.tilePageSize),
    hasPrevTiles: ({ context }) => context.tilePage > 0,
    hasNextHits: ({ context }) => context.hitsPage + 1 < pageCount(context.hits.length, hitsPageSize(context)),
    hasPrevHits: ({ context }) => context.hitsPage > 0,
    returnsToSearch: ({ context }) => context.returnTo === 'searching',
    hasGuide: ({ context }) => context.guide !== null,
    isKioskApplicable: ({ context }) => context.guide?.isKioskApplicable ?? false,
  },
  actions: {
    configure: assign(({ context, event }) => {
      if (event.type !== 'CONFIGURE') return {};
      const { pageSize, tilePageSize, toastSeconds } = event;
      const isResized = pageSize !== context.pageSize || tilePageSize !== context.tilePageSize;
      return isResized
        ? { pageSize, tilePageSize, toastSeconds, page: 0, tilePage: 0, hitsPage: 0 }
        : { toastSeconds };
    }),
    selectTab: assign(({ event }) => {
      if (event.type !== 'TAB') return {};
      return {
        tab: event.tab,
        tilePage: 0,
        page: 0,
        items: [],
        total: 0,
        filter: event.tab === 'popular' ? ({ kind: 'popular' } as const) : null,
      };
    }),
    openDepartment: assign(({ context, event }) => {
      if (event.type !== 'OPEN_DEPARTMENT') return {};
      const department = context.summary?.departments.find((d) => d.id === event.id);
      return { filter: { kind: 'department', id: event.id, name: department?.shortName ?? event.id }, page: 0, items: [], total: 0 };
    }),
    openLifeEvent: assign(({ context, event }) => {
      if (event.type !== 'OPEN_LIFE_EVENT') return {};
      const lifeEvent = context.summary?.lifeEvents.find((e) => e.id === event.id);
      return { filter: { kind: 'lifeEvent', id: event.id, name: lifeEvent?.name ?? event.id }, page: 0, items: [], total: 0 };
    }),
    applyKey: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'KEY') return;
      if (event.key === 'close') {
        enqueue.assign({ isKeyboardOpen: false, hitsPage: 0 });
        return;
      }
      inputChanges(context, pressKey(context.input, event.key, context.candidates[0] ?? null), enqueue);
    }),
    applyCandidate: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'CANDIDATE') inputChanges(context, chooseCandidate(context.input, event.candidate), enqueue);
    }),
    applyTyping: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'TYPE') inputChanges(context, typeText(context.input, event.value), enqueue);
    }),
    clearFailure: assign({ failure: null }),
    clearHits: assign({ searchedQuery: '', hits: [], hitsTotal: 0, hitsPage: 0 }),
    clearCandidates: assign({ candidates: [] }),
    forgetGuide: assign({ code: null, guide: null, notice: null }),
  },
}).createMachine({
  id: 'guide',
  context: ({ input }) => ({
    ...input,
    summary: null,
    suggestions: [],
    tab: 'popular',
    tilePage: 0,
    filter: { kind: 'popular' },
    page: 0,
    items: [],
    total: 0,
    ...FRESH_SEARCH,
    isKeyboardOpen: false,
    code: null,
    guide: null,
    returnTo: 'browsing',
    notice: null,
    failure: null,
    ticketCategoryId: null,
    applyItemCode: null,
    isEvaluating: false,
  }),
  initial: 'loading',
  on: {
    HOME: '.done',
    EVALUATE: { target: '.done', actions: assign({ isEvaluating: true, ticketCategoryId: null }) },
    CONFIGURE: { actions: 'configure' },
  },
  states: {
    loading: {
      entry: 'clearFailure',
      invoke: {
        src: 'loadStart',
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'browsing',
            actions: assign(({ event }) =>
              event.output.ok ? { summary: event.output.value.summary, suggestions: event.output.value.suggestions } : {},
            ),
          },
          { target: 'loadFailed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
        ],
        onError: { target: 'loadFailed', actions: assign({ failure: TRANSPORT_FAILURE }) },
      },
      after: { callTimeout: { target: 'loadFailed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
    },
    loadFailed: {
      on: { RETRY: 'loading' },
    },
    browsing: {
      initial: 'route',
      on: {
        TAB: { target: '.route', reenter: true, actions: 'selectTab' },
        OPEN_SEARCH: { target: 'searching', actions: assign({ ...FRESH_SEARCH, isKeyboardOpen: true }) },
        OPEN_ITEM: { target: 'reading', actions: assign(({ event }) => ({ code: event.code, returnTo: 'browsing' as const })) },
      },
      states: {
        route: {
          always: [{ guard: 'hasList', target: 'list' }, { target: 'tiles' }],
        },
        tiles: {
          on: {
            OPEN_DEPARTMENT: { target: 'list', actions: 'openDepartment' },
            OPEN_LIFE_EVENT: { target: 'list', actions: 'openLifeEvent' },
            NEXT_PAGE: { guard: 'hasNextTiles', actions: assign(({ context }) => ({ tilePage: context.tilePage + 1 })) },
            PREV_PAGE: { guard: 'hasPrevTiles', actions: assign(({ context }) => ({ tilePage: context.tilePage - 1 })) },
          },
        },
        list: {
          initial: 'route',
          on: {
            BACK: { guard: 'canLeaveList', target: 'tiles', actions: assign({ filter: null, items: [], total: 0, page: 0 }) },
            NEXT_PAGE: { guard: 'hasNextPage', target: '.loading', actions: assign(({ context }) => ({ page: context.page + 1 })) },
            PREV_PAGE: { guard: 'hasPrevPage', target: '.loading', actions: assign(({ context }) => ({ page: context.page - 1 })) },
            CONFIGURE: { target: '.loading', actions: 'configure' },
          },
          states: {
            // Back from a guide: the page is still in the context.
            route: {
              always: [{ guard: ({ context }) => context.items.length > 0, target: 'ready' }, { target: 'loading' }],
            },
            loading: {
              entry: 'clearFailure',
              invoke: {
                src: 'listItems',
                input: ({ context }) => ({
                  filter: context.filter ?? { kind: 'popular' },
                  offset: context.page * context.pageSize,
                  limit: context.pageSize,
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: 'ready',
                    actions: assign(({ event }) =>
                      event.output.ok ? { items: event.output.value.items, total: event.output.value.total } : {},
                    ),
                  },
                  { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
                ],
                onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
              },
              after: { callTimeout: { target: 'failed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
            },
            ready: {},
            failed: {
              on: { RETRY: 'loading' },
            },
          },
        },
      },
    },
    searching: {
      type: 'parallel',
      on: {
        KEY: { actions: 'applyKey' },
        CANDIDATE: { actions: 'applyCandidate' },
        TYPE: { actions: 'applyTyping' },
        // The page size of the hits changes with the keyboard: back to the first page.
        OPEN_KEYBOARD: { actions: assign({ isKeyboardOpen: true, hitsPage: 0 }) },
        CLOSE_KEYBOARD: { actions: assign({ isKeyboardOpen: false, hitsPage: 0 }) },
        NEXT_PAGE: { guard: 'hasNextHits', actions: assign(({ context }) => ({ hitsPage: context.hitsPage + 1 })) },
        PREV_PAGE: { guard: 'hasPrevHits', actions: assign(({ context }) => ({ hitsPage: context.hitsPage - 1 })) },
        BACK: { target: 'browsing', actions: assign({ ...FRESH_SEARCH, isKeyboardOpen: false }) },
        OPEN_ITEM: {
          target: 'reading',
          actions: assign(({ event }) => ({ code: event.code, returnTo: 'searching' as const, isKeyboardOpen: false })),
        },
      },
      states: {
        results: {
          initial: 'route',
          on: {
            QUERY_CHANGED: [
              { guard: 'isQueryEmpty', target: '.idle', actions: 'clearHits' },
              { target: '.debouncing' },
            ],
          },
          states: {
            route: {
              always: [
                { guard: 'isQueryEmpty', target: 'idle' },
                { guard: 'isSearched', target: 'ready' },
                { target: 'querying' },
              ],
            },
            idle: {},
            debouncing: {
              after: { searchDebounce: 'querying' },
              // Each keystroke starts the pause again.
              on: {
                QUERY_CHANGED: [
                  { guard: 'isQueryEmpty', target: 'idle', actions: 'clearHits' },
                  { target: 'debouncing', reenter: true },
                ],
              },
            },
            querying: {
              entry: 'clearFailure',
              invoke: {
                src: 'search',
                input: ({ context }) => ({ query: queryOf(context.input) }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: 'ready',
                    actions: assign(({ context, event }) =>
                      event.output.ok
                        ? {
                            hits: event.output.value.hits,
                            hitsTotal: event.output.value.total,
                            hitsPage: 0,
                            searchedQuery: queryOf(context.input),
                          }
                        : {},
                    ),
                  },
                  { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
                ],
                onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
              },
              after: { callTimeout: { target: 'failed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
            },
            ready: {},
            failed: {
              on: { RETRY: 'querying' },
            },
          },
        },
        candidates: {
          initial: 'idle',
          on: {
            COMPOSITION_CHANGED: [{ guard: 'isComposing', target: '.loading' }, { target: '.idle', actions: 'clearCandidates' }],
          },
          states: {
            idle: {},
            loading: {
              // A letter more while asking: ask again for the longer pinyin.
              on: {
                COMPOSITION_CHANGED: [
                  { guard: 'isComposing', target: 'loading', reenter: true },
                  { target: 'idle', actions: 'clearCandidates' },
                ],
              },
              invoke: {
                src: 'candidates',
                input: ({ context }) => ({ pinyin: context.input.composition }),
                onDone: {
                  target: 'idle',
                  actions: assign(({ event }) => ({ candidates: event.output.ok ? event.output.value.candidates : [] })),
                },
                onError: { target: 'idle', actions: assign({ candidates: [] }) },
              },
            },
          },
        },
      },
    },
    reading: {
      // Not on exit: TAKE_TICKET reads the guide after the state is left.
      entry: assign({ guide: null, notice: null }),
      initial: 'loading',
      on: {
        BACK: [
          { guard: 'returnsToSearch', target: 'searching', actions: 'forgetGuide' },
          { target: 'browsing', actions: 'forgetGuide' },
        ],
        TAKE_TICKET: {
          guard: 'hasGuide',
          target: 'done',
          actions: assign(({ context }) => ({ ticketCategoryId: context.guide?.queueCategoryId ?? null })),
        },
        APPLY: {
          guard: 'isKioskApplicable',
          target: 'done',
          actions: assign(({ context }) => ({ applyItemCode: context.guide?.code ?? null })),
        },
      },
      states: {
        loading: {
          entry: 'clearFailure',
          invoke: {
            src: 'loadGuide',
            input: ({ context }) => ({ code: context.code ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'ready',
                actions: assign(({ event }) => ({ guide: event.output.ok ? event.output.value : null })),
              },
              { target: 'failed', actions: assign(({ event }) => ({ failure: failureOf(event.output) })) },
            ],
            onError: { target: 'failed', actions: assign({ failure: TRANSPORT_FAILURE }) },
          },
          after: { callTimeout: { target: 'failed', actions: assign({ failure: TIMEOUT_FAILURE }) } },
        },
        failed: {
          on: { RETRY: 'loading' },
        },
        ready: {
          initial: 'idle',
          states: {
            idle: {
              on: { PRINT_CHECKLIST: 'printingChecklist', PRINT_GUIDE: 'printingGuide' },
            },
            printingChecklist: {
              entry: assign({ notice: null }),
              invoke: {
                src: 'printChecklist',
                input: ({ context }) => ({ code: context.code ?? '' }),
                onDone: { target: 'toast', actions: assign(({ event }) => ({ notice: checklistNotice(event.output) })) },
                onError: { target: 'toast', actions: assign({ notice: CHECKLIST_FAILED }) },
              },
              after: { printTimeout: { target: 'toast', actions: assign({ notice: CHECKLIST_FAILED }) } },
            },
            printingGuide: {
              entry: assign({ notice: null }),
              invoke: {
                src: 'printGuide',
                input: ({ context }) => ({ code: context.code ?? '' }),
                onDone: { target: 'toast', actions: assign(({ event }) => ({ notice: guideNotice(event.output) })) },
                onError: { target: 'toast', actions: assign({ notice: GUIDE_FAILED }) },
              },
              after: { printTimeout: { target: 'toast', actions: assign({ notice: GUIDE_FAILED }) } },
            },
            toast: {
              after: { toastTimeout: { target: 'idle', actions: assign({ notice: null }) } },
              on: {
                DISMISS: { target: 'idle', actions: assign({ notice: null }) },
                PRINT_CHECKLIST: 'printingChecklist',
                PRINT_GUIDE: 'printingGuide',
              },
            },
          },
        },
      },
    },
    done: {
      type: 'final',
    },
  },
  output: ({ context }): GuideOutput => {
    if (context.isEvaluating) return { reason: 'evaluate' };
    if (context.applyItemCode !== null) return { reason: 'apply', itemCode: context.applyItemCode };
    return context.ticketCategoryId === null ? { reason: 'home' } : { reason: 'takeTicket', categoryId: context.ticketCategoryId };
  },
});

export type GuideMachine = typeof guideMachine;
export type GuideSnapshot = SnapshotFrom<GuideMachine>;
export type GuideActorRef = ActorRefFrom<GuideMachine>;
