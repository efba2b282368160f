/**
 * Builds the `http` platform adapter from the configuration. The bearer token is a secret,
 * so it is not in config.json (R-E9) but in `KIOSK_DATA_DIR/platform.token`, readable by the
 * kiosk user only; a missing or exposed token file leaves the adapter misconfigured — every
 * call answers so and the outbox waits — rather than stopping the terminal.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TerminalConfig } from '../config/terminal-config.js';
import { HttpPlatformAdapter } from './http-platform-adapter.js';
import type { PlatformAdapter } from './platform-adapter.js';

export const PLATFORM_TOKEN_FILE = 'platform.token';

/** The token, or a plain-words reason it cannot be used. */
export function readPlatformToken(dataDir: string): { token: string } | { problem: string } {
  const file = path.join(dataDir, PLATFORM_TOKEN_FILE);
  try {
    const stat = statSync(file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      return { problem: `${file} is readable by other users; chmod 600 it` };
    }
    const token = readFileSync(file, 'utf8').trim();
    return token.length === 0 ? { problem: `${file} is empty` } : { token };
  } catch (error) {
    return { problem: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function createPlatformAdapter(config: TerminalConfig, dataDir: string): { adapter: PlatformAdapter; problems: string[] } {
  const http = config.platform.http;
  const problems: string[] = [];
  const read = readPlatformToken(dataDir);
  if ('problem' in read) problems.push(`platform: ${read.problem}`);
  const adapter = new HttpPlatformAdapter({
    baseUrl: http?.baseUrl ?? '',
    terminalId: config.hall.terminalId,
    token: 'token' in read ? read.token : '',
    timeouts: { totalMs: http?.totalTimeoutMs ?? 8000 },
  });
  if (adapter.misconfiguration !== null) problems.push(`platform: ${adapter.misconfiguration.message}`);
  return { adapter, problems };
}
