/**
 * What a host (Electron main or the web host) gets from the core: the handlers the router
 * calls, the event stream to forward to the renderer, and a way to shut down cleanly.
 */
import type { EventName, KioskEvents, KioskHandlers, SystemStatus } from '../ipc/contract.js';

export type CoreEventListener = <E extends EventName>(event: E, payload: KioskEvents[E]) => void;

export interface KioskCore {
  readonly handlers: KioskHandlers;
  /** Current status (ready or out of service, devices). */
  status(): SystemStatus;
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: CoreEventListener): () => void;
  /**
   * Problems a technician should read (bad configuration, unreadable database, device
   * faults), in plain words, never with personal data. Hosts print them at start.
   */
  diagnostics(): readonly string[];
  /**
   * Files an alarm for the technician from a host (e.g. the renderer watchdog gave up); plain
   * words, no personal data. Without a usable database it goes to the diagnostics only.
   */
  raiseAlarm(source: string, code: string, message: string): void;
  /**
   * A UVC document camera is configured: the renderer opens it with getUserMedia, so the
   * Electron host grants `media` (video only, own origin) — and nothing else (R-E5).
   */
  needsCameraPermission(): boolean;
  /** Closes devices and the database. Idempotent. */
  close(): Promise<void>;
}

export interface KioskCoreOptions {
  /** Folder for the database, printer output and configuration (KIOSK_DATA_DIR). */
  readonly dataDir: string;
  /** Folder with the bundled assets (categories, fonts). */
  readonly assetsDir: string;
  /** Injected clock for tests; defaults to `Date.now`. */
  readonly now?: () => number;
  /**
   * Seed demo cases and appointments for the specimen cards into an empty local platform
   * (`KIOSK_DEMO_DATA=1`); only honoured when the reader and scanner are simulated.
   */
  readonly seedDemoData?: boolean;
  /** The app's version, shown on the technician console. */
  readonly version?: string;
  /** The host restarts the terminal (the console's 立即重启); absent: the console asks for a manual restart. */
  readonly onRestartRequested?: () => void;
  /** After a disk failure, how often to try writing again (ms); default 15 s. */
  readonly storageProbeMs?: number;
}
