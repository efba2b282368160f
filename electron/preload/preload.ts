/**
 * The sandboxed preload: exposes `window.kiosk` and nothing else (R-E6). Bundled into one
 * CommonJS file by scripts/build-electron.ts, since a sandboxed preload can only `require`
 * `electron` and a few built-ins.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeKioskApi } from './expose.js';

exposeKioskApi(contextBridge, ipcRenderer);
