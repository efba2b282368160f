/**
 * Types, constants and pure helpers of the 办事指南 journey (guide-machine.ts runs it).
 */
import type { CatalogueSummary, GuideView, IpcResult, ItemSummary, KioskApi, MethodValues, SearchHit } from '../../electron/ipc/contract';
import type { KeyboardKey, SearchInput } from './search-input';

/** Typing pauses this long before the query goes to the core. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Hits asked for per query; they are paged on the screen. */
export const SEARCH_LIMIT = 40;
export const CANDIDATE_LIMIT = 20;
/** Popular items offered on the search screen before typing and when nothing matched. */
export const SUGGESTION_LIMIT = 4;
/** A catalogue call still unanswered after this is shown as failed. */
export const CALL_TIMEOUT_MS = 15_000;
/** A print still unanswered after this is shown as failed (paper feed, A4 spooling). */
export const PRINT_TIMEOUT_MS = 45_000;
/** How long a print outcome stays on the screen; 关怀模式 stretches it. */
export const TOAST_SECONDS = 10;

export type GuideTab = 'popular' | 'department' | 'personal' | 'legalPerson';
export const GUIDE_TABS: readonly GuideTab[] = ['popular', 'department', 'personal', 'legalPerson'];

/** What the list shows: 热门事项, one department, or one life event (一件事). */
export type BrowseFilter =
  | { readonly kind: 'popular' }
  | { readonly kind: 'department'; readonly id: string; readonly name: string }
  | { readonly kind: 'lifeEvent'; readonly id: string; readonly name: string };

export interface GuideFailure {
  readonly code: string;
  /** Polite Chinese from the core; null when the screen uses its own text. */
  readonly message: string | null;
}

export type PrintNotice =
  | { readonly kind: 'checklist'; readonly status: 'printed' }
  | { readonly kind: 'guide'; readonly status: 'printed'; readonly pages: number }
  | { readonly kind: 'checklist' | 'guide'; readonly status: 'failed'; readonly reason: string | null };

export interface GuideInput {
  readonly pageSize: number;
  readonly tilePageSize: number;
  readonly toastSeconds: number;
}

export const DEFAULT_GUIDE_INPUT: GuideInput = { pageSize: 8, tilePageSize: 12, toastSeconds: TOAST_SECONDS };

export interface GuideContext extends GuideInput {
  readonly summary: CatalogueSummary | null;
  readonly suggestions: readonly ItemSummary[];
  readonly tab: GuideTab;
  readonly tilePage: number;
  /** The list on screen; null shows the tab's tiles. */
  readonly filter: BrowseFilter | null;
  readonly page: number;
  readonly items: readonly ItemSummary[];
  readonly total: number;
  readonly input: SearchInput;
  readonly isKeyboardOpen: boolean;
  readonly candidates: readonly string[];
  /** The query the hits answer. */
  readonly searchedQuery: string;
  readonly hits: readonly SearchHit[];
  readonly hitsTotal: number;
  readonly hitsPage: number;
  readonly code: string | null;
  readonly guide: GuideView | null;
  readonly returnTo: 'browsing' | 'searching';
  readonly notice: PrintNotice | null;
  readonly failure: GuideFailure | null;
  readonly ticketCategoryId: string | null;
  /** 我要申办 was tapped on this item's guide: the application follows in the same session. */
  readonly applyItemCode: string | null;
  /** 评价本次服务 was tapped: the evaluation follows in the same session. */
  readonly isEvaluating: boolean;
}

export type GuideEvent =
  | { readonly type: 'RETRY' }
  | { readonly type: 'TAB'; readonly tab: GuideTab }
  | { readonly type: 'OPEN_DEPARTMENT'; readonly id: string }
  | { readonly type: 'OPEN_LIFE_EVENT'; readonly id: string }
  | { readonly type: 'NEXT_PAGE' }
  | { readonly type: 'PREV_PAGE' }
  | { readonly type: 'BACK' }
  | { readonly type: 'OPEN_SEARCH' }
  | { readonly type: 'KEY'; readonly key: KeyboardKey }
  | { readonly type: 'CANDIDATE'; readonly candidate: string }
  /** The field's value after typing on a hardware keyboard. */
  | { readonly type: 'TYPE'; readonly value: string }
  | { readonly type: 'OPEN_KEYBOARD' }
  | { readonly type: 'CLOSE_KEYBOARD' }
  | { readonly type: 'OPEN_ITEM'; readonly code: string }
  | { readonly type: 'PRINT_CHECKLIST' }
  | { readonly type: 'PRINT_GUIDE' }
  | { readonly type: 'DISMISS' }
  | { readonly type: 'TAKE_TICKET' }
  /** 我要申办 (items applicable at the kiosk): the journey ends and the application follows. */
  | { readonly type: 'APPLY' }
  /** 评价本次服务: the journey ends and the evaluation follows. */
  | { readonly type: 'EVALUATE' }
  | { readonly type: 'HOME' }
  | ({ readonly type: 'CONFIGURE' } & GuideInput)
  /** Raised inside: the query or the composition changed. */
  | { readonly type: 'QUERY_CHANGED' }
  | { readonly type: 'COMPOSITION_CHANGED' };

export type GuideOutput =
  | { readonly reason: 'home' }
  | { readonly reason: 'evaluate' }
  | { readonly reason: 'takeTicket'; readonly categoryId: string }
  | { readonly reason: 'apply'; readonly itemCode: string };

export interface ListRequest {
  readonly filter: BrowseFilter;
  readonly offset: number;
  readonly limit: number;
}

export type ListValue = MethodValues['catalogue.list'];
export type SearchValue = MethodValues['catalogue.search'];
/** What the journey loads first: the summary for the tiles, and suggestions for the search screen. */
export type StartValue = { readonly summary: CatalogueSummary; readonly suggestions: readonly ItemSummary[] };

export const TRANSPORT_FAILURE: GuideFailure = { code: 'transport', message: null };
export const TIMEOUT_FAILURE: GuideFailure = { code: 'timeout', message: null };

/**
 * Hits on one page of the results: half as many while the keyboard takes half the screen,
 * so a page still fits without scrolling.
 */
export function hitsPageSize(context: { readonly pageSize: number; readonly isKeyboardOpen: boolean }): number {
  return context.isKeyboardOpen ? Math.max(2, Math.ceil(context.pageSize / 2)) : context.pageSize;
}

export function failureOf(result: IpcResult<unknown>): GuideFailure {
  return result.ok ? TRANSPORT_FAILURE : { code: result.error.code, message: result.error.message || null };
}

export const CHECKLIST_FAILED: PrintNotice = { kind: 'checklist', status: 'failed', reason: null };
export const GUIDE_FAILED: PrintNotice = { kind: 'guide', status: 'failed', reason: null };

/** What to tell the citizen after `printing.printChecklist`. */
export function checklistNotice(result: IpcResult<MethodValues['printing.printChecklist']>): PrintNotice {
  if (!result.ok) return { kind: 'checklist', status: 'failed', reason: result.error.message || null };
  const { print } = result.value;
  if (print.status === 'printed') return { kind: 'checklist', status: 'printed' };
  // `notPrinted` means nothing reached the printer: for a checklist that is a failure too.
  return { kind: 'checklist', status: 'failed', reason: print.status === 'failed' ? print.reason : null };
}

/** What to tell the citizen after `printing.printGuide`. */
export function guideNotice(result: IpcResult<MethodValues['printing.printGuide']>): PrintNotice {
  if (!result.ok) return { kind: 'guide', status: 'failed', reason: result.error.message || null };
  const { print } = result.value;
  return print.status === 'printed' ? { kind: 'guide', status: 'printed', pages: print.pages } : { kind: 'guide', status: 'failed', reason: print.reason };
}

/** `catalogue.list` arguments for a filter and page. */
export function listArgument(request: ListRequest): Parameters<KioskApi['catalogue']['list']>[0] {
  const page = { offset: request.offset, limit: request.limit };
  switch (request.filter.kind) {
    case 'popular':
      return { isPopular: true, ...page };
    case 'department':
      return { departmentId: request.filter.id, ...page };
    case 'lifeEvent':
      return { lifeEventId: request.filter.id, ...page };
  }
}
