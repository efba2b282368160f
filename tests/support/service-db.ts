/** A fresh migrated kiosk database in a temp folder, for service tests. */
import { type KioskDatabase, openDatabase } from '../../electron/services/storage/database.js';
import { makeTempDir } from './temp-dir.js';

export interface ServiceDb {
  readonly db: KioskDatabase;
  readonly dir: string;
  close(): void;
}

export function openServiceDb(): ServiceDb {
  const dir = makeTempDir();
  const opened = openDatabase(dir.path);
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  return {
    db,
    dir: dir.path,
    close: () => {
      if (db.open) db.close();
      dir.remove();
    },
  };
}
