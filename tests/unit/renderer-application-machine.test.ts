/**
 * 自助申办 (renderer/flows/application-machine.ts) against the fake core: every path from
 * the 须知 to the end — in person and 代办, with and without a 告知承诺书, complete
 * (submitted, with its result) and incomplete (the one-time notice) — enumerated and walked
 * one by one, then 上一步 keeping what was entered, the cards, the embedded capture, the
 * core's refusals and failures, the receipt reprint, and 返回首页 wiping the draft.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, fromPromise, waitFor } from 'xstate';
import type { ApplicationSubmitted, IpcResult } from '../../electron/ipc/contract';
import { type FakeKiosk, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { APPLICATION_SYSTEM_ID, type ApplicationActorRef, provideApplicationKiosk } from '../../renderer/flows/application-machine';
import { APPLICATION_SUBMIT_TIMEOUT_MS, type ApplicationInput, stepsOf } from '../../renderer/flows/application-types';
import { provideGuideKiosk } from '../../renderer/flows/guide-kiosk';
import { DEFAULT_GUIDE_INPUT } from '../../renderer/flows/guide-types';
import { TestClock } from './renderer-test-clock';

/** 失业保险金申领: 代办 allowed, 告知承诺书, 身份证 (captured), 离职证明 (shared), 银行卡 (容缺). */
const UNEMPLOYMENT = '320700-RS-0001';
/** 居民身份证换领: in person only, no commitment, 身份证 (captured), 户口簿 (shared), 照片 (conditional). */
const ID_RENEWAL = '320700-GA-0001';
/** Monday 24 November 2025, 10:00 in the hall. */
const NOW = Date.UTC(2025, 10, 24, 2, 0, 0);

const UNEMPLOYMENT_FORM = {
  phone: '13800001234',
  leftOn: '2025-10-31',
  leavingReason: 'contractEnded',
  months: '36',
  address: '连云港市海州区朝阳东路32号',
};
const ID_RENEWAL_FORM = { reason: 'expired', phone: '13900002345', mailAddress: '' };
/** Enough ink for the core to count it a signature. */
const SIGNATURE = { aspect: 3, strokes: [[0.1, 0.2, 0.2, 0.5, 0.3, 0.3, 0.4, 0.6, 0.5, 0.4, 0.6, 0.7, 0.7, 0.5, 0.8, 0.6]] };

interface Started {
  readonly fake: FakeKiosk;
  readonly clock: TestClock;
  readonly actor: ApplicationActorRef;
}

function isIn(actor: AnyActorRef, state: string | Record<string, unknown>): Promise<unknown> {
  return waitFor(actor, (snapshot: { matches: (value: unknown) => boolean }) => snapshot.matches(state));
}

async function start(itemCode: string, setup?: (fake: FakeKiosk) => void, input: Partial<ApplicationInput> = {}): Promise<Started> {
  const fake = createFakeKiosk({ now: () => NOW, cardReadDelayMs: 0, capture: { previewIntervalMs: 0 } });
  setup?.(fake);
  await fake.kiosk.session.begin({});
  const clock = new TestClock();
  const actor = createActor(provideApplicationKiosk(fake.kiosk), {
    input: { itemCode, isCareMode: false, timeFactor: 1, ...input },
    clock,
    systemId: APPLICATION_SYSTEM_ID,
  });
  actor.start();
  await waitFor(actor, (snapshot) => !snapshot.matches('beginning'));
  return { fake, clock, actor };
}

function methods(fake: FakeKiosk, prefix: string): string[] {
  return fake.control.calls.filter((call) => call.method.startsWith(prefix)).map((call) => call.method.slice(prefix.length));
}

/** Waits for the reader to read, puts the specimen on it, and confirms the card shown. */
async function readCard({ fake, actor }: Started, specimenId: string): Promise<void> {
  await isIn(actor, { cards: { live: 'reading' } });
  await waitFor(actor, () => fake.control.isReading());
  fake.control.removeCard();
  await fake.control.presentCard(specimenId);
  await isIn(actor, { cards: { live: 'confirming' } });
  actor.send({ type: 'CONFIRM_CARD' });
  await waitFor(actor, (snapshot) => !snapshot.matches({ cards: { live: 'taking' } }));
}

/** 拍摄 of a material in the embedded capture: every page it needs, then back to the list. */
async function capture({ actor }: Started, materialId: string): Promise<void> {
  actor.send({ type: 'CAPTURE', materialId });
  await isIn(actor, { materials: 'capturing' });
  const child = actor.getSnapshot().children.capture;
  if (!child) throw new Error('no capture');
  for (;;) {
    await waitFor(child, (snapshot) => snapshot.matches({ device: 'live' }) || snapshot.matches({ device: 'accepted' }) || snapshot.status === 'stopped');
    if (child.getSnapshot().status === 'stopped') break;
    if (child.getSnapshot().matches({ device: 'accepted' })) {
      child.send({ type: 'MATERIAL_DONE' });
      break;
    }
    child.send({ type: 'TAKE' });
    await waitFor(child, (snapshot) => snapshot.matches({ device: { review: 'ready' } }));
    child.send({ type: 'ACCEPT' });
    await waitFor(child, (snapshot) => !snapshot.matches({ device: 'review' }));
    if (!child.getSnapshot().matches('device')) break;
  }
  await isIn(actor, { materials: 'list' });
}

async function choose(started: Started, materialId: string, choice: 'notApplicable' | 'missing'): Promise<void> {
  started.actor.send({ type: 'CHOOSE', materialId, choice });
  await isIn(started.actor, { materials: 'list' });
}

async function defer({ actor }: Started, materialId: string, date?: string): Promise<void> {
  actor.send({ type: 'DEFER', materialId });
  if (date !== undefined) actor.send({ type: 'PICK_DATE', date });
  actor.send({ type: 'CONFIRM_DATE' });
  await isIn(actor, { materials: 'list' });
}

async function fillForm({ actor }: Started, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [fieldId, value] of Object.entries(values)) actor.send({ type: 'CHANGE', fieldId, value });
  actor.send({ type: 'NEXT' });
  await waitFor(actor, (snapshot) => !snapshot.matches({ form: 'saving' }));
}

function choiceOf({ actor }: Started, materialId: string): string | null {
  return actor.getSnapshot().context.materials.find((m) => m.materialId === materialId)?.choice ?? null;
}

/** One path through the journey, as the model below enumerates them. */
interface PathSpec {
  readonly itemCode: string;
  readonly hasAgent: boolean;
  readonly isComplete: boolean;
}

const PATHS: readonly PathSpec[] = [UNEMPLOYMENT, ID_RENEWAL].flatMap((itemCode) =>
  [false, true]
    // 居民身份证换领 must be applied for in person.
    .filter((hasAgent) => itemCode === UNEMPLOYMENT || !hasAgent)
    .flatMap((hasAgent) => [true, false].map((isComplete) => ({ itemCode, hasAgent, isComplete }))),
);

/** The screens a path shows, in order: what the step indicator must walk through. */
function expectedScreens(spec: PathSpec): string[] {
  const screens = ['intro', 'cards.applicant'];
  if (spec.hasAgent) screens.push('cards.agent');
  screens.push('materials');
  // Incomplete: nothing can be submitted, so no form and no commitment — the review offers the notice.
  if (spec.isComplete) screens.push('form');
  if (spec.isComplete && spec.itemCode === UNEMPLOYMENT) screens.push('commitment');
  screens.push('review', spec.isComplete ? 'result' : 'noticePrinted');
  return screens;
}

/** Walks `spec` from the 须知 to its end, noting each screen as it comes. */
async function walk(spec: PathSpec): Promise<{ readonly started: Started; readonly screens: string[] }> {
  const started = await start(spec.itemCode);
  const { actor } = started;
  const screens: string[] = [];
  const note = (screen: string): void => {
    if (screens.at(-1) !== screen) screens.push(screen);
  };
  note('intro');
  actor.send({ type: 'START', hasAgent: spec.hasAgent });
  await isIn(actor, { cards: 'live' });
  note('cards.applicant');
  await readCard(started, 'resident');
  if (spec.hasAgent) {
    note('cards.agent');
    expect(actor.getSnapshot().context.role).toBe('agent');
    await readCard(started, 'elder');
  }
  // The last card taken: straight on to the materials.
  await isIn(actor, { materials: 'list' });
  note('materials');
  await capture(started, 'id-card');
  if (spec.itemCode === UNEMPLOYMENT) {
    if (spec.isComplete) await defer(started, 'bank-card', '2025-12-05');
    else await choose(started, 'bank-card', 'missing');
  } else {
    await choose(started, 'photo', spec.isComplete ? 'notApplicable' : 'missing');
  }
  actor.send({ type: 'NEXT' });
  if (spec.isComplete) {
    await isIn(actor, { form: 'editing' });
    note('form');
    await fillForm(started, spec.itemCode === UNEMPLOYMENT ? UNEMPLOYMENT_FORM : ID_RENEWAL_FORM);
  }
  if (actor.getSnapshot().matches('commitment')) {
    note('commitment');
    actor.send({ type: 'SIGNATURE', signature: SIGNATURE });
    actor.send({ type: 'AGREE' });
  }
  await isIn(actor, { reviewing: 'ready' });
  note('review');
  if (spec.isComplete) {
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'result');
    note('result');
  } else {
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().matches({ reviewing: 'ready' })).toBe(true);
    actor.send({ type: 'PRINT_NOTICE' });
    await isIn(actor, 'noticePrinted');
    note('noticePrinted');
  }
  return { started, screens };
}

describe('application machine: the paths', () => {
  it('enumerates in person and 代办, with and without a commitment, complete and incomplete', () => {
    expect(PATHS.map((p) => `${p.itemCode} ${p.hasAgent ? 'agent' : 'self'} ${p.isComplete ? 'complete' : 'incomplete'}`)).toEqual([
      '320700-RS-0001 self complete',
      '320700-RS-0001 self incomplete',
      '320700-RS-0001 agent complete',
      '320700-RS-0001 agent incomplete',
      '320700-GA-0001 self complete',
      '320700-GA-0001 self incomplete',
    ]);
  });

  for (const spec of PATHS) {
    const name = `${spec.itemCode === UNEMPLOYMENT ? '失业保险金申领' : '居民身份证换领'}, ${spec.hasAgent ? '代办' : '本人'}, ${spec.isComplete ? 'complete → submitted' : 'incomplete → one-time notice'}`;
    it(name, async () => {
      const { started, screens } = await walk(spec);
      const { actor, fake } = started;
      expect(screens).toEqual(expectedScreens(spec));
      const { context } = actor.getSnapshot();
      expect(context.applicant).toMatchObject({ role: 'applicant', maskedName: '李**', maskedIdNumber: '3207**********2346' });
      expect(context.agent).toEqual(spec.hasAgent ? expect.objectContaining({ role: 'agent', maskedName: '张**' }) : null);
      // The application began the capture itself: this journey never calls capture.begin.
      expect(methods(fake, 'capture.')).not.toContain('begin');
      expect(methods(fake, 'capture.').slice(0, 1)).toEqual(['open']);
      if (spec.isComplete) {
        const submitted = context.submitted as ApplicationSubmitted;
        expect(submitted.caseNumber).toMatch(/^ZW20251124\d{6}$/u);
        expect(submitted.receipt).toEqual({ status: 'printed' });
        expect(fake.control.application.submitted).toHaveLength(1);
        expect(fake.control.application.submitted[0]?.isSigned).toBe(spec.itemCode === UNEMPLOYMENT);
        actor.send({ type: 'EVALUATE' });
        expect(actor.getSnapshot().output).toEqual({ reason: 'evaluate', caseNumber: submitted.caseNumber });
        // The evaluation that follows may rate the new case (the core's subjects.addCase).
        expect(await fake.kiosk.evaluation.begin({ journey: 'application', caseNumber: submitted.caseNumber ?? '' })).toMatchObject({ ok: true });
      } else {
        const missing = spec.itemCode === UNEMPLOYMENT ? '本人社会保障卡或银行卡' : '近期免冠证件照片';
        expect(context.review?.isComplete).toBe(false);
        expect(context.review?.missing.map((m) => m.name)).toEqual([missing]);
        expect(context.noticePrinted).toEqual({ notice: { status: 'printed', pages: 1 }, missing: [missing] });
        expect(methods(fake, 'application.')).not.toContain('submit');
        actor.send({ type: 'DONE' });
        expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
      }
    });
  }

  it('has a step for the commitment only where the item has one', () => {
    expect(stepsOf({ commitment: null })).toEqual(['intro', 'card', 'materials', 'form', 'review', 'done']);
    expect(stepsOf({ commitment: { title: '承诺书', clauses: ['一', '二'] } })).toContain('commitment');
  });
});

describe('application machine: back and forward', () => {
  it('keeps the cards, the choices, the form and the signature across 上一步 and 下一步', async () => {
    const started = await start(UNEMPLOYMENT);
    const { actor } = started;
    actor.send({ type: 'START', hasAgent: true });
    await readCard(started, 'resident');
    await readCard(started, 'elder');
    await isIn(actor, { materials: 'list' });
    await capture(started, 'id-card');
    await defer(started, 'bank-card');
    expect(choiceOf(started, 'bank-card')).toBe('deferred');
    // The first promise date offered: a week after the earliest, within the range.
    expect(actor.getSnapshot().context.materials.find((m) => m.materialId === 'bank-card')?.promiseDate).toBe('2025-12-01');
    actor.send({ type: 'NEXT' });
    await fillForm(started, UNEMPLOYMENT_FORM);
    await isIn(actor, { commitment: 'ready' });
    actor.send({ type: 'SIGNATURE', signature: SIGNATURE });
    actor.send({ type: 'AGREE' });
    await isIn(actor, { reviewing: 'ready' });

    // All the way back to the 须知 …
    actor.send({ type: 'BACK' });
    await isIn(actor, { commitment: 'ready' });
    expect(actor.getSnapshot().context.isSigned).toBe(true);
    actor.send({ type: 'BACK' });
    await isIn(actor, { form: 'editing' });
    expect(actor.getSnapshot().context.values).toEqual(UNEMPLOYMENT_FORM);
    actor.send({ type: 'BACK' });
    await isIn(actor, { materials: 'list' });
    expect([choiceOf(started, 'id-card'), choiceOf(started, 'leaving'), choiceOf(started, 'bank-card')]).toEqual(['captured', 'shared', 'deferred']);
    actor.send({ type: 'BACK' });
    await isIn(actor, { cards: 'summary' });
    expect(actor.getSnapshot().context.agent?.maskedName).toBe('张**');
    actor.send({ type: 'BACK' });
    await isIn(actor, 'intro');

    // … and forward again without reading, choosing, typing or signing anything anew.
    actor.send({ type: 'START', hasAgent: true });
    await isIn(actor, { cards: 'summary' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    await isIn(actor, { form: 'editing' });
    actor.send({ type: 'NEXT' });
    await isIn(actor, { commitment: 'ready' });
    actor.send({ type: 'AGREE' });
    await isIn(actor, { reviewing: 'ready' });
    expect(actor.getSnapshot().context.review).toMatchObject({ canSubmit: true, isSigned: true });
  });

  it('drops the agent when the citizen switches to 本人办理', async () => {
    const started = await start(UNEMPLOYMENT);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: true });
    await readCard(started, 'resident');
    await readCard(started, 'elder');
    await isIn(actor, { materials: 'list' });
    actor.send({ type: 'BACK' });
    await isIn(actor, { cards: 'summary' });
    actor.send({ type: 'BACK' });
    await isIn(actor, 'intro');
    actor.send({ type: 'START', hasAgent: false });
    await isIn(actor, { cards: 'summary' });
    expect(actor.getSnapshot().context.agent).toBeNull();
    expect(fake.control.calls.filter((c) => c.method === 'application.setAgent').map((c) => c.arg)).toEqual([{ hasAgent: true }, { hasAgent: false }]);
  });

  it('offers 代办 only where the item allows it', async () => {
    const { actor } = await start(ID_RENEWAL);
    expect(actor.getSnapshot().context.begun?.allowsAgent).toBe(false);
    actor.send({ type: 'START', hasAgent: true });
    expect(actor.getSnapshot().matches('intro')).toBe(true);
  });

  it('needs an answer for every material before the form', async () => {
    const started = await start(ID_RENEWAL);
    const { actor } = started;
    actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(actor, { materials: 'list' });
    expect(choiceOf(started, 'household')).toBe('shared');
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().matches({ materials: 'list' })).toBe(true);
    // A choice the material does not offer is not even sent.
    actor.send({ type: 'CHOOSE', materialId: 'id-card', choice: 'notApplicable' });
    expect(actor.getSnapshot().matches({ materials: 'list' })).toBe(true);
    await choose(started, 'id-card', 'missing');
    await choose(started, 'photo', 'notApplicable');
    // With a material missing nothing can be submitted: no form, the review with the notice.
    actor.send({ type: 'NEXT' });
    await isIn(actor, { reviewing: 'ready' });
    expect(actor.getSnapshot().context.review?.isComplete).toBe(false);
    actor.send({ type: 'BACK' });
    await isIn(actor, { materials: 'list' });
    await capture(started, 'id-card');
    actor.send({ type: 'NEXT' });
    await isIn(actor, { form: 'editing' });
  });
});

describe('application machine: the cards', () => {
  it("waits for the applicant's card to leave the reader before reading the agent's", async () => {
    const started = await start(UNEMPLOYMENT);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: true });
    await readCard(started, 'resident');
    await isIn(actor, { cards: { live: 'reading' } });
    // The applicant's card still lies on the reader and is read again: not the agent's.
    await waitFor(actor, (snapshot) => snapshot.context.cardNotice?.kind === 'applicantCard');
    expect(actor.getSnapshot().matches({ cards: { live: 'reading' } })).toBe(true);
    fake.control.removeCard();
    await waitFor(actor, (snapshot) => snapshot.context.cardNotice === null);
    await fake.control.presentCard('elder');
    await isIn(actor, { cards: { live: 'confirming' } });
    expect(actor.getSnapshot().context.card?.maskedName).toBe('张**');
  });

  it("refuses the applicant's own card as the agent's, in the core's words", async () => {
    const started = await start(UNEMPLOYMENT);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: true });
    await readCard(started, 'resident');
    await isIn(actor, { cards: { live: 'reading' } });
    await waitFor(actor, (snapshot) => snapshot.context.cardNotice?.kind === 'applicantCard');
    // Taken off and put down again: shown (masked views are a hint only), the core decides.
    fake.control.removeCard();
    await fake.control.presentCard('resident');
    await isIn(actor, { cards: { live: 'confirming' } });
    actor.send({ type: 'CONFIRM_CARD' });
    await waitFor(actor, (snapshot) => snapshot.context.cardNotice?.kind === 'refused');
    expect(actor.getSnapshot().context.cardNotice).toEqual({ kind: 'refused', message: '代办人与申请人不能为同一人' });
    expect(actor.getSnapshot().context.agent).toBeNull();
  });

  it('shows the core refusal when 确认 fails, and reads again', async () => {
    const started = await start(UNEMPLOYMENT, (fake) =>
      fake.control.application.failNext('takeCard', { code: 'invalidArgument', message: '代办人与申请人不能为同一人' }),
    );
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: false });
    await isIn(actor, { cards: { live: 'reading' } });
    await waitFor(actor, () => fake.control.isReading());
    await fake.control.presentCard('resident');
    await isIn(actor, { cards: { live: 'confirming' } });
    actor.send({ type: 'CONFIRM_CARD' });
    await waitFor(actor, (snapshot) => snapshot.context.cardNotice?.kind === 'refused');
    expect(actor.getSnapshot().context.cardNotice).toEqual({ kind: 'refused', message: '代办人与申请人不能为同一人' });
    expect(actor.getSnapshot().matches({ cards: { live: 'reading' } })).toBe(true);
  });

  it('loses nothing when the card is taken off after 确认, and stops the reader', async () => {
    const started = await start(ID_RENEWAL);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(actor, { materials: 'list' });
    fake.control.removeCard();
    actor.send({ type: 'BACK' });
    await isIn(actor, { cards: 'summary' });
    actor.send({ type: 'NEXT' });
    await isIn(actor, { materials: 'list' });
    expect(actor.getSnapshot().context.applicant?.maskedName).toBe('李**');
    expect(fake.control.isReading()).toBe(false);
    expect(methods(fake, 'identity.')).toEqual(['startReading', 'stopReading']);
    // The card shown before 确认 is not kept once taken.
    expect(actor.getSnapshot().context.card).toBeNull();
  });

  it('goes back to reading when the card leaves before 确认', async () => {
    const started = await start(ID_RENEWAL);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: false });
    await isIn(actor, { cards: { live: 'reading' } });
    await waitFor(actor, () => fake.control.isReading());
    await fake.control.presentCard('resident');
    await isIn(actor, { cards: { live: 'confirming' } });
    fake.control.removeCard();
    await isIn(actor, { cards: { live: 'reading' } });
    expect(actor.getSnapshot().context).toMatchObject({ card: null, cardNotice: { kind: 'cardRemoved' } });
  });
});

describe('application machine: materials', () => {
  async function atMaterials(itemCode = ID_RENEWAL): Promise<Started> {
    const started = await start(itemCode);
    started.actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(started.actor, { materials: 'list' });
    return started;
  }

  it('captures a material in the capture screens and makes it `captured`', async () => {
    const started = await atMaterials();
    await capture(started, 'id-card');
    const material = started.actor.getSnapshot().context.materials.find((m) => m.materialId === 'id-card');
    expect(material).toMatchObject({ choice: 'captured', capturedPages: 2, minPages: 2 });
    expect(methods(started.fake, 'capture.')).toEqual(['open', 'take', 'take', 'close', 'materials']);
    // 重新拍摄: the pages go first, then the camera opens again.
    started.actor.send({ type: 'CAPTURE', materialId: 'id-card' });
    expect(started.actor.getSnapshot().context.captureTask?.mode).toBe('recapture');
    const child = started.actor.getSnapshot().children.capture;
    if (!child) throw new Error('no capture');
    await waitFor(child, (snapshot) => snapshot.matches({ device: 'live' }));
    expect(methods(started.fake, 'capture.').slice(5)).toEqual(['discard', 'discard', 'open']);
    // 返回 from the live view: undecided again (its pages were discarded).
    child.send({ type: 'BACK' });
    await isIn(started.actor, { materials: 'list' });
    expect(started.actor.getSnapshot().context.materials.find((m) => m.materialId === 'id-card')).toMatchObject({ choice: null, capturedPages: 0 });
  });

  it('closes the camera on 返回首页 from the capture', async () => {
    const started = await atMaterials();
    started.actor.send({ type: 'CAPTURE', materialId: 'photo' });
    const child = started.actor.getSnapshot().children.capture;
    if (!child) throw new Error('no capture');
    await waitFor(child, (snapshot) => snapshot.matches({ device: 'live' }));
    expect(started.fake.control.capture.isOpen()).toBe(true);
    started.actor.send({ type: 'HOME' });
    await waitFor(started.actor, (snapshot) => snapshot.status === 'done');
    expect(started.fake.control.capture.isOpen()).toBe(false);
    expect(started.actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('keeps a 容缺 date within the range and shows a refused choice in the core words', async () => {
    const started = await atMaterials(UNEMPLOYMENT);
    const { actor, fake } = started;
    actor.send({ type: 'DEFER', materialId: 'bank-card' });
    actor.send({ type: 'PICK_DATE', date: '2026-06-01' });
    expect(actor.getSnapshot().context.dateChoice?.date).toBe('2025-12-24');
    actor.send({ type: 'PICK_DATE', date: '2025-11-01' });
    expect(actor.getSnapshot().context.dateChoice?.date).toBe('2025-11-25');
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().matches({ materials: 'list' })).toBe(true);
    expect(choiceOf(started, 'bank-card')).toBeNull();
    fake.control.application.failNext('setMaterial', { code: 'unavailable', message: '请先拍摄「本人社会保障卡或银行卡」' });
    await choose(started, 'bank-card', 'missing');
    expect(actor.getSnapshot().context.materialNotice).toBe('请先拍摄「本人社会保障卡或银行卡」');
    expect(choiceOf(started, 'bank-card')).toBeNull();
  });
});

describe('application machine: form and commitment', () => {
  async function atForm(): Promise<Started> {
    const started = await start(UNEMPLOYMENT);
    const { actor } = started;
    actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(actor, { materials: 'list' });
    await capture(started, 'id-card');
    await defer(started, 'bank-card');
    actor.send({ type: 'NEXT' });
    await isIn(actor, { form: 'editing' });
    return started;
  }

  it('stays on the form with the core errors until it is valid', async () => {
    const started = await atForm();
    const { actor } = started;
    await fillForm(started, { ...UNEMPLOYMENT_FORM, phone: '1380000', months: '6' });
    expect(actor.getSnapshot().matches({ form: 'editing' })).toBe(true);
    expect(actor.getSnapshot().context.formErrors).toEqual({ phone: '请输入11位手机号码或带区号的固定电话', months: '累计缴费月数应在12至600个月之间' });
    // The core's errors stay until 下一步 asks it again.
    actor.send({ type: 'CHANGE', fieldId: 'phone', value: '0518-85801234' });
    expect(Object.keys(actor.getSnapshot().context.formErrors)).toEqual(['phone', 'months']);
    await fillForm(started, { months: '13' });
    await isIn(actor, { commitment: 'ready' });
    expect(started.fake.control.calls.filter((c) => c.method === 'application.setForm').at(-1)?.arg).toEqual({
      values: { ...UNEMPLOYMENT_FORM, phone: '0518-85801234', months: '13' },
    });
  });

  it('needs ink before 我已阅读并承诺, and sends none of it twice', async () => {
    const started = await atForm();
    const { actor, fake } = started;
    await fillForm(started, UNEMPLOYMENT_FORM);
    await isIn(actor, { commitment: 'ready' });
    actor.send({ type: 'AGREE' });
    expect(actor.getSnapshot().matches({ commitment: 'ready' })).toBe(true);
    actor.send({ type: 'SIGNATURE', signature: { aspect: 3, strokes: [[0.1, 0.1, 0.2, 0.2]] } });
    actor.send({ type: 'AGREE' });
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'invalidArgument', message: '签名过短，请在框内写下您的姓名', retry: 'sign' });
    actor.send({ type: 'BACK' });
    await isIn(actor, { commitment: 'ready' });
    actor.send({ type: 'SIGNATURE', signature: SIGNATURE });
    actor.send({ type: 'AGREE' });
    await isIn(actor, { reviewing: 'ready' });
    expect(actor.getSnapshot().context.signature).toBeNull();
    expect(fake.control.calls.filter((c) => c.method === 'application.sign')).toHaveLength(2);
  });
});

describe('application machine: the core fails or refuses', () => {
  it('shows why an item cannot be applied for, and goes home from there', async () => {
    const { actor } = await start('320700-BDC-0001');
    expect(actor.getSnapshot().matches('failed')).toBe(true);
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '该事项暂不支持在本机自助办理，请到窗口办理', retry: 'begin' });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
  });

  it('retries a begin that failed', async () => {
    const { actor, fake } = await start(ID_RENEWAL, (f) => f.control.application.failNext('begin', { code: 'unavailable', message: '系统繁忙' }));
    expect(actor.getSnapshot().context.failure?.message).toBe('系统繁忙');
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'intro');
    expect(methods(fake, 'application.')).toEqual(['begin', 'begin']);
  });

  async function atReview(itemCode = ID_RENEWAL, setup?: (fake: FakeKiosk) => void): Promise<Started> {
    const started = await start(itemCode, setup);
    const { actor } = started;
    actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(actor, { materials: 'list' });
    await capture(started, 'id-card');
    await choose(started, 'photo', 'notApplicable');
    actor.send({ type: 'NEXT' });
    await fillForm(started, ID_RENEWAL_FORM);
    await isIn(actor, { reviewing: 'ready' });
    return started;
  }

  it('retries a submission the core refused, then shows the result', async () => {
    const started = await atReview();
    const { actor, fake } = started;
    fake.control.application.failNext('submit', { code: 'unavailable', message: '系统繁忙，请稍后重试' });
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'failed');
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'unavailable', message: '系统繁忙，请稍后重试', retry: 'submit' });
    actor.send({ type: 'RETRY' });
    await isIn(actor, 'result');
    expect(methods(fake, 'application.').filter((m) => m === 'submit')).toHaveLength(2);
  });

  it('gives up on a submission that never answers, and goes back to the review', async () => {
    const started = await start(ID_RENEWAL);
    const { fake, clock } = started;
    started.actor.stop();
    const machine = provideApplicationKiosk(fake.kiosk).provide({
      actors: { submit: fromPromise<IpcResult<ApplicationSubmitted>>(() => new Promise(() => undefined)) },
    });
    const actor = createActor(machine, { input: { itemCode: ID_RENEWAL, isCareMode: false, timeFactor: 1 }, clock, systemId: APPLICATION_SYSTEM_ID }).start();
    const restarted = { fake, clock, actor };
    await isIn(actor, 'intro');
    actor.send({ type: 'START', hasAgent: false });
    await readCard(restarted, 'resident');
    await isIn(actor, { materials: 'list' });
    await choose(restarted, 'id-card', 'missing');
    await choose(restarted, 'photo', 'notApplicable');
    // Incomplete: straight to the review, where 确认提交 is refused by the machine itself.
    actor.send({ type: 'NEXT' });
    await isIn(actor, { reviewing: 'ready' });
    expect(actor.getSnapshot().context.review?.canSubmit).toBe(false);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().matches({ reviewing: 'ready' })).toBe(true);
    actor.send({ type: 'EDIT', step: 'materials' });
    await isIn(actor, { materials: 'list' });
    await capture(restarted, 'id-card');
    actor.send({ type: 'NEXT' });
    await fillForm(restarted, ID_RENEWAL_FORM);
    await isIn(actor, { reviewing: 'ready' });
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'submitting');
    clock.advance(APPLICATION_SUBMIT_TIMEOUT_MS - 1);
    expect(actor.getSnapshot().matches('submitting')).toBe(true);
    clock.advance(1);
    expect(actor.getSnapshot().context.failure).toEqual({ code: 'timeout', message: null, retry: 'submit' });
    actor.send({ type: 'BACK' });
    await isIn(actor, { reviewing: 'ready' });
  });

  it('prints a failed receipt once more, and only once', async () => {
    const started = await atReview(ID_RENEWAL, (fake) => fake.control.setPrintFailure('打印机缺纸'));
    const { actor, fake } = started;
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'result');
    expect(actor.getSnapshot().context.submitted?.receipt).toEqual({ status: 'failed', reason: '打印机缺纸' });
    fake.control.setPrintFailure(null);
    actor.send({ type: 'REPRINT' });
    await waitFor(actor, (snapshot) => snapshot.context.reprint.phase === 'printed');
    actor.send({ type: 'REPRINT' });
    expect(actor.getSnapshot().matches({ result: 'idle' })).toBe(true);
    expect(methods(fake, 'application.').filter((m) => m === 'reprintReceipt')).toHaveLength(1);
    actor.send({ type: 'DONE' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'finished' });
  });

  it('submits without a case number while the platform is offline', async () => {
    const started = await atReview(ID_RENEWAL, (fake) => fake.control.application.setPlatformOffline(true));
    const { actor } = started;
    actor.send({ type: 'SUBMIT' });
    await isIn(actor, 'result');
    expect(actor.getSnapshot().context.submitted).toMatchObject({ caseNumber: null, promisedDate: null });
    expect(actor.getSnapshot().context.submitted?.reference).toMatch(/^SB20251124\d{6}$/u);
    actor.send({ type: 'EVALUATE' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'evaluate', caseNumber: null });
  });

  it('reports out of service as the core words it', async () => {
    const started = await atReview();
    started.fake.control.setOutOfService('设备维护中');
    started.actor.send({ type: 'SUBMIT' });
    await isIn(started.actor, 'failed');
    expect(started.actor.getSnapshot().context.failure).toEqual({ code: 'outOfService', message: '设备维护中', retry: 'submit' });
  });
});

describe('application machine: the draft goes with the journey', () => {
  it('ends as `home` mid-form, and the session end wipes the draft in the core', async () => {
    const started = await start(ID_RENEWAL);
    const { actor, fake } = started;
    actor.send({ type: 'START', hasAgent: false });
    await readCard(started, 'resident');
    await isIn(actor, { materials: 'list' });
    await choose(started, 'id-card', 'missing');
    await choose(started, 'photo', 'missing');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHANGE', fieldId: 'phone', value: '13900002345' });
    actor.send({ type: 'HOME' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'home' });
    // What the app does on 返回首页 and on idle timeout: end the session (the journey unmounts).
    expect(fake.control.application.hasDraft()).toBe(true);
    await fake.kiosk.session.end({ reason: 'idleTimeout' });
    expect(fake.control.application.hasDraft()).toBe(false);
    expect(await fake.kiosk.application.review({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(fake.control.isReading()).toBe(false);
  });
});

describe('the way in from a guide', () => {
  async function guideOf(code: string) {
    const fake = createFakeKiosk();
    const actor = createActor(provideGuideKiosk(fake.kiosk), { input: DEFAULT_GUIDE_INPUT, clock: new TestClock() }).start();
    await isIn(actor, { browsing: { list: 'ready' } });
    actor.send({ type: 'OPEN_ITEM', code });
    await isIn(actor, { reading: 'ready' });
    return actor;
  }

  it('ends the guide with the item to apply for, for an item applicable at the kiosk', async () => {
    const actor = await guideOf(UNEMPLOYMENT);
    actor.send({ type: 'APPLY' });
    expect(actor.getSnapshot().output).toEqual({ reason: 'apply', itemCode: UNEMPLOYMENT });
  });

  it('ignores 我要申办 for any other item', async () => {
    const actor = await guideOf('320700-BDC-0001');
    actor.send({ type: 'APPLY' });
    expect(actor.getSnapshot().matches({ reading: 'ready' })).toBe(true);
  });
});
