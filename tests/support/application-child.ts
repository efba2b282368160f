/**
 * A kiosk core that submits applications in a loop, for the kill -9 tests and the bench
 * (issue #6): `node application-child.mjs <dataDir> <itemCode> <count>` prints `READY`, then
 * `ACK <reference> <caseNumber|->` for each application the core acknowledged — the moment
 * the citizen would see "submitted" — and `DONE`. `count` 0 only starts the core so its
 * sync worker drains the outbox, and waits to be stopped. `KIOSK_FAILPOINTS` picks where
 * the process kills itself (electron/services/failpoints.ts).
 */
import type { IpcResult, MethodArgument, MethodName, MethodValues } from '../../electron/ipc/contract.js';
import { createKioskCore } from '../../electron/services/kiosk-core.js';
import { applyOnce } from './application-journey.js';
import { ASSETS_DIR } from './temp-dir.js';

const [dataDir, itemCode, countText] = process.argv.slice(2);
if (dataDir === undefined || itemCode === undefined) {
  console.error('usage: application-child <dataDir> <itemCode> <count>');
  process.exit(2);
}
const core = await createKioskCore({ dataDir, assetsDir: process.env['KIOSK_ASSETS_DIR'] ?? ASSETS_DIR });
if (core.status().mode !== 'ready') {
  console.log(`NOTREADY ${core.diagnostics().join('; ')}`);
  process.exit(1);
}
const caller = {
  call: <M extends MethodName>(method: M, arg: MethodArgument<M>) =>
    (core.handlers[method] as (a: MethodArgument<M>) => Promise<IpcResult<MethodValues[M]>>)(arg),
};
console.log('READY');
const count = Number(countText ?? '1');
if (count === 0) {
  process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
} else {
  for (let index = 0; index < count; index += 1) {
    const submitted = await applyOnce(caller, { itemCode });
    console.log(`ACK ${submitted.reference} ${submitted.caseNumber ?? '-'}`);
  }
  await core.close();
  console.log('DONE');
}
