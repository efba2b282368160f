import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'zhengwu-kiosk';

/**
 * The data folder: `KIOSK_DATA_DIR` when set, otherwise the platform's user-data folder —
 * the same place Electron's `app.getPath('userData')` points to, so both hosts share it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const fromEnv = env['KIOSK_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
    default:
      return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), APP_FOLDER_NAME);
  }
}
