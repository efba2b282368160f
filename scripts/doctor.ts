/**
 * `npm run doctor -- <command>`: entry point of the technician CLI. The hardware commands
 * live in hardware/cli/doctor.ts; commands that need the services (catalog, platform, and
 * test and status, which use the privacy mask and the terminal configuration) join them
 * here.
 */
import { COMMANDS, type DoctorIo, runDoctor } from '../hardware/cli/doctor.js';
import { CATALOG_COMMAND } from '../electron/services/catalogue/catalogue-cli.js';
import { PLATFORM_COMMAND } from '../electron/services/platform/platform-cli.js';
import { DEVICE_TEST_COMMAND } from '../electron/services/diagnostics/device-test-cli.js';
import { STATUS_COMMAND } from '../electron/services/diagnostics/status-cli.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const io: DoctorIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readAll(process.stdin),
};
process.exitCode = await runDoctor(process.argv.slice(2), io, {
  ...COMMANDS,
  test: DEVICE_TEST_COMMAND,
  status: STATUS_COMMAND,
  catalog: CATALOG_COMMAND,
  platform: PLATFORM_COMMAND,
});
