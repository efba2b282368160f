/**
 * Child process for the audit kill test: opens the kiosk database in the folder given as
 * the first argument and appends audit rows in a tight loop until it is killed, printing
 * `ack <seq>` after each COMMIT returned — the rows the parent may expect to survive.
 * Run as `node --import tsx tests/support/audit-writer.ts <dataDir> <name>`.
 */
import { AuditLog } from '../../electron/services/admin/audit-log.js';
import { openDatabase } from '../../electron/services/storage/database.js';

const [dataDir, name = 'writer'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: audit-writer.ts <dataDir> [name]');
const opened = openDatabase(dataDir);
if (!opened.ok) throw new Error(opened.error.message);
const audit = new AuditLog(opened.value);
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  // Details of varying length, so rows straddle page boundaries of the WAL.
  const detail = `${name} config change ${i % 1000} ${'x'.repeat((i * 37) % 450)}`;
  const row = audit.append({ at: Date.now(), actor: 'technician', event: 'config.changed', outcome: 'ok', detail });
  // Pipes are written synchronously on Linux, so the line is out before the next append.
  process.stdout.write(`ack ${row.seq}\n`);
}
