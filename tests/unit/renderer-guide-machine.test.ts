import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, waitFor } from 'xstate';
import { type FakeKiosk, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { provideGuideKiosk } from '../../renderer/flows/guide-kiosk';
import {
  CALL_TIMEOUT_MS,
  DEFAULT_GUIDE_INPUT,
  type GuideInput,
  SEARCH_DEBOUNCE_MS,
  TOAST_SECONDS,
  checklistNotice,
  guideNotice,
  hitsPageSize,
  listArgument,
} from '../../renderer/flows/guide-types';
import { TestClock } from './renderer-test-clock';

function start(options: { readonly input?: Partial<GuideInput>; readonly setup?: (fake: FakeKiosk) => void } = {}) {
  const fake = createFakeKiosk();
  options.setup?.(fake);
  const clock = new TestClock();
  const actor = createActor(provideGuideKiosk(fake.kiosk), { input: { ...DEFAULT_GUIDE_INPUT, ...options.input }, clock });
  actor.start();
  return { fake, clock, actor };
}

function reach(actor: AnyActorRef, state: unknown): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: unknown) => boolean }) => snapshot.matches(state));
}

function callsOf(fake: FakeKiosk, method: string): unknown[] {
  return fake.control.calls.filter((call) => call.method === method).map((call) => call.arg);
}

describe('guide machine: browsing', () => {
  it('loads the summary and 热门事项 first, popular items before the rest', async () => {
    const { actor, fake } = start();
    expect(actor.getSnapshot().matches('loading')).toBe(true);
    await reach(actor, { browsing: { list: 'ready' } });
    const { context } = actor.getSnapshot();
    expect(context.summary?.departments.map((d) => d.shortName)).toEqual(['公安', '不动产', '人社', '市场监管']);
    expect(context.tab).toBe('popular');
    expect(context.items.every((item) => item.isPopular)).toBe(true);
    expect(context.total).toBe(7);
    expect(context.suggestions).toHaveLength(4);
    expect(callsOf(fake, 'catalogue.list')).toContainEqual({ isPopular: true, offset: 0, limit: 8 });
  });

  it('shows department tiles, then a department’s list, and BACK to the tiles', async () => {
    const { actor, fake } = start();
    await reach(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'TAB', tab: 'department' });
    expect(actor.getSnapshot().matches({ browsing: 'tiles' })).toBe(true);
    actor.send({ type: 'OPEN_DEPARTMENT', id: 'real-estate' });
    await reach(actor, { browsing: { list: 'ready' } });
    expect(actor.getSnapshot().context.filter).toEqual({ kind: 'department', id: 'real-estate', name: '不动产' });
    expect(actor.getSnapshot().context.items.map((item) => item.code)).toEqual([
      '320700-BDC-0003',
      '320700-BDC-0001',
      '320700-BDC-0002',
    ]);
    expect(callsOf(fake, 'catalogue.list').at(-1)).toEqual({ departmentId: 'real-estate', offset: 0, limit: 8 });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ browsing: 'tiles' })).toBe(true);
  });

  it('lists a life event of the 个人 and 法人 tabs', async () => {
    const { actor } = start();
    await reach(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'TAB', tab: 'legalPerson' });
    actor.send({ type: 'OPEN_LIFE_EVENT', id: 'business-start' });
    await reach(actor, { browsing: { list: 'ready' } });
    expect(actor.getSnapshot().context.items.map((item) => item.name)).toEqual(['企业设立登记']);
    expect(actor.getSnapshot().context.filter).toMatchObject({ kind: 'lifeEvent', name: '企业开办' });
  });

  it('pages with 上一页 / 下一页 within bounds, fewer a page in 关怀模式', async () => {
    const { actor, fake } = start({ input: { pageSize: 4 } });
    await reach(actor, { browsing: { list: 'ready' } });
    expect(actor.getSnapshot().context.items).toHaveLength(4);
    actor.send({ type: 'PREV_PAGE' });
    expect(actor.getSnapshot().context.page).toBe(0);
    actor.send({ type: 'NEXT_PAGE' });
    await reach(actor, { browsing: { list: 'ready' } });
    expect(actor.getSnapshot().context.page).toBe(1);
    expect(actor.getSnapshot().context.items).toHaveLength(3);
    actor.send({ type: 'NEXT_PAGE' });
    expect(actor.getSnapshot().context.page).toBe(1);
    expect(callsOf(fake, 'catalogue.list').at(-1)).toEqual({ isPopular: true, offset: 4, limit: 4 });
  });

  it('goes back to the first page with the new size when the theme changes', async () => {
    const { actor, fake } = start({ input: { pageSize: 4 } });
    await reach(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'NEXT_PAGE' });
    await reach(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'CONFIGURE', pageSize: 8, tilePageSize: 12, toastSeconds: TOAST_SECONDS });
    await reach(actor, { browsing: { list: 'ready' } });
    expect(actor.getSnapshot().context.page).toBe(0);
    expect(callsOf(fake, 'catalogue.list').at(-1)).toEqual({ isPopular: true, offset: 0, limit: 8 });
  });

  it('says when the catalogue cannot be loaded (the core not ready) and retries', async () => {
    const { actor, fake } = start({
      setup: (f) => f.control.setCatalogueError({ code: 'unavailable', message: '办事指南服务暂未开通' }),
    });
    await reach(actor, 'loadFailed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '办事指南服务暂未开通' });
    fake.control.setCatalogueError(null);
    actor.send({ type: 'RETRY' });
    await reach(actor, { browsing: { list: 'ready' } });
  });

  it('gives up on a core that does not answer', () => {
    const { kiosk } = createFakeKiosk();
    const silent = { ...kiosk, catalogue: { ...kiosk.catalogue, summary: () => new Promise<never>(() => undefined) } };
    const clock = new TestClock();
    const actor = createActor(provideGuideKiosk(silent), { input: DEFAULT_GUIDE_INPUT, clock });
    actor.start();
    clock.advance(CALL_TIMEOUT_MS);
    expect(actor.getSnapshot().matches('loadFailed')).toBe(true);
    expect(actor.getSnapshot().context.failure?.code).toBe('timeout');
  });
});

describe('guide machine: search', () => {
  async function searching() {
    const started = start();
    await reach(started.actor, { browsing: { list: 'ready' } });
    started.actor.send({ type: 'OPEN_SEARCH' });
    return started;
  }

  it('opens with the keyboard and nothing searched', async () => {
    const { actor } = await searching();
    expect(actor.getSnapshot().context.isKeyboardOpen).toBe(true);
    expect(actor.getSnapshot().matches({ searching: { results: 'idle' } })).toBe(true);
  });

  it('searches the typed pinyin once typing pauses, and offers candidates as it goes', async () => {
    const { actor, fake, clock } = await searching();
    for (const key of ['b', 'd', 'c'] as const) actor.send({ type: 'KEY', key });
    expect(actor.getSnapshot().matches({ searching: { results: 'debouncing' } })).toBe(true);
    clock.advance(SEARCH_DEBOUNCE_MS - 1);
    expect(callsOf(fake, 'catalogue.search')).toEqual([]);
    clock.advance(1);
    await reach(actor, { searching: { results: 'ready', candidates: 'idle' } });
    expect(callsOf(fake, 'catalogue.search')).toEqual([{ query: 'bdc', limit: 40 }]);
    const { context } = actor.getSnapshot();
    expect(context.hits.map((hit) => hit.name)).toEqual(['不动产转移登记', '不动产登记资料查询', '不动产抵押登记']);
    expect(context.hits[0]?.highlights).toEqual([[0, 3]]);
    expect(context.candidates[0]).toBe('不动产');
    expect(callsOf(fake, 'catalogue.candidates').at(-1)).toEqual({ pinyin: 'bdc', limit: 20 });
  });

  it('turns a candidate into the word and searches again', async () => {
    const { actor, fake, clock } = await searching();
    for (const key of ['s', 'f', 'z'] as const) actor.send({ type: 'KEY', key });
    await reach(actor, { searching: { candidates: 'idle' } });
    actor.send({ type: 'CANDIDATE', candidate: '身份证' });
    expect(actor.getSnapshot().context.input).toMatchObject({ text: '身份证', composition: '' });
    expect(actor.getSnapshot().context.candidates).toEqual([]);
    clock.advance(SEARCH_DEBOUNCE_MS);
    await reach(actor, { searching: { results: 'ready' } });
    expect(callsOf(fake, 'catalogue.search')).toEqual([{ query: '身份证', limit: 40 }]);
    expect(actor.getSnapshot().context.searchedQuery).toBe('身份证');
  });

  it('takes hardware typing, and clears the results when the field is emptied', async () => {
    const { actor, clock } = await searching();
    actor.send({ type: 'TYPE', value: 'yyzz' });
    clock.advance(SEARCH_DEBOUNCE_MS);
    await reach(actor, { searching: { results: 'ready' } });
    expect(actor.getSnapshot().context.hits[0]).toMatchObject({ name: '企业设立登记', matchedKeyword: '营业执照' });
    actor.send({ type: 'KEY', key: 'clear' });
    expect(actor.getSnapshot().matches({ searching: { results: 'idle' } })).toBe(true);
    expect(actor.getSnapshot().context.hits).toEqual([]);
  });

  it('closes and opens the keyboard; hits are paged by half while it is open', async () => {
    const { actor } = await searching();
    actor.send({ type: 'KEY', key: 'close' });
    expect(actor.getSnapshot().context.isKeyboardOpen).toBe(false);
    expect(hitsPageSize(actor.getSnapshot().context)).toBe(8);
    actor.send({ type: 'OPEN_KEYBOARD' });
    expect(hitsPageSize(actor.getSnapshot().context)).toBe(4);
  });

  it('shows a failed search and searches again on RETRY', async () => {
    const { actor, fake, clock } = await searching();
    fake.control.setCatalogueError({ code: 'unavailable', message: '请稍后再试' });
    actor.send({ type: 'TYPE', value: 'sfz' });
    clock.advance(SEARCH_DEBOUNCE_MS);
    await reach(actor, { searching: { results: 'failed' } });
    fake.control.setCatalogueError(null);
    actor.send({ type: 'RETRY' });
    await reach(actor, { searching: { results: 'ready' } });
  });

  it('returns from a guide to the same results, and BACK leaves search fresh', async () => {
    const { actor, clock } = await searching();
    actor.send({ type: 'TYPE', value: 'bdc' });
    clock.advance(SEARCH_DEBOUNCE_MS);
    await reach(actor, { searching: { results: 'ready' } });
    actor.send({ type: 'OPEN_ITEM', code: '320700-BDC-0001' });
    await reach(actor, { reading: 'ready' });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ searching: { results: 'ready' } })).toBe(true);
    expect(actor.getSnapshot().context.hits).toHaveLength(3);
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ browsing: { list: 'ready' } })).toBe(true);
    actor.send({ type: 'OPEN_SEARCH' });
    expect(actor.getSnapshot().context.input.text).toBe('');
  });
});

describe('guide machine: reading and printing', () => {
  async function reading(setup?: (fake: FakeKiosk) => void) {
    const started = start(setup ? { setup } : {});
    await reach(started.actor, { browsing: { list: 'ready' } });
    started.actor.send({ type: 'OPEN_ITEM', code: '320700-BDC-0001' });
    await reach(started.actor, { reading: 'ready' });
    return started;
  }

  it('loads the guide and goes back to the same list page', async () => {
    const { actor, fake } = await reading();
    expect(actor.getSnapshot().context.guide?.name).toBe('不动产转移登记');
    const lists = callsOf(fake, 'catalogue.list').length;
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ browsing: { list: 'ready' } })).toBe(true);
    expect(callsOf(fake, 'catalogue.list')).toHaveLength(lists);
    expect(actor.getSnapshot().context.guide).toBeNull();
  });

  it('prints the checklist, shows the outcome, and hides it after the toast time', async () => {
    const { actor, clock, fake } = await reading();
    actor.send({ type: 'PRINT_CHECKLIST' });
    expect(actor.getSnapshot().matches({ reading: { ready: 'printingChecklist' } })).toBe(true);
    actor.send({ type: 'PRINT_GUIDE' });
    expect(callsOf(fake, 'printing.printGuide')).toEqual([]);
    await reach(actor, { reading: { ready: 'toast' } });
    expect(actor.getSnapshot().context.notice).toEqual({ kind: 'checklist', status: 'printed' });
    expect(callsOf(fake, 'printing.printChecklist')).toEqual([{ code: '320700-BDC-0001' }]);
    clock.advance(TOAST_SECONDS * 1_000);
    expect(actor.getSnapshot().matches({ reading: { ready: 'idle' } })).toBe(true);
    expect(actor.getSnapshot().context.notice).toBeNull();
  });

  it('prints the guide on A4 and says how many pages; DISMISS hides it', async () => {
    const { actor } = await reading();
    actor.send({ type: 'PRINT_GUIDE' });
    await reach(actor, { reading: { ready: 'toast' } });
    expect(actor.getSnapshot().context.notice).toEqual({ kind: 'guide', status: 'printed', pages: 3 });
    actor.send({ type: 'DISMISS' });
    expect(actor.getSnapshot().context.notice).toBeNull();
  });

  it('passes on why a print failed', async () => {
    const { actor } = await reading((fake) => {
      fake.control.setPrintFailure('打印机缺纸');
      fake.control.setA4Failure('A4打印机卡纸');
    });
    actor.send({ type: 'PRINT_CHECKLIST' });
    await reach(actor, { reading: { ready: 'toast' } });
    expect(actor.getSnapshot().context.notice).toEqual({ kind: 'checklist', status: 'failed', reason: '打印机缺纸' });
    actor.send({ type: 'PRINT_GUIDE' });
    await reach(actor, { reading: { ready: 'toast' } });
    expect(actor.getSnapshot().context.notice).toEqual({ kind: 'guide', status: 'failed', reason: 'A4打印机卡纸' });
  });

  it('ends with 取号 for the item’s queue category', async () => {
    const { actor } = await reading();
    actor.send({ type: 'TAKE_TICKET' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ reason: 'takeTicket', categoryId: 'real-estate' });
  });

  it('ends as home on HOME, from anywhere', async () => {
    const { actor } = await reading();
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('shows a guide that cannot be loaded, and retries', async () => {
    const { actor, fake } = start();
    await reach(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'OPEN_ITEM', code: '320700-XX-9999' });
    await reach(actor, { reading: 'failed' });
    expect(actor.getSnapshot().context.failure?.code).toBe('notFound');
    actor.send({ type: 'TAKE_TICKET' });
    expect(actor.getSnapshot().status).toBe('active');
    actor.send({ type: 'RETRY' });
    await reach(actor, { reading: 'failed' });
    expect(callsOf(fake, 'catalogue.guide')).toHaveLength(2);
  });
});

describe('guide helpers', () => {
  it('maps filters to catalogue.list arguments', () => {
    const page = { offset: 8, limit: 8 };
    expect(listArgument({ filter: { kind: 'popular' }, ...page })).toEqual({ isPopular: true, ...page });
    expect(listArgument({ filter: { kind: 'department', id: 'tax', name: '税务' }, ...page })).toEqual({ departmentId: 'tax', ...page });
    expect(listArgument({ filter: { kind: 'lifeEvent', id: 'birth', name: '出生' }, ...page })).toEqual({ lifeEventId: 'birth', ...page });
  });

  it('turns print answers into notices', () => {
    expect(checklistNotice({ ok: true, value: { print: { status: 'notPrinted' } } })).toEqual({
      kind: 'checklist',
      status: 'failed',
      reason: null,
    });
    expect(checklistNotice({ ok: false, error: { code: 'unavailable', message: '' } })).toMatchObject({ reason: null });
    expect(guideNotice({ ok: false, error: { code: 'unavailable', message: '打印服务暂未开通' } })).toEqual({
      kind: 'guide',
      status: 'failed',
      reason: '打印服务暂未开通',
    });
  });
});
