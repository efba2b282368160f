/**
 * The one shared fake of the Electron API for main-process and preload tests (style.md
 * "Tests": fakes over mocks). It implements only what electron/main and electron/preload
 * call, through the same narrowed interfaces, and behaves like Electron where it matters:
 * every IPC payload is structured-cloned (a Map, a function or a class instance fails or
 * degrades as in real Electron), `invoke` on an unregistered channel rejects, a second
 * `handle` on one channel throws, cancellable events carry `preventDefault`.
 */

type Listener = (...args: never[]) => unknown;

/** A tiny EventEmitter: `on`/`once`/`off`/`removeListener`/`emit`/`listenerCount`. */
export class FakeEmitter {
  readonly #listeners = new Map<string, Listener[]>();

  on(event: string, listener: (...args: never[]) => unknown): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: (...args: never[]) => unknown): this {
    const wrapper = (...args: never[]): unknown => {
      this.removeListener(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: (...args: never[]) => unknown): this {
    const remaining = (this.#listeners.get(event) ?? []).filter((l) => l !== listener);
    this.#listeners.set(event, remaining);
    return this;
  }

  off(event: string, listener: (...args: never[]) => unknown): this {
    return this.removeListener(event, listener);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.#listeners.get(event) ?? [];
    for (const listener of [...listeners]) (listener as (...a: unknown[]) => unknown)(...args);
    return listeners.length > 0;
  }

  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}

/** Electron's cancellable `Event`, with extra fields (e.g. `url` for navigation events). */
export type FakeEvent<T extends object = object> = T & { defaultPrevented: boolean; preventDefault(): void };

export function fakeEvent<T extends object>(fields: T = {} as T): FakeEvent<T> {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** `WebFrameMain`: a URL and a parent (null for the top frame). */
export class FakeWebFrameMain {
  constructor(
    public url: string,
    public parent: FakeWebFrameMain | null = null,
  ) {}

  /** A subframe of this frame showing `url`. */
  child(url: string): FakeWebFrameMain {
    return new FakeWebFrameMain(url, this);
  }
}

export interface SentMessage {
  readonly channel: string;
  readonly args: unknown[];
}

/** `WebContents`: records loads, sends, crashes and the handlers installed on it. */
export class FakeWebContents extends FakeEmitter {
  mainFrame: FakeWebFrameMain;
  readonly sent: SentMessage[] = [];
  readonly loadedUrls: string[] = [];
  forcedCrashCount = 0;
  zoomLimits: readonly [number, number] | null = null;
  windowOpenHandler: ((details: { readonly url: string }) => { action: string }) | null = null;
  /** Set to connect `send` to a renderer. */
  renderer: FakeIpcRenderer | null = null;
  #isDestroyed = false;

  constructor(url = '') {
    super();
    this.mainFrame = new FakeWebFrameMain(url);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.mainFrame = new FakeWebFrameMain(url);
    return Promise.resolve();
  }

  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    this.renderer?.deliver(channel, ...cloned);
  }

  forcefullyCrashRenderer(): void {
    this.forcedCrashCount += 1;
  }

  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void> {
    this.zoomLimits = [minimumLevel, maximumLevel];
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.#isDestroyed;
  }

  destroy(): void {
    this.#isDestroyed = true;
  }
}

/** `BrowserWindow`: keeps the constructor options; every instance is listed. */
export class FakeBrowserWindow extends FakeEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();

  constructor(readonly options: unknown) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

/** `Menu`: remembers the application menu (undefined until set). */
export class FakeMenu {
  applicationMenu: unknown = undefined;

  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  }
}

type Handler = ((...args: never[]) => unknown) | null;

/** `Session`: captures the permission handlers; chooser events are emitted by the test. */
export class FakeSession extends FakeEmitter {
  permissionRequestHandler: Handler = null;
  permissionCheckHandler: Handler = null;
  devicePermissionHandler: Handler = null;

  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: Handler): void {
    this.devicePermissionHandler = handler;
  }
}

/** What a fake invoke event carries: the frame and contents that sent it. */
export interface FakeInvokeEvent {
  readonly senderFrame: FakeWebFrameMain | null;
  readonly sender: FakeWebContents;
}

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** `ipcMain`: records `handle` registrations; `invoke` plays a renderer call, cloned both ways. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(event: FakeInvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
    const clonedArgs = structuredClone(args);
    const handler = this.handlers.get(channel);
    if (handler === undefined) {
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    }
    return structuredClone(await handler(event, ...clonedArgs));
  }
}

/** `ipcRenderer` of one page: invokes through a {@link FakeIpcMain} as a given frame. */
export class FakeIpcRenderer extends FakeEmitter {
  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly webContents: FakeWebContents,
    /** The sending frame; defaults to the contents' main frame at call time. */
    private readonly frame: FakeWebFrameMain | null | undefined = undefined,
  ) {
    super();
    webContents.renderer = this;
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const senderFrame = this.frame === undefined ? this.webContents.mainFrame : this.frame;
    return this.ipcMain.invoke({ senderFrame, sender: this.webContents }, channel, ...args);
  }

  /** A message from main; listeners get `(IpcRendererEvent, ...args)` like in Electron. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}

/** `contextBridge`: records what was exposed; a key can be exposed once, as in Electron. */
export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(apiKey, api);
  }
}
