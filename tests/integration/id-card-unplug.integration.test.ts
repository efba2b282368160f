import { afterEach, expect, it } from 'vitest';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it('goes offline on unplug, reconnects with backoff, checks the SAM and reads again', async () => {
  rig = await startIdCardReaderRig({}, { timings: { reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1_000 } });
  const { pty, reader, simulator, simulatorTransport } = rig;
  const firstRead = rig.nextCardRead();
  simulator.presentCard(simulatedCard('resident'));
  await firstRead;

  const powerOff = rig.nextUpdate('powerOff');
  const removed = rig.nextCardRemoved();
  const simulatorClosed = new Promise<void>((resolve) => simulatorTransport.onClose(() => resolve()));
  await pty.kill();
  await powerOff;
  await removed;
  await simulatorClosed;
  expect(reader.condition).toBe('powerOff');
  expect(await reader.readSamId()).toMatchObject({ ok: false, error: { code: 'offline' } });

  // Replug: same link names, the card still on the reader (fresh to the rebooted module).
  const powerOn = rig.nextUpdate('powerOn', 15_000);
  const secondRead = rig.nextCardRead(15_000);
  await pty.restart();
  const beforeReplug = simulator.received.length;
  await simulatorTransport.open();
  await powerOn;
  expect(simulator.received[beforeReplug]?.command).toBe('samStatus');
  expect((await secondRead).text.cardType).toBe('resident');
  expect(reader.condition).toBe('online');
  expect(rig.reads).toHaveLength(2);
});
