/**
 * Child process for the config kill test: in the data folder given as the first argument,
 * binds the ID-card reader to alternating ports through the console's own writer (validate,
 * temp file, fsync, rename) in a tight loop until killed, printing `ack <n>` after each
 * write returned. Run as `node --import tsx tests/support/config-writer.ts <dataDir>`.
 */
import { bindDevice } from '../../electron/services/console/console-config.js';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: config-writer.ts <dataDir>');
process.stdout.write('ready\n');
for (let i = 1; ; i += 1) {
  // Paths of varying length, so the file's size changes from write to write.
  const written = bindDevice(dataDir, 'idCardReader', { type: 'serial', path: `/dev/ttyUSB${i % 7}${'/x'.repeat(i % 40)}`, baudRate: 115200 });
  if (!written.ok) throw new Error(written.error.join('; '));
  process.stdout.write(`ack ${i}\n`);
}
