/**
 * An in-browser fake of `window.kiosk`: a small working queue (six categories, per-category
 * numbering A001, B001, …, waiting counts, one ticket per card holder and category a day), a
 * status that can go out of service, a ticket printer that can be told to fail, a
 * simulated ID card reader with specimen cards (masked as main would mask them, R-P2), and a
 * small service catalogue with search and printing (fake-catalogue.ts), and scanning, 办件查询,
 * 预约签到 and 好差评 with demo cases and appointments (fake-kiosk-services.ts), and a
 * simulated 高拍仪 for capturing materials (fake-capture.ts), self-service applications
 * (fake-application.ts), and the technician console (fake-admin.ts). Used by the renderer's
 * unit tests and by the dev build (`vite --mode fake`) for screenshots; it never ships in a
 * production bundle.
 */
import type {
  DeviceHealth,
  EventName,
  IdentityFailureReason,
  IdentityView,
  IpcError,
  IpcResult,
  KioskApi,
  KioskEvents,
  PrintOutcome,
  QueueCategory,
  SpecimenCard,
  SystemStatus,
  TicketView,
} from '../../electron/ipc/contract';
import { type FakeAdminControl, type FakeAdminOptions, applyDevAdminParams, createFakeAdmin } from './fake-admin';
import { type FakeApplicationControl, type FakeApplicationOptions, createFakeApplication } from './fake-application';
import { type FakeCaptureControl, type FakeCaptureOptions, createFakeCapture } from './fake-capture';
import { fakeCandidates, fakeGuide, fakeList, fakeSearch, fakeSummary } from './fake-catalogue';
import { type FakeServicesControl, createFakeServices } from './fake-kiosk-services';

export interface FakeCategorySeed {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly waitingCount: number;
}

export const FAKE_CATEGORIES: readonly FakeCategorySeed[] = [
  { id: 'general', name: '综合受理', prefix: 'A', description: '户籍、民政、出入境等综合事项', waitingCount: 12 },
  { id: 'enterprise', name: '企业开办', prefix: 'B', description: '营业执照、公章刻制、银行开户', waitingCount: 5 },
  { id: 'real-estate', name: '不动产登记', prefix: 'C', description: '转移、抵押登记及权属查询', waitingCount: 8 },
  { id: 'social-security', name: '社保医保', prefix: 'D', description: '参保登记、待遇申领、异地就医备案', waitingCount: 3 },
  { id: 'tax', name: '税务服务', prefix: 'E', description: '发票领用、纳税申报、完税证明', waitingCount: 0 },
  { id: 'housing-fund', name: '住房公积金', prefix: 'F', description: '公积金提取、缴存变更、贷款咨询', waitingCount: 6 },
];

export const FAKE_STATUS: SystemStatus = {
  mode: 'ready',
  outOfServiceReason: null,
  hallName: '连云港市政务服务中心',
  terminalId: 'LYG-ZW-017',
  isSimulated: true,
  devices: [
    { kind: 'receiptPrinter', isSimulated: true, state: 'online', condition: null, detail: null },
    { kind: 'idCardReader', isSimulated: true, state: 'online', condition: null, detail: null },
    { kind: 'barcodeScanner', isSimulated: true, state: 'online', condition: null, detail: null },
    { kind: 'documentCamera', isSimulated: true, state: 'online', condition: null, detail: null },
  ],
  idle: { timeoutSeconds: 60, countdownSeconds: 10 },
  timeZone: 'Asia/Shanghai',
  ticketIdentification: 'optional',
  scannerAltCodes: 'unicode',
};

/** A card the simulated reader can be shown: what it reads as, or why it cannot be used. */
export interface FakeSpecimen {
  readonly id: string;
  readonly label: string;
  readonly fullName: string;
  /** The masked view main would send; null for a card that fails. */
  readonly view: IdentityView | null;
  readonly failure: { readonly reason: IdentityFailureReason; readonly message: string } | null;
}

/** Specimen people, not real ones. */
export const FAKE_SPECIMENS: readonly FakeSpecimen[] = [
  {
    id: 'resident',
    label: '居民身份证（36岁）',
    fullName: '李晓梅',
    view: {
      cardType: 'resident',
      cardTypeLabel: '居民身份证',
      maskedName: '李**',
      maskedIdNumber: '3207**********2346',
      genderLabel: '女',
      age: 36,
      isPriority: false,
      validUntil: '2034-05-12',
    },
    failure: null,
  },
  {
    id: 'elder',
    label: '居民身份证（76岁，绿色通道）',
    fullName: '张建国',
    view: {
      cardType: 'resident',
      cardTypeLabel: '居民身份证',
      maskedName: '张**',
      maskedIdNumber: '3207**********1234',
      genderLabel: '男',
      age: 76,
      isPriority: true,
      validUntil: '长期',
    },
    failure: null,
  },
  {
    id: 'hk-macao-taiwan',
    label: '港澳台居民居住证（41岁）',
    fullName: '陈志强',
    view: {
      cardType: 'hkMacaoTaiwan',
      cardTypeLabel: '港澳台居民居住证',
      maskedName: '陈**',
      maskedIdNumber: '8100**********123X',
      genderLabel: '男',
      age: 41,
      isPriority: false,
      validUntil: '2029-08-01',
    },
    failure: null,
  },
  {
    id: 'foreign-permanent',
    label: '外国人永久居留身份证（52岁）',
    fullName: 'JOHN SMITH',
    view: {
      cardType: 'foreignPermanent2023',
      cardTypeLabel: '外国人永久居留身份证',
      maskedName: 'J*** S****',
      maskedIdNumber: '9311**********0012',
      genderLabel: '男',
      age: 52,
      isPriority: false,
      validUntil: '2033-02-28',
    },
    failure: null,
  },
  {
    id: 'expired',
    label: '居民身份证（已过期）',
    fullName: '王丽',
    view: null,
    failure: { reason: 'expired', message: '证件已过期，请使用有效证件' },
  },
  {
    id: 'moved',
    label: '读卡时移动证件',
    fullName: '赵磊',
    view: null,
    failure: { reason: 'cardMoved', message: '请不要移动身份证，平放在感应区等待读取' },
  },
];

export interface FakeKioskOptions {
  /** Milliseconds since the epoch; drives `issuedAt`. */
  readonly now?: () => number;
  /** Offset of the hall's time zone in minutes east of UTC (China: 480). */
  readonly utcOffsetMinutes?: number;
  readonly categories?: readonly FakeCategorySeed[];
  readonly status?: Partial<SystemStatus>;
  /** How long `queue.takeTicket` takes; 0 answers on the next microtask. */
  readonly takeTicketDelayMs?: number;
  /** How long the simulated reader takes from a presented card to its event. */
  readonly cardReadDelayMs?: number;
  /** Waits `ms`; inject to drive the delays with fake timers. */
  readonly wait?: (ms: number) => Promise<void>;
  /** The simulated 高拍仪: preview pace (0: frames only on request) and mode. */
  readonly capture?: FakeCaptureOptions;
  /** The technician console: the PIN set at start (none by default), how long work takes. */
  readonly admin?: FakeAdminOptions;
  /** 自助申办: how long a submission takes. */
  readonly application?: FakeApplicationOptions;
}

export interface FakeCall {
  readonly method: string;
  readonly arg: unknown;
}

export interface FakeKioskControl extends FakeServicesControl {
  /** Every method call, in order, with its argument. */
  readonly calls: readonly FakeCall[];
  /** The current status, as `system.getStatus` would answer. */
  status(): SystemStatus;
  /** Tickets print with `failed` and this reason; null prints normally again. */
  setPrintFailure(reason: string | null): void;
  /** `queue.takeTicket` answers with this error; null issues tickets again. */
  setTakeTicketError(error: IpcError | null): void;
  /** `queue.listCategories` answers with this error; null lists again. */
  setListCategoriesError(error: IpcError | null): void;
  setTakeTicketDelay(ms: number): void;
  /** Goes out of service with the reason, or back to ready with null; emits the change. */
  setOutOfService(reason: string | null): void;
  /** Merges into the status and emits `system.statusChanged`. */
  patchStatus(patch: Partial<SystemStatus>): void;
  /** Another terminal issued (delta > 0) or a window called (delta < 0); emits the count. */
  changeWaiting(categoryId: string, delta: number): void;
  /** Number of listeners per event, to check that screens unsubscribe. */
  listenerCount(event: EventName): number;
  /** Puts a specimen on the simulated reader (as `dev.presentCard`, without its checks). */
  presentCard(specimenId: string): Promise<void>;
  /** Takes the card off the reader (as `dev.removeCard`). */
  removeCard(): void;
  /** True between `identity.startReading` and `identity.stopReading`. */
  isReading(): boolean;
  /** Sets the reader's health in the status and emits the change. */
  setReaderState(state: DeviceHealth['state']): void;
  /** `identity.startReading` answers with this error; null reads again. */
  setStartReadingError(error: IpcError | null): void;
  /** Every `catalogue.*` method answers with this error (the core not ready); null serves again. */
  setCatalogueError(error: IpcError | null): void;
  /** A4 prints (`printing.printGuide`) fail with this reason; null prints again. */
  setA4Failure(reason: string | null): void;
  /** The simulated 高拍仪: what lies on the stage, preview frames, unplugging, scripted errors. */
  readonly capture: FakeCaptureControl;
  /** The technician console (fake-admin.ts): PIN, sessions, audit chain, test failures. */
  readonly admin: FakeAdminControl;
  /** 自助申办 (fake-application.ts): platform offline, submit delay, scripted errors. */
  readonly application: FakeApplicationControl;
}

export interface FakeKiosk {
  readonly kiosk: KioskApi;
  readonly control: FakeKioskControl;
}

const DEFAULT_TAKE_TICKET_DELAY_MS = 0;
const DEFAULT_CARD_READ_DELAY_MS = 300;
const QR_MODULES = 25;
const MINUTE_MS = 60_000;

function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}

function defaultWait(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

/** ISO 8601 in the hall's zone with its offset, e.g. `2025-11-24T09:05:00+08:00`. */
export function toHallIso(epochMs: number, utcOffsetMinutes: number): string {
  const shifted = new Date(epochMs + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(utcOffsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${shifted}${sign}${hours}:${minutes}`;
}

export function createFakeKiosk(options: FakeKioskOptions = {}): FakeKiosk {
  const now = options.now ?? Date.now;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
  const wait = options.wait ?? defaultWait;
  const categories = new Map<string, QueueCategory>(
    (options.categories ?? FAKE_CATEGORIES).map((seed) => [seed.id, { ...seed }]),
  );
  const nextSequence = new Map<string, number>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls: FakeCall[] = [];
  let status: SystemStatus = { ...FAKE_STATUS, ...options.status };
  let printFailure: string | null = null;
  let takeTicketError: IpcError | null = null;
  let listCategoriesError: IpcError | null = null;
  let takeTicketDelayMs = options.takeTicketDelayMs ?? DEFAULT_TAKE_TICKET_DELAY_MS;
  const cardReadDelayMs = options.cardReadDelayMs ?? DEFAULT_CARD_READ_DELAY_MS;
  let sessionCounter = 0;
  const tickets = new Map<string, TicketView>();
  /** Holder (specimen id) and category → ticket number: one ticket each a day. */
  const ticketsByHolder = new Map<string, string>();
  let isReading = false;
  let startReadingError: IpcError | null = null;
  let catalogueError: IpcError | null = null;
  let a4Failure: string | null = null;
  /** The specimen on the reader, and a counter that tells one placement from the next. */
  let cardOnReader: FakeSpecimen | null = null;
  let placement = 0;
  /** The card read into the session (main's side of it): cleared when the card leaves. */
  let sessionCard: { readonly specimen: FakeSpecimen; readonly view: IdentityView; isNameRevealed: boolean } | null = null;
  /** The last ticket issued in this session (for the evaluation's subject). */
  let sessionTicket: string | null = null;

  function emit<E extends EventName>(event: E, payload: KioskEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      (listener as (p: KioskEvents[E]) => void)(payload);
    }
  }

  function record(method: string, arg: unknown): void {
    calls.push({ method, arg });
  }

  function outOfService(): IpcError | null {
    return status.mode === 'outOfService'
      ? { code: 'outOfService', message: status.outOfServiceReason ?? '终端暂停服务' }
      : null;
  }

  function printOutcome(): PrintOutcome {
    return printFailure === null ? { status: 'printed' } : { status: 'failed', reason: printFailure };
  }

  async function takeTicket(categoryId: string, isByIdCard: boolean): Promise<IpcResult<TicketView>> {
    if (takeTicketDelayMs > 0) await wait(takeTicketDelayMs);
    else await Promise.resolve();
    const stopped = outOfService();
    if (stopped) return fail(stopped);
    if (takeTicketError) return fail(takeTicketError);
    const category = categories.get(categoryId);
    if (!category) return fail({ code: 'notFound', message: '没有这个业务类别，请返回重新选择' });
    const holder = isByIdCard ? sessionCard : null;
    if (isByIdCard && !holder) return fail({ code: 'unavailable', message: '请先将身份证放置在感应区' });
    const holderKey = holder ? `${holder.specimen.id}|${categoryId}` : null;
    const existingNumber = holderKey === null ? undefined : ticketsByHolder.get(holderKey);
    const existing = existingNumber === undefined ? undefined : tickets.get(existingNumber);
    if (existing) return ok({ ...existing, print: { status: 'notPrinted' }, isExisting: true });
    const sequence = (nextSequence.get(categoryId) ?? 0) + 1;
    nextSequence.set(categoryId, sequence);
    const ticketNumber = `${category.prefix}${String(sequence).padStart(3, '0')}`;
    const waitingAhead = category.waitingCount;
    const updated = { ...category, waitingCount: category.waitingCount + 1 };
    categories.set(categoryId, updated);
    const qrPayload = `ZWQ1|${status.terminalId}|${ticketNumber}|${toHallIso(now(), utcOffsetMinutes).slice(0, 10)}`;
    const ticket: TicketView = {
      ticketNumber,
      categoryId,
      categoryName: category.name,
      hallName: status.hallName,
      waitingAhead,
      issuedAt: toHallIso(now(), utcOffsetMinutes),
      qrPayload,
      qrPath: fakeQrPath(qrPayload, QR_MODULES),
      qrModules: QR_MODULES,
      print: printOutcome(),
      isPriority: holder?.view.isPriority ?? false,
      holderMaskedName: holder?.view.maskedName ?? null,
      isExisting: false,
    };
    tickets.set(ticketNumber, ticket);
    sessionTicket = ticketNumber;
    if (holderKey !== null) ticketsByHolder.set(holderKey, ticketNumber);
    emit('queue.waitingChanged', { categoryId, waitingCount: updated.waitingCount });
    return ok(ticket);
  }

  /** The wait of a print job, then what stops any catalogue call: out of service, a set error. */
  async function catalogueGate(isPrint: boolean): Promise<IpcError | null> {
    if (isPrint && takeTicketDelayMs > 0) await wait(takeTicketDelayMs);
    else await Promise.resolve();
    return outOfService() ?? catalogueError;
  }

  const NO_ITEM: IpcError = { code: 'notFound', message: '没有找到该事项，请返回重新选择' };

  const FORBIDDEN: IpcError = { code: 'forbidden', message: '仅模拟读卡器可用' };

  function hasSimulatedReader(): boolean {
    return status.devices.some((device) => device.kind === 'idCardReader' && device.isSimulated);
  }

  function isReaderOnline(): boolean {
    return status.devices.some((device) => device.kind === 'idCardReader' && device.state === 'online');
  }

  /** What the reader does with the card on it, after its read time, if it is still there. */
  async function readCard(): Promise<void> {
    const expected = placement;
    if (cardReadDelayMs > 0) await wait(cardReadDelayMs);
    else await Promise.resolve();
    const specimen = cardOnReader;
    if (!specimen || placement !== expected || !isReading || !isReaderOnline()) return;
    if (specimen.failure || !specimen.view) {
      emit('identity.readFailed', specimen.failure ?? { reason: 'unreadable', message: '无法读取该证件' });
      return;
    }
    sessionCard = { specimen, view: specimen.view, isNameRevealed: false };
    emit('identity.cardRead', specimen.view);
  }

  function placeCard(specimen: FakeSpecimen): Promise<void> {
    cardOnReader = specimen;
    placement += 1;
    return readCard();
  }

  function takeCardAway(): boolean {
    if (!cardOnReader) return false;
    cardOnReader = null;
    placement += 1;
    // Card removal wipes the identity in the session (R-P3).
    sessionCard = null;
    emit('identity.cardRemoved', {});
    return true;
  }

  const services = createFakeServices({
    now,
    utcOffsetMinutes,
    record,
    emit,
    gate: async () => {
      await Promise.resolve();
      return outOfService();
    },
    holder: () => sessionCard?.specimen.id ?? null,
    issueTicket: async (categoryId, holderMaskedName) => {
      const issued = await takeTicket(categoryId, false);
      if (!issued.ok) return issued;
      const ticket: TicketView = { ...issued.value, holderMaskedName };
      tickets.set(ticket.ticketNumber, ticket);
      return ok(ticket);
    },
    sessionTicket: () => sessionTicket,
    isScannerSimulated: () => status.devices.some((device) => device.kind === 'barcodeScanner' && device.isSimulated),
  });

  const capture = createFakeCapture(
    {
      now,
      record,
      emit,
      gate: async () => {
        await Promise.resolve();
        return outOfService();
      },
      health: () => status.devices.find((device) => device.kind === 'documentCamera'),
      setHealthState: (state) => {
        control.patchStatus({
          devices: status.devices.map((device) => (device.kind === 'documentCamera' ? { ...device, state } : device)),
        });
      },
    },
    options.capture,
  );

  const admin = createFakeAdmin({ now, wait, record, status: () => status }, options.admin);

  const application = createFakeApplication(
    {
      now,
      utcOffsetMinutes,
      record,
      wait,
      gate: async () => {
        await Promise.resolve();
        return outOfService();
      },
      // The core's identity.take: the card goes to the application and the session forgets
      // it, so the next card (the agent's) can be read.
      takeCard: () => {
        const card = sessionCard;
        sessionCard = null;
        return card ? { holderId: card.specimen.id, view: card.view } : null;
      },
      capture: { beginFor: capture.beginFor, materials: capture.materials },
      printReceipt: printOutcome,
      a4Failure: () => a4Failure,
      noteCase: services.addSessionCase,
    },
    options.application,
  );

  const kiosk: KioskApi = {
    admin: admin.api,
    system: {
      getStatus: async (arg) => {
        record('system.getStatus', arg);
        await Promise.resolve();
        return ok(status);
      },
    },
    queue: {
      listCategories: async (arg) => {
        record('queue.listCategories', arg);
        await Promise.resolve();
        const stopped = outOfService();
        if (stopped) return fail(stopped);
        if (listCategoriesError) return fail(listCategoriesError);
        return ok([...categories.values()]);
      },
      takeTicket: async (arg) => {
        record('queue.takeTicket', arg);
        return takeTicket(arg.categoryId, false);
      },
      takeTicketByIdCard: async (arg) => {
        record('queue.takeTicketByIdCard', arg);
        return takeTicket(arg.categoryId, true);
      },
      reprintTicket: async (arg) => {
        record('queue.reprintTicket', arg);
        if (takeTicketDelayMs > 0) await wait(takeTicketDelayMs);
        else await Promise.resolve();
        const stopped = outOfService();
        if (stopped) return fail(stopped);
        if (!tickets.has(arg.ticketNumber)) return fail({ code: 'notFound', message: '没有找到这张号票' });
        return ok({ print: printOutcome() });
      },
    },
    identity: {
      startReading: async (arg) => {
        record('identity.startReading', arg);
        await Promise.resolve();
        if (startReadingError) return fail(startReadingError);
        if (!isReaderOnline()) return fail({ code: 'unavailable', message: '身份证阅读器暂不可用' });
        isReading = true;
        // A card already lying on the reader is read as soon as reading starts.
        if (cardOnReader) void readCard();
        return ok({ isReading: true });
      },
      stopReading: async (arg) => {
        record('identity.stopReading', arg);
        await Promise.resolve();
        isReading = false;
        return ok({ isReading: false });
      },
      revealName: async (arg) => {
        record('identity.revealName', arg);
        await Promise.resolve();
        if (!sessionCard) return fail({ code: 'unavailable', message: '请先将身份证放置在感应区' });
        if (sessionCard.isNameRevealed) return fail({ code: 'unavailable', message: '姓名已显示过' });
        sessionCard.isNameRevealed = true;
        return ok({ fullName: sessionCard.specimen.fullName });
      },
    },
    dev: {
      listSpecimenCards: async (arg) => {
        record('dev.listSpecimenCards', arg);
        await Promise.resolve();
        if (!hasSimulatedReader()) return fail(FORBIDDEN);
        return ok(FAKE_SPECIMENS.map(({ id, label }): SpecimenCard => ({ id, label })));
      },
      presentCard: async (arg) => {
        record('dev.presentCard', arg);
        await Promise.resolve();
        if (!hasSimulatedReader()) return fail(FORBIDDEN);
        const specimen = FAKE_SPECIMENS.find((card) => card.id === arg.specimenId);
        if (!specimen) return fail({ code: 'notFound', message: '没有这张样例证件' });
        // The answer comes at once; the reader's event follows after its read time.
        void placeCard(specimen);
        return ok({ presented: true });
      },
      removeCard: async (arg) => {
        record('dev.removeCard', arg);
        await Promise.resolve();
        if (!hasSimulatedReader()) return fail(FORBIDDEN);
        takeCardAway();
        return ok({ removed: true });
      },
      ...services.api.dev,
      ...capture.api.dev,
    },
    capture: capture.api.capture,
    application: application.api.application,
    input: application.api.input,
    scan: services.api.scan,
    progress: services.api.progress,
    appointment: services.api.appointment,
    evaluation: services.api.evaluation,
    catalogue: {
      summary: async (arg) => {
        record('catalogue.summary', arg);
        const error = await catalogueGate(false);
        return error ? fail(error) : ok(fakeSummary());
      },
      list: async (arg) => {
        record('catalogue.list', arg);
        const error = await catalogueGate(false);
        return error ? fail(error) : ok(fakeList(arg));
      },
      search: async (arg) => {
        record('catalogue.search', arg);
        const error = await catalogueGate(false);
        return error ? fail(error) : ok(fakeSearch(arg.query, arg.limit));
      },
      candidates: async (arg) => {
        record('catalogue.candidates', arg);
        const error = await catalogueGate(false);
        return error ? fail(error) : ok({ candidates: fakeCandidates(arg.pinyin, arg.limit) });
      },
      guide: async (arg) => {
        record('catalogue.guide', arg);
        const error = await catalogueGate(false);
        if (error) return fail(error);
        const guide = fakeGuide(arg.code);
        return guide ? ok(guide) : fail(NO_ITEM);
      },
    },
    printing: {
      printChecklist: async (arg) => {
        record('printing.printChecklist', arg);
        const error = await catalogueGate(true);
        if (error) return fail(error);
        return fakeGuide(arg.code) ? ok({ print: printOutcome() }) : fail(NO_ITEM);
      },
      printGuide: async (arg) => {
        record('printing.printGuide', arg);
        const error = await catalogueGate(true);
        if (error) return fail(error);
        const guide = fakeGuide(arg.code);
        if (!guide) return fail(NO_ITEM);
        // About one page per four materials, after a first page of header and limits.
        const pages = 2 + Math.floor(guide.materials.length / 4);
        return ok({ print: a4Failure === null ? { status: 'printed', pages } : { status: 'failed', reason: a4Failure } });
      },
    },
    session: {
      begin: async (arg) => {
        record('session.begin', arg);
        await Promise.resolve();
        sessionCounter += 1;
        sessionTicket = null;
        services.resetSession();
        capture.resetSession();
        application.resetSession();
        return ok({ sessionId: `fake-session-${sessionCounter}` });
      },
      end: async (arg) => {
        record('session.end', arg);
        await Promise.resolve();
        sessionTicket = null;
        services.resetSession();
        capture.resetSession();
        application.resetSession();
        return ok({ wiped: true });
      },
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };

  const control: FakeKioskControl = {
    ...services.control,
    capture: capture.control,
    admin: admin.control,
    application: application.control,
    calls,
    status: () => status,
    setPrintFailure: (reason) => {
      printFailure = reason;
    },
    setTakeTicketError: (error) => {
      takeTicketError = error;
    },
    setListCategoriesError: (error) => {
      listCategoriesError = error;
    },
    setTakeTicketDelay: (ms) => {
      takeTicketDelayMs = ms;
    },
    setOutOfService: (reason) => {
      control.patchStatus(
        reason === null
          ? { mode: 'ready', outOfServiceReason: null }
          : { mode: 'outOfService', outOfServiceReason: reason },
      );
    },
    patchStatus: (patch) => {
      status = { ...status, ...patch };
      emit('system.statusChanged', status);
    },
    changeWaiting: (categoryId, delta) => {
      const category = categories.get(categoryId);
      if (!category) return;
      const updated = { ...category, waitingCount: Math.max(0, category.waitingCount + delta) };
      categories.set(categoryId, updated);
      emit('queue.waitingChanged', { categoryId, waitingCount: updated.waitingCount });
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    presentCard: (specimenId) => {
      const specimen = FAKE_SPECIMENS.find((card) => card.id === specimenId);
      if (!specimen) throw new Error(`no specimen ${specimenId}`);
      return placeCard(specimen);
    },
    removeCard: () => {
      takeCardAway();
    },
    isReading: () => isReading,
    setReaderState: (state) => {
      control.patchStatus({
        devices: status.devices.map((device) => (device.kind === 'idCardReader' ? { ...device, state } : device)),
      });
    },
    setStartReadingError: (error) => {
      startReadingError = error;
    },
    setCatalogueError: (error) => {
      catalogueError = error;
    },
    setA4Failure: (reason) => {
      a4Failure = reason;
    },
  };

  return { kiosk, control };
}

/**
 * Path data that looks like a QR code (finder and timing patterns, hashed modules) over a
 * `size` × `size` grid. Not decodable: the fake only needs the screen to look right; the
 * core renders real codes.
 */
export function fakeQrPath(payload: string, size: number): string {
  const dark = (x: number, y: number): boolean => {
    const finder = finderModule(x, y) ?? finderModule(size - 1 - x, y) ?? finderModule(x, size - 1 - y);
    if (finder !== null) return finder;
    if (x === 6 || y === 6) return (x + y) % 2 === 0;
    return hash(`${payload}:${x}:${y}`) % 2 === 0;
  };
  const parts: string[] = [];
  for (let y = 0; y < size; y += 1) {
    let x = 0;
    while (x < size) {
      if (!dark(x, y)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && dark(x, y)) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return parts.join('');
}

/** Dark/light inside the 8×8 corner area of a finder pattern (with separator), else null. */
function finderModule(x: number, y: number): boolean | null {
  if (x > 7 || y > 7) return null;
  if (x === 7 || y === 7) return false;
  const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
  return ring !== 2;
}

function hash(text: string): number {
  // FNV-1a, 32 bit, then murmur3's finaliser: FNV's low bits alone depend on few input bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Dev build only: what the page's query string may ask of the fake (see scripts/screenshot-dev.ts). */
export function createDevFakeKiosk(search: string): FakeKiosk {
  const params = new URLSearchParams(search);
  const idle = params.get('idle')?.split(',').map(Number);
  const [timeoutSeconds, countdownSeconds] = idle ?? [];
  const identification = params.get('identification');
  const camera = params.get('camera');
  const fake = createFakeKiosk({
    // `submitDelay=ms`: how long 提交 takes (the core waits for the platform's case number).
    application: { submitDelayMs: Number(params.get('submitDelay') ?? 1_500) },
    // `camera=stream`: the 高拍仪 as a UVC camera the page opens itself (getUserMedia).
    ...(camera === 'stream' ? { capture: { previewMode: 'stream' } } : {}),
    takeTicketDelayMs: Number(params.get('delay') ?? 600),
    status: {
      isSimulated: params.get('simulated') !== '0',
      ...(timeoutSeconds && countdownSeconds ? { idle: { timeoutSeconds, countdownSeconds } } : {}),
      ...(identification === 'off' || identification === 'required' ? { ticketIdentification: identification } : {}),
      // `reader=real`: a reader that is not simulated, so the dev panel must stay hidden.
      ...(params.get('reader') === 'real'
        ? {
            devices: FAKE_STATUS.devices.map((device) =>
              device.kind === 'idCardReader' ? { ...device, isSimulated: false } : device,
            ),
          }
        : {}),
    },
  });
  // `camera=offline`: the 高拍仪 unplugged; `camera=none`: a terminal without one.
  if (camera === 'offline') fake.control.capture.setDeviceState('offline');
  if (camera === 'none') {
    fake.control.patchStatus({ devices: fake.control.status().devices.filter((device) => device.kind !== 'documentCamera') });
  }
  const readerState = params.get('reader');
  if (readerState === 'offline' || readerState === 'error') fake.control.setReaderState(readerState);
  const printFailure = params.get('printFailure');
  if (printFailure !== null) fake.control.setPrintFailure(printFailure || '打印机缺纸');
  const a4Failure = params.get('a4Failure');
  if (a4Failure !== null) fake.control.setA4Failure(a4Failure || 'A4打印机缺纸');
  // `catalogue=unavailable`: what the real host answers until the core serves the catalogue.
  if (params.get('catalogue') === 'unavailable') {
    fake.control.setCatalogueError({ code: 'unavailable', message: '办事指南服务暂未开通，请咨询大厅工作人员' });
  }
  // `platform=offline`: applications are submitted without a case number (申报编号 only).
  if (params.get('platform') === 'offline') fake.control.application.setPlatformOffline(true);
  const outOfService = params.get('outOfService');
  if (outOfService !== null) fake.control.setOutOfService(outOfService || '设备维护中');
  void applyDevAdminParams(fake.kiosk.admin, fake.control.admin, params);
  return fake;
}
