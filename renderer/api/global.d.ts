/// <reference types="vite/client" />
import type { KioskApi } from '../../electron/ipc/contract';
import type { FakeKioskControl } from './fake-kiosk';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host, where main.tsx connects instead. */
    readonly kiosk?: KioskApi;
    /** Dev build (`--mode fake`) only: drives the fake kiosk from scripts and the console. */
    fakeKiosk?: FakeKioskControl;
  }
}
