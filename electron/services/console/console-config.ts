/**
 * What the technician console changes in `config.json` (issue #8): a device binding, or the
 * hall settings. Every change is made on the file's own JSON (so keys the console does not
 * know survive), checked by the same schema the terminal starts with — the technician reads
 * each problem in plain words, naming the field — and written atomically (temp file, fsync,
 * rename; R-D6). The running terminal keeps its configuration until it restarts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BindableDevice, HallSettings } from '../../ipc/contract.js';
import { writeFileAtomic } from '../config/atomic-file.js';
import { CONFIG_FILE, parseConfigText, type TerminalConfig } from '../config/terminal-config.js';
import { err, ok, type Result } from '../../../hardware/result.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's JSON, or a fresh configuration when there is no file yet. */
function readRaw(dataDir: string): Result<Json, string[]> {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return ok({ version: 1 });
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
    return isObject(json) ? ok(json) : err([`${CONFIG_FILE} is not a JSON object`]);
  } catch (error) {
    // A broken file is replaced by a whole new one only from a known state: refuse.
    return err([`${CONFIG_FILE} cannot be read (${error instanceof Error ? error.message : String(error)}); fix or remove it first`]);
  }
}

/** Checks `json` with the terminal's schema and writes it; the problems name the fields. */
function validateAndWrite(dataDir: string, json: Json): Result<TerminalConfig, string[]> {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const parsed = parseConfigText(text);
  if (!parsed.ok) return parsed;
  writeFileAtomic(path.join(dataDir, CONFIG_FILE), text);
  return parsed;
}

/** Binds `device` to `transport` (e.g. `{type:'serial', path:'/dev/ttyUSB0', baudRate:115200}`), other keys of the device kept. */
export function bindDevice(dataDir: string, device: BindableDevice, transport: Readonly<Json>): Result<TerminalConfig, string[]> {
  const raw = readRaw(dataDir);
  if (!raw.ok) return raw;
  const devices = isObject(raw.value['devices']) ? { ...raw.value['devices'] } : {};
  const current = isObject(devices[device]) ? devices[device] : {};
  devices[device] = { ...current, transport: { ...transport } };
  return validateAndWrite(dataDir, { ...raw.value, devices });
}

/** Removes the binding: the device falls back to its default (simulated, or none). */
export function unbindDevice(dataDir: string, device: BindableDevice): Result<TerminalConfig, string[]> {
  const raw = readRaw(dataDir);
  if (!raw.ok) return raw;
  const devices = isObject(raw.value['devices']) ? { ...raw.value['devices'] } : {};
  delete devices[device];
  return validateAndWrite(dataDir, { ...raw.value, devices });
}

export function hallSettingsOf(config: TerminalConfig): HallSettings {
  return {
    hallName: config.hall.name,
    terminalId: config.hall.terminalId,
    idleTimeoutSeconds: config.idle.timeoutSeconds,
    idleCountdownSeconds: config.idle.countdownSeconds,
    platformAdapter: config.platform.adapter,
    platformBaseUrl: config.platform.http?.baseUrl ?? null,
    publicBaseUrl: config.platform.publicBaseUrl,
    retentionDays: config.platform.retentionDays,
  };
}

/** Writes the hall settings into config.json; problems name the settings' own fields. */
export function saveHallSettings(dataDir: string, settings: HallSettings): Result<TerminalConfig, string[]> {
  const raw = readRaw(dataDir);
  if (!raw.ok) return raw;
  const section = (key: string): Json => (isObject(raw.value[key]) ? { ...raw.value[key] } : {});
  const hall = { ...section('hall'), name: settings.hallName, terminalId: settings.terminalId };
  const idle = { ...section('idle'), timeoutSeconds: settings.idleTimeoutSeconds, countdownSeconds: settings.idleCountdownSeconds };
  const platform: Json = {
    ...section('platform'),
    adapter: settings.platformAdapter,
    publicBaseUrl: settings.publicBaseUrl,
    retentionDays: settings.retentionDays,
  };
  const http = isObject(platform['http']) ? { ...platform['http'] } : {};
  if (settings.platformBaseUrl === null || settings.platformBaseUrl === '') delete platform['http'];
  else platform['http'] = { ...http, baseUrl: settings.platformBaseUrl };
  const written = validateAndWrite(dataDir, { ...raw.value, hall, idle, platform });
  if (written.ok) return written;
  return err(written.error.map(settingsWords));
}

const FIELD_NAMES: readonly (readonly [string, string])[] = [
  ['hall.name', '大厅名称'],
  ['hall.terminalId', '终端编号'],
  ['idle.timeoutSeconds', '无操作等待秒数'],
  ['idle.countdownSeconds', '倒计时秒数'],
  ['platform.http.baseUrl', '平台地址'],
  ['platform.publicBaseUrl', '二维码链接地址'],
  ['platform.retentionDays', '数据保留天数'],
  ['platform', '平台设置'],
];

/** "hall.name: Too small…" → "大厅名称（hall.name）：Too small…". */
function settingsWords(problem: string): string {
  const match = FIELD_NAMES.find(([field]) => problem.startsWith(`${field}:`));
  return match === undefined ? problem : `${match[1]}（${match[0]}）：${problem.slice(match[0].length + 1).trim()}`;
}
